//! Writing files so that a crash never leaves a half-written one: a temporary file created
//! exclusively, with an unpredictable name, in the target's folder (`tempfile`), flushed to disk,
//! then renamed over the target.
//!
//! The rules for a file a person names (`--out`, `--save`): a new path or a regular file only
//! (never a symbolic link, a device, a FIFO or a folder), an existing file only when asked to
//! replace it, and a missing folder is created. Temporary files are removed on error and, through
//! [`discard_temporaries`], on Ctrl-C; those a killed run left behind are swept an hour later.
//!
//! Ctrl-C (SIGINT) and SIGTERM go to the one handler [`on_interrupt`] installs. The signal itself
//! marks the run interrupted before anything else happens, and [`AtomicFile::commit`] never puts
//! a file in place once it is: an interrupted run (whose input may have ended because the same
//! Ctrl-C stopped the program feeding it) writes nothing rather than a cohort of fewer sheets.

use std::ffi::OsStr;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

use crate::error::Error;

/// What to do when the target already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Leave it alone and fail (the path must be new).
    Refuse,
    /// Replace it (when it is a regular file).
    Replace,
}

impl Existing {
    /// `Replace` with `--force`, else `Refuse`.
    pub fn forced(force: bool) -> Existing {
        if force {
            Existing::Replace
        } else {
            Existing::Refuse
        }
    }
}

/// Set by the signal handler itself (not by the handler's thread, which may run later) when
/// SIGINT or SIGTERM arrives once [`on_interrupt`] installed a handler.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How many files this run put in place, for the interrupt handler's message.
static COMMITTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many files this run has put in place so far.
pub fn committed() -> usize {
    COMMITTED.load(Ordering::SeqCst)
}

/// Whether the run was interrupted (SIGINT or SIGTERM with a handler installed).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Runs `handler` with the exit code to end with (130 for SIGINT, 143 for SIGTERM) on a thread
/// of its own when Ctrl-C or SIGTERM arrives; from then on no [`AtomicFile`] is committed. Only
/// the first call installs its handler (`assess` installs its own before any `--out` rule does);
/// returns whether this one was installed.
pub fn on_interrupt(handler: impl Fn(u8) + Send + 'static) -> bool {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static INSTALLED: Once = Once::new();
    let mut installed = false;
    INSTALLED.call_once(|| {
        // The flag first: signal-hook runs a signal's actions in the order they were registered.
        for signal in [SIGINT, SIGTERM] {
            if signal_hook::flag::register(signal, &INTERRUPTED).is_err() {
                return;
            }
        }
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("interrupt".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let code = 128 + u8::try_from(signal).unwrap_or(2);
                    handler(code);
                }
            });
        installed = spawned.is_ok();
    });
    installed
}

/// Temporary files this long untouched are a killed run's, and swept.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The end of every temporary file's name: `.<name>.<random>.skillgap-tmp`.
const TEMP_SUFFIX: &str = ".skillgap-tmp";

/// Checks that `path` may be written: a new path, or a regular file when `existing` allows it;
/// creates its folder when it is missing.
pub fn check_target(path: &Path, existing: Existing) -> Result<(), Error> {
    let refuse = |what: &str| {
        Error::InvalidInput(format!(
            "{} {what}; skillgap writes only to a regular file or a new path",
            path.display()
        ))
    };
    if path.as_os_str().to_string_lossy().ends_with(['/', '\\']) || path.file_name().is_none() {
        return Err(refuse("names a folder, not a file"));
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse("is a symbolic link"));
        }
        Ok(meta) if meta.is_dir() => return Err(refuse("is a folder")),
        Ok(meta) if !meta.is_file() => {
            return Err(refuse("is not a regular file (a device, FIFO or socket)"));
        }
        Ok(_) if existing == Existing::Refuse => {
            return Err(Error::InvalidInput(format!(
                "{} exists; pass --force to overwrite it",
                path.display()
            )));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(Error::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    create_folder(folder_of(path))
}

/// Creates `dir` and its parents when missing, with an error that names it.
pub fn create_folder(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// Replaces `path` with `contents` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    write_file(path, contents, Existing::Replace)
}

/// Writes `contents` at `path` atomically; with [`Existing::Refuse`] an existing file (even one
/// that appears meanwhile) is left alone and the error's source is `AlreadyExists`.
pub fn write_file(path: &Path, contents: &[u8], existing: Existing) -> Result<(), Error> {
    let mut file = AtomicFile::create_with(path, existing)?;
    file.write_all(contents).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    file.commit()
}

/// Whether the error is "the file is already there" from [`Existing::Refuse`].
pub fn already_exists(error: &Error) -> bool {
    matches!(error, Error::Write { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists)
}

/// A file written in a stream that replaces `path` only when [`AtomicFile::commit`] is called;
/// dropped without it (an error on the way), the temporary file is removed and `path` is left as
/// it was. The temporary file is `tempfile`'s, in the target's folder so the rename is atomic.
pub struct AtomicFile {
    path: PathBuf,
    existing: Existing,
    file: Option<BufWriter<NamedTempFile>>,
}

/// The temporary files being written, for [`discard_temporaries`] (Ctrl-C skips destructors).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The folders already swept for stale temporary files in this run.
static SWEPT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

impl AtomicFile {
    /// Starts writing a temporary file next to `path` that replaces it on commit.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        AtomicFile::create_with(path, Existing::Replace)
    }

    /// Starts writing a temporary file next to `path` (same folder, so the rename is atomic).
    pub fn create_with(path: &Path, existing: Existing) -> Result<AtomicFile, Error> {
        let dir = folder_of(path);
        sweep_once(dir);
        // Short enough that the temporary name stays within a file system's 255 bytes.
        let name: String = path
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(100).collect())
            .unwrap_or_else(|| "output".to_string());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(12);
        // As File::create would: the umask decides, not tempfile's private 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut pending = pending();
        let file = builder.tempfile_in(dir).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        pending.push(file.path().to_path_buf());
        Ok(AtomicFile {
            path: path.to_path_buf(),
            existing,
            file: Some(BufWriter::new(file)),
        })
    }

    /// Flushes the file to disk and renames it over the target (or, with [`Existing::Refuse`],
    /// to the target only if nothing is there).
    pub fn commit(mut self) -> Result<(), Error> {
        let result = match self.file.take() {
            Some(writer) => writer
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)
                .and_then(|file| {
                    file.as_file().sync_all()?;
                    // Under the lock, so Ctrl-C either removes the temporary or sees it in place;
                    // once interrupted, nothing is put in place (the input may be cut short).
                    let mut pending = pending();
                    if interrupted() {
                        drop(pending);
                        return Err(await_interrupt_exit(&self.path));
                    }
                    pending.retain(|p| p != file.path());
                    match self.existing {
                        Existing::Replace => file.persist(&self.path).map(drop),
                        Existing::Refuse => file.persist_noclobber(&self.path).map(drop),
                    }
                    .map(|()| {
                        COMMITTED.fetch_add(1, Ordering::SeqCst);
                    })
                    .map_err(|e| e.error)
                }),
            None => Ok(()),
        };
        result.map_err(|source| match source.downcast::<Error>() {
            Ok(error) => error,
            Err(source) => Error::Write {
                path: self.path.clone(),
                source: if source.kind() == std::io::ErrorKind::AlreadyExists {
                    std::io::Error::new(
                        source.kind(),
                        "it exists (it appeared while this one was written); pass --force to \
                     overwrite it",
                    )
                } else {
                    source
                },
            },
        })
    }

    fn writer(&mut self) -> std::io::Result<&mut BufWriter<NamedTempFile>> {
        self.file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the file was already committed"))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(writer) = self.file.take() {
            let mut pending = pending();
            pending.retain(|p| p != writer.get_ref().path());
            // Dropping the temporary file removes it.
            drop(writer.into_parts());
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer()?.flush()
    }
}

/// Gives the interrupt handler (which removes the temporary files and exits) time to end the
/// process; should it not, the write fails as interrupted.
fn await_interrupt_exit(path: &Path) -> std::io::Error {
    for _ in 0..100 {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::io::Error::other(Error::Interrupted {
        path: path.to_path_buf(),
    })
}

/// Removes the temporary files being written, for a Ctrl-C handler that then exits; the lock is
/// held until the process ends so no new one starts (or is put in place) meanwhile.
pub fn discard_temporaries() {
    let mut pending = pending();
    for path in pending.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    std::mem::forget(pending);
}

/// Whether `name` is one of skillgap's temporary files: `.<name>.<random>.skillgap-tmp`, or an
/// older skillgap's `.<name>.tmp-<pid>` and `.<name>.<6 random>.tmp`.
pub fn is_temporary_name(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    if rest.ends_with(TEMP_SUFFIX) && rest.len() > TEMP_SUFFIX.len() + 13 {
        return true;
    }
    if let Some((stem, pid)) = rest.rsplit_once(".tmp-") {
        return !stem.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    }
    if let Some(stem) = rest.strip_suffix(".tmp")
        && let Some((stem, random)) = stem.rsplit_once('.')
    {
        return !stem.is_empty()
            && random.len() == 6
            && random.bytes().all(|b| b.is_ascii_alphanumeric());
    }
    false
}

/// Removes skillgap's temporary files in `dir` untouched for [`STALE_AFTER`] (left by a run that
/// was killed); regular files only, never followed links. Returns how many were removed.
pub fn sweep_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        if !is_temporary_name(&entry.file_name()) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let stale = meta
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if meta.is_file() && stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Sweeps `dir` the first time this run writes there.
fn sweep_once(dir: &Path) {
    let mut swept = SWEPT.lock().unwrap_or_else(PoisonError::into_inner);
    if swept.iter().any(|d| d == dir) {
        return;
    }
    swept.push(dir.to_path_buf());
    drop(swept);
    sweep_stale_temporaries(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").expect("write");
        write_atomic(&path, b"new").expect("atomic write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("missing").join("out.json");
        let error = write_atomic(&path, b"x").expect_err("must fail");
        assert!(error.to_string().contains("out.json"), "{error}");
    }

    #[test]
    fn a_stream_not_committed_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("report.html");
        std::fs::write(&path, "old").expect("write");
        {
            let mut file = AtomicFile::create(&path).expect("create");
            file.write_all(b"half a rep").expect("write");
        }
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
        let mut file = AtomicFile::create(&path).expect("create");
        file.write_all(b"new").expect("write");
        file.commit().expect("commit");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    fn temporary_names_are_unpredictable_and_ours() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.json");
        let first = AtomicFile::create(&path).expect("create");
        let second = AtomicFile::create(&path).expect("create");
        let listed = names(dir.path());
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert_ne!(listed[0], listed[1]);
        for name in &listed {
            assert!(name.starts_with(".out.json.") && name.ends_with(".skillgap-tmp"));
            assert!(is_temporary_name(OsStr::new(name)), "{name}");
        }
        drop((first, second));
        assert!(names(dir.path()).is_empty());
        for ours in [".session.json.tmp-4242", ".report.html.aB3xY9.tmp"] {
            assert!(is_temporary_name(OsStr::new(ours)), "{ours}");
        }
        for theirs in [
            "notes.tmp",
            ".notes.tmp",
            ".x.tmp-12a",
            ".x.abc.tmp",
            ".skillgap-tmp",
        ] {
            assert!(!is_temporary_name(OsStr::new(theirs)), "{theirs}");
        }
    }

    #[test]
    fn refuse_keeps_an_existing_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("r.json");
        write_file(&path, b"first", Existing::Refuse).expect("new path");
        let error = write_file(&path, b"second", Existing::Refuse).expect_err("exists");
        assert!(already_exists(&error), "{error}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first");
        assert_eq!(names(dir.path()), ["r.json"]);
    }

    #[test]
    fn targets_must_be_new_or_regular_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("old.json");
        std::fs::write(&file, "x").expect("write");
        let error = check_target(&file, Existing::Refuse).expect_err("exists");
        assert!(error.to_string().contains("--force"), "{error}");
        check_target(&file, Existing::Replace).expect("a regular file may be replaced");
        let error = check_target(dir.path(), Existing::Replace).expect_err("folder");
        assert!(error.to_string().contains("folder"), "{error}");
        let nested = dir.path().join("a/b/new.json");
        check_target(&nested, Existing::Refuse).expect("a new path");
        assert!(dir.path().join("a/b").is_dir(), "the folder is created");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&file, &link).expect("symlink");
            let error = check_target(&link, Existing::Replace).expect_err("symlink");
            assert!(error.to_string().contains("symbolic link"), "{error}");
            let error =
                check_target(Path::new("/dev/null"), Existing::Replace).expect_err("device");
            assert!(error.to_string().contains("not a regular file"), "{error}");
        }
    }

    #[test]
    fn stale_temporaries_are_swept_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        for name in [
            ".a.json.0123456789abcdef.skillgap-tmp",
            ".session.json.tmp-77",
            ".keep.txt",
        ] {
            let file = std::fs::File::create(dir.path().join(name)).expect("create");
            file.set_modified(old).expect("age");
        }
        std::fs::write(dir.path().join(".b.json.0123456789abcdef.skillgap-tmp"), "")
            .expect("fresh");
        assert_eq!(sweep_stale_temporaries(dir.path()), 2);
        assert_eq!(
            names(dir.path()),
            [".b.json.0123456789abcdef.skillgap-tmp", ".keep.txt"]
        );
    }
}
