//! Catalog files as text, and finding where a value sits in them.

use std::path::{Path, PathBuf};

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
    let mut paths = Vec::new();
    collect_files(dir, dir, &mut paths)?;
    paths.sort();
    paths
        .into_iter()
        .filter(|(relative, _)| FileKind::of(relative).is_some())
        .map(|(relative, path)| {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            Ok(SourceFile {
                relative,
                display: path.display().to_string(),
                text,
            })
        })
        .collect()
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            collect_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push((relative.to_string_lossy().replace('\\', "/"), path));
        }
    }
    Ok(())
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
