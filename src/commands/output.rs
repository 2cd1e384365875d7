//! Where a report goes: stdout (also `--out -`), or with `--out` a file written atomically (the
//! old file stays until the new one is complete). Every `--out` follows one rule
//! ([`crate::write::check_target`]): a new path, or an existing regular file with `--force`;
//! a missing folder is created. Errors on stdout say "standard output".

use anyhow::Result;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};

use crate::reports::Format;
use crate::write::{AtomicFile, Existing, check_target, committed, discard_temporaries};

pub enum Output {
    Stdout(BufWriter<StdoutLock<'static>>),
    /// Stdout on a terminal, through a pager once it is longer than the screen (`--paging`).
    Paged(crate::terminal::Paged),
    File {
        file: AtomicFile,
        path: PathBuf,
    },
}

/// The file `--out` names: `None` for no `--out` and for `-` (standard output).
pub fn file_target(out: Option<&Path>) -> Option<&Path> {
    out.filter(|path| path.as_os_str() != "-")
}

/// Checks that `--out` may be written (see [`check_target`]), and makes Ctrl-C remove the
/// temporary file on the way.
pub fn check_out(path: &Path, force: bool) -> Result<Existing> {
    let existing = Existing::forced(force);
    check_target(path, existing)?;
    remove_temporaries_on_interrupt();
    Ok(existing)
}

impl Output {
    /// Stdout, paged on a terminal when `--paging` allows it.
    pub fn stdout() -> Output {
        match crate::terminal::pager_plan() {
            Some(plan) => Output::Paged(crate::terminal::Paged::new(plan)),
            None => Output::Stdout(BufWriter::new(io::stdout().lock())),
        }
    }

    /// Stdout (no path, or `-`), or a new file at `path` that is put in place on
    /// [`Output::finish`]; an existing one only with `force`.
    pub fn open(path: Option<&Path>, force: bool) -> Result<Output> {
        Ok(match file_target(path) {
            None => Output::stdout(),
            Some(path) => Output::File {
                file: AtomicFile::create_with(path, check_out(path, force)?)?,
                path: path.to_path_buf(),
            },
        })
    }

    /// Flushes stdout, or puts the file in place and says so on stderr.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut stdout) => stdout.flush().map_err(on_stdout)?,
            Output::Paged(paged) => paged.finish().map_err(on_stdout)?,
            Output::File { file, path } => {
                file.commit()?;
                say!("wrote {}", path.display());
            }
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(stdout) => stdout.write(buf).map_err(on_stdout),
            Output::Paged(paged) => paged.write(buf).map_err(on_stdout),
            Output::File { file, path } => file.write(buf).map_err(|e| naming(path, e)),
        }
    }

    // serde_json writes many small pieces with `write_all`; handing each straight to the
    // buffered writer's fast path (instead of the default loop over `write`) keeps a 100k-sheet
    // run as fast as writing to the buffer directly.
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(stdout) => stdout.write_all(buf).map_err(on_stdout),
            Output::Paged(paged) => paged.write_all(buf).map_err(on_stdout),
            Output::File { file, path } => file.write_all(buf).map_err(|e| naming(path, e)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(stdout) => stdout.flush().map_err(on_stdout),
            Output::Paged(paged) => paged.flush().map_err(on_stdout),
            Output::File { file, path } => file.flush().map_err(|e| naming(path, e)),
        }
    }
}

/// On Ctrl-C or SIGTERM (for commands that have no handler of their own): remove the temporary
/// files being written, say so and exit 130 (143). Without it the signal would leave them behind.
fn remove_temporaries_on_interrupt() {
    // `assess` installs its own handler first, which removes them too.
    crate::write::on_interrupt(|code| {
        // Under the lock `discard_temporaries` keeps, no file is put in place any more.
        discard_temporaries();
        match committed() {
            0 => say!("\ninterrupted; nothing was written"),
            n => say!("\ninterrupted; {n} file(s) were complete and written, nothing else"),
        }
        std::process::exit(i32::from(code));
    });
}

/// The error with the file's name in it, so "no space left" says where.
fn naming(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// A write error on stdout that says so (the kind is kept: a closed pipe stays quiet).
pub fn on_stdout(error: io::Error) -> io::Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return error;
    }
    io::Error::new(
        error.kind(),
        format!("cannot write standard output: {error}"),
    )
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
