//! Printable questionnaires and blank answer sheets, so a coach can deliver a quiz elsewhere and
//! score it here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalog::{Catalog, Question, QuestionKind, Template};
use crate::sheet::{AnswerSheet, AnswerValue, DONT_KNOW};

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

/// The questionnaire as Markdown, without answers or explanations.
pub fn markdown(catalog: &Catalog, template: &Template, questions: &[&Question]) -> String {
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
    let mut current_skill = "";
    for (number, question) in questions.iter().enumerate() {
        if question.skill != current_skill {
            current_skill = &question.skill;
            let name = catalog
                .skill(current_skill)
                .map_or(current_skill, |s| s.name.as_str());
            let _ = writeln!(text, "## {name}\n");
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
