//! Lays a [`Listing`] out for a terminal of a given width: text wrapped at word boundaries (an
//! id or a URL is never split), columns empty in every row dropped, and a compact layout below
//! [`WIDE`] columns. When the columns cannot fit, each row becomes a short block of labelled
//! lines; in the accessible layout every row is one labelled sentence, with no box drawing and
//! no glyph-only column.

use console::measure_text_width as text_width;

use super::Listing;
use crate::terminal::WIDE;

/// A column drawn with glyphs only (the level bars); left out of the accessible layout, which
/// says the same in words.
pub const BAR_COLUMN: &str = "Bar";

/// How to lay text out.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub width: usize,
    pub accessible: bool,
    pub color: bool,
}

impl Style {
    pub fn compact(&self) -> bool {
        self.width < WIDE
    }

    pub fn heading(&self, text: &str) -> String {
        if self.color {
            console::style(text).bold().to_string()
        } else {
            text.to_string()
        }
    }
}

/// Text wrapped to `width` at spaces; each `\n` starts a new line; a word longer than `width`
/// (an id, a URL) stays whole on a line of its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if line.is_empty() {
                line.push_str(word);
            } else if text_width(&line) + 1 + text_width(word) <= width {
                line.push(' ');
                line.push_str(word);
            } else {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
            }
        }
        lines.push(line);
    }
    lines
}

/// [`wrap`] with the first line after `first` and the others after `rest` (a hanging indent).
pub fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let room = width.saturating_sub(text_width(rest)).max(20);
    wrap(text, room)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let indent = if i == 0 { first } else { rest };
            format!("{indent}{line}").trim_end().to_string()
        })
        .collect()
}

fn is_empty(cell: &str) -> bool {
    let cell = cell.trim();
    cell.is_empty() || cell == "-"
}

fn longest_word(text: &str) -> usize {
    text.split_whitespace().map(text_width).max().unwrap_or(0)
}

/// How narrow a cell may get: a short one ("27.1 %", "6 of 8") is never broken, since a number
/// on one line and its unit on the next reads as two values; a longer one breaks between words.
fn unbreakable(text: &str) -> usize {
    const SHORT: usize = 8;
    let whole = longest_line(text);
    if whole <= SHORT {
        whole
    } else {
        longest_word(text)
    }
}

fn longest_line(text: &str) -> usize {
    text.split('\n').map(text_width).max().unwrap_or(0)
}

/// The listing laid out for `style`, ending with a newline.
pub fn render(listing: &Listing, style: &Style) -> String {
    let group = listing
        .group
        .filter(|_| style.compact() || style.accessible);
    let columns: Vec<usize> = (0..listing.columns.len())
        .filter(|&c| Some(c) != group)
        .filter(|&c| !(style.accessible && listing.columns[c] == BAR_COLUMN))
        .filter(|&c| {
            !listing
                .rows
                .iter()
                .all(|row| row.get(c).is_none_or(|cell| is_empty(cell)))
        })
        .collect();
    let cell = |row: &[String], c: usize| row.get(c).map_or(String::new(), |s| clean(s));
    let mut out = String::new();
    let heading_for = |row: &[String], out: &mut String| {
        if let Some(g) = group {
            let name = cell(row, g);
            if !is_empty(&name) {
                if style.accessible {
                    out.push_str(&format!("{}: {}.\n", listing.columns[g], name));
                } else {
                    out.push_str(&format!("{}\n", style.heading(&name)));
                }
            }
        }
    };
    if style.accessible {
        for row in &listing.rows {
            heading_for(row, &mut out);
            let parts: Vec<String> = columns
                .iter()
                .filter_map(|&c| {
                    let value = cell(row, c).replace('\n', " ");
                    (!is_empty(&value)).then(|| sentence(listing.columns[c], &value))
                })
                .collect();
            for line in wrap(&parts.join(" "), style.width) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        return out;
    }
    let indent = if group.is_some() { "  " } else { "" };
    let available = style.width.saturating_sub(text_width(indent));
    let Some(widths) = column_widths(listing, &columns, available) else {
        for row in &listing.rows {
            heading_for(row, &mut out);
            stacked(listing, &columns, row, style, indent, &mut out);
        }
        return out;
    };
    // Header, its rule, then the rows; rows that wrap are kept apart by a blank line.
    let header: Vec<String> = columns
        .iter()
        .map(|&c| listing.columns[c].to_string())
        .collect();
    let mut head = String::new();
    for line in grid_lines(&header, &widths) {
        head.push_str(&format!("{indent}{}\n", style.heading(&line)));
    }
    let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    head.push_str(&format!("{indent}{}\n", rule.join("  ")));
    if group.is_none() {
        out.push_str(&head);
    }
    let rows: Vec<Vec<String>> = listing
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = columns.iter().map(|&c| cell(row, c)).collect();
            grid_lines(&cells, &widths)
        })
        .collect();
    let spaced = rows.iter().any(|lines| lines.len() > 1);
    for (i, (row, lines)) in listing.rows.iter().zip(&rows).enumerate() {
        if group.is_some_and(|g| !is_empty(&cell(row, g))) {
            if i > 0 {
                out.push('\n');
            }
            heading_for(row, &mut out);
        } else if spaced && i > 0 {
            out.push('\n');
        }
        if i == 0 && group.is_some() {
            out.push_str(&head);
        }
        for line in lines {
            out.push_str(&format!("{indent}{line}\n"));
        }
    }
    out
}

/// "Skill: SQL." — a label and its value as a sentence.
fn sentence(label: &str, value: &str) -> String {
    let value = value.trim();
    let end = if value.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    if label.is_empty() || label == "#" {
        format!("{value}{end}")
    } else {
        format!("{label}: {value}{end}")
    }
}

/// Untrusted text with its control characters made visible (line breaks kept: they are layout).
fn clean(text: &str) -> String {
    text.split('\n')
        .map(|line| crate::sanitize::line(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Widths for `columns` within `available`, or `None` when even the narrowest layout (each
/// column as wide as its longest word, or its longest short cell) does not fit.
fn column_widths(listing: &Listing, columns: &[usize], available: usize) -> Option<Vec<usize>> {
    let gaps = 2 * columns.len().saturating_sub(1);
    let room = available.checked_sub(gaps)?;
    let measure = |c: usize, f: fn(&str) -> usize| {
        listing
            .rows
            .iter()
            .filter_map(|row| row.get(c))
            .map(|cell| f(&clean(cell)))
            .chain([f(listing.columns[c])])
            .max()
            .unwrap_or(0)
            .max(1)
    };
    let natural: Vec<usize> = columns.iter().map(|&c| measure(c, longest_line)).collect();
    let minimum: Vec<usize> = columns.iter().map(|&c| measure(c, unbreakable)).collect();
    if natural.iter().sum::<usize>() <= room {
        return Some(natural);
    }
    let mut widths = minimum;
    let mut spare = room.checked_sub(widths.iter().sum())?;
    // Share the room fairly: a column that needs less than an equal share gets all it needs
    // (so "6 of 8" stays on one line), the others split what is left.
    loop {
        let wanting: Vec<usize> = (0..widths.len())
            .filter(|&i| widths[i] < natural[i])
            .collect();
        if wanting.is_empty() || spare == 0 {
            break;
        }
        let share = (spare / wanting.len()).max(1);
        let mut progressed = false;
        for &i in &wanting {
            let deficit = natural[i] - widths[i];
            if deficit <= share && deficit <= spare {
                widths[i] = natural[i];
                spare -= deficit;
                progressed = true;
            }
        }
        if !progressed {
            // Everyone wants more than a share: hand it out one character at a time.
            for &i in wanting.iter().cycle().take(spare) {
                widths[i] += 1;
            }
            break;
        }
    }
    Some(widths)
}

/// One grid row: each cell wrapped to its column, the lines side by side.
fn grid_lines(cells: &[String], widths: &[usize]) -> Vec<String> {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &w)| wrap(cell, w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|i| {
            let parts: Vec<String> = wrapped
                .iter()
                .zip(widths)
                .map(|(lines, &w)| {
                    let text = lines.get(i).map_or("", String::as_str);
                    let pad = w.saturating_sub(text_width(text));
                    format!("{text}{}", " ".repeat(pad))
                })
                .collect();
            parts.join("  ").trim_end().to_string()
        })
        .collect()
}

/// A row as a block: its first column (or "N. second column") as the title, the others as
/// labelled lines under it.
fn stacked(
    listing: &Listing,
    columns: &[usize],
    row: &[String],
    style: &Style,
    indent: &str,
    out: &mut String,
) {
    let cell = |c: usize| row.get(c).map_or(String::new(), |s| clean(s));
    let (title, rest) = match columns {
        [first, second, rest @ ..] if listing.columns[*first] == "#" => {
            (format!("{}. {}", cell(*first), cell(*second)), rest)
        }
        [first, rest @ ..] => (cell(*first), rest),
        [] => return,
    };
    for line in wrap_indented(&title, style.width, indent, &format!("{indent}   ")) {
        out.push_str(&line);
        out.push('\n');
    }
    let inner = format!("{indent}   ");
    for &c in rest {
        let value = cell(c);
        if is_empty(&value) {
            continue;
        }
        let label = format!("{inner}{}: ", listing.columns[c]);
        for line in wrap_indented(&value, style.width, &label, &format!("{inner}  ")) {
            out.push_str(&line);
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(columns: Vec<&'static str>, rows: Vec<Vec<&str>>) -> Listing {
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| r.into_iter().map(str::to_string).collect())
            .collect();
        Listing::new(columns, rows, &())
    }

    fn style(width: usize) -> Style {
        Style {
            width,
            accessible: false,
            color: false,
        }
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_never_inside_a_word() {
        assert_eq!(
            wrap("junior-backend proficient", 10),
            ["junior-backend", "proficient"]
        );
        assert_eq!(wrap("a b c d", 3), ["a b", "c d"]);
        let url = "https://example.org/a/very/long/path/that/does/not/fit";
        assert_eq!(wrap(&format!("Read {url}"), 20), ["Read", url]);
        assert_eq!(wrap("one\ntwo", 80), ["one", "two"]);
    }

    #[test]
    fn every_line_fits_the_width_and_no_token_is_split() {
        let text = "Designs resource-oriented endpoints with correct status codes, pagination \
                    and idempotency keys for junior-backend";
        let l = listing(
            vec!["Skill", "Why"],
            vec![
                vec!["REST API design", text],
                vec!["SQL", "needed first by rest-api"],
            ],
        );
        for width in [40, 60, 80, 120] {
            let out = render(&l, &style(width));
            for line in out.lines() {
                assert!(text_width(line) <= width, "{width}: {line:?}");
            }
            for token in ["resource-oriented", "junior-backend", "rest-api"] {
                assert!(out.contains(token), "{width}: {token} split in\n{out}");
            }
        }
    }

    #[test]
    fn columns_empty_in_every_row_are_dropped() {
        let l = listing(
            vec!["Skill", "Experience (self-report)"],
            vec![vec!["SQL", "-"], vec!["HTTP", ""]],
        );
        let out = render(&l, &style(80));
        assert!(!out.contains("Experience"), "{out}");
        assert!(out.contains("SQL"));
    }

    #[test]
    fn rows_that_cannot_fit_become_labelled_blocks() {
        let url = "https://example.org/a/very/long/path/that/will/not/fit/in/a/column";
        let l = listing(
            vec!["#", "Skill", "Start with"],
            vec![vec!["1", "SQL", &format!("The SQL tutorial\n{url}")]],
        );
        let out = render(&l, &style(60));
        assert!(out.starts_with("1. SQL\n"), "{out}");
        assert!(
            out.contains(&format!("\n     {url}\n")),
            "the URL on a line of its own:\n{out}"
        );
    }

    #[test]
    fn accessible_rows_are_labelled_sentences_without_bars() {
        let l = listing(
            vec!["Skill", "Level", "Bar", "Required", "Status"],
            vec![vec![
                "SQL fundamentals",
                "working, 85 % sure",
                "██··",
                "working",
                "met",
            ]],
        );
        let out = render(
            &l,
            &Style {
                width: 200,
                accessible: true,
                color: false,
            },
        );
        assert_eq!(
            out,
            "Skill: SQL fundamentals. Level: working, 85 % sure. Required: working. Status: met.\n"
        );
        assert!(!out.contains('─'));
    }

    #[test]
    fn the_compact_layout_turns_the_group_column_into_headings() {
        let mut l = listing(
            vec!["Area", "Skill"],
            vec![
                vec!["Databases", "SQL"],
                vec!["", "PostgreSQL"],
                vec!["APIs", "HTTP"],
            ],
        );
        l.group = Some(0);
        let out = render(&l, &style(80));
        assert!(out.starts_with("Databases\n  Skill"), "{out}");
        assert!(out.contains("\nAPIs\n  HTTP"), "{out}");
        let wide = render(&l, &style(120));
        assert!(wide.starts_with("Area"), "{wide}");
    }
}
