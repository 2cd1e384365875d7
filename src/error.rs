//! The library's errors. Each says what is wrong and, where it can, how to fix it; the command
//! layer adds context and maps them to exit codes.

use std::path::PathBuf;

use crate::diagnostic::Problem;

/// Exit codes, documented in the README.
pub mod exit {
    pub const OK: u8 = 0;
    pub const ERROR: u8 = 1;
    pub const INVALID_INPUT: u8 = 2;
    pub const VALIDATION_FAILED: u8 = 3;
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("catalog folder {}: {reason}", path.display())]
    CatalogDir { path: PathBuf, reason: String },
    #[error("the catalog has {} problem(s); run `skillgap validate` on it for the list:\n{}", problems.len(), list(problems))]
    InvalidCatalog { problems: Vec<Problem> },
    #[error("{0}")]
    InvalidInput(String),
    /// Ctrl-C (or SIGTERM) arrived before a file was put in place; it was not written.
    #[error("interrupted; {} was not written", path.display())]
    Interrupted { path: PathBuf },
    #[error("{what} `{id}` is not in the catalog{}", hint(suggestions))]
    UnknownId {
        what: &'static str,
        id: String,
        suggestions: Vec<String>,
    },
}

impl Error {
    /// The process exit code this error should end with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Read { .. } | Error::Write { .. } => exit::ERROR,
            Error::Interrupted { .. } => exit::INTERRUPTED,
            Error::InvalidCatalog { .. } => exit::VALIDATION_FAILED,
            Error::CatalogDir { .. } | Error::InvalidInput(_) | Error::UnknownId { .. } => {
                exit::INVALID_INPUT
            }
        }
    }
}

fn list(problems: &[Problem]) -> String {
    const SHOWN: usize = 20;
    let mut lines: Vec<String> = problems
        .iter()
        .take(SHOWN)
        .map(|p| format!("  {p}"))
        .collect();
    if problems.len() > SHOWN {
        lines.push(format!("  ... and {} more", problems.len() - SHOWN));
    }
    lines.join("\n")
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}
