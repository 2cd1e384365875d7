//! Files: finding the ones a folder argument stands for, and reading them through size caps with
//! errors that name them. Writing them is [`crate::write`]'s.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// A cap on what one read may hold: its size and what the file is, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    pub what: &'static str,
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// Every kind of file has its own cap, each about ten times the largest real one (the README's
/// "Limits" table lists them; keep the two in step).
impl Limit {
    /// An answer sheet (`.json`, `.toml`): the longest blank sheet of the embedded catalog is about 6 KiB.
    pub const SHEET: Limit = Limit::new(MIB, "an answer sheet");
    /// One record (line) of JSON Lines, in a file or on standard input: a sheet or a results
    /// document on one line.
    pub const RECORD: Limit = Limit::new(MIB, "a JSON Lines record");
    /// A whole JSON Lines file or stream (read a record at a time, never whole).
    pub const JSONL: Limit = Limit::new(1024 * MIB, "a JSON Lines file");
    /// A profile file (`--profile`): a few lines.
    pub const PROFILE: Limit = Limit::new(64 * KIB, "a profile file");
    /// The configuration file: a few lines.
    pub const CONFIG: Limit = Limit::new(64 * KIB, "the configuration file");
    /// A job posting's text (a long posting is 20 KiB; an HTML page a few hundred).
    pub const POSTING: Limit = Limit::new(MIB, "a job posting");
    /// A template file (`--template-file`).
    pub const TEMPLATE: Limit = Limit::new(MIB, "a template file");
    /// One file of a catalog folder (the embedded catalog's largest is about 140 KiB).
    pub const CATALOG_FILE: Limit = Limit::new(4 * MIB, "a catalog file");
    /// A calibration overlay (`--calibration`): a line per question.
    pub const CALIBRATION: Limit = Limit::new(4 * MIB, "a calibration file");
    /// One results document (`report`, `plan`, `compare`, saved results): every template of
    /// the embedded catalog with a plan is about 90 KiB.
    pub const RESULTS: Limit = Limit::new(4 * MIB, "a results document");
    /// A file that may hold a cohort of results documents (`calibrate`, `match`'s candidates).
    pub const COHORT: Limit = Limit::new(256 * MIB, "a cohort results file");
    /// The record of the questions a person was asked (`seen.json` in the data folder).
    pub const SEEN: Limit = Limit::new(4 * MIB, "the record of questions seen");
    /// An item bank (`simulate --bank`): a thousand questions are about 40 KiB.
    pub const BANK: Limit = Limit::new(4 * MIB, "an item-bank CSV");
    /// True abilities (`simulate --examinees`): a million examinees are about 20 MiB.
    pub const EXAMINEES: Limit = Limit::new(32 * MIB, "an examinee CSV");
    /// Uniform draws (`simulate --uniforms`): a row per examinee, a column per bank item.
    pub const UNIFORMS: Limit = Limit::new(64 * MIB, "a uniform-draws CSV");
    /// A reference trace (`simulate --reference`): a row per examinee with the items asked.
    pub const TRACE: Limit = Limit::new(64 * MIB, "a reference trace CSV");

    /// Every cap, as the README's table lists them.
    pub const ALL: [Limit; 16] = [
        Limit::SHEET,
        Limit::RECORD,
        Limit::JSONL,
        Limit::PROFILE,
        Limit::CONFIG,
        Limit::POSTING,
        Limit::TEMPLATE,
        Limit::CATALOG_FILE,
        Limit::CALIBRATION,
        Limit::RESULTS,
        Limit::COHORT,
        Limit::SEEN,
        Limit::BANK,
        Limit::EXAMINEES,
        Limit::UNIFORMS,
        Limit::TRACE,
    ];

    pub const fn new(bytes: u64, what: &'static str) -> Limit {
        Limit { bytes, what }
    }

    /// "1 MiB", "64 KiB".
    pub fn size(self) -> String {
        if self.bytes >= MIB && (self.bytes / MIB) * MIB == self.bytes {
            format!("{} MiB", self.bytes / MIB)
        } else if self.bytes >= KIB && (self.bytes / KIB) * KIB == self.bytes {
            format!("{} KiB", self.bytes / KIB)
        } else {
            format!("{} bytes", self.bytes)
        }
    }

    /// The error for input beyond the cap.
    pub fn exceeded(self) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than the {} limit for {}", self.size(), self.what),
        )
    }
}

/// The whole text of `path`, read through `limit` (so an endless file such as `/dev/zero` fails
/// at the limit), without a leading UTF-8 byte-order mark; errors name the file and the limit.
pub fn read_limited(path: &Path, limit: Limit) -> Result<String, Error> {
    let error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = open_input(path).map_err(error)?;
    read_capped(file, limit).map_err(error)
}

/// Opens a file given where a file is expected. A regular file, a FIFO or pipe (process
/// substitution: `<(cat sheets.jsonl)` is `/dev/fd/63`) and a character device (`/dev/stdin` on
/// a terminal, `/dev/null`; `/dev/zero` stops at the reader's cap) are opened; a folder, a
/// socket or a block device is refused with a reason instead of an OS error number or a read
/// of a whole disk.
pub fn open_input(path: &Path) -> std::io::Result<std::fs::File> {
    use std::io::{Error as IoError, ErrorKind};
    let refuse =
        |kind: ErrorKind, what: &str| Err(IoError::new(kind, format!("{what}, not a file")));
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return refuse(ErrorKind::IsADirectory, "is a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = meta.file_type();
        if kind.is_socket() {
            return refuse(ErrorKind::InvalidInput, "is a socket");
        }
        if kind.is_block_device() {
            return refuse(ErrorKind::InvalidInput, "is a block device (a disk)");
        }
    }
    let file = std::fs::File::open(path)?;
    // It may have been swapped for a folder meanwhile.
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return refuse(ErrorKind::IsADirectory, "is a folder");
    }
    Ok(file)
}

/// All of `reader` as text, through `limit`, without a leading byte-order mark.
pub fn read_capped(reader: impl std::io::Read, limit: Limit) -> std::io::Result<String> {
    let bytes = read_bytes_capped(reader, limit)?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// All of `reader`, through `limit`.
pub fn read_bytes_capped(reader: impl std::io::Read, limit: Limit) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    reader
        .take(limit.bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(limit.exceeded());
    }
    Ok(bytes)
}

/// Lines of a JSON Lines stream, each capped at [`Limit::RECORD`] and the whole at `total`.
/// After a line over its cap (or a read error) the stream ends: skipping to the next newline
/// could take forever on endless input.
pub struct CappedLines<R> {
    reader: R,
    total: Limit,
    read: u64,
    lines: u64,
    done: bool,
}

impl<R: std::io::BufRead> CappedLines<R> {
    pub fn new(reader: R, total: Limit) -> Self {
        CappedLines {
            reader,
            total,
            read: 0,
            lines: 0,
            done: false,
        }
    }
}

impl<R: std::io::BufRead> Iterator for CappedLines<R> {
    type Item = std::io::Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        use std::io::{BufRead as _, Read as _};
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        let cap = Limit::RECORD.bytes + 1;
        let result = (&mut self.reader).take(cap).read_until(b'\n', &mut line);
        let fail = |this: &mut Self, error: std::io::Error| {
            this.done = true;
            Some(Err(error))
        };
        match result {
            Err(error) => return fail(self, error),
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(n) => self.read += n as u64,
        }
        if self.read > self.total.bytes {
            return fail(self, self.total.exceeded());
        }
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        if line.len() as u64 > Limit::RECORD.bytes {
            return fail(self, Limit::RECORD.exceeded());
        }
        self.lines += 1;
        if self.lines == 1 && line.starts_with("\u{feff}".as_bytes()) {
            line.drain(..3);
        }
        Some(String::from_utf8(line).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "not UTF-8 text (invalid byte at offset {} of the line)",
                    e.utf8_error().valid_up_to()
                ),
            )
        }))
    }
}

/// What a folder scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// The regular files `keep` accepted, each once, sorted.
    pub files: Vec<PathBuf>,
    /// What was left out and why ("a FIFO, not a regular file"), already printed as warnings.
    pub skipped: Vec<(PathBuf, &'static str)>,
}

/// The regular files under `dir`, recursively, that `keep` accepts, sorted, each once. Folders
/// behind symbolic links are not followed (no cycles); links to regular files are read once
/// (the file, not each link); FIFOs, sockets and devices are skipped with a warning on stderr
/// (reading a FIFO would block forever).
pub fn files_under(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Error> {
    Ok(scan(dir, None, keep)?.files)
}

/// The regular files directly in `dir` (not in its subfolders) that `keep` accepts, sorted.
pub fn files_in(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Error> {
    Ok(scan(dir, Some(1), keep)?.files)
}

/// The scan behind [`files_under`] and [`files_in`], with what it skipped.
pub fn scan(
    dir: &Path,
    max_depth: Option<usize>,
    keep: impl Fn(&Path) -> bool,
) -> Result<Scan, Error> {
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name();
    if let Some(depth) = max_depth {
        walker = walker.max_depth(depth);
    }
    let mut scan = Scan::default();
    let mut seen = std::collections::HashSet::new();
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::Read {
                path,
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loop")),
            }
        })?;
        let path = entry.path();
        if entry.file_type().is_dir() || !keep(path) {
            continue;
        }
        let kind = if entry.path_is_symlink() {
            std::fs::metadata(path).map(|m| m.file_type())
        } else {
            Ok(entry.file_type())
        };
        let skip = match kind {
            Ok(kind) if kind.is_file() => None,
            Ok(kind) if kind.is_dir() => Some("a link to a folder (not followed)"),
            Ok(_) => Some("not a regular file (a FIFO, socket or device)"),
            Err(_) => Some("a link that leads nowhere"),
        };
        if let Some(reason) = skip {
            warn(&format!(
                "skipping {}: {reason}",
                crate::sanitize::line(&path.display().to_string())
            ));
            scan.skipped.push((path.to_path_buf(), reason));
            continue;
        }
        let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if seen.insert(identity) {
            scan.files.push(path.to_path_buf());
        }
    }
    scan.files.sort();
    Ok(scan)
}

/// A warning on stderr: a scan goes on past what it cannot use, but says so.
fn warn(message: &str) {
    eprintln!("warning: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_fails_at_the_cap_naming_the_limit() {
        let error = read_capped(std::io::repeat(b'{'), Limit::SHEET).expect_err("endless");
        assert_eq!(
            error.to_string(),
            "larger than the 1 MiB limit for an answer sheet"
        );
        let mut lines =
            CappedLines::new(std::io::BufReader::new(std::io::repeat(b'x')), Limit::JSONL);
        let error = lines.next().expect("one item").expect_err("too long");
        assert!(error.to_string().contains("JSON Lines record"), "{error}");
        assert!(
            lines.next().is_none(),
            "the stream ends after a line over the cap"
        );
        let text = "\u{feff}{}\r\n\n{\"a\": 1}";
        let lines: Vec<String> = CappedLines::new(text.as_bytes(), Limit::JSONL)
            .map(|l| l.expect("line"))
            .collect();
        assert_eq!(lines, ["{}", "", "{\"a\": 1}"]);
        let total = Limit::new(8, "a test stream");
        let error = CappedLines::new("{}\n{}\n{}\n{}\n".as_bytes(), total)
            .find_map(Result::err)
            .expect("over the total");
        assert!(
            error
                .to_string()
                .contains("8 bytes limit for a test stream"),
            "{error}"
        );
    }

    #[test]
    fn the_readme_lists_every_cap_as_the_code_has_it() {
        let readme = include_str!("../README.md");
        let table = readme
            .split("### Limits")
            .nth(1)
            .expect("a Limits section")
            .lines()
            .skip_while(|l| !l.starts_with("| what is read"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .collect::<Vec<_>>();
        assert_eq!(table.len(), Limit::ALL.len(), "{table:#?}");
        for (row, limit) in table.iter().zip(Limit::ALL) {
            assert!(
                row.starts_with(&format!("| {}", limit.what))
                    && row.ends_with(&format!("| {} |", limit.size())),
                "README row {row:?} does not say {} for {}",
                limit.size(),
                limit.what
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_folders_are_not_files() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("bom.json");
        std::fs::write(&path, "\u{feff}{}").expect("write");
        assert_eq!(read_limited(&path, Limit::SHEET).expect("read"), "{}");
        let error = read_limited(dir.path(), Limit::SHEET).expect_err("a folder");
        assert!(format!("{:#}", anyhow::Error::from(error)).contains("is a folder"));
    }

    #[cfg(unix)]
    #[test]
    fn scans_skip_links_to_folders_fifos_and_duplicates() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("a.json"), "{}").expect("write");
        std::fs::write(root.join("sub/b.json"), "{}").expect("write");
        std::os::unix::fs::symlink(".", root.join("sub/self.json")).expect("link");
        std::os::unix::fs::symlink("..", root.join("sub/up")).expect("link");
        std::os::unix::fs::symlink("a.json", root.join("again.json")).expect("link");
        std::os::unix::fs::symlink("nowhere", root.join("dangling.json")).expect("link");
        let fifo = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.json"))
            .status()
            .is_ok_and(|s| s.success());
        let json = |p: &Path| p.extension().is_some_and(|e| e == "json");
        let found = scan(root, None, json).expect("scan");
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).expect("under").display().to_string())
            .collect();
        assert_eq!(names, ["a.json", "sub/b.json"], "each file once, no loop");
        let skipped: Vec<&str> = found.skipped.iter().map(|(_, why)| *why).collect();
        assert!(
            skipped.contains(&"a link to a folder (not followed)"),
            "{skipped:?}"
        );
        assert!(
            skipped.contains(&"a link that leads nowhere"),
            "{skipped:?}"
        );
        if fifo {
            assert!(skipped.iter().any(|w| w.contains("FIFO")), "{skipped:?}");
        }
        let top = files_in(root, json).expect("scan");
        assert_eq!(top, [root.join("a.json")]);
    }
}
