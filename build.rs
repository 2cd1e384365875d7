//! Embeds the default catalog (`data/`): the TOML sources, for `skillgap validate`, and the same
//! catalog pre-parsed to JSON, so start-up does not pay for TOML parsing.

#[path = "src/catalog/layout.rs"]
mod layout;

use layout::FileKind;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // Read when the script runs, not baked in when it is compiled: a build script shared by two
    // checkouts (one target folder) must read its own checkout's catalog.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let data = Path::new(&manifest).join("data");
    println!("cargo:rerun-if-changed=data");
    let mut files = Vec::new();
    collect(&data, &data, &mut files);
    files.sort();

    let mut document = serde_json::Map::new();
    for key in ["areas", "pathways", "skills", "questions", "templates"] {
        document.insert(key.to_string(), serde_json::Value::Array(Vec::new()));
    }
    let mut texts = Vec::new();
    let mut sources = String::from("pub static SOURCES: &[(&str, &str)] = &[\n");
    for (relative, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let Some(kind) = FileKind::of(relative) else {
            continue;
        };
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("data/{relative}: cannot read: {e}"));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("data/{relative}: invalid TOML: {e}"));
        let json = serde_json::to_value(value).expect("TOML values convert to JSON");
        add_to_document(&mut document, kind, json);
        texts.push((relative.as_str(), text.clone()));
        writeln!(
            sources,
            "    ({relative:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    sources.push_str("];\n");
    let fingerprint = layout::fingerprint(texts.iter().map(|(r, t)| (*r, t.as_str())));
    writeln!(sources, "pub const FINGERPRINT: &str = {fingerprint:?};").expect("String write");

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let json = serde_json::to_string(&document).expect("JSON values serialize");
    std::fs::write(out.join("catalog.json"), json).expect("OUT_DIR is writable");
    std::fs::write(out.join("sources.rs"), sources).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("inside root");
            let relative = relative.to_string_lossy().replace('\\', "/");
            files.push((relative, path));
        }
    }
}

fn add_to_document(
    document: &mut serde_json::Map<String, serde_json::Value>,
    kind: FileKind,
    json: serde_json::Value,
) {
    let key = kind.document_key();
    match kind {
        FileKind::Info => {
            document.insert(key.to_string(), json);
        }
        FileKind::Template => push(document, key, json),
        _ => {
            let serde_json::Value::Object(mut table) = json else {
                return;
            };
            if let Some(serde_json::Value::Array(items)) = table.remove(key) {
                for item in items {
                    push(document, key, item);
                }
            }
        }
    }
}

fn push(
    document: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
    item: serde_json::Value,
) {
    if let Some(serde_json::Value::Array(items)) = document.get_mut(key) {
        items.push(item);
    }
}
