//! Files: writing them so that a crash never leaves a half-written one (write a temporary file
//! in the same folder with `tempfile`, flush it to disk, then rename it over the target), and
//! finding the ones a folder argument stands for; reading them with errors that name them.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::Error;

/// Replaces `path` with `contents` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    file.commit()
}

/// A file written in a stream that replaces `path` only when [`AtomicFile::commit`] is called;
/// dropped without it (an error on the way), the temporary file is removed and `path` is left as
/// it was. The temporary file is `tempfile`'s, in the target's folder so the rename is atomic.
pub struct AtomicFile {
    path: PathBuf,
    file: Option<BufWriter<NamedTempFile>>,
}

impl AtomicFile {
    /// Starts writing a temporary file next to `path` (same folder, so the rename is atomic).
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .map(|n| format!(".{}.", n.to_string_lossy()))
            .unwrap_or_else(|| ".output.".to_string());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&name).suffix(".tmp");
        // As File::create would: the umask decides, not tempfile's private 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let file = builder.tempfile_in(dir).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            file: Some(BufWriter::new(file)),
        })
    }

    /// Flushes the file to disk and renames it over the target.
    pub fn commit(mut self) -> Result<(), Error> {
        let result = match self.file.take() {
            Some(writer) => writer
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)
                .and_then(|file| {
                    file.as_file().sync_all()?;
                    file.persist(&self.path).map_err(|e| e.error)?;
                    Ok(())
                }),
            None => Ok(()),
        };
        result.map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    fn writer(&mut self) -> std::io::Result<&mut BufWriter<NamedTempFile>> {
        self.file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the file was already committed"))
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

/// The whole text of `path`, with an error that names it.
pub fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The files under `dir`, recursively, that `keep` accepts, sorted.
pub fn files_under(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| Error::Read {
            path: dir.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if keep(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").expect("write");
        write_atomic(&path, b"new").expect("atomic write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1);
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
}
