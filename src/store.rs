//! The folder where interrupted sessions and saved results are kept (`--home`,
//! `SKILLGAP_HOME`, ...). The quiz does not know about it: `assess` saves the session through the
//! quiz's save callback, and `history`/`compare` read the saved results.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::Error;
use crate::files::write_atomic;
use crate::ui::session::{SESSION_SCHEMA_VERSION, Session};

/// The folder for sessions and results: `--home`, `SKILLGAP_HOME`, else
/// `$XDG_DATA_HOME/skillgap`, else `~/.local/share/skillgap`.
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(home: Option<PathBuf>) -> Result<Store, Error> {
        let root = home
            .or_else(|| {
                std::env::var_os("XDG_DATA_HOME")
                    .filter(|v| !v.is_empty())
                    .map(|d| PathBuf::from(d).join("skillgap"))
            })
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/skillgap"))
            })
            .or_else(|| std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("skillgap")))
            .ok_or_else(|| {
                Error::InvalidInput(
                    "cannot find a folder for results: set SKILLGAP_HOME or pass --home DIR".into(),
                )
            })?;
        Ok(Store { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn session_path(&self) -> PathBuf {
        self.root.join("session.json")
    }

    fn ensure(&self, dir: &Path) -> Result<(), Error> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })
    }

    pub fn load_session(&self) -> Result<Option<Session>, Error> {
        let path = self.session_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(Error::Read { path, source }),
        };
        let session: Session = serde_json::from_str(&text).map_err(|e| {
            Error::InvalidInput(format!(
                "{}: the saved session is damaged ({e}); delete it to start again",
                path.display()
            ))
        })?;
        if session.schema_version > SESSION_SCHEMA_VERSION {
            return Err(Error::InvalidInput(format!(
                "{}: the saved session was written by a newer skillgap (session version {}, this \
                 one reads up to {SESSION_SCHEMA_VERSION}); upgrade skillgap to resume it",
                path.display(),
                session.schema_version
            )));
        }
        Ok(Some(session))
    }

    pub fn save_session(&self, session: &Session) -> Result<(), Error> {
        self.ensure(&self.root)?;
        let json = serde_json::to_vec(session).map_err(|e| Error::InvalidInput(e.to_string()))?;
        write_atomic(&self.session_path(), &json)
    }

    pub fn clear_session(&self) -> Result<(), Error> {
        match std::fs::remove_file(self.session_path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write {
                path: self.session_path(),
                source: e,
            }),
            _ => Ok(()),
        }
    }

    fn results_dir(&self) -> PathBuf {
        self.root.join("results")
    }

    /// The saved results documents, oldest first (their names are UTC time stamps).
    pub fn saved_results(&self) -> Result<Vec<PathBuf>, Error> {
        let dir = self.results_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(Error::Read { path: dir, source }),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        paths.sort_by_key(|path| save_order(path));
        Ok(paths)
    }

    /// Saves a results document under `results/` with a UTC time stamp; returns its path.
    pub fn save_results(&self, json: &[u8]) -> Result<PathBuf, Error> {
        let dir = self.results_dir();
        self.ensure(&dir)?;
        let stamp = utc_stamp(SystemTime::now());
        let mut path = dir.join(format!("{stamp}.json"));
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = dir.join(format!("{stamp}-{n}.json"));
        }
        write_atomic(&path, json)?;
        Ok(path)
    }
}

/// `<stamp>.json` before `<stamp>-2.json`, then by time stamp.
fn save_order(path: &Path) -> (String, u32) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once("Z-") {
        Some((stamp, n)) => (format!("{stamp}Z"), n.parse().unwrap_or(u32::MAX)),
        None => (stem, 1),
    }
}

/// `2026-11-21T18-04-05Z`: sortable and safe in file names.
pub fn utc_stamp(time: SystemTime) -> String {
    let time = jiff::Timestamp::try_from(time).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    time.strftime("%Y-%m-%dT%H-%M-%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::AnswerValue;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn stamps_are_utc_dates() {
        assert_eq!(utc_stamp(UNIX_EPOCH), "1970-01-01T00-00-00Z");
        let time = UNIX_EPOCH + Duration::from_secs(1_795_284_245);
        assert_eq!(utc_stamp(time), "2026-11-21T18-04-05Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(utc_stamp(leap), "2000-02-29T00-00-00Z");
    }

    #[test]
    fn a_session_from_a_newer_skillgap_is_refused_not_misread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(Some(dir.path().to_path_buf())).expect("store");
        let newer = r#"{"schema_version": 99, "catalog_fingerprint": "f", "templates": [],
            "seed": 1, "questions": [], "answers": {}}"#;
        std::fs::write(dir.path().join("session.json"), newer).expect("write");
        let error = store.load_session().expect_err("refused");
        assert!(error.to_string().contains("newer skillgap"), "{error}");
        let older = newer.replace("99", "1");
        std::fs::write(dir.path().join("session.json"), older).expect("write");
        assert!(store.load_session().expect("version 1 loads").is_some());
    }

    #[test]
    fn sessions_round_trip_and_clear() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(Some(dir.path().join("home"))).expect("store");
        assert_eq!(store.load_session().expect("load"), None);
        let session = Session {
            schema_version: SESSION_SCHEMA_VERSION,
            catalog_fingerprint: "f".into(),
            templates: vec!["t".into()],
            seed: 7,
            questions: vec!["q1".into(), "q2".into()],
            answers: [("q1".to_string(), AnswerValue::One("a".into()))].into(),
            adaptive: None,
            profile: None,
            custom_templates: Vec::new(),
        };
        store.save_session(&session).expect("save");
        assert_eq!(store.load_session().expect("load"), Some(session));
        store.clear_session().expect("clear");
        assert_eq!(store.load_session().expect("load"), None);
    }
}
