//! Where a report goes: stdout, or with `--out` a file written atomically (the old file stays
//! until the new one is complete).

use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::reports::Format;
use crate::write::AtomicFile;

pub enum Output {
    Stdout(BufWriter<StdoutLock<'static>>),
    File { file: AtomicFile, path: PathBuf },
}

impl Output {
    /// Stdout, or a new file at `path` that replaces it on [`Output::finish`].
    pub fn open(path: Option<&Path>) -> Result<Output> {
        Ok(match path {
            None => Output::Stdout(BufWriter::new(io::stdout().lock())),
            Some(path) => Output::File {
                file: AtomicFile::create(path).map_err(|error| match missing_folder(path) {
                    Some(folder) => anyhow::Error::new(error).context(format!(
                        "the folder {} does not exist; create it first or pass another --out",
                        folder.display()
                    )),
                    None => error.into(),
                })?,
                path: path.to_path_buf(),
            },
        })
    }

    /// Flushes stdout, or puts the file in place and says so on stderr.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut stdout) => stdout.flush()?,
            Output::File { file, path } => {
                file.commit()?;
                eprintln!("wrote {}", path.display());
            }
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(stdout) => stdout.write(buf),
            Output::File { file, path } => file.write(buf).map_err(|e| naming(path, e)),
        }
    }

    // serde_json writes many small pieces with `write_all`; handing each straight to the
    // buffered writer's fast path (instead of the default loop over `write`) keeps a 100k-sheet
    // run as fast as writing to the buffer directly.
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(stdout) => stdout.write_all(buf),
            Output::File { file, path } => file.write_all(buf).map_err(|e| naming(path, e)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(stdout) => stdout.flush(),
            Output::File { file, path } => file.flush().map_err(|e| naming(path, e)),
        }
    }
}

/// The folder `path` would go in, when it does not exist.
fn missing_folder(path: &Path) -> Option<&Path> {
    path.parent()
        .filter(|folder| !folder.as_os_str().is_empty() && !folder.is_dir())
}

/// The error with the file's name in it, so "no space left" says where.
fn naming(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// The format a file's extension asks for: `.html`, `.md`, `.csv`, `.json`, `.jsonl`, `.txt`.
pub fn format_for_extension(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "html" | "htm" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        "csv" => Format::Csv,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::Jsonl,
        "txt" => Format::Table,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format() {
        assert_eq!(
            format_for_extension(Path::new("out/report.HTML")),
            Some(Format::Html)
        );
        assert_eq!(
            format_for_extension(Path::new("a.md")),
            Some(Format::Markdown)
        );
        assert_eq!(
            format_for_extension(Path::new("a.jsonl")),
            Some(Format::Jsonl)
        );
        assert_eq!(format_for_extension(Path::new("report")), None);
        assert_eq!(format_for_extension(Path::new("a.pdf")), None);
    }
}
