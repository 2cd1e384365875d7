//! The folder where interrupted sessions and saved results are kept (`--home`,
//! `SKILLGAP_HOME`, ...). The quiz does not know about it: `assess` saves the session through the
//! quiz's save callback, and `history`/`compare` read the saved results.

use std::fs::File;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::Error;
use crate::ui::session::{SESSION_SCHEMA_VERSION, SavedSession, Session};
use crate::write::{
    Existing, already_exists, create_folder, sweep_stale_temporaries, write_atomic, write_file,
};

/// A session held by this run: its file (`sessions/<id>.json`) and an exclusive lock on
/// `sessions/<id>.lock`, so no other run resumes, backs up or overwrites it meanwhile. The lock
/// goes with the process (Ctrl-C, a crash, SIGKILL), and the session file stays to resume.
#[derive(Debug)]
pub struct SessionLock {
    id: String,
    json: PathBuf,
    lock_path: PathBuf,
    _file: File,
}

impl SessionLock {
    /// What `--resume ID` takes.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn path(&self) -> &Path {
        &self.json
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // No session file (finished, backed up, or no answer yet): the lock file goes too.
        if !self.json.exists() {
            let _ = std::fs::remove_file(&self.lock_path);
        }
    }
}

fn lock(file: &File, path: &Path) -> Result<(), Error> {
    file.try_lock().map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: match e {
            std::fs::TryLockError::Error(source) => source,
            std::fs::TryLockError::WouldBlock => {
                std::io::Error::from(std::io::ErrorKind::WouldBlock)
            }
        },
    })
}

/// `2026-11-21T18-04-05Z-1a2b3c4d`: the start time and 32 random bits.
fn new_session_id() -> String {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    format!(
        "{}-{:08x}",
        utc_stamp(SystemTime::now()),
        hasher.finish() as u32
    )
}

/// Letters, digits and `-` only, so an ID never names a path outside `sessions/`.
fn is_session_id(id: &str) -> bool {
    (1..=80).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// When `path` was last written, `2026-11-21 18:04 UTC`.
fn saved_at(path: &Path) -> String {
    let time = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let time = jiff::Timestamp::try_from(time).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    time.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

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
        // Something other than a folder (a file, a FIFO) would read as "no saved results".
        if std::fs::metadata(&root).is_ok_and(|m| !m.is_dir()) {
            return Err(Error::InvalidInput(format!(
                "{} is not a folder; --home (or SKILLGAP_HOME) names the folder for sessions and \
                 saved results",
                crate::sanitize::line(&root.display().to_string())
            )));
        }
        Ok(Store { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    fn ensure(&self, dir: &Path) -> Result<(), Error> {
        create_folder(dir)
    }

    /// A new session's id and lock, held until the [`SessionLock`] is dropped. Its file is
    /// written with the first answer, so an interrupt before it leaves nothing to resume.
    pub fn start_session(&self) -> Result<SessionLock, Error> {
        let dir = self.sessions_dir();
        self.ensure(&dir)?;
        sweep_stale_temporaries(&self.root);
        sweep_stale_temporaries(&dir);
        loop {
            let id = new_session_id();
            let lock_path = dir.join(format!("{id}.lock"));
            let file = match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock_path)
            {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => {
                    return Err(Error::Write {
                        path: lock_path,
                        source,
                    });
                }
            };
            lock(&file, &lock_path)?;
            return Ok(SessionLock {
                json: dir.join(format!("{id}.json")),
                id,
                lock_path,
                _file: file,
            });
        }
    }

    /// The interrupted sessions with at least one answer, latest first; those another run has
    /// open are left out (and damaged ones: `--resume ID` names their problem).
    pub fn interrupted_sessions(&self) -> Result<Vec<SavedSession>, Error> {
        let mut found = Vec::new();
        for (id, _) in self.session_files()? {
            let Some(lock) = self.claim(&id)? else {
                continue;
            };
            if let Ok(Some(session)) = self.load(&lock.json)
                && !session.answers.is_empty()
            {
                found.push(SavedSession {
                    answers: session.answers.len(),
                    templates: session.templates,
                    saved: saved_at(&lock.json),
                    id,
                });
            }
        }
        Ok(found)
    }

    /// The session `--resume` continues: `id`'s (or a backup of it), else the latest
    /// interrupted one; locked for this run.
    pub fn resume_session(&self, id: Option<&str>) -> Result<(SessionLock, Session), Error> {
        let Some(id) = id else {
            for saved in self.interrupted_sessions()? {
                if let Some(lock) = self.claim(&saved.id)?
                    && let Some(session) = self.load(&lock.json)?
                {
                    return Ok((lock, session));
                }
            }
            return Err(Error::InvalidInput(format!(
                "there is no interrupted assessment to resume in {}; start one with `skillgap assess`",
                self.root.display()
            )));
        };
        if !is_session_id(id) {
            return Err(Error::InvalidInput(format!(
                "`{}` is not a session ID (they look like 2026-11-21T18-04-05Z-1a2b3c4d); `skillgap assess --resume` without one takes the latest",
                id.chars().take(40).collect::<String>()
            )));
        }
        let dir = self.sessions_dir();
        let backup = dir.join(format!("{id}.backup.json"));
        if !dir.join(format!("{id}.json")).exists() && !backup.exists() {
            return Err(Error::InvalidInput(format!(
                "there is no saved assessment `{id}` in {}; `skillgap assess --resume` without an                  ID takes the latest",
                dir.display()
            )));
        }
        let lock = self.claim(id)?.ok_or_else(|| {
            Error::InvalidInput(format!(
                "the assessment `{id}` is open in another skillgap run; finish or stop that one first"
            ))
        })?;
        if !lock.json.exists() {
            std::fs::rename(&backup, &lock.json).map_err(|source| Error::Write {
                path: backup.clone(),
                source,
            })?;
        }
        let session = self
            .load(&lock.json)?
            .ok_or_else(|| Error::InvalidInput(format!("the saved assessment `{id}` is gone")))?;
        Ok((lock, session))
    }

    /// Keeps the interrupted session `id` as a backup: out of the way of `--resume` and the
    /// prompt, still resumable with `--resume ID`. Returns where it is.
    pub fn back_up_session(&self, id: &str) -> Result<PathBuf, Error> {
        let lock = self.claim(id)?.ok_or_else(|| {
            Error::InvalidInput(format!(
                "the assessment `{id}` is open in another skillgap run"
            ))
        })?;
        let backup = self.sessions_dir().join(format!("{id}.backup.json"));
        std::fs::rename(&lock.json, &backup).map_err(|source| Error::Write {
            path: lock.json.clone(),
            source,
        })?;
        Ok(backup)
    }

    /// Saves the session in its own file, atomically.
    pub fn save_session(&self, lock: &SessionLock, session: &Session) -> Result<(), Error> {
        let json = serde_json::to_vec(session).map_err(|e| Error::InvalidInput(e.to_string()))?;
        write_atomic(&lock.json, &json)
    }

    /// Removes a finished session's file (and, as the lock is dropped, its lock file).
    pub fn finish_session(&self, lock: SessionLock) -> Result<(), Error> {
        match std::fs::remove_file(&lock.json) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write {
                path: lock.json.clone(),
                source: e,
            }),
            _ => Ok(()),
        }
    }

    /// The session files (`<id>.json`, not backups) by their last save, latest first; an older
    /// skillgap's `session.json` is moved in first.
    fn session_files(&self) -> Result<Vec<(String, SystemTime)>, Error> {
        let dir = self.sessions_dir();
        self.adopt_old_session(&dir)?;
        sweep_stale_temporaries(&self.root);
        sweep_stale_temporaries(&dir);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(Error::Read { path: dir, source }),
        };
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if let Some(id) = name.strip_suffix(".lock")
                && is_session_id(id)
            {
                // A lock with no session: a run stopped before its first answer.
                self.claim(id)?;
            }
            let Some(id) = name.strip_suffix(".json").filter(|id| is_session_id(id)) else {
                continue;
            };
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            files.push((id.to_string(), modified));
        }
        files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
        Ok(files)
    }

    /// Moves `session.json` (one session per folder, before 0.2) into `sessions/`.
    fn adopt_old_session(&self, dir: &Path) -> Result<(), Error> {
        let old = self.root.join("session.json");
        let Ok(meta) = std::fs::symlink_metadata(&old) else {
            return Ok(());
        };
        if !meta.is_file() {
            return Ok(());
        }
        self.ensure(dir)?;
        let stamp = utc_stamp(meta.modified().unwrap_or_else(|_| SystemTime::now()));
        let new = dir.join(format!("{stamp}-earlier.json"));
        if new.exists() {
            return Ok(());
        }
        std::fs::rename(&old, &new).map_err(|source| Error::Write { path: old, source })
    }

    /// The lock of session `id` when no other run holds it; a lock file left with no session is
    /// removed as the returned lock is dropped.
    fn claim(&self, id: &str) -> Result<Option<SessionLock>, Error> {
        let dir = self.sessions_dir();
        let lock_path = dir.join(format!("{id}.lock"));
        // Never through a link or into a FIFO: a planted one would make the open create a file
        // elsewhere, or wait forever for a reader.
        if let Ok(meta) = std::fs::symlink_metadata(&lock_path)
            && !meta.is_file()
        {
            return Err(Error::InvalidInput(format!(
                "{} is not a regular file (a symbolic link, FIFO or device); only skillgap's own \
                 lock files belong there: remove it",
                lock_path.display()
            )));
        }
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(|source| Error::Write {
                path: lock_path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(Error::Write {
                    path: lock_path,
                    source,
                });
            }
        }
        Ok(Some(SessionLock {
            json: dir.join(format!("{id}.json")),
            id: id.to_string(),
            lock_path,
            _file: file,
        }))
    }

    fn load(&self, path: &Path) -> Result<Option<Session>, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
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

    fn results_dir(&self) -> PathBuf {
        self.root.join("results")
    }

    /// The saved results documents, oldest first (their names are UTC time stamps).
    pub fn saved_results(&self) -> Result<Vec<PathBuf>, Error> {
        let dir = self.results_dir();
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut paths = crate::files::files_in(&dir, |path| {
            path.extension().is_some_and(|ext| ext == "json")
        })?;
        paths.sort_by_key(|path| save_order(path));
        Ok(paths)
    }

    /// Saves a results document under `results/` with a UTC time stamp; returns its path.
    pub fn save_results(&self, json: &[u8]) -> Result<PathBuf, Error> {
        let dir = self.results_dir();
        self.ensure(&dir)?;
        let stamp = utc_stamp(SystemTime::now());
        let mut n = 1;
        loop {
            let path = match n {
                1 => dir.join(format!("{stamp}.json")),
                n => dir.join(format!("{stamp}-{n}.json")),
            };
            // Created only if the name is free, so two runs in one second keep both.
            match write_file(&path, json, Existing::Refuse) {
                Err(error) if already_exists(&error) && n < 10_000 => n += 1,
                Err(error) => return Err(error),
                Ok(()) => return Ok(path),
            }
        }
    }
}

/// The questions a person has been asked, kept in `seen.json` so a retake asks new ones first.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SeenQuestions {
    pub schema_version: u32,
    /// Question id → how many quizzes asked it.
    pub questions: std::collections::BTreeMap<String, u32>,
}

/// The version of `seen.json` this skillgap writes.
pub const SEEN_SCHEMA_VERSION: u32 = 1;

impl Store {
    fn seen_path(&self) -> PathBuf {
        self.root.join("seen.json")
    }

    /// The questions this person was asked before (none when nothing was recorded yet).
    pub fn seen_questions(&self) -> Result<SeenQuestions, Error> {
        let path = self.seen_path();
        if !path.exists() {
            return Ok(SeenQuestions::default());
        }
        let text = crate::files::read_limited(&path, crate::files::Limit::SEEN)?;
        let seen: SeenQuestions = serde_json::from_str(&text).map_err(|e| {
            Error::InvalidInput(format!(
                "{}: the record of questions seen is damaged ({e}); delete it to start it again",
                path.display()
            ))
        })?;
        Ok(seen)
    }

    /// Adds `asked` (one quiz's questions) to the record, atomically.
    pub fn record_seen<'a>(&self, asked: impl IntoIterator<Item = &'a str>) -> Result<(), Error> {
        let mut seen = self.seen_questions().unwrap_or_default();
        seen.schema_version = SEEN_SCHEMA_VERSION;
        for id in asked {
            *seen.questions.entry(id.to_string()).or_default() += 1;
        }
        let mut json =
            serde_json::to_vec_pretty(&seen).map_err(|e| Error::InvalidInput(e.to_string()))?;
        json.push(b'\n');
        self.ensure(&self.root)?;
        write_atomic(&self.seen_path(), &json)
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

    fn session(answers: usize) -> Session {
        Session {
            schema_version: SESSION_SCHEMA_VERSION,
            catalog_fingerprint: "f".into(),
            templates: vec!["t".into()],
            seed: 7,
            questions: vec!["q1".into(), "q2".into()],
            answers: (0..answers)
                .map(|i| (format!("q{i}"), AnswerValue::One("a".into())))
                .collect(),
            adaptive: None,
            profile: None,
            custom_templates: Vec::new(),
            feedback: false,
            extended_from: None,
        }
    }

    fn store(dir: &Path) -> Store {
        Store::new(Some(dir.join("home"))).expect("store")
    }

    #[test]
    fn a_session_from_a_newer_skillgap_is_refused_not_misread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let lock = store.start_session().expect("start");
        let id = lock.id().to_string();
        let newer = r#"{"schema_version": 99, "catalog_fingerprint": "f", "templates": [],
            "seed": 1, "questions": [], "answers": {"q": "a"}}"#;
        std::fs::write(lock.path(), newer).expect("write");
        drop(lock);
        let error = store.resume_session(Some(&id)).expect_err("refused");
        assert!(error.to_string().contains("newer skillgap"), "{error}");
        let path = store.sessions_dir().join(format!("{id}.json"));
        std::fs::write(&path, newer.replace("99", "1")).expect("write");
        let (_, session) = store.resume_session(Some(&id)).expect("version 1 loads");
        assert_eq!(session.schema_version, 1);
    }

    #[test]
    fn sessions_round_trip_and_finish() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        assert!(store.resume_session(None).is_err(), "nothing to resume");
        let lock = store.start_session().expect("start");
        let id = lock.id().to_string();
        store.save_session(&lock, &session(2)).expect("save");
        assert!(
            store.interrupted_sessions().expect("list").is_empty(),
            "a session this run holds is not interrupted"
        );
        drop(lock);
        let found = store.interrupted_sessions().expect("list");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].id.as_str(), found[0].answers), (id.as_str(), 2));
        let (lock, resumed) = store.resume_session(None).expect("resume");
        assert_eq!(resumed, session(2));
        assert!(
            store.resume_session(Some(&id)).is_err(),
            "a held session cannot be resumed twice"
        );
        store.finish_session(lock).expect("finish");
        assert!(store.interrupted_sessions().expect("list").is_empty());
        assert_eq!(
            std::fs::read_dir(store.sessions_dir())
                .expect("list")
                .count(),
            0,
            "no session file nor lock is left"
        );
    }

    #[test]
    fn two_sessions_never_touch_each_other() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let first = store.start_session().expect("start");
        let second = store.start_session().expect("start");
        assert_ne!(first.id(), second.id());
        store.save_session(&first, &session(3)).expect("save");
        store.save_session(&second, &session(1)).expect("save");
        store.finish_session(second).expect("finish");
        drop(first);
        let found = store.interrupted_sessions().expect("list");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].answers, 3,
            "the finished run left the other's session"
        );
    }

    #[test]
    fn an_interrupt_before_the_first_answer_leaves_nothing_to_resume() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        drop(store.start_session().expect("start"));
        assert!(store.interrupted_sessions().expect("list").is_empty());
        assert!(store.resume_session(None).is_err());
        // A lock file a killed run left behind is removed too.
        std::fs::write(store.sessions_dir().join("2026-01-01T00-00-00Z-0.lock"), "").expect("w");
        store.interrupted_sessions().expect("list");
        assert_eq!(
            std::fs::read_dir(store.sessions_dir()).expect("ls").count(),
            0
        );
    }

    #[test]
    fn a_backup_is_out_of_the_way_but_resumable_by_id() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let lock = store.start_session().expect("start");
        let id = lock.id().to_string();
        store.save_session(&lock, &session(4)).expect("save");
        drop(lock);
        let backup = store.back_up_session(&id).expect("backup");
        assert!(backup.exists());
        assert!(store.interrupted_sessions().expect("list").is_empty());
        assert!(store.resume_session(None).is_err());
        let (lock, resumed) = store.resume_session(Some(&id)).expect("by id");
        assert_eq!(resumed.answers.len(), 4);
        assert!(!backup.exists() && lock.path().exists());
    }

    #[test]
    fn ids_that_are_not_ids_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        for id in ["../../etc/passwd", "a/b", "", "x.json"] {
            let error = store.resume_session(Some(id)).expect_err("refused");
            assert!(error.to_string().contains("not a session ID"), "{error}");
        }
        let error = store
            .resume_session(Some("2026-01-01T00-00-00Z-00000000"))
            .expect_err("missing");
        assert!(error.to_string().contains("no saved assessment"), "{error}");
    }

    #[test]
    fn an_older_skillgaps_session_is_adopted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        std::fs::create_dir_all(store.root()).expect("home");
        let json = serde_json::to_string(&session(5)).expect("json");
        std::fs::write(store.root().join("session.json"), json).expect("write");
        let found = store.interrupted_sessions().expect("list");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].answers, 5);
        assert!(found[0].id.ends_with("-earlier"));
        assert!(!store.root().join("session.json").exists());
    }

    #[test]
    fn questions_seen_are_counted_across_quizzes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        assert!(
            store
                .seen_questions()
                .expect("none yet")
                .questions
                .is_empty()
        );
        store.record_seen(["sql-01", "http-02"]).expect("first");
        store.record_seen(["sql-01"]).expect("second");
        let seen = store.seen_questions().expect("read");
        assert_eq!(seen.questions.get("sql-01"), Some(&2));
        assert_eq!(seen.questions.get("http-02"), Some(&1));
        std::fs::write(store.root().join("seen.json"), "{oops").expect("damage");
        let error = store.seen_questions().expect_err("damaged");
        assert!(error.to_string().contains("damaged"), "{error}");
        // A damaged record is started again rather than blocking the quiz.
        store.record_seen(["git-03"]).expect("rewritten");
        assert_eq!(store.seen_questions().expect("read").questions.len(), 1);
    }

    #[test]
    fn results_saved_in_the_same_second_keep_both() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let paths: Vec<PathBuf> = (0..3)
            .map(|i| store.save_results(format!("{i}").as_bytes()).expect("save"))
            .collect();
        for (i, path) in paths.iter().enumerate() {
            assert_eq!(std::fs::read_to_string(path).expect("read"), format!("{i}"));
        }
        assert_eq!(store.saved_results().expect("list").len(), 3);
    }
}
