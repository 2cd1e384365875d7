//! Which kind of document a catalog file holds, decided by its path inside the catalog folder.
//! Shared with `build.rs`, which groups the embedded files the same way.

/// The kind of document a catalog file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Info,
    Areas,
    Pathways,
    Skills,
    Questions,
    Template,
}

impl FileKind {
    /// The kind of the file at `relative` (forward slashes), or `None` for files the catalog
    /// does not read (README.md and the like).
    pub fn of(relative: &str) -> Option<FileKind> {
        if !relative.ends_with(".toml") {
            return None;
        }
        match relative.split_once('/') {
            None => match relative {
                "catalog.toml" => Some(FileKind::Info),
                "areas.toml" => Some(FileKind::Areas),
                "pathways.toml" => Some(FileKind::Pathways),
                _ => None,
            },
            Some(("skills", rest)) if !rest.contains('/') => Some(FileKind::Skills),
            Some(("questions", rest)) if !rest.contains('/') => Some(FileKind::Questions),
            Some(("templates", rest)) if !rest.contains('/') => Some(FileKind::Template),
            Some(_) => None,
        }
    }

    /// The key under which items of this kind are collected in a catalog document.
    pub fn document_key(self) -> &'static str {
        match self {
            FileKind::Info => "catalog",
            FileKind::Areas => "areas",
            FileKind::Pathways => "pathways",
            FileKind::Skills => "skills",
            FileKind::Questions => "questions",
            FileKind::Template => "templates",
        }
    }
}

/// FNV-1a over the files' relative paths and texts, in the order given: a catalog's identity
/// that is stable across builds and platforms.
pub fn fingerprint<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (relative, text) in files {
        for byte in relative.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
