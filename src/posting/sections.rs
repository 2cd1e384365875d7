//! Reading a posting's layout: its title, its headings, and which kind of section each line is
//! in ("Requirements" asks, "Nice to have" would like, "What you'll do" describes the work).

use serde::Serialize;

/// The kind of section a line is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// The posting's title line.
    Title,
    /// Text before the first heading.
    Intro,
    /// Responsibilities, "what you'll do", the stack in use.
    Duties,
    /// Requirements, qualifications, must-haves.
    Must,
    /// Nice to have, bonus, preferred.
    Nice,
    /// Benefits, company, how to apply: no requirements here.
    Ignored,
}

/// One line of content, with the section it is in.
#[derive(Clone, Debug)]
pub struct Line {
    /// 1-based line number in the posting.
    pub number: usize,
    /// The line without Markdown markup (headings, bullets, emphasis).
    pub text: String,
    pub section: Section,
    /// The heading the section was named by, for explanations.
    pub heading: Option<String>,
}

/// A posting split into lines.
#[derive(Clone, Debug)]
pub struct Layout {
    pub title: Option<String>,
    pub lines: Vec<Line>,
}

impl Layout {
    pub fn has_must_section(&self) -> bool {
        self.lines.iter().any(|l| l.section == Section::Must)
    }
}

/// Heading words, checked in this order: "Preferred qualifications" is a nice-to-have heading,
/// "The technologies we use" describes the work.
const HEADING_KINDS: [(Section, &[&str]); 4] = [
    (
        Section::Ignored,
        &[
            "benefit",
            "perks",
            "we offer",
            "salary",
            "compensation",
            "about us",
            "about the company",
            "who we are",
            "how to apply",
            "equal opportunit",
        ],
    ),
    (
        Section::Nice,
        &[
            "nice to have",
            "nice-to-have",
            "bonus",
            "preferred",
            "plus",
            "advantage",
            "good to have",
            "desirable",
            "optional",
            "would be great",
        ],
    ),
    (
        Section::Duties,
        &[
            "responsibilit",
            "what you'll do",
            "what you will do",
            "what you do",
            "you will",
            "your tasks",
            "tasks",
            "duties",
            "the role",
            "day to day",
            "adventure",
            "we use",
            "our stack",
            "tech stack",
            "the stack",
            "stack",
            "work on",
        ],
    ),
    (
        Section::Must,
        &[
            "must",
            "requirement",
            "required",
            "qualification",
            "you have",
            "you bring",
            "you need",
            "we expect",
            "expect from you",
            "look for",
            "looking for",
            "skills",
            "about you",
            "like you",
            "who you are",
            "profile",
            "mandatory",
            "essential",
            "experience",
            "non-negotiable",
            "you should",
            "you'll need",
            "you will need",
            "what you need",
            "should demonstrate",
        ],
    ),
];

/// The kind of section a heading opens, if its words say.
pub fn heading_kind(heading: &str) -> Option<Section> {
    let heading = normalize(heading);
    HEADING_KINDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| heading.contains(w)))
        .map(|(kind, _)| *kind)
}

/// Lower case with typographic apostrophes made plain.
pub fn normalize(text: &str) -> String {
    text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

/// Splits a posting into its title and content lines, each with its section. HTML comments are
/// skipped (a pasted page often carries some).
pub fn layout(text: &str) -> Layout {
    let mut reader = Reader::default();
    for (index, raw) in text.lines().enumerate() {
        reader.line(index + 1, raw);
    }
    Layout {
        title: reader.title,
        lines: reader.lines,
    }
}

#[derive(Default)]
struct Reader {
    title: Option<String>,
    lines: Vec<Line>,
    in_comment: bool,
    section: Option<Section>,
    heading: Option<String>,
}

impl Reader {
    fn line(&mut self, number: usize, raw: &str) {
        let Some(visible) = self.without_comments(raw) else {
            return;
        };
        let is_markdown_heading = visible.trim_start().starts_with('#');
        let text = strip_markup(&visible);
        if text.is_empty() {
            return;
        }
        if self.title.is_none() && self.lines.is_empty() {
            self.title = Some(text.clone());
            self.push(number, text, Section::Title);
            return;
        }
        if is_markdown_heading || looks_like_heading(&visible, &text) {
            // Kept as a line too: "Python skills:" names a skill as well as a section.
            self.open(&text);
            self.push(number, text, self.current());
            return;
        }
        if let Some((lead, rest)) = inline_heading(&text) {
            self.open(lead);
            self.push(number, rest.to_string(), self.current());
            return;
        }
        self.push(number, text, self.current());
    }

    /// The line without HTML comments, or `None` when nothing of it is outside one.
    fn without_comments(&mut self, raw: &str) -> Option<String> {
        let mut visible = String::new();
        let mut rest = raw;
        loop {
            if self.in_comment {
                let Some(end) = rest.find("-->") else {
                    break;
                };
                rest = &rest[end + 3..];
                self.in_comment = false;
            } else if let Some(start) = rest.find("<!--") {
                visible.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                self.in_comment = true;
            } else {
                visible.push_str(rest);
                break;
            }
        }
        (!visible.trim().is_empty()).then_some(visible)
    }

    /// A heading opens a section; one whose words say nothing (a sub-heading such as "Cloud &
    /// Infrastructure") keeps the requirements section it is in.
    fn open(&mut self, heading: &str) {
        let kind = heading_kind(heading).unwrap_or(match self.section {
            Some(Section::Must) => Section::Must,
            Some(Section::Nice) => Section::Nice,
            _ => Section::Duties,
        });
        self.section = Some(kind);
        self.heading = Some(heading.trim_end_matches(':').trim().to_string());
    }

    fn current(&self) -> Section {
        self.section.unwrap_or(Section::Intro)
    }

    fn push(&mut self, number: usize, text: String, section: Section) {
        self.lines.push(Line {
            number,
            text,
            section,
            heading: self.heading.clone(),
        });
    }
}

/// A short line that is not a list item and ends with ':' or is all bold, or whose words name a
/// kind of section ("Requirements", "Nice to have").
fn looks_like_heading(visible: &str, text: &str) -> bool {
    let trimmed = visible.trim();
    let is_item = trimmed.starts_with(['-', '*', '•', '+']) && !trimmed.starts_with("**")
        || trimmed.starts_with(|c: char| c.is_ascii_digit());
    let short = text.split_whitespace().count() <= 7;
    if is_item || !short || text.ends_with('.') {
        return false;
    }
    let bold = trimmed.starts_with("**") && trimmed.trim_end_matches(':').ends_with("**");
    let words = text.split_whitespace().count();
    text.ends_with(':') && (words <= 6 || words <= 9 && heading_kind(text).is_some())
        || bold
        || heading_kind(text).is_some() && !text.contains(':') && !text.contains(',')
}

/// "Requirements: 4+ years of ..." names its section before the colon.
fn inline_heading(text: &str) -> Option<(&str, &str)> {
    let (lead, rest) = text.split_once(':')?;
    let rest = rest.trim();
    let is_heading = !rest.is_empty()
        && lead.split_whitespace().count() <= 4
        && matches!(
            heading_kind(lead),
            Some(Section::Must | Section::Nice | Section::Duties)
        )
        && !lead.to_lowercase().contains("experience");
    is_heading.then_some((lead, rest))
}

/// The text of a line without Markdown heading marks, list bullets, numbering and emphasis.
fn strip_markup(line: &str) -> String {
    let mut text = line.trim();
    text = text.trim_start_matches('#').trim_start();
    if let Some(rest) = text.strip_prefix(['-', '*', '•', '+'])
        && !text.starts_with("**")
    {
        text = rest.trim_start();
    }
    let numbered = text
        .split_once(['.', ')'])
        .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if let Some((_, rest)) = numbered {
        text = rest.trim_start();
    }
    text.replace("**", "").replace("__", "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(text: &str) -> Vec<(String, Section)> {
        layout(text)
            .lines
            .into_iter()
            .map(|l| (l.text, l.section))
            .collect()
    }

    #[test]
    fn headings_name_their_sections() {
        let text = "# Senior Backend Engineer\nWe build things.\n## Requirements\n- Python\n\
                    ## Nice to have\n- Kafka\nPreferred qualifications:\n- Go\n\
                    **What you'll do**\n- APIs\nBenefits\n- Free lunch\n";
        let content: Vec<(String, Section)> = sections(text)
            .into_iter()
            .filter(|(text, _)| heading_kind(text).is_none())
            .collect();
        assert_eq!(
            content,
            [
                ("Senior Backend Engineer".to_string(), Section::Title),
                ("We build things.".to_string(), Section::Intro),
                ("Python".to_string(), Section::Must),
                ("Kafka".to_string(), Section::Nice),
                ("Go".to_string(), Section::Nice),
                ("APIs".to_string(), Section::Duties),
                ("Free lunch".to_string(), Section::Ignored),
            ]
        );
    }

    #[test]
    fn an_inline_heading_opens_its_section() {
        let text = "Backend Developer\nRequirements: 4+ years of Node.js\nNext line\n";
        assert_eq!(
            sections(text)[1..],
            [
                ("4+ years of Node.js".to_string(), Section::Must),
                ("Next line".to_string(), Section::Must),
            ]
        );
    }

    #[test]
    fn comments_bullets_and_numbers_are_skipped() {
        let text = "<!--\nsource: x\n-->\n# Title\n1. Write C# code\n* **Git**\n";
        assert_eq!(
            sections(text),
            [
                ("Title".to_string(), Section::Title),
                ("Write C# code".to_string(), Section::Intro),
                ("Git".to_string(), Section::Intro),
            ]
        );
    }

    #[test]
    fn an_unnamed_sub_heading_keeps_the_requirements_section() {
        let text = "T\n## Must have\n- A\n### Cloud & Infrastructure\n- Azure\n";
        assert_eq!(
            sections(text).last(),
            Some(&("Azure".to_string(), Section::Must))
        );
    }
}
