//! Test-only: declared as `#[cfg(test)] mod loader_fuzz;` in lib.rs.
//! Property tests for every loader: arbitrary bytes and mutated valid documents never panic, and
//! every error names its file. Case counts stay modest so `cargo test` stays fast; endless
//! input is covered by the size caps' own tests.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::catalog::Catalog;

const SHEET_JSON: &str = r#"{"schema_version": 1, "candidate": "Ada", "templates": ["junior-backend"],
"profile": {"hours_per_week": 10, "budget_usd": 0, "deadline": "2027-01-31"},
"answers": {"sql-01": "b", "http-01": ["a", "c"], "git-01": "?", "css-01": ""}}"#;
const SHEET_TOML: &str = "candidate = \"Ben\"\ntemplates = [\"junior-backend\"]\n\
[profile]\nhours_per_week = 8\n[answers]\nsql-01 = \"b\"\nhttp-01 = [\"a\", \"c\"]\n";
const PROFILE: &str = "hours_per_week = 12\nbudget_usd = 500\nstructure = \"mixed\"\n\
preferences = [\"mentor\", \"video\"]\n";
const TEMPLATE: &str = "id = \"fuzz\"\ntitle = \"Fuzz\"\nlevel = 2\ndescription = \"x\"\n\
[[requirements]]\nskill = \"sql\"\nlevel = 2\nmust = true\nweight = 2\n";
const CALIBRATION: &str = "[[item]]\nid = \"sql-01\"\nb = 0.25\nn = 120\n";
const BANK: &str = "a,b,c,d\n1.0,0.0,0.0,1.0\n1.2,-0.5,0.1,1.0\n";
const POSTING: &str = "# Junior Backend Developer\n\n## Requirements\n- SQL and Python\n\
- Git\n\n## Nice to have\n- Docker\n";

/// Byte edits: (position as a fraction of the length, byte, kind of edit).
fn edits() -> impl Strategy<Value = Vec<(f64, u8, u8)>> {
    proptest::collection::vec((0.0..1.0f64, any::<u8>(), 0..3u8), 0..8)
}

/// A valid document with a few bytes replaced, inserted or cut off.
fn mutate(text: &str, edits: &[(f64, u8, u8)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, byte, kind) in edits {
        let i = ((bytes.len() as f64) * at) as usize;
        match kind {
            0 if i < bytes.len() => bytes[i] = byte,
            1 => bytes.insert(i.min(bytes.len()), byte),
            _ => bytes.truncate(i.max(1)),
        }
    }
    bytes
}

fn document(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        edits().prop_map(move |e| mutate(valid, &e)),
    ]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the case");
    path
}

/// The error's whole chain names the file.
fn names(error: crate::error::Error, name: &str) -> bool {
    format!("{:#}", anyhow::Error::from(error)).contains(name)
}

fn catalog() -> Catalog {
    Catalog::embedded().expect("embedded catalog")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sheets(json in document(SHEET_JSON), toml in document(SHEET_TOML)) {
        let dir = tempfile::tempdir().expect("dir");
        for (name, bytes) in [("fuzz-sheet.json", &json), ("fuzz-sheet.toml", &toml)] {
            let path = write(dir.path(), name, bytes);
            if let Err(e) = crate::sheet::read_document::<crate::sheet::AnswerSheet>(&path) {
                prop_assert!(names(e, name));
            }
        }
    }

    #[test]
    fn json_lines_and_batches(bytes in document(SHEET_JSON)) {
        let catalog = catalog();
        let dir = tempfile::tempdir().expect("dir");
        let mut lines = bytes.clone();
        lines.push(b'\n');
        lines.extend(SHEET_JSON.replace('\n', " ").as_bytes());
        write(dir.path(), "fuzz.jsonl", &lines);
        write(dir.path(), "fuzz.json", &bytes);
        let mut seen = 0;
        crate::batch::run(
            &catalog,
            &[crate::batch::Input::Path(dir.path().to_path_buf())],
            &crate::batch::TemplateChoice::Fixed(vec!["junior-backend".into()]),
            |outcome| {
                seen += 1;
                assert!(outcome.source.contains("fuzz"), "{}", outcome.source);
                Ok(())
            },
        )
        .expect("the batch runs");
        prop_assert!(seen >= 2);
    }

    #[test]
    fn results(bytes in document(SHEET_JSON)) {
        let catalog = catalog();
        let dir = tempfile::tempdir().expect("dir");
        // A real results document, mutated, and the mutated sheet's bytes as they are.
        let sheet = crate::sheet::AnswerSheet::parse(SHEET_JSON, crate::sheet::SheetFormat::Json)
            .expect("valid sheet");
        let templates: Vec<_> = catalog.templates.iter().take(1).collect();
        let scored = crate::results::score(&catalog, &sheet, &templates, None);
        let json = serde_json::to_string(&scored).expect("json");
        let cut = json.len() * (bytes.len() % 97) / 97;
        let mut mutated = json.into_bytes();
        mutated.truncate(cut.max(1));
        for (name, bytes) in [("fuzz-results.json", &bytes), ("fuzz-cut.json", &mutated)] {
            let path = write(dir.path(), name, bytes);
            if let Err(e) = crate::results::Results::read(&path) {
                prop_assert!(names(e, name));
            }
        }
    }

    #[test]
    fn profiles_and_templates(profile in document(PROFILE), template in document(TEMPLATE)) {
        let dir = tempfile::tempdir().expect("dir");
        let path = write(dir.path(), "fuzz-profile.toml", &profile);
        if let Err(e) = crate::sheet::Profile::read(&path) {
            prop_assert!(names(e, "fuzz-profile.toml"));
        }
        let path = write(dir.path(), "fuzz-template.toml", &template);
        let mut catalog = catalog();
        if let Err(e) = catalog.add_template_file(&path) {
            prop_assert!(names(e, "fuzz-template.toml"));
        }
    }

    #[test]
    fn calibrations_and_banks(calibration in document(CALIBRATION), bank in document(BANK)) {
        let dir = tempfile::tempdir().expect("dir");
        let path = write(dir.path(), "fuzz-calibration.toml", &calibration);
        let mut catalog = catalog();
        if let Err(e) = catalog.apply_calibration(&path) {
            prop_assert!(names(e, "fuzz-calibration.toml"));
        }
        let path = write(dir.path(), "fuzz-bank.csv", &bank);
        if let Err(e) = crate::adaptive::tables::read_bank(&path) {
            prop_assert!(names(e, "fuzz-bank.csv"));
        }
    }

    #[test]
    fn postings(bytes in document(POSTING)) {
        let dir = tempfile::tempdir().expect("dir");
        let path = write(dir.path(), "fuzz-posting.md", &bytes);
        match crate::posting::read_posting(&path) {
            Err(e) => prop_assert!(names(e, "fuzz-posting.md")),
            Ok(text) => {
                let _ = crate::posting::extract(&catalog(), &text, &Default::default());
            }
        }
    }
}
