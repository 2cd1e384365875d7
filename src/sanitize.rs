//! Untrusted text made safe to print: control characters and escape sequences (from candidate
//! names, ids, file names, posting titles) replaced by visible `\u{..}` escapes so they cannot
//! clear a terminal or retitle its window; bad values quoted only in part; spreadsheet formulas
//! in CSV cells neutralised.

use std::borrow::Cow;

/// Characters of a quoted bad value shown in a message before it is cut.
pub const QUOTE_CHARS: usize = 60;
/// Characters of a whole message shown before it is cut.
pub const MESSAGE_CHARS: usize = 4000;

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls, DEL, and the
/// bidirectional overrides that reorder what a reader sees.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape(c: char, out: &mut String) {
    out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
}

fn replace(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of untrusted text (a table cell, a name): every control character, newlines and
/// tabs included, becomes a visible escape.
pub fn line(text: &str) -> Cow<'_, str> {
    replace(text, |_| false)
}

/// Text of several lines (a Markdown document's field, a list of problems): newlines and tabs
/// are kept, every other control character becomes a visible escape.
pub fn lines(text: &str) -> Cow<'_, str> {
    replace(text, |c| c == '\n' || c == '\t')
}

/// A message for stderr: control characters escaped (newlines kept), every quoted piece
/// (`"..."` or `` `...` ``) cut to [`QUOTE_CHARS`], and the whole cut to [`MESSAGE_CHARS`].
pub fn message(text: &str) -> String {
    let cleaned = lines(&shorten_quotes(text)).into_owned();
    cut(&cleaned, MESSAGE_CHARS)
}

/// A short, printable piece of a bad value for a message: at most [`QUOTE_CHARS`] characters
/// and "…".
pub fn quote(text: &str) -> String {
    cut(&line(text), QUOTE_CHARS)
}

/// A number from the input for a message, short whatever it is: `1e308` rather than its 309
/// digits, `1e-300` rather than 300 zeros; ordinary numbers as they are.
pub fn number(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_finite() && value != 0.0 && !(1e-6..1e9).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// `text` cut to `max` characters, with "…" when something was cut.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// Cuts every quoted piece of `text` longer than [`QUOTE_CHARS`] (serde quotes the whole bad
/// value, however long it is).
pub fn shorten_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MESSAGE_CHARS * 2));
    let mut rest = text;
    while let Some(start) = rest.find(['"', '`']) {
        let quote = &rest[start..start + 1];
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else {
            out.push_str(&cut(after, QUOTE_CHARS));
            return out;
        };
        out.push_str(&cut(&after[..end], QUOTE_CHARS));
        out.push_str(quote);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A CSV cell safe to open in a spreadsheet: control characters escaped, and a cell that a
/// spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, as OWASP recommends. Plain numbers (`-1.5`) are left as they are,
/// and so is a lone `-` (the reports' "nothing here"), which no spreadsheet reads as a formula.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && text != "-"
        && text.parse::<f64>().is_err();
    match (risky, line(text)) {
        (false, cleaned) => cleaned,
        (true, cleaned) => Cow::Owned(format!("'{cleaned}")),
    }
}

/// `text` made safe for HTML text and for a quoted attribute value.
pub fn html(text: &str) -> String {
    // Control characters first, as in every other output: a browser shows most of them as
    // nothing (or a box) and a copied name would carry them on.
    let text = lines(text);
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(line("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(line("two\nlines"), "two\\u{a}lines");
        assert_eq!(lines("two\nlines\u{1b}[2J"), "two\nlines\\u{1b}[2J");
        assert_eq!(line("\u{202E}evil"), "\\u{202e}evil");
        assert!(matches!(line("Ada Lovelace, café"), Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_in_messages_stay_short() {
        assert_eq!(number(1e308), "1e308");
        assert_eq!(number(-1e-300), "-1e-300");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(0.00001), "0.00001");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(f64::INFINITY), "inf");
    }

    #[test]
    fn formulas_are_neutralised_but_numbers_are_not() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for risky in ["+1+1", "-cmd", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(csv_cell("-1.5"), "-1.5");
        assert_eq!(csv_cell("-"), "-");
        assert_eq!(csv_cell("-x"), "'-x");
        assert_eq!(csv_cell("Ada"), "Ada");
    }

    #[test]
    fn long_quotes_and_messages_are_cut() {
        let long = "x".repeat(10_000);
        let message = message(&format!("invalid value \"{long}\" at the end, `{long}`"));
        assert!(message.len() < 200, "{message}");
        assert!(message.contains(&format!("\"{}…\"", "x".repeat(QUOTE_CHARS))));
        assert_eq!(quote(&long).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(cut("short", 10), "short");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn nothing_unsafe_survives(text in "\\PC*|[\\x00-\\x1f\\x7f-\\u{9f}a=-]*") {
            for cleaned in [line(&text).into_owned(), message(&text), csv_cell(&text).into_owned()] {
                prop_assert!(!cleaned.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t'));
            }
            prop_assert!(!line(&text).contains('\n'));
        }
    }
}
