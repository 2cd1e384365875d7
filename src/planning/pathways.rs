//! Which learning pathways fit a learner: a fit score from their budget, time, deadline, wish for
//! a credential, preferred structure and the size of their gaps, with the reasons in plain words.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Credential, Pathway, PathwayKind, Structure};
use crate::date::Date;
use crate::figures::{dollars, range};
use crate::sheet::{Preference, Profile};

/// A fit this low or lower means "out of reach": it breaks the budget, the time or the deadline.
pub const OUT_OF_REACH: f64 = 20.0;

/// What the recommender knows about the learner.
pub struct Situation<'a> {
    pub profile: &'a Profile,
    /// The profile's hours, or the default the plan assumed.
    pub hours_per_week: f64,
    pub start: Date,
    /// Hours of study the plan needs.
    pub plan_hours: f64,
    /// Skills in the plan with their hours.
    pub gap_hours: &'a [(&'a str, f64)],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Speaks for the pathway.
    For,
    /// Speaks against it.
    Against,
    /// Worth knowing either way.
    Note,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reason {
    pub effect: Effect,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Recommendation {
    pub pathway: String,
    pub name: String,
    pub kind: PathwayKind,
    /// 0–100; at most [`OUT_OF_REACH`] when a hard limit is broken.
    pub fit: f64,
    pub cost_usd: [f64; 2],
    /// Weeks this pathway would take this learner: the pathway's range, or for self-study the
    /// plan's hours at their pace.
    pub weeks: [f64; 2],
    pub reasons: Vec<Reason>,
}

/// Every pathway in the catalog, best fit first (ties: cheaper first).
pub fn recommend(catalog: &Catalog, situation: &Situation<'_>) -> Vec<Recommendation> {
    let mut recommendations: Vec<Recommendation> = catalog
        .pathways
        .iter()
        .map(|pathway| assess(pathway, situation))
        .collect();
    recommendations.sort_by(|a, b| {
        b.fit
            .total_cmp(&a.fit)
            .then(a.cost_usd[0].total_cmp(&b.cost_usd[0]))
            .then_with(|| a.pathway.cmp(&b.pathway))
    });
    recommendations
}

/// One criterion's verdict: a value in 0–1, its weight, the reason, and the highest fit it
/// allows (a hard limit caps it at [`OUT_OF_REACH`]).
struct Criterion {
    value: f64,
    weight: f64,
    /// The highest fit the pathway may get with this criterion (below 100 when it rests on an
    /// assumption that, if true, would rule the pathway out).
    cap: f64,
    reason: Reason,
}

/// The highest fit of a pathway that needs more hours a week than the pace the plan assumed
/// (the learner did not say theirs): it may well be out of reach.
pub const ASSUMED_PACE_CAP: f64 = 50.0;

fn criterion(value: f64, weight: f64, effect: Effect, text: String) -> Criterion {
    Criterion {
        value,
        weight,
        cap: 100.0,
        reason: Reason { effect, text },
    }
}

fn hard_limit(weight: f64, text: String) -> Criterion {
    Criterion {
        value: 0.0,
        weight,
        cap: OUT_OF_REACH,
        reason: Reason {
            effect: Effect::Against,
            text,
        },
    }
}

fn assess(pathway: &Pathway, situation: &Situation<'_>) -> Recommendation {
    let weeks = weeks_needed(pathway, situation);
    let criteria: Vec<Criterion> = [
        budget(pathway, situation.profile.budget_usd),
        time(pathway, situation),
        deadline(situation, weeks),
        credential(pathway, situation.profile),
        structure(pathway, situation.profile.structure),
        gap_size(pathway, situation),
        preferences(pathway, &situation.profile.preferences),
    ]
    .into_iter()
    .flatten()
    .collect();
    let total_weight: f64 = criteria.iter().map(|c| c.weight).sum();
    let mut fit = if total_weight > 0.0 {
        100.0 * criteria.iter().map(|c| c.weight * c.value).sum::<f64>() / total_weight
    } else {
        50.0
    };
    if let Some(cap) = criteria.iter().map(|c| c.cap).min_by(f64::total_cmp) {
        fit = fit.min(cap);
    }
    let mut reasons: Vec<Reason> = criteria.into_iter().map(|c| c.reason).collect();
    // Against first: what rules a pathway out matters most to read.
    reasons.sort_by_key(|r| match r.effect {
        Effect::Against => 0,
        Effect::For => 1,
        Effect::Note => 2,
    });
    Recommendation {
        pathway: pathway.id.clone(),
        name: pathway.name.clone(),
        kind: pathway.kind,
        fit: fit.round(),
        cost_usd: pathway.cost_usd,
        weeks,
        reasons,
    }
}

/// Self-study goes exactly as fast as the learner's hours allow; structured pathways take the
/// time they take.
fn weeks_needed(pathway: &Pathway, situation: &Situation<'_>) -> [f64; 2] {
    if pathway.kind == PathwayKind::SelfStudy {
        let pace = situation
            .hours_per_week
            .min(pathway.hours_per_week[1])
            .max(1.0);
        let weeks = (situation.plan_hours / pace).ceil().max(1.0);
        [weeks, weeks]
    } else {
        pathway.duration_weeks
    }
}

/// "5–25 h", "12 weeks".
fn span(values: [f64; 2], unit: &str) -> String {
    format!("{}{unit}", range(values, |v| v.to_string()))
}

fn budget(pathway: &Pathway, budget: Option<f64>) -> Option<Criterion> {
    let budget = budget?;
    let [low, high] = pathway.cost_usd;
    Some(if high <= budget {
        criterion(
            1.0,
            3.0,
            Effect::For,
            format!(
                "fits a {} budget (costs {}–{})",
                dollars(budget),
                dollars(low),
                dollars(high)
            ),
        )
    } else if low <= 0.0 {
        criterion(
            0.9,
            3.0,
            Effect::For,
            format!(
                "fits a {} budget with free material (paid options up to {})",
                dollars(budget),
                dollars(high)
            ),
        )
    } else if low <= budget {
        criterion(
            0.6,
            3.0,
            Effect::Note,
            format!(
                "may fit a {} budget: costs {}–{}",
                dollars(budget),
                dollars(low),
                dollars(high)
            ),
        )
    } else {
        hard_limit(
            3.0,
            format!(
                "costs at least {}; the budget is {}",
                dollars(low),
                dollars(budget)
            ),
        )
    })
}

fn time(pathway: &Pathway, situation: &Situation<'_>) -> Option<Criterion> {
    let Some(hours) = situation.profile.hours_per_week else {
        return Some(assumed_time(pathway, situation.hours_per_week));
    };
    let [low, high] = pathway.hours_per_week;
    Some(if hours < low {
        hard_limit(
            3.0,
            format!("needs at least {low} h/week; you have {hours}"),
        )
    } else if hours <= high {
        criterion(
            1.0,
            3.0,
            Effect::For,
            format!(
                "fits {hours} h/week (it asks {})",
                span(pathway.hours_per_week, " h")
            ),
        )
    } else {
        criterion(
            0.8,
            3.0,
            Effect::Note,
            format!("asks only {high} h/week; you could give {hours}"),
        )
    })
}

/// The time criterion at the pace the plan assumed: never a hard limit (the learner may have
/// more time), but a pathway that needs more is not recommended as if it fitted.
fn assumed_time(pathway: &Pathway, assumed: f64) -> Criterion {
    let [low, high] = pathway.hours_per_week;
    if assumed < low {
        Criterion {
            cap: ASSUMED_PACE_CAP,
            ..criterion(
                0.0,
                3.0,
                Effect::Against,
                format!(
                    "needs at least {low} h/week; the plan assumes {assumed} (say yours with \
                     --hours-per-week)"
                ),
            )
        }
    } else {
        criterion(
            0.7,
            3.0,
            Effect::Note,
            format!(
                "asks {}; the plan assumes {assumed} h/week (say yours with --hours-per-week)",
                span([low, high], " h")
            ),
        )
    }
}

fn deadline(situation: &Situation<'_>, weeks: [f64; 2]) -> Option<Criterion> {
    let deadline = situation.profile.deadline?;
    let available = (deadline.days_since(situation.start) as f64 / 7.0).floor();
    Some(if weeks[0] > available {
        hard_limit(
            2.0,
            format!(
                "takes at least {} weeks; the deadline is {available} weeks away",
                weeks[0]
            ),
        )
    } else if weeks[1] <= available {
        criterion(
            1.0,
            2.0,
            Effect::For,
            format!(
                "done within the {available} weeks to the deadline ({})",
                span(weeks, " weeks")
            ),
        )
    } else {
        criterion(
            0.5,
            2.0,
            Effect::Note,
            format!(
                "takes {}; may not finish in the {available} weeks to the deadline",
                span(weeks, " weeks")
            ),
        )
    })
}

fn holds_degree(profile: &Profile) -> bool {
    profile
        .credentials_held
        .iter()
        .any(|c| c.contains("degree") || c.contains("bachelor") || c.contains("master"))
}

fn credential_name(credential: Credential) -> &'static str {
    match credential {
        Credential::None => "no credential",
        Credential::Certificate => "a certificate",
        Credential::VendorCertification => "a vendor certification",
        Credential::AssociateDegree => "an associate degree",
        Credential::BachelorDegree => "a bachelor's degree",
    }
}

fn credential(pathway: &Pathway, profile: &Profile) -> Option<Criterion> {
    let gives = credential_name(pathway.credential);
    if pathway.credential >= Credential::AssociateDegree && holds_degree(profile) {
        return Some(criterion(
            0.1,
            2.0,
            Effect::Against,
            format!("gives {gives}; you already hold a degree"),
        ));
    }
    Some(match (profile.wants_credential?, pathway.credential) {
        (true, Credential::None) => criterion(
            0.1,
            2.0,
            Effect::Against,
            "gives no credential employers recognise; you want one".to_string(),
        ),
        (true, Credential::Certificate) => criterion(
            0.6,
            2.0,
            Effect::Note,
            "gives a certificate: recognised, but less than a certification or degree".to_string(),
        ),
        (true, _) => criterion(1.0, 2.0, Effect::For, format!("gives {gives}, as you want")),
        (false, Credential::AssociateDegree | Credential::BachelorDegree) => criterion(
            0.4,
            2.0,
            Effect::Note,
            format!("gives {gives}, which you do not need"),
        ),
        (false, _) => criterion(1.0, 1.0, Effect::Note, format!("gives {gives}")),
    })
}

fn structure_name(structure: Structure) -> &'static str {
    match structure {
        Structure::SelfDirected => "self-directed",
        Structure::Structured => "structured",
        Structure::Mixed => "partly structured",
    }
}

fn structure(pathway: &Pathway, wanted: Option<Structure>) -> Option<Criterion> {
    let wanted = wanted?;
    let is = structure_name(pathway.structure);
    Some(if pathway.structure == wanted {
        criterion(1.0, 1.0, Effect::For, format!("{is}, as you prefer"))
    } else if pathway.structure == Structure::Mixed || wanted == Structure::Mixed {
        criterion(
            0.6,
            1.0,
            Effect::Note,
            format!("{is}; you prefer {}", structure_name(wanted)),
        )
    } else {
        criterion(
            0.2,
            1.0,
            Effect::Against,
            format!("{is}; you prefer {}", structure_name(wanted)),
        )
    })
}

/// The gap-size criterion's weight: a pathway that teaches a fraction of what is missing, or
/// years more than it, is a poor main pathway whatever else fits.
const GAP_WEIGHT: f64 = 3.0;

/// Does the pathway teach about as much as the gaps need? A focused pathway (a certification)
/// only helps when one of its focus skills is a gap.
fn gap_size(pathway: &Pathway, situation: &Situation<'_>) -> Option<Criterion> {
    let needed = situation.plan_hours;
    if needed <= 0.0 {
        return Some(criterion(
            0.5,
            GAP_WEIGHT,
            Effect::Note,
            "your plan has no gaps left to close".to_string(),
        ));
    }
    if !pathway.focus_skills.is_empty() {
        let (covered, hours): (Vec<&str>, f64) = situation
            .gap_hours
            .iter()
            .filter(|(skill, _)| pathway.focus_skills.iter().any(|f| f == skill))
            .fold((Vec::new(), 0.0), |(mut skills, sum), &(skill, hours)| {
                skills.push(skill);
                (skills, sum + hours)
            });
        return Some(if covered.is_empty() {
            criterion(
                0.2,
                GAP_WEIGHT,
                Effect::Against,
                "none of your gaps is a skill it certifies".to_string(),
            )
        } else {
            let share = (hours / needed).min(1.0);
            criterion(
                0.2 + 0.8 * share,
                GAP_WEIGHT,
                if share >= 0.5 {
                    Effect::For
                } else {
                    Effect::Note
                },
                format!(
                    "certifies {}: {hours} of your {needed} h of gaps",
                    covered.join(", ")
                ),
            )
        });
    }
    if pathway.kind == PathwayKind::SelfStudy {
        return Some(criterion(
            0.9,
            GAP_WEIGHT,
            Effect::For,
            format!("can follow your plan's {needed} h exactly, skipping what you know"),
        ));
    }
    let middle = |[low, high]: [f64; 2]| (low + high) / 2.0;
    let offered = (middle(pathway.duration_weeks) * middle(pathway.hours_per_week)).round();
    let ratio = offered / needed;
    // Teaching far beyond the gaps costs time and money the learner does not need to spend.
    Some(if ratio < 0.8 {
        criterion(
            ratio.max(0.0),
            GAP_WEIGHT,
            Effect::Against,
            format!("about {offered} h of teaching; your gaps need {needed} h"),
        )
    } else if ratio <= 2.0 {
        criterion(
            1.0,
            GAP_WEIGHT,
            Effect::For,
            format!("about {offered} h of teaching covers your {needed} h of gaps"),
        )
    } else if ratio <= 4.0 {
        criterion(
            1.0 - (ratio - 2.0) / 4.0,
            GAP_WEIGHT,
            Effect::Note,
            format!("about {offered} h of teaching: more than your {needed} h of gaps"),
        )
    } else {
        criterion(
            (2.0 / ratio).max(0.3),
            GAP_WEIGHT,
            Effect::Note,
            format!("about {offered} h of teaching: far more than your {needed} h of gaps"),
        )
    })
}

/// Whether the pathway offers what the learner prefers.
fn fits(pathway: &Pathway, preference: Preference) -> bool {
    use PathwayKind::*;
    let in_person = matches!(pathway.kind, InPerson | Vocational | College);
    match preference {
        Preference::InPerson => in_person,
        Preference::Online => !in_person,
        Preference::Mentor => pathway.mentoring,
        Preference::Peers => pathway.peers,
        Preference::CareerServices => pathway.career_services,
        // Recorded courses are what self-study, certification prep and online programmes are
        // made of; bootcamps and classrooms teach live.
        Preference::Video => matches!(pathway.kind, SelfStudy | Certification | OnlineProgram),
        // Books and documentation at one's own pace, or a degree's reading lists.
        Preference::Reading => matches!(pathway.kind, SelfStudy | Certification | College),
        // Bootcamps and vocational schools teach by building things.
        Preference::Projects => matches!(pathway.kind, Bootcamp | Vocational),
    }
}

fn preferences(pathway: &Pathway, preferences: &[Preference]) -> Option<Criterion> {
    let mut matched = Vec::new();
    let mut missed = Vec::new();
    for &preference in preferences {
        if fits(pathway, preference) {
            matched.push(preference.as_str());
        } else {
            missed.push(preference.as_str());
        }
    }
    if matched.is_empty() && missed.is_empty() {
        return None;
    }
    let value = matched.len() as f64 / (matched.len() + missed.len()) as f64;
    let text = match (matched.is_empty(), missed.is_empty()) {
        (false, true) => format!("matches your preference for {}", matched.join(", ")),
        (true, false) => format!("does not offer {}", missed.join(", ")),
        _ => format!("offers {}, not {}", matched.join(", "), missed.join(", ")),
    };
    let effect = if value >= 0.5 {
        Effect::For
    } else {
        Effect::Against
    };
    Some(criterion(value, 1.0, effect, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, PathwayKind, Structure};

    fn catalog() -> Catalog {
        Catalog::embedded().expect("embedded catalog")
    }

    fn date(text: &str) -> Date {
        text.parse().expect("date")
    }

    struct Case {
        name: &'static str,
        profile: Profile,
        plan_hours: f64,
        gaps: &'static [(&'static str, f64)],
        best: &'static str,
        out_of_reach: &'static [&'static str],
    }

    fn profile(hours: f64, budget: f64) -> Profile {
        Profile {
            hours_per_week: Some(hours),
            budget_usd: Some(budget),
            ..Profile::default()
        }
    }

    #[test]
    fn an_assumed_pace_does_not_recommend_a_full_time_bootcamp() {
        let catalog = catalog();
        let profile = Profile::default();
        let recommendations = recommend(
            &catalog,
            &Situation {
                profile: &profile,
                hours_per_week: crate::planning::DEFAULT_HOURS_PER_WEEK,
                start: date("2026-11-23"),
                plan_hours: 400.0,
                gap_hours: &[("python", 200.0), ("django", 200.0)],
            },
        );
        let bootcamp = recommendations
            .iter()
            .find(|r| r.pathway == "bootcamp-full-time")
            .expect("in the catalog");
        assert!(bootcamp.fit <= ASSUMED_PACE_CAP, "fit {}", bootcamp.fit);
        assert!(
            bootcamp
                .reasons
                .iter()
                .any(|r| r.effect == Effect::Against && r.text.contains("assumes 10")),
            "{:?}",
            bootcamp.reasons
        );
        assert_ne!(recommendations[0].pathway, "bootcamp-full-time");
    }

    #[test]
    fn different_situations_get_different_pathways() {
        let catalog = catalog();
        let cases = [
            Case {
                name: "no money, evenings only",
                profile: profile(10.0, 0.0),
                plan_hours: 400.0,
                gaps: &[
                    ("python", 133.33333333333334),
                    ("django", 133.33333333333334),
                    ("sql", 133.33333333333334),
                ],
                best: "self-study",
                out_of_reach: &["bootcamp-full-time", "college-degree", "bootcamp-part-time"],
            },
            Case {
                name: "savings, full time, six months, wants structure",
                profile: Profile {
                    deadline: Some("2027-05-31".parse().expect("date")),
                    structure: Some(Structure::Structured),
                    preferences: vec![Preference::CareerServices],
                    ..profile(45.0, 20_000.0)
                },
                plan_hours: 700.0,
                gaps: &[
                    ("javascript", 233.33333333333334),
                    ("express", 233.33333333333334),
                    ("sql", 233.33333333333334),
                ],
                best: "bootcamp-full-time",
                out_of_reach: &["college-degree"],
            },
            Case {
                name: "keeps the job, wants structure and mentors",
                profile: Profile {
                    structure: Some(Structure::Structured),
                    preferences: vec![Preference::Mentor, Preference::Peers],
                    ..profile(20.0, 15_000.0)
                },
                plan_hours: 500.0,
                gaps: &[
                    ("java", 166.66666666666666),
                    ("spring-boot", 166.66666666666666),
                    ("sql", 166.66666666666666),
                ],
                best: "bootcamp-part-time",
                out_of_reach: &["bootcamp-full-time", "college-degree"],
            },
            Case {
                name: "graduate short of one cloud skill, wants a credential",
                profile: Profile {
                    wants_credential: Some(true),
                    credentials_held: vec!["bachelor-degree".into()],
                    ..profile(8.0, 500.0)
                },
                plan_hours: 60.0,
                gaps: &[("cloud-platforms", 60.0)],
                best: "certification",
                out_of_reach: &["bootcamp-full-time", "college-degree", "vocational-school"],
            },
            Case {
                name: "school leaver starting from nothing, years ahead, wants a degree",
                profile: Profile {
                    wants_credential: Some(true),
                    deadline: Some("2031-06-30".parse().expect("date")),
                    structure: Some(Structure::Structured),
                    preferences: vec![Preference::InPerson],
                    ..profile(40.0, 120_000.0)
                },
                plan_hours: 3000.0,
                gaps: &[
                    ("python", 500.0),
                    ("sql", 500.0),
                    ("data-structures", 500.0),
                    ("algorithms", 500.0),
                    ("http", 500.0),
                    ("system-design", 500.0),
                ],
                best: "college-degree",
                out_of_reach: &[],
            },
            Case {
                name: "affordable credential within two years, evenings and weekends",
                profile: Profile {
                    wants_credential: Some(true),
                    deadline: Some("2028-09-30".parse().expect("date")),
                    structure: Some(Structure::Structured),
                    ..profile(25.0, 10_000.0)
                },
                plan_hours: 1200.0,
                gaps: &[
                    ("python", 240.0),
                    ("sql", 240.0),
                    ("http", 240.0),
                    ("linux", 240.0),
                    ("git", 240.0),
                ],
                best: "vocational-school",
                out_of_reach: &["bootcamp-full-time", "college-degree"],
            },
            Case {
                name: "modest budget, part time, wants a recognised program but not a degree",
                profile: Profile {
                    wants_credential: Some(true),
                    structure: Some(Structure::Mixed),
                    ..profile(12.0, 3_000.0)
                },
                plan_hours: 300.0,
                gaps: &[("javascript", 150.0), ("express", 150.0)],
                best: "online-program",
                out_of_reach: &["bootcamp-full-time", "bootcamp-part-time", "college-degree"],
            },
        ];
        let mut best_picks = Vec::new();
        for case in &cases {
            let recommendations = recommend(
                &catalog,
                &Situation {
                    profile: &case.profile,
                    hours_per_week: case
                        .profile
                        .hours_per_week
                        .unwrap_or(crate::planning::DEFAULT_HOURS_PER_WEEK),
                    start: date("2026-11-23"),
                    plan_hours: case.plan_hours,
                    gap_hours: case.gaps,
                },
            );
            let ranking: Vec<(&str, f64)> = recommendations
                .iter()
                .map(|r| (r.pathway.as_str(), r.fit))
                .collect();
            assert_eq!(
                recommendations[0].pathway, case.best,
                "{}: ranking {ranking:?}",
                case.name
            );
            for pathway in case.out_of_reach {
                let fit = ranking
                    .iter()
                    .find(|(id, _)| id == pathway)
                    .map(|(_, f)| *f);
                assert!(
                    fit.is_some_and(|f| f <= OUT_OF_REACH),
                    "{}: {pathway} should be out of reach: {ranking:?}",
                    case.name
                );
            }
            for recommendation in &recommendations {
                assert!(
                    !recommendation.reasons.is_empty(),
                    "{}: every pathway says why",
                    case.name
                );
            }
            best_picks.push(case.best);
        }
        best_picks.sort_unstable();
        best_picks.dedup();
        assert_eq!(
            best_picks.len(),
            cases.len(),
            "each situation has its own best pathway"
        );
    }

    #[test]
    fn reasons_are_plain_words_with_figures() {
        let catalog = catalog();
        let profile = profile(10.0, 0.0);
        let recommendations = recommend(
            &catalog,
            &Situation {
                profile: &profile,
                hours_per_week: 10.0,
                start: date("2026-11-23"),
                plan_hours: 400.0,
                gap_hours: &[("python", 400.0)],
            },
        );
        let full_time = recommendations
            .iter()
            .find(|r| r.kind == PathwayKind::Bootcamp && r.pathway == "bootcamp-full-time")
            .expect("full-time bootcamp listed");
        let texts: Vec<&str> = full_time.reasons.iter().map(|r| r.text.as_str()).collect();
        assert!(
            texts.contains(&"needs at least 40 h/week; you have 10"),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"costs at least $7,000; the budget is $0"),
            "{texts:?}"
        );
        assert_eq!(
            full_time.reasons[0].effect,
            Effect::Against,
            "what rules it out comes first"
        );
    }

    /// The reason the `preferences` criterion gives for `pathway` and one preference.
    fn preference_reason(catalog: &Catalog, pathway: &str, preference: Preference) -> Reason {
        let pathway = catalog.pathway(pathway).expect("pathway");
        preferences(pathway, &[preference])
            .expect("every preference says something")
            .reason
    }

    /// Each documented preference counts for a pathway that offers it and against one that
    /// does not: (preference, a pathway that fits, one that does not).
    const PREFERENCE_CASES: [(Preference, &str, &str); 8] = [
        (Preference::InPerson, "in-person-course", "self-study"),
        (Preference::Online, "online-program", "college-degree"),
        (Preference::Mentor, "bootcamp-part-time", "self-study"),
        (Preference::Peers, "in-person-course", "online-program"),
        (
            Preference::CareerServices,
            "bootcamp-full-time",
            "certification",
        ),
        (Preference::Video, "online-program", "bootcamp-full-time"),
        (Preference::Reading, "self-study", "bootcamp-part-time"),
        (Preference::Projects, "bootcamp-full-time", "online-program"),
    ];

    fn check_preference(preference: Preference) {
        let catalog = catalog();
        let (_, fits, does_not) = PREFERENCE_CASES
            .iter()
            .find(|(p, _, _)| *p == preference)
            .expect("a case for every preference");
        let reason = preference_reason(&catalog, fits, preference);
        assert_eq!(reason.effect, Effect::For, "{preference} and {fits}");
        assert!(reason.text.contains(preference.as_str()), "{}", reason.text);
        let reason = preference_reason(&catalog, does_not, preference);
        assert_eq!(
            reason.effect,
            Effect::Against,
            "{preference} and {does_not}"
        );
        assert!(reason.text.contains(preference.as_str()), "{}", reason.text);
    }

    #[test]
    fn in_person_prefers_classrooms() {
        check_preference(Preference::InPerson);
    }

    #[test]
    fn online_prefers_online_pathways() {
        check_preference(Preference::Online);
    }

    #[test]
    fn mentor_prefers_pathways_with_mentors() {
        check_preference(Preference::Mentor);
    }

    #[test]
    fn peers_prefers_pathways_with_fellow_learners() {
        check_preference(Preference::Peers);
    }

    #[test]
    fn career_services_prefers_pathways_that_help_find_a_job() {
        check_preference(Preference::CareerServices);
    }

    #[test]
    fn video_prefers_recorded_courses() {
        check_preference(Preference::Video);
    }

    #[test]
    fn reading_prefers_books_and_documentation() {
        check_preference(Preference::Reading);
    }

    #[test]
    fn projects_prefers_learning_by_building() {
        check_preference(Preference::Projects);
    }

    #[test]
    fn preferences_read_as_documented_and_unknown_ones_are_refused() {
        let profile: Profile = toml::from_str(
            r#"preferences = ["video", "reading", "projects", "in-person", "career services"]"#,
        )
        .expect("documented values");
        assert_eq!(
            profile.preferences,
            [
                Preference::Video,
                Preference::Reading,
                Preference::Projects,
                Preference::InPerson,
                Preference::CareerServices,
            ]
        );
        let error = toml::from_str::<Profile>(r#"preferences = ["podcasts"]"#)
            .expect_err("unknown preference");
        assert!(error.to_string().contains("video"), "{error}");
    }
}
