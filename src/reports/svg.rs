//! Charts for the HTML report, drawn as inline SVG: a radar of areas (level against the
//! requirement), a bar per required skill shaded by how likely each level is, a readiness
//! histogram for a cohort and the study plan as a timeline.
//!
//! Colours come from the Okabe–Ito palette (told apart with the common colour-vision
//! deficiencies), and nothing is told by colour alone: verdicts also have a pattern and a label,
//! met and not met a glyph and words. Labels are wrapped, never cut. The geometry (points,
//! widths, bins, ticks, wrapping) is kept in small pure functions so it can be tested; every
//! text that comes from input files goes through [`escape`]. Each chart has a `<title>` and a
//! `<desc>` so a screen reader gets the figures, not only the picture.

use std::fmt::Write as _;

use super::certainty::{MetBand, met_phrase, percent};
use super::html::escape;
use crate::estimate::level_name;

/// The top of the level scale (4, expert).
pub const MAX_LEVEL: f64 = 4.0;

/// Okabe–Ito colours, shared with the page's CSS so the legends match.
const BLUE: &str = "#0072B2";
const VERMILLION: &str = "#D55E00";
const ORANGE: &str = "#E69F00";
const BLUISH_GREEN: &str = "#009E73";
const CANDIDATE_COLOUR: &str = BLUE;
/// The requirement: dark and dashed, so it reads without colour.
const REQUIRED_COLOUR: &str = "#000000";
const GRID_COLOUR: &str = "#cbd5e1";
const TEXT_COLOUR: &str = "#1e293b";
const MUTED_COLOUR: &str = "#475569";
const TRACK_COLOUR: &str = "#f1f5f9";
/// About how wide a character of the 13 px sans-serif labels is, to wrap them.
const CHAR_WIDTH_13: f64 = 7.2;

/// A white outline drawn under a text, so it stays readable over lines and shapes.
const HALO: &str =
    r##"stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke""##;

/// `text` broken at spaces into lines of at most `max` characters; a word longer than a line is
/// split, never cut short. Always at least one line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A `<text>` of `lines` (escaped), the first line's baseline at `y`, `height` apart.
fn multiline_text(x: f64, y: f64, height: f64, attributes: &str, lines: &[String]) -> String {
    let mut text = format!(r#"<text x="{x:.1}" y="{y:.1}" {attributes}>"#);
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { height };
        let _ = write!(
            text,
            r#"<tspan x="{x:.1}" dy="{dy}">{}</tspan>"#,
            escape(line)
        );
    }
    text.push_str("</text>");
    text
}

/// Round numbers for an axis from 0 to at least `max`: at least three ticks (0 and two more),
/// steps of 1, 2 or 5 times a power of ten, at most about six.
pub fn nice_ticks(max: f64) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    // Whole counts on a count axis: never a step below one when the maximum is a count.
    let step = if max >= 1.0 { step.max(1.0) } else { step };
    let top = ((max / step).ceil()).max(2.0);
    (0..=top as usize).map(|i| i as f64 * step).collect()
}

/// A pattern per verdict (not yet: hatched, nearly: dotted, ready: solid), so the bars differ
/// without colour; ids are prefixed with the chart's id to stay unique in the page.
fn verdict_patterns(id: &str) -> String {
    let id = escape(id);
    format!(
        r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{VERMILLION}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.5"/></pattern><pattern id="{id}-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{ORANGE}"/><circle cx="3" cy="3" r="1.4" fill="#000000"/></pattern></defs>"##
    )
}

/// The fill of verdict `index` (0 not yet, 1 nearly, 2 ready) in a chart with [`verdict_patterns`].
fn verdict_fill(id: &str, index: usize) -> String {
    match index {
        0 => format!("url(#{}-hatch)", escape(id)),
        1 => format!("url(#{}-dots)", escape(id)),
        _ => BLUISH_GREEN.to_string(),
    }
}

/// One axis of the radar: an area, the candidate's level and the level the template asks for,
/// both on the 0–4 scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub label: String,
    pub candidate: f64,
    pub required: f64,
}

/// A point of the radar: axis `index` of `count`, the first pointing up, then clockwise;
/// `level` 0 is the centre and [`MAX_LEVEL`] is `radius` away from it.
pub fn radar_point(
    index: usize,
    count: usize,
    level: f64,
    centre: (f64, f64),
    radius: f64,
) -> (f64, f64) {
    let angle = std::f64::consts::TAU * index as f64 / count.max(1) as f64;
    let distance = radius * level.clamp(0.0, MAX_LEVEL) / MAX_LEVEL;
    (
        centre.0 + distance * angle.sin(),
        centre.1 - distance * angle.cos(),
    )
}

/// The `points` attribute of a polygon through each axis at `level_of(axis)`.
fn polygon_points(axes: &[Axis], level_of: impl Fn(&Axis) -> f64, radar: &RadarFrame) -> String {
    axes.iter()
        .enumerate()
        .map(|(i, axis)| {
            let (x, y) = radar_point(i, axes.len(), level_of(axis), radar.centre, radar.radius);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where the radar sits in its view box.
struct RadarFrame {
    centre: (f64, f64),
    radius: f64,
}

const RADAR_WIDTH: f64 = 620.0;
const RADAR_HEIGHT: f64 = 470.0;
/// Characters per line of an area's name around the radar.
const RADAR_LABEL_CHARS: usize = 16;

/// The radar chart of `axes` (at least three make a shape; fewer are drawn as spokes).
/// `id` makes the title's id unique in the page.
pub fn radar(id: &str, title: &str, axes: &[Axis]) -> String {
    let frame = RadarFrame {
        centre: (RADAR_WIDTH / 2.0, 215.0),
        radius: 150.0,
    };
    let mut svg = open_svg(
        "radar",
        id,
        RADAR_WIDTH,
        RADAR_HEIGHT,
        title,
        &radar_description(axes),
    );
    let count = axes.len();
    let rings = count.max(3);
    for level in 1..=4u8 {
        let ring: Vec<String> = (0..rings)
            .map(|i| {
                let (x, y) = radar_point(i, rings, f64::from(level), frame.centre, frame.radius);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r#"<polygon class="grid" points="{}" fill="none" stroke="{GRID_COLOUR}"/>"#,
            ring.join(" ")
        );
    }
    for (i, axis) in axes.iter().enumerate() {
        let (x, y) = radar_point(i, count, MAX_LEVEL, frame.centre, frame.radius);
        let _ = write!(
            svg,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{x:.1}" y2="{y:.1}" stroke="{GRID_COLOUR}"/>"#,
            frame.centre.0, frame.centre.1
        );
        let (lx, ly) = radar_point(i, count, MAX_LEVEL, frame.centre, frame.radius + 18.0);
        let anchor = if (lx - frame.centre.0).abs() < 1.0 {
            "middle"
        } else if lx > frame.centre.0 {
            "start"
        } else {
            "end"
        };
        let lines = wrap(&axis.label, RADAR_LABEL_CHARS);
        // Labels above the centre grow upwards, those below downwards, so none covers the rings.
        let first_y = if ly < frame.centre.1 - 1.0 {
            ly + 4.0 - 15.0 * (lines.len() as f64 - 1.0)
        } else {
            ly + 4.0
        };
        svg.push_str(&multiline_text(
            lx,
            first_y,
            15.0,
            &format!(
                r#"class="axis-label" text-anchor="{anchor}" font-size="13" fill="{TEXT_COLOUR}""#
            ),
            &lines,
        ));
    }
    let _ = write!(
        svg,
        r#"<polygon class="required" points="{}" fill="{REQUIRED_COLOUR}" fill-opacity="0.04" stroke="{REQUIRED_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>"#,
        polygon_points(axes, |a| a.required, &frame)
    );
    let _ = write!(
        svg,
        r#"<polygon class="candidate" points="{}" fill="{CANDIDATE_COLOUR}" fill-opacity="0.25" stroke="{CANDIDATE_COLOUR}" stroke-width="2"/>"#,
        polygon_points(axes, |a| a.candidate, &frame)
    );
    for (i, axis) in axes.iter().enumerate() {
        let (x, y) = radar_point(i, count, axis.candidate, frame.centre, frame.radius);
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{CANDIDATE_COLOUR}"/>"#
        );
    }
    // The ring labels last, on a white outline, so no polygon covers them.
    for level in 1..=4u8 {
        let (x, y) = radar_point(0, 1, f64::from(level), frame.centre, frame.radius);
        let _ = write!(
            svg,
            r#"<text class="level-label" x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{MUTED_COLOUR}" {HALO}>{level} {}</text>"#,
            x - 5.0,
            y + 4.0,
            level_name(level)
        );
    }
    legend(
        &mut svg,
        RADAR_HEIGHT - 20.0,
        &[
            LegendEntry::Line(CANDIDATE_COLOUR, "none", "Your level (most probable)"),
            LegendEntry::Line(REQUIRED_COLOUR, "6 4", "Required by the template"),
        ],
    );
    svg.push_str("</svg>");
    svg
}

fn radar_description(axes: &[Axis]) -> String {
    let parts: Vec<String> = axes
        .iter()
        .map(|a| {
            format!(
                "{}: level {:.1} of {:.1} required",
                a.label, a.candidate, a.required
            )
        })
        .collect();
    format!("Levels by area, 0 to 4. {}.", parts.join("; "))
}

/// One entry of a legend.
enum LegendEntry<'a> {
    /// A line: colour, dash pattern ("none" for solid), label.
    Line(&'a str, &'a str, &'a str),
    /// A filled box: fill (a colour or a pattern's `url(#…)`), label.
    Swatch(String, &'a str),
}

/// A line of legend entries at height `y`, in a `<g class="legend">`.
fn legend(svg: &mut String, y: f64, entries: &[LegendEntry<'_>]) {
    let mut x = 20.0;
    svg.push_str(r#"<g class="legend">"#);
    for entry in entries {
        let label = match entry {
            LegendEntry::Line(colour, dash, label) => {
                let _ = write!(
                    svg,
                    r#"<line x1="{x}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/>"#,
                    x + 24.0,
                );
                label
            }
            LegendEntry::Swatch(fill, label) => {
                let _ = write!(
                    svg,
                    r#"<rect x="{x}" y="{}" width="24" height="12" fill="{fill}" stroke="{TEXT_COLOUR}" stroke-width="0.75"/>"#,
                    y - 6.0,
                );
                label
            }
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="12" fill="{TEXT_COLOUR}">{}</text>"#,
            x + 30.0,
            y + 4.0,
            escape(label)
        );
        x += 44.0 + 6.6 * label.chars().count() as f64;
    }
    svg.push_str("</g>");
}

fn open_svg(class: &str, id: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
    let id = escape(id);
    format!(
        r#"<svg class="{class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    )
}

/// One bar: a required skill, how likely each level is, and the level required.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// P(level = 0..4). Results of version 1 have none: the most probable level is then drawn
    /// as certain.
    pub probabilities: Option<[f64; 5]>,
    /// The most probable level; `None` when the skill was not assessed.
    pub current: Option<u8>,
    pub required: u8,
    /// The probability that the requirement is met.
    pub p_met: f64,
}

impl Bar {
    /// The probability of each level: the results' own, or all on the most probable level.
    pub fn shares(&self) -> [f64; 5] {
        if let Some(p) = self.probabilities {
            return p.map(|v| {
                if v.is_finite() {
                    v.clamp(0.0, 1.0)
                } else {
                    0.0
                }
            });
        }
        let mut shares = [0.0; 5];
        if let Some(level) = self.current {
            shares[usize::from(level.min(4))] = 1.0;
        }
        shares
    }
}

const BAR_LABEL_WIDTH: f64 = 250.0;
/// One cell per level, 0 to 4.
const BAR_CELL: f64 = 68.0;
const BAR_TRACK: f64 = 5.0 * BAR_CELL;
const BAR_STATUS_WIDTH: f64 = 230.0;
const BAR_WIDTH_TOTAL: f64 = BAR_LABEL_WIDTH + BAR_TRACK + BAR_STATUS_WIDTH;
const BAR_HEIGHT: f64 = 20.0;
const LINE_HEIGHT: f64 = 15.0;
/// Characters per line of a skill's name left of its bar.
const BAR_LABEL_CHARS: usize = ((BAR_LABEL_WIDTH - 16.0) / CHAR_WIDTH_13) as usize;

/// The glyph that says met, unclear or not met without colour.
fn band_glyph(band: MetBand) -> &'static str {
    match band {
        MetBand::Met | MetBand::ProbablyMet => "✓",
        MetBand::Unclear => "?",
        MetBand::ProbablyNotMet | MetBand::NotMet => "✗",
    }
}

/// A bar per required skill: five cells, one per level, each shaded by how likely that level is
/// (the percentage written in it when 10 % or more); the required level marked by a dashed line
/// at its left edge; how sure the requirement is met in words on the right.
pub fn skill_bars(id: &str, title: &str, bars: &[Bar]) -> String {
    let top = 34.0;
    let rows: Vec<(Vec<String>, f64)> = bars
        .iter()
        .map(|b| {
            let lines = wrap(&b.label, BAR_LABEL_CHARS);
            let height = (LINE_HEIGHT * lines.len() as f64 + 10.0).max(30.0);
            (lines, height)
        })
        .collect();
    let axis_y = top + rows.iter().map(|r| r.1).sum::<f64>() + 2.0;
    let height = axis_y + 86.0;
    let desc: Vec<String> = bars
        .iter()
        .map(|b| {
            let shares = b.shares();
            let levels: Vec<String> = (0..5)
                .map(|l| format!("{} {}", level_name(l as u8), percent(shares[l])))
                .collect();
            let assessed = if b.current.is_none() {
                ", not assessed"
            } else {
                ""
            };
            format!(
                "{}: level {} required, {}{assessed}; {}",
                b.label,
                b.required,
                met_phrase(b.p_met),
                levels.join(", ")
            )
        })
        .collect();
    let mut svg = open_svg(
        "skill-bars",
        id,
        BAR_WIDTH_TOTAL,
        height,
        title,
        &desc.join(". "),
    );
    let _ = write!(
        svg,
        r#"<text class="axis-title" x="{:.1}" y="14" text-anchor="middle" font-size="12" fill="{TEXT_COLOUR}">Chance of each level</text><text class="axis-title" x="{:.1}" y="14" font-size="12" fill="{TEXT_COLOUR}">Requirement</text>"#,
        BAR_LABEL_WIDTH + BAR_TRACK / 2.0,
        BAR_LABEL_WIDTH + BAR_TRACK + 12.0,
    );
    for level in 0..=5u8 {
        let x = BAR_LABEL_WIDTH + BAR_CELL * f64::from(level);
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{axis_y}" stroke="{GRID_COLOUR}"/>"#,
            top - 4.0
        );
    }
    for level in 0..=4u8 {
        let x = BAR_LABEL_WIDTH + BAR_CELL * (f64::from(level) + 0.5);
        let _ = write!(
            svg,
            r#"<text class="x-tick" x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{MUTED_COLOUR}"><tspan x="{x:.1}">{level}</tspan><tspan x="{x:.1}" dy="13">{}</tspan></text>"#,
            axis_y + 14.0,
            level_name(level)
        );
    }
    let mut y = top;
    for (bar, (lines, row_height)) in bars.iter().zip(&rows) {
        skill_bar(&mut svg, y, *row_height, bar, lines);
        y += row_height;
    }
    bars_legend(&mut svg, height - 22.0);
    svg.push_str("</svg>");
    svg
}

/// The shading scale and the requirement's mark.
fn bars_legend(svg: &mut String, y: f64) {
    let _ = write!(
        svg,
        r#"<g class="legend"><text x="20" y="{:.1}" font-size="12" fill="{TEXT_COLOUR}">Shade = chance of the level:</text>"#,
        y + 4.0
    );
    let mut x = 196.0;
    for p in [0.1, 0.3, 0.5, 0.7, 0.9] {
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{:.1}" width="34" height="14" fill="{CANDIDATE_COLOUR}" fill-opacity="{p}" stroke="{GRID_COLOUR}"/><text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="{TEXT_COLOUR}" {HALO}>{:.0}%</text>"#,
            y - 7.0,
            x + 17.0,
            y + 4.0,
            p * 100.0
        );
        x += 36.0;
    }
    let _ = write!(
        svg,
        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{REQUIRED_COLOUR}" stroke-width="3" stroke-dasharray="4 3"/><text x="{:.1}" y="{:.1}" font-size="12" fill="{TEXT_COLOUR}">Required level starts here · ✓ met, ? unclear, ✗ not met</text></g>"#,
        x + 14.0,
        y - 9.0,
        x + 14.0,
        y + 9.0,
        x + 22.0,
        y + 4.0
    );
}

fn skill_bar(svg: &mut String, y: f64, row_height: f64, bar: &Bar, lines: &[String]) {
    let shares = bar.shares();
    let band = MetBand::of(bar.p_met);
    let bar_y = y + (row_height - BAR_HEIGHT) / 2.0;
    let label_y = y + (row_height - LINE_HEIGHT * (lines.len() as f64 - 1.0)) / 2.0 + 4.0;
    let _ = write!(
        svg,
        r#"<g class="skill-bar" data-met="{}" data-p-met="{:.3}">"#,
        band.leans_met(),
        bar.p_met
    );
    svg.push_str(&multiline_text(
        BAR_LABEL_WIDTH - 10.0,
        label_y,
        LINE_HEIGHT,
        &format!(r#"class="bar-label" text-anchor="end" font-size="13" fill="{TEXT_COLOUR}""#),
        lines,
    ));
    let _ = write!(
        svg,
        r#"<rect x="{BAR_LABEL_WIDTH}" y="{bar_y:.1}" width="{BAR_TRACK}" height="{BAR_HEIGHT}" fill="{TRACK_COLOUR}"/>"#
    );
    for (level, share) in shares.iter().enumerate() {
        let x = BAR_LABEL_WIDTH + BAR_CELL * level as f64;
        let _ = write!(
            svg,
            r#"<rect class="level-shade" data-level="{level}" x="{x:.1}" y="{bar_y:.1}" width="{BAR_CELL}" height="{BAR_HEIGHT}" fill="{CANDIDATE_COLOUR}" fill-opacity="{share:.3}"><title>{}: {}</title></rect>"#,
            level_name(level as u8),
            percent(*share)
        );
        if *share >= 0.1 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}" {HALO}>{:.0}%</text>"#,
                x + BAR_CELL / 2.0,
                bar_y + 14.0,
                share * 100.0
            );
        }
    }
    let required_x = BAR_LABEL_WIDTH + BAR_CELL * f64::from(bar.required.min(4));
    let mut status = format!("{} {}", band_glyph(band), met_phrase(bar.p_met));
    if bar.current.is_none() {
        status.push_str(", not assessed");
    }
    let _ = write!(
        svg,
        r#"<line class="requirement" x1="{required_x:.1}" y1="{:.1}" x2="{required_x:.1}" y2="{:.1}" stroke="{REQUIRED_COLOUR}" stroke-width="3" stroke-dasharray="4 3"/>"#,
        bar_y - 4.0,
        bar_y + BAR_HEIGHT + 4.0,
    );
    let status_lines = wrap(&status, ((BAR_STATUS_WIDTH - 16.0) / 6.6) as usize);
    let status_y = y + (row_height - LINE_HEIGHT * (status_lines.len() as f64 - 1.0)) / 2.0 + 4.0;
    svg.push_str(&multiline_text(
        BAR_LABEL_WIDTH + BAR_TRACK + 12.0,
        status_y,
        LINE_HEIGHT,
        &format!(r#"class="status" font-size="12" fill="{TEXT_COLOUR}""#),
        &status_lines,
    ));
    svg.push_str("</g>");
}

/// Readiness bins of ten points (the last holds 90–100), each counting not-yet, nearly and
/// ready candidates, in that order.
pub type Bins = [[usize; 3]; 10];

/// Puts a readiness (0–100) and its verdict index (0 not yet, 1 nearly, 2 ready) in its bin.
pub fn add_to_bins(bins: &mut Bins, readiness: f64, verdict: usize) {
    let bin = (readiness.clamp(0.0, 100.0) / 10.0).floor() as usize;
    bins[bin.min(9)][verdict.min(2)] += 1;
}

const VERDICT_NAMES: [&str; 3] = ["not yet", "nearly", "ready"];
const HISTOGRAM_LEFT: f64 = 70.0;
const HISTOGRAM_PLOT_WIDTH: f64 = 600.0;
const HISTOGRAM_PLOT_HEIGHT: f64 = 200.0;

/// A histogram of readiness, the bars stacked by verdict (each with its pattern and its count
/// written in it), with axes, ticks and titles and the 60 % and 80 % thresholds.
pub fn readiness_histogram(id: &str, title: &str, bins: &Bins) -> String {
    let tallest = bins
        .iter()
        .map(|b| b.iter().sum::<usize>())
        .max()
        .unwrap_or(0);
    let ticks = nice_ticks(tallest as f64);
    let axis_max = ticks.last().copied().unwrap_or(1.0).max(1.0);
    let top = 28.0;
    let base = top + HISTOGRAM_PLOT_HEIGHT;
    let totals: Vec<usize> = (0..3).map(|v| bins.iter().map(|b| b[v]).sum()).collect();
    let desc = format!(
        "Candidates by readiness, in bins of ten points: {}. {} not yet, {} nearly, {} ready.",
        bins.iter()
            .enumerate()
            .map(|(i, b)| format!("{}–{}%: {}", i * 10, i * 10 + 10, b.iter().sum::<usize>()))
            .collect::<Vec<_>>()
            .join(", "),
        totals[0],
        totals[1],
        totals[2]
    );
    let width = HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH + 30.0;
    let height = base + 90.0;
    let right = HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH;
    let mut svg = open_svg("histogram", id, width, height, title, &desc);
    svg.push_str(&verdict_patterns(id));
    let bin_width = HISTOGRAM_PLOT_WIDTH / 10.0;
    let unit = HISTOGRAM_PLOT_HEIGHT / axis_max;
    // The y axis: a tick, a label and a grid line per count.
    for tick in &ticks {
        let y = base - unit * tick;
        let _ = write!(
            svg,
            r#"<line x1="{HISTOGRAM_LEFT}" y1="{y:.1}" x2="{right:.1}" y2="{y:.1}" stroke="{GRID_COLOUR}"/><line x1="{:.1}" y1="{y:.1}" x2="{HISTOGRAM_LEFT}" y2="{y:.1}" stroke="{TEXT_COLOUR}"/><text class="y-tick" x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{MUTED_COLOUR}">{tick}</text>"#,
            HISTOGRAM_LEFT - 5.0,
            HISTOGRAM_LEFT - 8.0,
            y + 4.0,
        );
    }
    let _ = write!(
        svg,
        r#"<line x1="{HISTOGRAM_LEFT}" y1="{top}" x2="{HISTOGRAM_LEFT}" y2="{base}" stroke="{TEXT_COLOUR}"/><line x1="{HISTOGRAM_LEFT}" y1="{base}" x2="{right:.1}" y2="{base}" stroke="{TEXT_COLOUR}"/><text class="axis-title" transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle" font-size="12" fill="{TEXT_COLOUR}">Candidates</text><text class="axis-title" x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="{TEXT_COLOUR}">Readiness (%)</text>"#,
        top + HISTOGRAM_PLOT_HEIGHT / 2.0,
        HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH / 2.0,
        base + 36.0,
    );
    for (i, bin) in bins.iter().enumerate() {
        let x = HISTOGRAM_LEFT + bin_width * i as f64;
        let mut y = base;
        for (verdict, count) in bin.iter().enumerate().filter(|(_, c)| **c > 0) {
            let h = unit * *count as f64;
            y -= h;
            let _ = write!(
                svg,
                r#"<rect class="bin" data-verdict="{}" x="{:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}" stroke="{TEXT_COLOUR}" stroke-width="0.75"><title>{}–{}%: {count} {}</title></rect>"#,
                VERDICT_NAMES[verdict],
                x + 3.0,
                bin_width - 6.0,
                verdict_fill(id, verdict),
                i * 10,
                i * 10 + 10,
                VERDICT_NAMES[verdict]
            );
            if h >= 16.0 {
                let _ = write!(
                    svg,
                    r#"<text class="bin-count" x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}" {HALO}>{count}</text>"#,
                    x + bin_width / 2.0,
                    y + h / 2.0 + 4.0
                );
            }
        }
    }
    for i in 0..=10usize {
        let x = HISTOGRAM_LEFT + bin_width * i as f64;
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{base}" x2="{x:.1}" y2="{:.1}" stroke="{TEXT_COLOUR}"/><text class="x-tick" x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{MUTED_COLOUR}">{}</text>"#,
            base + 5.0,
            base + 18.0,
            i * 10
        );
    }
    for (threshold, label) in [(60.0, "nearly ≥ 60"), (80.0, "ready ≥ 80")] {
        let x = HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH * threshold / 100.0;
        let _ = write!(
            svg,
            r#"<line class="threshold" x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{base}" stroke="{TEXT_COLOUR}" stroke-dasharray="3 3"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}">{label}</text>"#,
            top - 10.0
        );
    }
    let labels: Vec<String> = (0..3)
        .map(|v| format!("{} ({})", VERDICT_NAMES[v], totals[v]))
        .collect();
    legend(
        &mut svg,
        height - 18.0,
        &[
            LegendEntry::Swatch(verdict_fill(id, 0), &labels[0]),
            LegendEntry::Swatch(verdict_fill(id, 1), &labels[1]),
            LegendEntry::Swatch(verdict_fill(id, 2), &labels[2]),
        ],
    );
    svg.push_str("</svg>");
    svg
}

/// One row of the study plan's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    /// 1-based weeks, both included.
    pub start_week: u32,
    pub end_week: u32,
    pub hours: f64,
    /// The answers leave it unclear: drawn apart, hatched, with the command that measures it.
    pub measure_first: bool,
    /// Shown right of the bar ("30 h", "measure first: skillgap assess --skill sql").
    pub note: String,
}

const TIMELINE_LABEL_WIDTH: f64 = 250.0;
const TIMELINE_PLOT_WIDTH: f64 = 560.0;
const TIMELINE_NOTE_WIDTH: f64 = 90.0;

/// The study plan as a timeline: weeks on the x axis, one bar per step, in order. Steps to
/// measure first come apart, above the others, hatched and labelled.
pub fn timeline(id: &str, title: &str, weeks: u32, rows: &[TimelineRow]) -> String {
    let weeks = rows
        .iter()
        .map(|r| r.end_week)
        .max()
        .unwrap_or(0)
        .max(weeks)
        .max(1);
    let measure: Vec<&TimelineRow> = rows.iter().filter(|r| r.measure_first).collect();
    let study: Vec<&TimelineRow> = rows.iter().filter(|r| !r.measure_first).collect();
    let layout = |rows: &[&TimelineRow]| -> Vec<(Vec<String>, f64)> {
        rows.iter()
            .map(|r| {
                let lines = wrap(&r.label, BAR_LABEL_CHARS);
                let height = (LINE_HEIGHT * lines.len() as f64 + 8.0).max(26.0);
                (lines, height)
            })
            .collect()
    };
    let measure_layout = layout(&measure);
    let study_layout = layout(&study);
    let group_gap = 26.0;
    let top = 30.0;
    let measure_height: f64 = measure_layout.iter().map(|r| r.1).sum();
    let study_top = if measure.is_empty() {
        top
    } else {
        top + measure_height + group_gap
    };
    let base = study_top + study_layout.iter().map(|r| r.1).sum::<f64>() + 4.0;
    let width = TIMELINE_LABEL_WIDTH + TIMELINE_PLOT_WIDTH + TIMELINE_NOTE_WIDTH;
    let height = base + 80.0;
    let desc: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{}: weeks {} to {}, {}",
                r.label, r.start_week, r.end_week, r.note
            )
        })
        .collect();
    let mut svg = open_svg("timeline", id, width, height, title, &desc.join("; "));
    let _ = write!(
        svg,
        r##"<defs><pattern id="{}-measure" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{ORANGE}" stroke-width="3"/></pattern></defs>"##,
        escape(id)
    );
    let unit = TIMELINE_PLOT_WIDTH / f64::from(weeks);
    let x_of = |week: f64| TIMELINE_LABEL_WIDTH + unit * week;
    let ticks = nice_ticks(f64::from(weeks));
    for tick in &ticks {
        if *tick > f64::from(weeks) + 1e-9 {
            continue;
        }
        let x = x_of(*tick);
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{base:.1}" stroke="{GRID_COLOUR}"/><line x1="{x:.1}" y1="{base:.1}" x2="{x:.1}" y2="{:.1}" stroke="{TEXT_COLOUR}"/><text class="x-tick" x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{MUTED_COLOUR}">{tick}</text>"#,
            top - 6.0,
            base + 5.0,
            base + 18.0,
        );
    }
    let _ = write!(
        svg,
        r#"<line x1="{TIMELINE_LABEL_WIDTH}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="{TEXT_COLOUR}"/><text class="axis-title" x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="{TEXT_COLOUR}">Weeks from the start of the plan</text>"#,
        x_of(f64::from(weeks)),
        x_of(f64::from(weeks) / 2.0),
        base + 36.0,
    );
    if !measure.is_empty() {
        let _ = write!(
            svg,
            r#"<text class="group-title" x="10" y="{:.1}" font-size="12" font-weight="600" fill="{TEXT_COLOUR}">Measure first: unclear, not worth study time yet</text><line x1="10" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{TEXT_COLOUR}" stroke-dasharray="2 3"/>"#,
            top - 12.0,
            study_top - group_gap / 2.0,
            width - 10.0,
            study_top - group_gap / 2.0,
        );
        svg.push_str(r#"<g class="measure-first">"#);
        let mut y = top;
        for (row, (lines, row_height)) in measure.iter().zip(&measure_layout) {
            timeline_row(&mut svg, id, y, *row_height, row, lines, &x_of);
            y += row_height;
        }
        svg.push_str("</g>");
        let _ = write!(
            svg,
            r#"<text class="group-title" x="10" y="{:.1}" font-size="12" font-weight="600" fill="{TEXT_COLOUR}">Study, in order</text>"#,
            study_top - 2.0
        );
    }
    let mut y = study_top;
    for (row, (lines, row_height)) in study.iter().zip(&study_layout) {
        timeline_row(&mut svg, id, y, *row_height, row, lines, &x_of);
        y += row_height;
    }
    let mut entries = vec![LegendEntry::Swatch(
        CANDIDATE_COLOUR.to_string(),
        "Study step (weeks it takes)",
    )];
    if !measure.is_empty() {
        entries.push(LegendEntry::Swatch(
            format!("url(#{}-measure)", escape(id)),
            "Measure first (hatched)",
        ));
    }
    legend(&mut svg, height - 18.0, &entries);
    svg.push_str("</svg>");
    svg
}

fn timeline_row(
    svg: &mut String,
    id: &str,
    y: f64,
    row_height: f64,
    row: &TimelineRow,
    lines: &[String],
    x_of: &impl Fn(f64) -> f64,
) {
    let start = f64::from(row.start_week.max(1) - 1);
    let end = f64::from(row.end_week.max(row.start_week.max(1)));
    let (x0, x1) = (x_of(start), x_of(end));
    let bar_y = y + (row_height - 16.0) / 2.0;
    let class = if row.measure_first {
        "step-bar measure"
    } else {
        "step-bar"
    };
    let fill = if row.measure_first {
        format!(r#"fill="url(#{}-measure)" stroke="{ORANGE}""#, escape(id))
    } else {
        format!(r#"fill="{CANDIDATE_COLOUR}" stroke="{CANDIDATE_COLOUR}""#)
    };
    let label_y = y + (row_height - LINE_HEIGHT * (lines.len() as f64 - 1.0)) / 2.0 + 4.0;
    let _ = write!(svg, r#"<g class="{class}">"#);
    svg.push_str(&multiline_text(
        TIMELINE_LABEL_WIDTH - 10.0,
        label_y,
        LINE_HEIGHT,
        &format!(r#"class="bar-label" text-anchor="end" font-size="13" fill="{TEXT_COLOUR}""#),
        lines,
    ));
    let _ = write!(
        svg,
        r#"<rect x="{x0:.1}" y="{bar_y:.1}" width="{:.1}" height="16" rx="3" {fill}><title>{}: weeks {}–{}, {}</title></rect>"#,
        (x1 - x0).max(3.0),
        escape(&row.label),
        row.start_week,
        row.end_week,
        escape(&row.note)
    );
    // The note goes right of the bar, or left of it when the bar reaches the end.
    let (note_x, anchor) = if x1 + 8.0 + 6.6 * row.note.chars().count() as f64
        <= TIMELINE_LABEL_WIDTH + TIMELINE_PLOT_WIDTH + TIMELINE_NOTE_WIDTH - 4.0
    {
        (x1 + 6.0, "start")
    } else {
        (x0 - 6.0, "end")
    };
    let _ = write!(
        svg,
        r#"<text class="note" x="{note_x:.1}" y="{:.1}" text-anchor="{anchor}" font-size="11" fill="{TEXT_COLOUR}" {HALO}>{}</text></g>"#,
        bar_y + 12.0,
        escape(&row.note)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn radar_points_go_up_first_then_clockwise() {
        let centre = (100.0, 100.0);
        // Four axes, radius 80: level 4 reaches the edge, level 2 half way.
        assert!(close(radar_point(0, 4, 4.0, centre, 80.0), (100.0, 20.0)));
        assert!(close(radar_point(1, 4, 2.0, centre, 80.0), (140.0, 100.0)));
        assert!(close(radar_point(2, 4, 1.0, centre, 80.0), (100.0, 120.0)));
        assert!(close(radar_point(3, 4, 3.0, centre, 80.0), (40.0, 100.0)));
    }

    #[test]
    fn radar_levels_are_clamped_to_the_scale() {
        let centre = (0.0, 0.0);
        assert!(close(radar_point(0, 3, 9.0, centre, 10.0), (0.0, -10.0)));
        assert!(close(radar_point(1, 3, -2.0, centre, 10.0), (0.0, 0.0)));
    }

    fn three_axes() -> Vec<Axis> {
        vec![
            Axis {
                label: "apis".into(),
                candidate: 4.0,
                required: 2.0,
            },
            Axis {
                label: "databases".into(),
                candidate: 0.0,
                required: 4.0,
            },
            Axis {
                label: "security".into(),
                candidate: 2.0,
                required: 2.0,
            },
        ]
    }

    #[test]
    fn radar_draws_both_polygons_through_the_levels() {
        let svg = radar("r", "Radar", &three_axes());
        // Centre (310, 215), radius 150: the candidate's first point is at the top edge, the
        // second at the centre; the requirement's first point half way up.
        assert!(
            svg.contains(r#"class="candidate" points="310.0,65.0 310.0,215.0"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"class="required" points="310.0,140.0 "#),
            "{svg}"
        );
        assert_eq!(svg.matches("class=\"axis-label\"").count(), 3);
        assert!(svg.contains("<title id=\"r-title\">Radar</title>"));
        assert!(svg.contains("aria-labelledby=\"r-title r-desc\""));
    }

    #[test]
    fn radar_level_labels_are_drawn_over_the_polygons() {
        let svg = radar("r", "Radar", &three_axes());
        let candidate = svg.find("class=\"candidate\"").expect("polygon");
        let first_label = svg.find("class=\"level-label\"").expect("labels");
        assert!(first_label > candidate, "the labels come after the polygon");
        assert_eq!(svg.matches("class=\"level-label\"").count(), 4);
        assert!(svg.contains("paint-order=\"stroke\""), "on a white outline");
    }

    #[test]
    fn long_labels_wrap_at_spaces_and_are_never_cut() {
        assert_eq!(
            wrap("Message queues and event streaming", 20),
            ["Message queues and", "event streaming"]
        );
        assert_eq!(wrap("short", 20), ["short"]);
        assert_eq!(wrap("", 20), [""]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        let text = "Problem solving and analytical thinking in distributed systems";
        let lines = wrap(text, 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12));
        assert_eq!(lines.join(" "), text);
        let svg = skill_bars(
            "b",
            "Bars",
            &[Bar {
                label: "Message queues and event streaming with Kafka and RabbitMQ".into(),
                probabilities: None,
                current: Some(1),
                required: 2,
                p_met: 0.1,
            }],
        );
        assert!(!svg.contains('…'), "{svg}");
        assert!(svg.contains(">RabbitMQ</tspan>"), "{svg}");
    }

    #[test]
    fn ticks_are_round_and_at_least_three() {
        assert_eq!(nice_ticks(0.0), [0.0, 1.0, 2.0]);
        assert_eq!(nice_ticks(1.0), [0.0, 1.0, 2.0]);
        assert_eq!(nice_ticks(2.0), [0.0, 1.0, 2.0]);
        assert_eq!(nice_ticks(4.0), [0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(nice_ticks(9.0), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(nice_ticks(43.0), [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(nice_ticks(f64::NAN), [0.0, 1.0, 2.0]);
        for max in 1..300 {
            let ticks = nice_ticks(f64::from(max));
            assert!(ticks.len() >= 3 && ticks.len() <= 7, "{max}: {ticks:?}");
            assert!(*ticks.last().expect("ticks") >= f64::from(max));
        }
    }

    #[test]
    fn each_level_is_shaded_by_its_probability() {
        let bars = vec![
            Bar {
                label: "SQL".into(),
                probabilities: Some([0.05, 0.15, 0.5, 0.25, 0.05]),
                current: Some(2),
                required: 2,
                p_met: 0.8,
            },
            Bar {
                label: "Docker".into(),
                probabilities: None,
                current: Some(1),
                required: 2,
                p_met: 0.03,
            },
            Bar {
                label: "Go".into(),
                probabilities: Some([0.4, 0.3, 0.2, 0.1, 0.0]),
                current: None,
                required: 1,
                p_met: 0.6,
            },
        ];
        let svg = skill_bars("b", "Bars", &bars);
        assert_eq!(svg.matches("class=\"skill-bar\"").count(), 3);
        assert_eq!(svg.matches("class=\"level-shade\"").count(), 15);
        assert_eq!(svg.matches("data-met=\"true\"").count(), 1);
        assert!(svg.contains(r##"data-level="2" x="386.0" y="39.0" width="68" height="20" fill="#0072B2" fill-opacity="0.500""##), "{svg}");
        // Version 1 results: the most probable level drawn as certain.
        assert!(svg.contains(r#"fill-opacity="1.000""#));
        assert!(svg.contains("✓ probably met (80 %)"));
        assert!(svg.contains("✗ not met (97 % sure)"));
        assert!(svg.contains("? unclear (60 %), not assessed"));
        // The requirement's mark at the left edge of the required level's cell.
        assert!(svg.contains(r#"class="requirement" x1="386.0""#), "{svg}");
        assert!(svg.contains("class=\"legend\""));
        assert!(svg.contains("Shade = chance of the level"));
        for red_or_green in ["#dc2626", "#15803d"] {
            assert!(!svg.contains(red_or_green));
        }
    }

    #[test]
    fn readiness_falls_in_bins_of_ten_with_100_in_the_last() {
        let mut bins: Bins = [[0; 3]; 10];
        add_to_bins(&mut bins, 0.0, 0);
        add_to_bins(&mut bins, 59.9, 0);
        add_to_bins(&mut bins, 60.0, 1);
        add_to_bins(&mut bins, 100.0, 2);
        add_to_bins(&mut bins, 250.0, 2);
        assert_eq!(bins[0], [1, 0, 0]);
        assert_eq!(bins[5], [1, 0, 0]);
        assert_eq!(bins[6], [0, 1, 0]);
        assert_eq!(bins[9], [0, 0, 2]);
        let svg = readiness_histogram("h", "Histogram", &bins);
        assert_eq!(svg.matches("class=\"bin\"").count(), 4);
        assert!(svg.contains("not yet (2)"));
        assert!(svg.contains("ready (2)"));
    }

    #[test]
    fn the_histogram_has_axes_ticks_titles_and_patterns() {
        let mut bins: Bins = [[0; 3]; 10];
        add_to_bins(&mut bins, 95.0, 2);
        add_to_bins(&mut bins, 95.0, 1);
        add_to_bins(&mut bins, 45.0, 0);
        let svg = readiness_histogram("h", "Histogram", &bins);
        assert_eq!(svg.matches("class=\"y-tick\"").count(), 3, "0, 1, 2");
        assert_eq!(svg.matches("class=\"x-tick\"").count(), 11, "0 to 100");
        assert!(svg.contains(">Candidates</text>"));
        assert!(svg.contains(">Readiness (%)</text>"));
        assert!(
            svg.contains(r#"fill="url(#h-hatch)""#),
            "not yet is hatched"
        );
        assert!(svg.contains(r#"fill="url(#h-dots)""#), "nearly is dotted");
        assert!(svg.contains("class=\"bin-count\""), "counts written in");
    }

    #[test]
    fn the_timeline_puts_a_bar_per_step_on_a_week_axis_measure_first_apart() {
        let rows = vec![
            TimelineRow {
                label: "Python".into(),
                start_week: 1,
                end_week: 10,
                hours: 100.0,
                measure_first: false,
                note: "100 h".into(),
            },
            TimelineRow {
                label: "SQL fundamentals".into(),
                start_week: 11,
                end_week: 12,
                hours: 20.0,
                measure_first: true,
                note: "20 h · measure first".into(),
            },
            TimelineRow {
                label: "Git".into(),
                start_week: 13,
                end_week: 20,
                hours: 17.0,
                measure_first: false,
                note: "17 h".into(),
            },
        ];
        let svg = timeline("t", "Plan", 20, &rows);
        assert_eq!(svg.matches("class=\"step-bar\"").count(), 2);
        assert_eq!(svg.matches("class=\"step-bar measure\"").count(), 1);
        let measure = svg.find("class=\"measure-first\"").expect("its own group");
        assert!(measure < svg.find(">Python</tspan>").expect("python"));
        assert!(svg.matches("class=\"x-tick\"").count() > 2);
        assert!(svg.contains("Weeks from the start of the plan"));
        // Weeks 1–10 of 20 on a 560-wide axis from x = 250: the first half.
        assert!(svg.contains(r#"<rect x="250.0" y="#), "{svg}");
        assert!(svg.contains(r#"width="280.0" height="16""#), "{svg}");
        assert!(svg.contains("Measure first (hatched)"));
    }

    #[test]
    fn labels_from_input_are_escaped() {
        let bars = vec![Bar {
            label: "<script>x</script>".into(),
            probabilities: None,
            current: Some(1),
            required: 1,
            p_met: 0.9,
        }];
        let svg = skill_bars("b", "<b>", &bars);
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;"));
        let rows = vec![TimelineRow {
            label: "<i>x</i>".into(),
            start_week: 1,
            end_week: 1,
            hours: 1.0,
            measure_first: false,
            note: "<u>".into(),
        }];
        let svg = timeline("t\"", "<b>", 1, &rows);
        assert!(!svg.contains("<i>") && !svg.contains("<u>") && !svg.contains("<b>"));
        assert!(!svg.contains("id=\"t\""));
    }
}
