//! Printable questionnaires and blank answer sheets, so a coach can deliver a quiz elsewhere and
//! score it here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalog::{Catalog, Question, QuestionKind, Template};
use crate::error::Error;
use crate::sheet::{AnswerSheet, AnswerValue, DONT_KNOW};

/// The skills a questionnaire asks about, and which of them are alternatives of one another
/// (a requirement "Python, Java or Go": the candidate answers only the one they use).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection<'c> {
    pub skills: Vec<&'c str>,
    /// Groups of two or more skills of which the candidate answers one.
    pub alternatives: Vec<Vec<&'c str>>,
}

impl<'c> Selection<'c> {
    /// The alternatives `skill` belongs to, when it is one of several.
    pub fn group_of(&self, skill: &str) -> Option<&[&'c str]> {
        self.alternatives
            .iter()
            .find(|group| group.contains(&skill))
            .map(Vec::as_slice)
    }
}

/// The skills of `templates`, with the coach's `choose` (skill ids such as `python`, `django`)
/// keeping only the chosen alternative of a requirement that offers several. A chosen id that is
/// no alternative of any requirement is an error naming the nearest ids.
pub fn select_skills<'c>(
    catalog: &'c Catalog,
    templates: &[&'c Template],
    choose: &[String],
) -> Result<Selection<'c>, Error> {
    let requirements: Vec<Vec<&'c str>> = templates
        .iter()
        .flat_map(|t| t.requirements.iter())
        .map(|r| r.skills().filter(|s| catalog.skill(s).is_some()).collect())
        .collect();
    let offered: Vec<&str> = requirements
        .iter()
        .filter(|skills| skills.len() > 1)
        .flatten()
        .copied()
        .collect();
    for wanted in choose {
        if offered.contains(&wanted.as_str()) {
            continue;
        }
        if catalog.skill(wanted).is_none() {
            return Err(Error::UnknownId {
                what: "skill",
                id: wanted.clone(),
                suggestions: crate::catalog::suggest(wanted, offered.iter().copied()),
            });
        }
        return Err(Error::InvalidInput(format!(
            "--choose {wanted}: not one of the alternatives of {} (they are: {})",
            templates
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            offered.join(", ")
        )));
    }
    let mut selection = Selection::default();
    for skills in requirements {
        let chosen: Vec<&str> = skills
            .iter()
            .copied()
            .filter(|s| choose.iter().any(|c| c == s))
            .collect();
        let kept = if chosen.is_empty() { skills } else { chosen };
        let new: Vec<&str> = kept
            .into_iter()
            .filter(|s| !selection.skills.contains(s))
            .collect();
        if new.len() > 1 {
            selection.alternatives.push(new.clone());
        }
        selection.skills.extend(new);
    }
    Ok(selection)
}

/// The skills a set of templates needs, in first-mention order, without repeats.
pub fn required_skills<'c>(catalog: &'c Catalog, templates: &[&'c Template]) -> Vec<&'c str> {
    let mut skills: Vec<&str> = Vec::new();
    for skill in templates
        .iter()
        .flat_map(|t| t.requirements.iter().flat_map(|r| r.skills()))
    {
        if catalog.skill(skill).is_some() && !skills.contains(&skill) {
            skills.push(skill);
        }
    }
    skills
}

/// Up to `per_skill` tested questions of each skill, taken round-robin over the difficulties
/// (1, 2, 3, 4, 1, ...) so every level is probed, plus the skill's first experience question.
pub fn pick_questions<'c>(
    catalog: &'c Catalog,
    skills: &[&str],
    per_skill: usize,
) -> Vec<&'c Question> {
    let mut picked = Vec::new();
    for skill in skills {
        let Some(position) = catalog.skill_position(skill) else {
            continue;
        };
        let mut by_difficulty: BTreeMap<u8, Vec<&Question>> = BTreeMap::new();
        for question in catalog
            .questions_of(position)
            .filter(|q| q.kind.is_tested())
        {
            by_difficulty
                .entry(question.difficulty)
                .or_default()
                .push(question);
        }
        let mut taken = 0;
        let mut round = 0;
        while taken < per_skill && by_difficulty.values().any(|qs| round < qs.len()) {
            for questions in by_difficulty.values() {
                if taken < per_skill && round < questions.len() {
                    picked.push(questions[round]);
                    taken += 1;
                }
            }
            round += 1;
        }
        picked.extend(
            catalog
                .questions_of(position)
                .find(|q| q.kind == QuestionKind::Experience),
        );
    }
    picked
}

/// A sheet with every question present and blank (`""`), ready to fill in.
pub fn blank_sheet(template: &Template, questions: &[&Question]) -> AnswerSheet {
    AnswerSheet {
        schema_version: Some(1),
        candidate: Some(String::new()),
        profile: None,
        templates: vec![template.id.clone()],
        answers: questions
            .iter()
            .map(|q| (q.id.clone(), AnswerValue::One(String::new())))
            .collect(),
    }
}

/// The questionnaire as Markdown, without answers or explanations; the sections of alternative
/// skills say to answer only the one the candidate uses.
pub fn markdown(
    catalog: &Catalog,
    template: &Template,
    selection: &Selection<'_>,
    questions: &[&Question],
) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "# Questionnaire: {}\n", template.title);
    let _ = writeln!(
        text,
        "Catalog {} {}. {} questions. For each question write the letter of your answer \
         next to its id in the answer sheet (`{}-sheet.json`); for \"select all that apply\" \
         write a list such as `[\"a\", \"c\"]`; write `\"{DONT_KNOW}\"` if you don't know. \
         Self-report questions are about your experience and are not graded.\n",
        catalog.info.id,
        catalog.info.version,
        questions.len(),
        template.id
    );
    let name_of = |id: &str| -> String {
        catalog
            .skill(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let mut current_skill = "";
    let mut current_group: Option<&[&str]> = None;
    for (number, question) in questions.iter().enumerate() {
        if question.skill != current_skill {
            current_skill = &question.skill;
            let group = selection.group_of(current_skill);
            if group.is_some() && group != current_group {
                let names: Vec<String> = group
                    .unwrap_or_default()
                    .iter()
                    .map(|s| name_of(s))
                    .collect();
                let _ = writeln!(
                    text,
                    "> **Alternatives: answer only the one you use.** The next {} sections ({}) \
                     are alternatives of one requirement; answer the section of the one you \
                     use and leave the others blank.\n",
                    names.len(),
                    names.join(", ")
                );
            }
            current_group = group;
            let note = if group.is_some() {
                " *(alternative: answer only if it is the one you use)*"
            } else {
                ""
            };
            let _ = writeln!(text, "## {}{note}\n", name_of(current_skill));
        }
        let note = match question.kind {
            QuestionKind::Multi => " *(select all that apply)*",
            QuestionKind::Experience => " *(self-report)*",
            QuestionKind::Choice | QuestionKind::Scenario => "",
        };
        let _ = writeln!(
            text,
            "**{}. `{}`**{note}\n\n{}\n",
            number + 1,
            question.id,
            question.prompt.trim()
        );
        if let Some(code) = &question.code {
            let lang = question.code_lang.as_deref().unwrap_or("");
            let _ = writeln!(text, "```{lang}\n{}\n```\n", code.trim_end());
        }
        for option in &question.options {
            let _ = writeln!(text, "- **{})** {}", option.id, option.text.trim());
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn junior(catalog: &Catalog) -> &Template {
        catalog
            .template("junior-backend")
            .expect("embedded template")
    }

    #[test]
    fn choosing_keeps_only_the_chosen_alternatives() {
        let catalog = Catalog::load(None).expect("embedded catalog");
        let template = junior(&catalog);
        let all = select_skills(&catalog, &[template], &[]).expect("all");
        assert!(all.skills.contains(&"java") && all.skills.contains(&"flask"));
        assert!(all.group_of("python").is_some_and(|g| g.contains(&"java")));
        let chosen = select_skills(&catalog, &[template], &["python".into(), "django".into()])
            .expect("chosen");
        assert!(chosen.skills.contains(&"python") && chosen.skills.contains(&"django"));
        assert!(!chosen.skills.contains(&"java") && !chosen.skills.contains(&"flask"));
        assert!(chosen.group_of("python").is_none());
        assert!(chosen.skills.contains(&"sql"));
        let error = select_skills(&catalog, &[template], &["pyhton".into()])
            .expect_err("typo")
            .to_string();
        assert!(error.contains("did you mean `python`"), "{error}");
    }

    #[test]
    fn the_markdown_marks_alternatives() {
        let catalog = Catalog::load(None).expect("embedded catalog");
        let template = junior(&catalog);
        let selection = select_skills(&catalog, &[template], &[]).expect("all");
        let questions = pick_questions(&catalog, &selection.skills, 1);
        let text = markdown(&catalog, template, &selection, &questions);
        assert!(text.contains("answer only the one you use"), "{text}");
        assert!(text.contains("## Java *(alternative"), "{text}");
        let chosen = select_skills(&catalog, &[template], &["python".into(), "django".into()])
            .expect("chosen");
        let questions = pick_questions(&catalog, &chosen.skills, 1);
        let text = markdown(&catalog, template, &chosen, &questions);
        assert!(!text.contains("answer only the one you use"), "{text}");
        assert!(!text.contains("## Java"), "{text}");
    }
}
