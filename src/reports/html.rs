//! HTML: one self-contained page a coach can hand over (inline CSS and SVG, no script, no
//! external font or image, works offline and prints well).
//!
//! Everything that comes from input files (names, sources, titles, free text, links) is
//! escaped here with [`escape`], and links are only made of `http(s)://` URLs ([`link`]). The
//! page also forbids scripts and remote loads in its Content-Security-Policy, so a slip in the
//! escaping could not run anything.

mod candidate;
mod cohort;
mod plan;

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Detail, Listing, Reporter};
use crate::date::Date;
use crate::planning::PlanDocument;
use crate::readiness::Verdict;
use crate::results::Results;
use crate::summary::Summary;

const STYLE: &str = include_str!("html/style.css");

/// No script, no remote fetch: styles and images only from the page itself.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

pub struct HtmlReporter {
    /// The date printed on the page ("report made on").
    made_on: Date,
    /// A cohort's rows, kept until the end to lay out the page.
    cohort: cohort::Cohort,
}

impl HtmlReporter {
    pub fn new(made_on: Date) -> Self {
        HtmlReporter {
            made_on,
            cohort: cohort::Cohort::default(),
        }
    }
}

impl Reporter for HtmlReporter {
    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        out.write_all(candidate::page(results, self.made_on).as_bytes())
    }

    fn cohort_row(&mut self, _out: &mut dyn Write, results: &Results) -> io::Result<()> {
        self.cohort.add(results);
        Ok(())
    }

    fn cohort_failure(
        &mut self,
        _out: &mut dyn Write,
        source: &str,
        error: &str,
    ) -> io::Result<()> {
        self.cohort.add_failure(source, error);
        Ok(())
    }

    fn cohort_end(&mut self, out: &mut dyn Write, summary: Option<&Summary>) -> io::Result<()> {
        out.write_all(self.cohort.page(summary, self.made_on).as_bytes())
    }

    fn plan(&mut self, out: &mut dyn Write, document: &PlanDocument) -> io::Result<()> {
        out.write_all(plan::page(document, self.made_on).as_bytes())
    }

    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
        out.write_all(page("skillgap", &listing_table(listing, None), self.made_on).as_bytes())
    }

    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
        let mut body = format!("<h1>{}</h1>", escape(&detail.title));
        body.push_str(&facts(&detail.fields));
        for (heading, listing) in &detail.sections {
            let _ = write!(body, "<h2>{}</h2>", escape(heading));
            body.push_str(&listing_table(listing, None));
        }
        out.write_all(page(&detail.title, &body, self.made_on).as_bytes())
    }
}

/// Shared with the job-match pages and the SVG charts.
pub use crate::sanitize::html as escape;

/// `text` escaped, with each date (YYYY-MM-DD) kept on one line: a browser would break it at
/// its hyphens.
fn escape_keeping_dates(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_date = |at: usize| {
        chars.len() >= at + 10
            && chars[at..at + 10].iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == '-',
                _ => c.is_ascii_digit(),
            })
            && (at == 0 || !chars[at - 1].is_ascii_digit())
    };
    let mut html = String::with_capacity(text.len());
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        if is_date(i) {
            html.push_str(&escape(&std::mem::take(&mut plain)));
            let date: String = chars[i..i + 10].iter().collect();
            let _ = write!(html, r#"<span class="nowrap">{date}</span>"#);
            i += 10;
        } else {
            plain.push(chars[i]);
            i += 1;
        }
    }
    html.push_str(&escape(&plain));
    html
}

/// Whether `url` may go in an `href`: only web links, so no `javascript:` or `data:`.
fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_control)
}

/// A link to `url` labelled `text`; a URL that is not a web link is shown as text instead.
pub fn link(url: &str, text: &str) -> String {
    if is_web_url(url) {
        format!(
            r#"<a href="{}" rel="noopener noreferrer">{}</a>"#,
            escape(url.trim()),
            escape(text)
        )
    } else if url.is_empty() {
        escape(text)
    } else {
        format!("{} ({})", escape(text), escape(url))
    }
}

/// The class of a verdict's badge.
fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ready => "verdict-ready",
        Verdict::Nearly => "verdict-nearly",
        Verdict::NotYet => "verdict-not-yet",
    }
}

/// A glyph per verdict, so a badge reads without its colour.
fn verdict_glyph(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ready => "✓",
        Verdict::Nearly => "◐",
        Verdict::NotYet => "✗",
    }
}

/// The verdict as a badge: a colour, a glyph and `words` (the verdict, and how sure it is).
fn verdict_badge(verdict: Verdict, words: &str) -> String {
    format!(
        r#"<span class="verdict {}"><span aria-hidden="true">{} </span>{}</span>"#,
        verdict_class(verdict),
        verdict_glyph(verdict),
        escape(words)
    )
}

/// A whole page around `body` (already HTML).
fn page(title: &str, body: &str, made_on: Date) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="generator" content="skillgap {version}">
<title>{title}</title>
<style>
{STYLE}</style>
</head>
<body>
<main>
{body}
<footer>Made on {made_on} by skillgap {version}. A self-contained page: it works offline and prints as it looks.</footer>
</main>
</body>
</html>
"#,
        title = escape(title),
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// Key figures as a definition list; the values are text from the reports, escaped.
fn facts(fields: &[(&str, String)]) -> String {
    let mut html = String::from(r#"<dl class="facts">"#);
    for (key, value) in fields {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            escape(key),
            escape_keeping_dates(value)
        );
    }
    html.push_str("</dl>");
    html
}

/// A table whose cells are already HTML; `numeric` columns are right-aligned.
fn html_table(columns: &[&str], rows: &[Vec<String>], caption: Option<&str>) -> String {
    let mut html = String::from("<table>");
    if let Some(caption) = caption {
        let _ = write!(html, "<caption>{}</caption>", escape(caption));
    }
    html.push_str("<thead><tr>");
    for column in columns {
        let _ = write!(html, r#"<th scope="col">{}</th>"#, escape(column));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for cell in row {
            let _ = write!(html, "<td>{cell}</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// Cells this short (dates, hours, weeks, levels) are kept on one line.
const SHORT_CELL: usize = 14;

/// Terminal bar glyphs: they show as checkerboards in a browser's table, so they never go in one.
fn is_bar_glyph(c: char) -> bool {
    matches!(c, '█' | '▓' | '▒' | '░')
}

/// A [`Listing`] as a table, every cell escaped; short cells do not wrap; a column of terminal
/// glyph bars is left out (the charts show the levels).
fn listing_table(listing: &Listing, caption: Option<&str>) -> String {
    if listing.rows.is_empty() {
        return "<p>(none)</p>".to_string();
    }
    let keep: Vec<bool> = (0..listing.columns.len())
        .map(|column| {
            !listing.rows.iter().any(|row| {
                row.get(column)
                    .is_some_and(|cell| cell.chars().any(is_bar_glyph))
            })
        })
        .collect();
    let columns: Vec<&str> = listing
        .columns
        .iter()
        .zip(&keep)
        .filter(|(_, keep)| **keep)
        .map(|(column, _)| *column)
        .collect();
    let rows: Vec<Vec<String>> = listing
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(i, _)| keep.get(*i).copied().unwrap_or(true))
                .map(|(_, cell)| {
                    if cell.chars().count() <= SHORT_CELL {
                        format!(r#"<span class="nowrap">{}</span>"#, escape(cell))
                    } else {
                        escape_keeping_dates(cell)
                    }
                })
                .collect()
        })
        .collect();
    html_table(&columns, &rows, caption)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::sheet::{AnswerSheet, SheetFormat};

    const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    /// Ben's results on the embedded catalog, with a study plan.
    fn ben() -> Results {
        let catalog = Catalog::embedded().expect("embedded catalog");
        let sheet = AnswerSheet::parse(
            include_str!("../../examples/sheets/ben.toml"),
            SheetFormat::Toml,
        )
        .expect("sheet");
        let template = catalog.template("python-django").expect("template");
        let mut results =
            crate::results::score(&catalog, &sheet, &[template], Some("ben.toml".into()));
        results.attach_plan(&catalog, Date::from_ymd(2026, 11, 23).expect("date"));
        results
    }

    /// Every text a page shows that came from a file, replaced with `HOSTILE` (URLs with a
    /// `javascript:` one).
    fn poison(value: &mut serde_json::Value) {
        const TEXTS: [&str; 9] = [
            "candidate",
            "source",
            "name",
            "title",
            "text",
            "project",
            "area",
            "skill",
            "template",
        ];
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    match value {
                        serde_json::Value::String(text) if key == "url" => {
                            *text = "javascript:alert(3)".into();
                        }
                        serde_json::Value::String(text) if TEXTS.contains(&key.as_str()) => {
                            *text = HOSTILE.into();
                        }
                        _ => poison(value),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(poison),
            _ => {}
        }
    }

    fn render(results: &Results) -> String {
        let mut out = Vec::new();
        HtmlReporter::new(Date::from_ymd(2026, 11, 23).expect("date"))
            .results(&mut out, results)
            .expect("render");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn nothing_from_the_input_becomes_markup() {
        let mut value = serde_json::to_value(ben()).expect("JSON");
        poison(&mut value);
        let results: Results = serde_json::from_value(value).expect("results");
        assert!(results.plan.as_ref().is_some_and(|p| !p.steps.is_empty()));
        let html = render(&results);
        assert!(!html.to_ascii_lowercase().contains("<script"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"));
        assert!(html.contains("javascript:alert(3)"), "shown as text");
    }

    #[test]
    fn a_candidate_page_has_the_charts_the_gaps_and_the_plan() {
        let results = ben();
        let html = render(&results);
        let template = &results.templates[0];
        assert_eq!(html.matches("<svg class=\"radar\"").count(), 1);
        assert_eq!(
            html.matches("<g class=\"skill-bar\"").count(),
            template.requirements.len()
        );
        assert!(html.contains("<h3>Gaps, by priority</h3>"));
        // The uncertainty: a shaded cell per level, the verdict with how sure, what % mean.
        assert_eq!(
            html.matches("class=\"level-shade\"").count(),
            5 * template.requirements.len()
        );
        assert!(html.contains(&crate::reports::certainty::verdict_phrase(template)));
        assert_eq!(
            html.matches(&escape(crate::reports::certainty::MEANING))
                .count(),
            1,
            "said once"
        );
        assert!(!html.contains('±') && !html.contains('█'));
        assert!(html.contains("<svg class=\"timeline\""));
        let unclear = template.gaps.iter().filter(|g| g.measure_first).count();
        assert!(unclear > 0, "Ben has gaps to measure first");
        assert_eq!(
            html.matches("</strong>: <code>skillgap assess <span class=\"nowrap\">--skill</span>")
                .count(),
            unclear,
            "each with the command that measures it"
        );
        assert!(html.contains("class=\"measure-first\""));
        assert!(html.contains("<section id=\"plan\"><h2>Study plan</h2>"));
        assert!(html.contains("<a href=\"https://"));
        assert!(html.contains("Skills gap report: Ben Example"));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn a_page_without_a_plan_says_how_to_get_one() {
        let mut results = ben();
        results.plan = None;
        let html = render(&results);
        assert!(html.contains("skillgap plan RESULTS.json"));
        assert!(html.contains("--plan"));
        assert!(!html.contains("<h3>Steps, in order</h3>"));
    }

    #[test]
    fn escapes_text_and_attribute_specials() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("plain café"), "plain café");
        assert_eq!(escape("a\u{1b}[2J\u{0}<"), "a\\u{1b}[2J\\u{0}&lt;");
    }

    #[test]
    fn dates_are_kept_on_one_line_and_the_rest_escaped() {
        assert_eq!(
            escape_keeping_dates("from 2026-11-23 to <b>2027-01-02</b>"),
            r#"from <span class="nowrap">2026-11-23</span> to &lt;b&gt;<span class="nowrap">2027-01-02</span>&lt;/b&gt;"#
        );
        assert_eq!(escape_keeping_dates("12026-11-23x"), "12026-11-23x");
        assert_eq!(escape_keeping_dates("2026-1-2"), "2026-1-2");
        assert_eq!(escape_keeping_dates("é"), "é");
    }

    #[test]
    fn tables_never_show_terminal_glyph_bars_and_short_cells_do_not_wrap() {
        let listing = Listing::new(
            vec!["Skill", "Bar", "Reached by"],
            vec![vec!["SQL".into(), "█▒▒·".into(), "2026-11-23".into()]],
            &(),
        );
        let html = listing_table(&listing, None);
        assert!(!html.contains('█') && !html.contains('▒'), "{html}");
        assert!(!html.contains(">Bar<"), "{html}");
        assert!(html.contains(r#"<td><span class="nowrap">2026-11-23</span></td>"#));
    }

    #[test]
    fn a_badge_says_the_verdict_with_a_glyph_and_how_sure() {
        let badge = verdict_badge(Verdict::NotYet, "not yet — 88 % sure");
        assert_eq!(
            badge,
            r#"<span class="verdict verdict-not-yet"><span aria-hidden="true">✗ </span>not yet — 88 % sure</span>"#
        );
        assert!(verdict_badge(Verdict::Ready, "ready").contains("✓"));
    }

    #[test]
    fn links_only_web_urls() {
        assert_eq!(
            link("https://example.org/?a=1&b=\"2\"", "Docs"),
            r#"<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">Docs</a>"#
        );
        assert!(link("HTTP://example.org", "x").starts_with("<a href="));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>",
            "//evil.example",
            "file:///etc/passwd",
        ] {
            let html = link(bad, "Docs");
            assert!(!html.contains("<a"), "{html}");
            assert!(!html.contains("<script"), "{html}");
        }
        assert_eq!(link("", "Docs"), "Docs");
    }

    #[test]
    fn pages_forbid_scripts_and_remote_loads() {
        let html = page(
            "<title>",
            "<p>body</p>",
            Date::from_ymd(2026, 1, 2).expect("date"),
        );
        assert!(html.contains("default-src 'none'"));
        assert!(html.contains("<title>&lt;title&gt;</title>"));
        assert!(html.contains("Made on 2026-01-02"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<link"));
    }
}
