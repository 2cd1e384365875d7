//! JSON Schemas of the documents skillgap reads and writes, generated from the same types that
//! serialize them, so the schema cannot drift from the output.

use schemars::JsonSchema;
use serde_json::Value;

use crate::catalog::Template;
use crate::history::{Comparison, HistoryEntry};
use crate::planning::PlanDocument;
use crate::results::{Results, SCHEMA_VERSION};
use crate::sheet::AnswerSheet;
use crate::summary::{CohortDocument, SummaryLine};

/// The documents with a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// One candidate's results (`score --format json`, `assess`).
    Results,
    /// An answer sheet (JSON, or TOML with the same fields).
    Sheet,
    /// A job template (`--template-file`, TOML with the same fields).
    Template,
    /// A study plan (`plan --format json`).
    Plan,
    /// Several candidates' results (`score FOLDER --format json`).
    Cohort,
    /// The saved results (`history --format json`): an array of entries.
    History,
    /// The progress between two results (`compare --format json`).
    Compare,
    /// The last line of `score --format jsonl --summary`.
    Summary,
}

/// The JSON Schema (draft 2020-12) of `document`.
pub fn schema_of(document: Document) -> Value {
    let (mut schema, what) = match document {
        Document::Results => (generate::<Results>(), "results"),
        Document::Sheet => (generate::<AnswerSheet>(), "sheet"),
        Document::Template => (generate::<Template>(), "template"),
        Document::Plan => (generate::<PlanDocument>(), "plan"),
        Document::Cohort => (generate::<CohortDocument>(), "cohort"),
        Document::History => (generate::<Vec<HistoryEntry>>(), "history"),
        Document::Compare => (generate::<Comparison>(), "compare"),
        Document::Summary => (generate::<SummaryLine>(), "summary"),
    };
    if document != Document::Sheet {
        pin_schema_version(&mut schema);
    }
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$id".into(),
            Value::String(format!(
                "https://skillgap.invalid/schema/v{SCHEMA_VERSION}/{what}.json"
            )),
        );
        object.insert(
            "$comment".into(),
            Value::String(format!(
                "skillgap {} document, schema_version {SCHEMA_VERSION}. Changes within a \
                 schema_version are additive: new optional fields may appear.",
                env!("CARGO_PKG_VERSION")
            )),
        );
    }
    schema
}

/// Every `schema_version` the document writes is the constant [`SCHEMA_VERSION`], not any
/// integer: pinned wherever the property appears (the document, its results, history entries).
fn pin_schema_version(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get_mut("properties")
                && let Some(version) = properties.get_mut("schema_version")
                && let Value::Object(version) = version
            {
                version.remove("minimum");
                version.remove("format");
                version.insert("const".into(), Value::from(SCHEMA_VERSION));
            }
            object.values_mut().for_each(pin_schema_version);
        }
        Value::Array(items) => items.iter_mut().for_each(pin_schema_version),
        _ => {}
    }
}

fn generate<T: JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_version_is_the_constant_it_is() {
        for document in [
            Document::Results,
            Document::Plan,
            Document::Cohort,
            Document::History,
            Document::Compare,
            Document::Summary,
        ] {
            let text = schema_of(document).to_string();
            let pinned = format!("\"const\":{SCHEMA_VERSION}");
            assert!(text.contains(&pinned), "{document:?}: {text}");
        }
    }
}
