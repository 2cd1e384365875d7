//! Reading catalog sources into a [`CatalogDocument`], item by item, so that one bad question
//! does not hide the problems of the others.

use serde::de::DeserializeOwned;

use super::layout::FileKind;
use super::model::{CatalogDocument, Template};
use super::source::{Locator, Problem, SourceFile, Step, line_column};

/// Where an item of the document came from: a source file and, for items of an array, its index.
#[derive(Clone, Copy, Debug)]
pub struct Origin {
    pub file: usize,
    pub index: Option<usize>,
}

/// The origin of every item in a [`CatalogDocument`], in the same order.
#[derive(Debug, Default)]
pub struct Origins {
    pub info: Option<usize>,
    pub areas: Vec<Origin>,
    pub skills: Vec<Origin>,
    pub questions: Vec<Origin>,
    pub templates: Vec<Origin>,
    pub pathways: Vec<Origin>,
}

/// A catalog read from sources, with origins and the problems met on the way.
pub struct Parsed {
    pub document: CatalogDocument,
    pub origins: Origins,
    pub problems: Vec<Problem>,
}

/// Parses every source; problems are collected, never fatal.
pub fn parse_sources(sources: &[SourceFile]) -> Parsed {
    let mut parsed = Parsed {
        document: CatalogDocument::default(),
        origins: Origins::default(),
        problems: Vec::new(),
    };
    let mut has_info = false;
    for (file, source) in sources.iter().enumerate() {
        if let Some(kind) = FileKind::of(&source.relative) {
            has_info |= kind == FileKind::Info;
            parse_file(&mut parsed, file, source, kind);
        }
    }
    // A catalog.toml that is there but broken has its own problem already.
    if parsed.origins.info.is_none() && !has_info {
        parsed.problems.push(Problem {
            file: "catalog.toml".into(),
            line: 1,
            column: 1,
            message: "the catalog has no catalog.toml; add one with `id`, `name` and `version`"
                .into(),
        });
    }
    parsed
}

/// A template read from its own file (`--template-file`).
pub struct ParsedTemplate {
    pub template: Option<Template>,
    pub problems: Vec<Problem>,
}

/// Parses one template file.
pub fn parse_template(source: &SourceFile) -> ParsedTemplate {
    let mut parsed = Parsed {
        document: CatalogDocument::default(),
        origins: Origins::default(),
        problems: Vec::new(),
    };
    parse_file(&mut parsed, 0, source, FileKind::Template);
    ParsedTemplate {
        template: parsed.document.templates.pop(),
        problems: parsed.problems,
    }
}

fn parse_file(parsed: &mut Parsed, file: usize, source: &SourceFile, kind: FileKind) {
    let table = match source.text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(error) => {
            let offset = error.span().map_or(0, |span| span.start);
            parsed.problems.push(problem_at(
                source,
                offset,
                crate::sanitize::message(&format!(
                    "invalid TOML: {}",
                    toml_message(&source.text, offset, error.message().trim_end())
                )),
            ));
            return;
        }
    };
    FileReader {
        source,
        file,
        locator: Locator::new(&source.text),
        parsed,
    }
    .read(kind, table);
}

struct FileReader<'a, 't> {
    source: &'t SourceFile,
    file: usize,
    locator: Locator<'t>,
    parsed: &'a mut Parsed,
}

impl FileReader<'_, '_> {
    fn read(&mut self, kind: FileKind, table: toml::Table) {
        let origin = Origin {
            file: self.file,
            index: None,
        };
        match kind {
            FileKind::Info if table.is_empty() => {
                self.problem(
                    &[],
                    "catalog.toml is empty; write the catalog's `id`, `name` and `version`".into(),
                );
            }
            FileKind::Info => {
                if let Some(info) = self.item(toml::Value::Table(table), &[]) {
                    self.parsed.document.catalog = info;
                    self.parsed.origins.info = Some(self.file);
                }
            }
            FileKind::Template => {
                if let Some(template) = self.item(toml::Value::Table(table), &[]) {
                    self.parsed.document.templates.push(template);
                    self.parsed.origins.templates.push(origin);
                }
            }
            FileKind::Areas => self.items(table, "areas", |parsed, item, origin| {
                parsed.document.areas.push(item);
                parsed.origins.areas.push(origin);
            }),
            FileKind::Skills => self.items(table, "skills", |parsed, item, origin| {
                parsed.document.skills.push(item);
                parsed.origins.skills.push(origin);
            }),
            FileKind::Questions => self.items(table, "questions", |parsed, item, origin| {
                parsed.document.questions.push(item);
                parsed.origins.questions.push(origin);
            }),
            FileKind::Pathways => self.items(table, "pathways", |parsed, item, origin| {
                parsed.document.pathways.push(item);
                parsed.origins.pathways.push(origin);
            }),
        }
    }

    /// Reads each entry of the file's array `key`, handing the good ones to `keep`.
    fn items<T: DeserializeOwned>(
        &mut self,
        table: toml::Table,
        key: &'static str,
        mut keep: impl FnMut(&mut Parsed, T, Origin),
    ) {
        for (index, value) in self.array(table, key) {
            let path = [Step::Key(key), Step::Index(index)];
            if let Some(item) = self.item(value, &path) {
                let origin = self.origin(index);
                keep(self.parsed, item, origin);
            }
        }
    }

    fn origin(&self, index: usize) -> Origin {
        Origin {
            file: self.file,
            index: Some(index),
        }
    }

    /// The items of the file's one array (`[[skills]]` and the like); other keys are problems.
    fn array(&mut self, table: toml::Table, key: &str) -> Vec<(usize, toml::Value)> {
        let mut items = Vec::new();
        for (name, value) in table {
            if name != key {
                self.problem(
                    &[Step::Key(&name)],
                    format!("unknown key `{name}`; this file holds only [[{key}]] entries"),
                );
                continue;
            }
            match value {
                toml::Value::Array(values) => items.extend(values.into_iter().enumerate()),
                _ => self.problem(
                    &[Step::Key(key)],
                    format!("`{key}` must be an array of tables: write [[{key}]] above each entry"),
                ),
            }
        }
        items
    }

    /// Deserializes one item, reporting a problem at the offending key when it does not fit.
    fn item<T: DeserializeOwned>(&mut self, value: toml::Value, path: &[Step<'_>]) -> Option<T> {
        match T::deserialize(value) {
            Ok(item) => Some(item),
            Err(error) => {
                let message = crate::sanitize::message(error.message().trim_end());
                let mut located = path.to_vec();
                if let Some(field) = field_named_in(&message) {
                    located.push(Step::Key(field));
                }
                let described = describe_item_error(path, &message);
                self.problem(&located, described);
                None
            }
        }
    }

    fn problem(&mut self, path: &[Step<'_>], message: String) {
        let offset = self.locator.offset(path);
        let problem = problem_at(self.source, offset, message);
        self.parsed.problems.push(problem);
    }
}

/// toml's message, with the key named when it is a duplicate ("duplicate key" alone does not
/// say which).
fn toml_message(text: &str, offset: usize, message: &str) -> String {
    if message != "duplicate key" {
        return message.to_string();
    }
    let key: String = text
        .get(offset..)
        .unwrap_or("")
        .chars()
        .take_while(|c| !matches!(c, '=' | '\n' | ']'))
        .collect();
    let key = key.trim().trim_start_matches('[').trim();
    if key.is_empty() {
        "duplicate key: each key may appear only once in a table".to_string()
    } else {
        format!(
            "duplicate key `{}`: each key may appear only once in a table",
            crate::sanitize::quote(key)
        )
    }
}

/// The field a serde message is about (`unknown field `x`` or `missing field `x``), if any.
fn field_named_in(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    rest.split('`').next()
}

fn describe_item_error(path: &[Step<'_>], message: &str) -> String {
    match path {
        [Step::Key(key), Step::Index(index)] => {
            let singular = key.trim_end_matches('s');
            format!("{singular} #{}: {message}", index + 1)
        }
        _ => message.to_string(),
    }
}

pub(crate) fn problem_at(source: &SourceFile, offset: usize, message: String) -> Problem {
    let (line, column) = line_column(&source.text, offset);
    Problem {
        file: source.display.clone(),
        line,
        column,
        message,
    }
}
