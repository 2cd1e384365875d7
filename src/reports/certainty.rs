//! How sure the results are, in words a learner reads: "met (95 % sure)", "unclear (50 %)",
//! "Junior Backend Developer: not yet — 88 % sure". Every human format uses these, so a
//! probability reads the same in a terminal, in Markdown, in HTML and at the end of `assess`.

use crate::estimate::level_name;
use crate::readiness::{RequirementOutcome, TemplateReadiness, Verdict};
use crate::results::{SkillResult, SkillStatus};

/// The sentence each report carries once, saying what the percentages mean.
pub const MEANING: &str = "Percentages say how sure your answers make the estimate: of all the \
     requirements reported \"80 % sure\", about 8 in 10 are called right. They assume the \
     catalog's default question difficulties until they are calibrated on real answers.";

/// A probability as a whole percentage that never claims certainty: "over 99 %", "under 1 %".
pub fn percent(p: f64) -> String {
    let p = p.clamp(0.0, 1.0);
    if p > 0.995 {
        "over 99 %".to_string()
    } else if p < 0.005 {
        "under 1 %".to_string()
    } else {
        format!("{:.0} %", 100.0 * p)
    }
}

/// How sure the answers make a requirement's "met", in five bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetBand {
    Met,
    ProbablyMet,
    Unclear,
    ProbablyNotMet,
    NotMet,
}

impl MetBand {
    pub fn of(p_met: f64) -> MetBand {
        match p_met {
            p if p >= 0.9 => MetBand::Met,
            p if p > 0.7 => MetBand::ProbablyMet,
            p if p >= 0.3 => MetBand::Unclear,
            p if p > 0.1 => MetBand::ProbablyNotMet,
            _ => MetBand::NotMet,
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            MetBand::Met => "met",
            MetBand::ProbablyMet => "probably met",
            MetBand::Unclear => "unclear",
            MetBand::ProbablyNotMet => "probably not met",
            MetBand::NotMet => "not met",
        }
    }

    /// Whether the requirement more likely holds than not.
    pub fn leans_met(self) -> bool {
        matches!(self, MetBand::Met | MetBand::ProbablyMet)
    }
}

/// "met (95 % sure)", "probably met (75 %)", "unclear (50 %)", "probably not met (80 % sure)",
/// "not met (97 % sure)". An unclear one shows the chance it is met.
pub fn met_phrase(p_met: f64) -> String {
    let band = MetBand::of(p_met);
    match band {
        MetBand::Met => format!("met ({} sure)", percent(p_met)),
        MetBand::ProbablyMet => format!("probably met ({})", percent(p_met)),
        MetBand::Unclear => format!("unclear ({})", percent(p_met)),
        MetBand::ProbablyNotMet => format!("probably not met ({} sure)", percent(1.0 - p_met)),
        MetBand::NotMet => format!("not met ({} sure)", percent(1.0 - p_met)),
    }
}

/// [`met_phrase`] of a requirement, saying so when its skill was not assessed (its probability
/// then comes from the general level alone).
pub fn requirement_phrase(requirement: &RequirementOutcome) -> String {
    let phrase = met_phrase(requirement.p_met);
    if requirement.current_level.is_none() {
        format!("{phrase}, not assessed")
    } else {
        phrase
    }
}

/// "not yet — 88 % sure", "probably nearly — 71 % sure", "leaning ready — 52 %".
pub fn verdict_phrase(template: &TemplateReadiness) -> String {
    let verdict = template.verdict.as_str();
    let p = template.verdict_probability;
    if p >= 0.9 {
        format!("{verdict} — {} sure", percent(p))
    } else if p >= 0.6 {
        format!("probably {verdict} — {} sure", percent(p))
    } else {
        format!("leaning {verdict} — {}", percent(p))
    }
}

/// "Junior Backend Developer: not yet — 88 % sure".
pub fn template_headline(template: &TemplateReadiness) -> String {
    format!("{}: {}", template.title, verdict_phrase(template))
}

/// "readiness 42 % (likely 30–55 %)".
pub fn readiness_phrase(template: &TemplateReadiness) -> String {
    match template.readiness_range {
        Some([low, high]) if high - low >= 1.0 => format!(
            "readiness {:.0} % (likely {:.0}–{:.0} %)",
            template.readiness, low, high
        ),
        _ => format!("readiness {:.0} %", template.readiness),
    }
}

/// "working (62 %)" or "working (62 %), awareness to proficient"; "not assessed".
pub fn level_phrase(skill: &SkillResult) -> String {
    let (SkillStatus::Assessed, Some(level)) = (skill.status, skill.level) else {
        return "not assessed".to_string();
    };
    let probability = skill
        .level_probabilities
        .map(|p| p[usize::from(level.min(4))]);
    let mut phrase = match probability {
        Some(p) => format!("{} ({})", level_name(level), percent(p)),
        None => level_name(level).to_string(),
    };
    if let Some([low, high]) = skill.level_range
        && low != high
    {
        phrase.push_str(&format!(", {} to {}", level_name(low), level_name(high)));
    }
    phrase
}

/// The verdict's machine spelling ("not-yet"), for CSV and other machine formats.
pub fn verdict_id(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::NotYet => "not-yet",
        Verdict::Nearly => "nearly",
        Verdict::Ready => "ready",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_bands_read_as_the_issue_spells_them() {
        assert_eq!(met_phrase(0.95), "met (95 % sure)");
        assert_eq!(met_phrase(0.75), "probably met (75 %)");
        assert_eq!(met_phrase(0.5), "unclear (50 %)");
        assert_eq!(met_phrase(0.2), "probably not met (80 % sure)");
        assert_eq!(met_phrase(0.03), "not met (97 % sure)");
        assert_eq!(met_phrase(1.0), "met (over 99 % sure)");
        assert_eq!(met_phrase(0.0), "not met (over 99 % sure)");
    }

    #[test]
    fn bands_never_overlap() {
        let mut last = MetBand::of(0.0);
        for i in 0..=1000 {
            let band = MetBand::of(f64::from(i) / 1000.0);
            assert!(band as u8 <= last as u8, "bands go from not met up to met");
            last = band;
        }
        assert_eq!(last, MetBand::Met);
    }
}
