//! Catalog files as text, and finding where a value sits in them.

use std::path::Path;

use super::layout::FileKind;
pub use crate::diagnostic::{Problem, line_column};
use crate::error::Error;

/// One catalog file: its path relative to the catalog folder and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub relative: String,
    /// Where the file was read from, for messages (`data/skills/x.toml` or an absolute path).
    pub display: String,
    pub text: String,
}

/// The embedded default catalog's TOML sources.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/sources.rs"));
}

/// The embedded catalog's fingerprint, computed by `build.rs`.
pub const EMBEDDED_FINGERPRINT: &str = embedded::FINGERPRINT;

/// The default catalog's sources, as embedded at build time.
pub fn embedded_sources() -> Vec<SourceFile> {
    embedded::SOURCES
        .iter()
        .map(|(relative, text)| SourceFile {
            relative: (*relative).to_string(),
            display: format!("<embedded>/{relative}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// Reads every catalog file under `dir`, sorted by path.
pub fn read_dir_sources(dir: &Path) -> Result<Vec<SourceFile>, Error> {
    if !dir.is_dir() {
        return Err(Error::CatalogDir {
            path: dir.to_path_buf(),
            reason: "is not a directory".into(),
        });
    }
    let files =
        crate::files::files_under(dir, |path| FileKind::of(&relative_to(dir, path)).is_some())?;
    let mut files: Vec<(String, std::path::PathBuf)> = files
        .into_iter()
        .map(|path| (relative_to(dir, &path), path))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(relative, path)| {
            let text = crate::files::read_limited(&path, crate::files::Limit::CATALOG_FILE)?;
            Ok(SourceFile {
                relative,
                display: crate::sanitize::line(&path.display().to_string()).into_owned(),
                text,
            })
        })
        .collect()
}

/// `path` relative to the catalog folder, with `/` between its parts.
fn relative_to(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// One step of a path into a TOML document: a table key or an array index.
#[derive(Clone, Copy, Debug)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Finds where a value sits in a TOML file, to point problems at it.
pub struct Locator<'t> {
    root: Option<toml::Spanned<toml::de::DeTable<'t>>>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Self {
        Locator {
            root: toml::de::DeTable::parse(text).ok(),
        }
    }

    /// Byte offset of the deepest value along `path` that exists (0 if none does). A key is
    /// located at the key itself, which is what an editor should jump to.
    pub fn offset(&self, path: &[Step<'_>]) -> usize {
        let Some(root) = &self.root else { return 0 };
        let mut best = 0;
        let mut table = Some(root.get_ref());
        let mut array: Option<&toml::de::DeArray<'t>> = None;
        for step in path {
            let value = match (*step, table, array) {
                (Step::Key(key), Some(t), _) => match t.get_key_value(key) {
                    Some((k, v)) => {
                        best = k.span().start;
                        v
                    }
                    None => return best,
                },
                (Step::Index(i), _, Some(a)) => match a.get(i) {
                    Some(v) => {
                        best = v.span().start;
                        v
                    }
                    None => return best,
                },
                _ => return best,
            };
            table = None;
            array = None;
            match value.get_ref() {
                toml::de::DeValue::Table(t) => table = Some(t),
                toml::de::DeValue::Array(a) => array = Some(a),
                _ => {}
            }
        }
        best
    }
}
