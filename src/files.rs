//! Writing files so that a crash never leaves a half-written one: write a temporary file in the
//! same folder, flush it to disk, then rename it over the target.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Replaces `path` with `contents` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let temporary = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = std::fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(contents)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(write_error(source));
    }
    Ok(())
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
}
