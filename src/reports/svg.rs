//! Charts for the HTML report, drawn as inline SVG: a radar of areas (level against the
//! requirement), a bar per required skill, and a readiness histogram for a cohort.
//!
//! The geometry (points, widths, bins) is kept in small pure functions so it can be tested;
//! every text that comes from input files goes through [`escape`]. Each chart has a `<title>`
//! and a `<desc>` so a screen reader gets the figures, not only the picture.

use std::fmt::Write as _;

use super::html::escape;
use crate::estimate::level_name;

/// The top of the level scale (4, expert).
pub const MAX_LEVEL: f64 = 4.0;

/// Colours, shared with the page's CSS so the legends match.
const CANDIDATE_COLOUR: &str = "#2563eb";
const REQUIRED_COLOUR: &str = "#d97706";
const MET_COLOUR: &str = "#15803d";
const SHORT_COLOUR: &str = "#dc2626";
const GRID_COLOUR: &str = "#cbd5e1";
const TEXT_COLOUR: &str = "#1e293b";
const MUTED_COLOUR: &str = "#64748b";
const TRACK_COLOUR: &str = "#f1f5f9";

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

const RADAR_WIDTH: f64 = 560.0;
const RADAR_HEIGHT: f64 = 440.0;

/// The radar chart of `axes` (at least three make a shape; fewer are drawn as spokes).
/// `id` makes the title's id unique in the page.
pub fn radar(id: &str, title: &str, axes: &[Axis]) -> String {
    let frame = RadarFrame {
        centre: (RADAR_WIDTH / 2.0, 200.0),
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
    for level in 1..=4u8 {
        let ring: Vec<String> = (0..count.max(3))
            .map(|i| {
                let (x, y) = radar_point(
                    i,
                    count.max(3),
                    f64::from(level),
                    frame.centre,
                    frame.radius,
                );
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r#"<polygon class="grid" points="{}" fill="none" stroke="{GRID_COLOUR}"/>"#,
            ring.join(" ")
        );
        let (x, y) = radar_point(0, 1, f64::from(level), frame.centre, frame.radius);
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="10" fill="{MUTED_COLOUR}">{level} {}</text>"#,
            x + 4.0,
            y + 12.0,
            level_name(level)
        );
    }
    for (i, axis) in axes.iter().enumerate() {
        let (x, y) = radar_point(i, count, MAX_LEVEL, frame.centre, frame.radius);
        let _ = write!(
            svg,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{x:.1}" y2="{y:.1}" stroke="{GRID_COLOUR}"/>"#,
            frame.centre.0, frame.centre.1
        );
        let (lx, ly) = radar_point(i, count, MAX_LEVEL, frame.centre, frame.radius + 20.0);
        let anchor = if (lx - frame.centre.0).abs() < 1.0 {
            "middle"
        } else if lx > frame.centre.0 {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}" font-size="13" fill="{TEXT_COLOUR}">{}</text>"#,
            ly + 4.0,
            escape(&axis.label)
        );
    }
    let _ = write!(
        svg,
        r#"<polygon class="required" points="{}" fill="{REQUIRED_COLOUR}" fill-opacity="0.08" stroke="{REQUIRED_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>"#,
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
    legend(
        &mut svg,
        RADAR_HEIGHT - 24.0,
        &[
            (CANDIDATE_COLOUR, "none", "Candidate's level"),
            (REQUIRED_COLOUR, "6 4", "Required by the template"),
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

/// A line of legend entries at height `y`: colour, dash pattern ("none" for solid), label.
fn legend(svg: &mut String, y: f64, entries: &[(&str, &str, &str)]) {
    let mut x = 20.0;
    for (colour, dash, label) in entries {
        let _ = write!(
            svg,
            r#"<g class="legend"><line x1="{x}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/><text x="{}" y="{}" font-size="12" fill="{TEXT_COLOUR}">{}</text></g>"#,
            x + 24.0,
            x + 30.0,
            y + 4.0,
            escape(label)
        );
        x += 40.0 + 7.0 * label.chars().count() as f64;
    }
}

fn open_svg(class: &str, id: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
    let id = escape(id);
    format!(
        r#"<svg class="{class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    )
}

/// One bar: a skill, its level (`None`: not assessed) and the required level.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub current: Option<u8>,
    pub required: u8,
}

/// The width of a bar for `level` on a track `track` wide for the whole 0–4 scale.
pub fn bar_width(level: f64, track: f64) -> f64 {
    track * level.clamp(0.0, MAX_LEVEL) / MAX_LEVEL
}

const BAR_LABEL_WIDTH: f64 = 240.0;
const BAR_TRACK: f64 = 320.0;
const BAR_ROW: f64 = 30.0;
const BAR_WIDTH_TOTAL: f64 = BAR_LABEL_WIDTH + BAR_TRACK + 150.0;

/// A bar per required skill: the level reached (green when it meets the requirement, red when
/// short), the requirement as a dashed mark, the scale 0–4 underneath.
pub fn skill_bars(id: &str, title: &str, bars: &[Bar]) -> String {
    let top = 10.0;
    let axis_y = top + BAR_ROW * bars.len() as f64 + 4.0;
    let height = axis_y + 60.0;
    let desc: Vec<String> = bars
        .iter()
        .map(|b| {
            let current = b
                .current
                .map_or_else(|| "not assessed".to_string(), |l| format!("level {l}"));
            format!("{}: {current}, {} required", b.label, b.required)
        })
        .collect();
    let mut svg = open_svg(
        "skill-bars",
        id,
        BAR_WIDTH_TOTAL,
        height,
        title,
        &desc.join("; "),
    );
    for level in 0..=4u8 {
        let x = BAR_LABEL_WIDTH + bar_width(f64::from(level), BAR_TRACK);
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{axis_y}" stroke="{GRID_COLOUR}"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="{MUTED_COLOUR}">{level}</text>"#,
            axis_y + 14.0
        );
    }
    for (row, bar) in bars.iter().enumerate() {
        skill_bar(&mut svg, top + BAR_ROW * row as f64, bar);
    }
    legend(
        &mut svg,
        height - 20.0,
        &[
            (MET_COLOUR, "none", "Meets the requirement"),
            (SHORT_COLOUR, "none", "Below it"),
            (REQUIRED_COLOUR, "4 3", "Required level"),
        ],
    );
    svg.push_str("</svg>");
    svg
}

fn skill_bar(svg: &mut String, y: f64, bar: &Bar) {
    let level = bar.current.map_or(0.0, f64::from);
    let met = bar.current.is_some_and(|l| l >= bar.required);
    let colour = if met { MET_COLOUR } else { SHORT_COLOUR };
    let status = match bar.current {
        Some(l) => format!("{l} of {}", bar.required),
        None => format!("not assessed, {} needed", bar.required),
    };
    let required_x = BAR_LABEL_WIDTH + bar_width(f64::from(bar.required), BAR_TRACK);
    let _ = write!(
        svg,
        r#"<g class="skill-bar" data-met="{met}"><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="13" fill="{TEXT_COLOUR}">{}</text><rect x="{BAR_LABEL_WIDTH}" y="{:.1}" width="{BAR_TRACK}" height="16" fill="{TRACK_COLOUR}"/><rect class="level" x="{BAR_LABEL_WIDTH}" y="{:.1}" width="{:.1}" height="16" fill="{colour}"/><line class="requirement" x1="{required_x:.1}" y1="{:.1}" x2="{required_x:.1}" y2="{:.1}" stroke="{REQUIRED_COLOUR}" stroke-width="3" stroke-dasharray="4 3"/><text x="{:.1}" y="{:.1}" font-size="12" fill="{TEXT_COLOUR}">{}</text></g>"#,
        BAR_LABEL_WIDTH - 8.0,
        y + 13.0,
        escape(&truncate(&bar.label, 28)),
        y + 2.0,
        y + 2.0,
        bar_width(level, BAR_TRACK),
        y - 2.0,
        y + 22.0,
        BAR_LABEL_WIDTH + BAR_TRACK + 10.0,
        y + 14.0,
        escape(&status)
    );
}

/// `text` cut to `max` characters with an ellipsis, so a long name does not run into the bar.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Readiness bins of ten points (the last holds 90–100), each counting not-yet, nearly and
/// ready candidates, in that order.
pub type Bins = [[usize; 3]; 10];

/// Puts a readiness (0–100) and its verdict index (0 not yet, 1 nearly, 2 ready) in its bin.
pub fn add_to_bins(bins: &mut Bins, readiness: f64, verdict: usize) {
    let bin = (readiness.clamp(0.0, 100.0) / 10.0).floor() as usize;
    bins[bin.min(9)][verdict.min(2)] += 1;
}

const VERDICT_COLOURS: [&str; 3] = [SHORT_COLOUR, REQUIRED_COLOUR, MET_COLOUR];
const VERDICT_NAMES: [&str; 3] = ["not yet", "nearly", "ready"];
const HISTOGRAM_LEFT: f64 = 50.0;
const HISTOGRAM_PLOT_WIDTH: f64 = 600.0;
const HISTOGRAM_PLOT_HEIGHT: f64 = 180.0;

/// A histogram of readiness, the bars stacked by verdict, with the 60 % and 80 % thresholds.
pub fn readiness_histogram(id: &str, title: &str, bins: &Bins) -> String {
    let tallest = bins
        .iter()
        .map(|b| b.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let top = 24.0;
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
    let width = HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH + 20.0;
    let height = base + 64.0;
    let mut svg = open_svg("histogram", id, width, height, title, &desc);
    let bin_width = HISTOGRAM_PLOT_WIDTH / 10.0;
    let unit = HISTOGRAM_PLOT_HEIGHT / tallest as f64;
    let _ = write!(
        svg,
        r#"<line x1="{HISTOGRAM_LEFT}" y1="{base}" x2="{:.1}" y2="{base}" stroke="{TEXT_COLOUR}"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{MUTED_COLOUR}">{tallest}</text>"#,
        HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH,
        HISTOGRAM_LEFT - 6.0,
        top + 4.0
    );
    for (i, bin) in bins.iter().enumerate() {
        let x = HISTOGRAM_LEFT + bin_width * i as f64;
        let mut y = base;
        for (verdict, count) in bin.iter().enumerate().filter(|(_, c)| **c > 0) {
            let h = unit * *count as f64;
            y -= h;
            let _ = write!(
                svg,
                r#"<rect class="bin" x="{:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}"><title>{}–{}%: {count} {}</title></rect>"#,
                x + 2.0,
                bin_width - 4.0,
                VERDICT_COLOURS[verdict],
                i * 10,
                i * 10 + 10,
                VERDICT_NAMES[verdict]
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{MUTED_COLOUR}">{}%</text>"#,
            base + 14.0,
            i * 10
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{MUTED_COLOUR}">100%</text>"#,
        HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH,
        base + 14.0
    );
    for (threshold, label) in [(60.0, "nearly"), (80.0, "ready")] {
        let x = HISTOGRAM_LEFT + HISTOGRAM_PLOT_WIDTH * threshold / 100.0;
        let _ = write!(
            svg,
            r#"<line class="threshold" x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{base}" stroke="{TEXT_COLOUR}" stroke-dasharray="3 3"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}">{label}</text>"#,
            top - 8.0
        );
    }
    let labels: Vec<String> = (0..3)
        .map(|v| format!("{} {}", VERDICT_NAMES[v], totals[v]))
        .collect();
    legend(
        &mut svg,
        height - 18.0,
        &[
            (VERDICT_COLOURS[0], "none", &labels[0]),
            (VERDICT_COLOURS[1], "none", &labels[1]),
            (VERDICT_COLOURS[2], "none", &labels[2]),
        ],
    );
    svg.push_str("</svg>");
    svg
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

    #[test]
    fn radar_draws_both_polygons_through_the_levels() {
        let axes = vec![
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
        ];
        let svg = radar("r", "Radar", &axes);
        // Centre (280, 200), radius 150: the candidate's first point is at the top edge, the
        // second at the centre; the requirement's first point half way up.
        assert!(
            svg.contains(r#"class="candidate" points="280.0,50.0 280.0,200.0"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"class="required" points="280.0,125.0 "#),
            "{svg}"
        );
        assert_eq!(svg.matches("class=\"axis-label\"").count(), 3);
        assert!(svg.contains("<title id=\"r-title\">Radar</title>"));
        assert!(svg.contains("aria-labelledby=\"r-title r-desc\""));
    }

    #[test]
    fn bar_widths_follow_the_level() {
        assert_eq!(bar_width(0.0, 320.0), 0.0);
        assert_eq!(bar_width(1.0, 320.0), 80.0);
        assert_eq!(bar_width(4.0, 320.0), 320.0);
        assert_eq!(bar_width(7.0, 320.0), 320.0);
    }

    #[test]
    fn one_bar_per_skill_coloured_by_whether_it_is_met() {
        let bars = vec![
            Bar {
                label: "SQL".into(),
                current: Some(3),
                required: 2,
            },
            Bar {
                label: "Docker".into(),
                current: Some(1),
                required: 2,
            },
            Bar {
                label: "Go".into(),
                current: None,
                required: 1,
            },
        ];
        let svg = skill_bars("b", "Bars", &bars);
        assert_eq!(svg.matches("class=\"skill-bar\"").count(), 3);
        assert_eq!(svg.matches("data-met=\"true\"").count(), 1);
        // Level 3 of a 320-wide track is 240 wide; level 1 is 80; not assessed is empty.
        assert!(
            svg.contains(r#"class="level" x="240" y="12.0" width="240.0""#),
            "{svg}"
        );
        assert!(svg.contains(r#"width="80.0""#));
        assert!(svg.contains(r#"width="0.0""#));
        assert!(svg.contains("not assessed, 1 needed"));
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
        assert!(svg.contains("not yet 2"));
        assert!(svg.contains("ready 2"));
    }

    #[test]
    fn labels_from_input_are_escaped() {
        let bars = vec![Bar {
            label: "<script>x</script>".into(),
            current: Some(1),
            required: 1,
        }];
        let svg = skill_bars("b", "<b>", &bars);
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;"));
    }
}
