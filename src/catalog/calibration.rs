//! Calibration overlays (`--calibration FILE`): item difficulties written by
//! `skillgap calibrate` as `[[item]] id, b, n`, applied to a loaded catalog's questions.

use std::path::Path;

use serde::Deserialize;

use super::Catalog;
use super::source::line_column;
use super::validate::MAX_ABS_B;
use crate::error::Error;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    #[serde(default)]
    item: Vec<Entry>,
    /// The joint model's population, when the cohort was large enough to estimate it.
    #[serde(default)]
    population: Option<toml::Spanned<PopulationEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PopulationEntry {
    general_mean: f64,
    general_sd: f64,
    skill_sd: f64,
    /// People the estimate rests on (informative only).
    #[serde(default)]
    #[allow(dead_code)] // ok: read for validation, shown to people by the file itself
    n: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: toml::Spanned<String>,
    b: toml::Spanned<f64>,
    /// Responses the estimate rests on (informative only).
    #[serde(default)]
    #[allow(dead_code)] // ok: read for validation, shown to people by the file itself
    n: Option<u64>,
}

impl Catalog {
    /// Sets the `b` of every question the overlay in `path` names; returns how many. The
    /// catalog's fingerprint then includes the overlay, so results say which difficulties
    /// scored them.
    pub fn apply_calibration(&mut self, path: &Path) -> Result<usize, Error> {
        let text = crate::files::read_limited(path, crate::files::Limit::CALIBRATION)?;
        let at = |offset: usize, message: String| {
            let (line, column) = line_column(&text, offset);
            Error::InvalidInput(crate::sanitize::message(&format!(
                "{}:{line}:{column}: {message}",
                path.display()
            )))
        };
        let overlay: Overlay = toml::from_str(&text).map_err(|e| {
            at(
                e.span().map_or(0, |s| s.start),
                format!(
                    "{}; a calibration file holds [[item]] entries with `id`, `b` and `n`",
                    e.message().trim_end()
                ),
            )
        })?;
        for entry in &overlay.item {
            let id = entry.id.get_ref();
            let Some(index) = self.question_position(id) else {
                return Err(at(
                    entry.id.span().start,
                    format!(
                        "`{}` is not a question of this catalog; was the file calibrated on another catalog?",
                        crate::sanitize::quote(id)
                    ),
                ));
            };
            let b = *entry.b.get_ref();
            if !b.is_finite() || b.abs() > MAX_ABS_B {
                return Err(at(
                    entry.b.span().start,
                    format!(
                        "b = {b} is not a plausible difficulty (logits between -{MAX_ABS_B} and {MAX_ABS_B})"
                    ),
                ));
            }
            self.questions[index].b = Some(b);
        }
        if let Some(entry) = &overlay.population {
            let p = entry.get_ref();
            let population = super::Population {
                general_mean: p.general_mean,
                general_sd: p.general_sd,
                skill_sd: p.skill_sd,
            };
            if let Some(problem) = population.problem() {
                return Err(at(entry.span().start, format!("[population]: {problem}")));
            }
            self.info.model = self.info.model.with_population(population);
        }
        self.fingerprint = super::layout::fingerprint(
            [
                ("catalog", self.fingerprint.as_str()),
                ("calibration", text.as_str()),
            ]
            .into_iter(),
        );
        Ok(overlay.item.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("calibration.toml");
        std::fs::write(&path, text).expect("write");
        (dir, path)
    }

    #[test]
    fn an_overlay_sets_b_and_changes_the_fingerprint() {
        let mut catalog = Catalog::embedded().expect("catalog");
        let id = catalog.questions[0].id.clone();
        let before = catalog.fingerprint.clone();
        let (_dir, path) = write(&format!("[[item]]\nid = \"{id}\"\nb = 0.75\nn = 120\n"));
        assert_eq!(catalog.apply_calibration(&path).expect("applies"), 1);
        assert_eq!(catalog.question(&id).expect("question").b, Some(0.75));
        assert_ne!(catalog.fingerprint, before);
    }

    #[test]
    fn unknown_ids_and_bad_values_are_pointed_at() {
        let mut catalog = Catalog::embedded().expect("catalog");
        let (_dir, path) = write("[[item]]\nid = \"no-such-question\"\nb = 0.1\n");
        let error = catalog.apply_calibration(&path).expect_err("unknown id");
        assert!(
            error
                .to_string()
                .contains("calibration.toml:2:6: `no-such-question` is not a question"),
            "{error}"
        );
        let id = catalog.questions[0].id.clone();
        let (_dir, path) = write(&format!("[[item]]\nid = \"{id}\"\nb = 99.0\n"));
        let error = catalog.apply_calibration(&path).expect_err("implausible b");
        assert!(error.to_string().contains(":3:5: b = 99"), "{error}");
        let (_dir, path) = write("[[item]]\nid = \"x\"\ndifficulty = 1\n");
        let error = catalog.apply_calibration(&path).expect_err("unknown key");
        assert!(
            error.to_string().contains("unknown field `difficulty`"),
            "{error}"
        );
    }
}
