//! The assessment in progress, saved after every answer (by the caller's save callback, see
//! [`crate::store::Store`]) so nothing is lost.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::adaptive::quiz::AdaptivePlan;
use crate::catalog::Template;
use crate::sheet::{AnswerValue, Profile};

/// 2: the adaptive quiz (`adaptive`), the profile and custom templates; version 1 sessions
/// still load (they are fixed-order quizzes).
pub const SESSION_SCHEMA_VERSION: u32 = 2;

/// Everything needed to continue an assessment exactly where it stopped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema_version: u32,
    pub catalog_fingerprint: String,
    pub templates: Vec<String>,
    pub seed: u64,
    /// The questions in the order they are asked.
    pub questions: Vec<String>,
    pub answers: BTreeMap<String, AnswerValue>,
    /// The adaptive quiz's plan; its questions are then chosen as it goes, and `questions`
    /// lists those answered so far. Absent for the fixed order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adaptive: Option<AdaptivePlan>,
    /// The learner's situation, asked before the quiz (absent when skipped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// Templates the catalog does not hold (extracted from a posting), so `--resume` has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_templates: Vec<Template>,
}

/// A seed for shuffling when the user gives none.
pub fn seed_from_clock() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}
