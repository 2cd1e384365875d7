//! JSON Schemas of the documents skillgap reads and writes, generated from the same types that
//! serialize them, so the schema cannot drift from the output.

use schemars::JsonSchema;
use serde_json::Value;

use crate::catalog::Template;
use crate::planning::PlanDocument;
use crate::results::{Results, SCHEMA_VERSION};
use crate::sheet::AnswerSheet;

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
}

/// The JSON Schema (draft 2020-12) of `document`.
pub fn schema_of(document: Document) -> Value {
    let (mut schema, what) = match document {
        Document::Results => (generate::<Results>(), "results"),
        Document::Sheet => (generate::<AnswerSheet>(), "sheet"),
        Document::Template => (generate::<Template>(), "template"),
        Document::Plan => (generate::<PlanDocument>(), "plan"),
    };
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

fn generate<T: JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null)
}
