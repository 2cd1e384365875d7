//! Semantic checks of a parsed catalog: references, keys, credits, cycles, coverage. Every
//! problem is reported with the file, line and column it concerns.

use std::collections::{HashMap, HashSet};

use super::load::{Origin, Origins, problem_at};
use super::model::{CatalogDocument, Question, QuestionKind, Template};
use super::source::{Locator, Problem, SourceFile, Step};

/// Tested questions a skill needs, and over how many distinct difficulties, for its estimate to
/// mean something.
pub const MIN_TESTED_QUESTIONS: usize = 4;
pub const MIN_DIFFICULTIES: usize = 3;

/// The largest number of hours one level of a skill may take.
pub const MAX_HOURS_PER_LEVEL: f64 = 2000.0;
/// The largest number of hours one resource may take.
pub const MAX_RESOURCE_HOURS: f64 = 1000.0;
/// The largest |b| (logits) a question or a calibration overlay may set.
pub const MAX_ABS_B: f64 = super::B_RANGE.1;
/// A pathway's highest cost, longest duration and most hours a week.
pub const MAX_PATHWAY_COST_USD: f64 = 1_000_000.0;
pub const MAX_PATHWAY_WEEKS: f64 = 520.0;
pub const MAX_PATHWAY_HOURS_PER_WEEK: f64 = 100.0;

/// Checks the whole document; returns the problems found (empty when clean).
pub fn check(
    sources: &[SourceFile],
    document: &CatalogDocument,
    origins: &Origins,
) -> Vec<Problem> {
    let mut checker = Checker::new(sources);
    checker.ids(document, origins);
    checker.skills(document, origins);
    checker.prerequisite_cycles(document, origins);
    for (question, origin) in document.questions.iter().zip(&origins.questions) {
        checker.question(question, *origin, &skill_ids(document));
    }
    checker.coverage(document, origins);
    let skills = skill_ids(document);
    for (template, origin) in document.templates.iter().zip(&origins.templates) {
        checker.template(template, *origin, &skills);
    }
    checker.pathways(document, origins);
    checker.core_template(document, origins);
    checker.model(document, origins);
    checker.problems
}

/// Checks one template against a catalog's skills (for `--template-file`).
pub fn check_template(
    source: &SourceFile,
    template: &Template,
    skills: &HashSet<&str>,
) -> Vec<Problem> {
    let mut checker = Checker::new(std::slice::from_ref(source));
    let origin = Origin {
        file: 0,
        index: None,
    };
    checker.id(&template.id, origin, "templates", "template");
    checker.template(template, origin, skills);
    checker.problems
}

fn skill_ids(document: &CatalogDocument) -> HashSet<&str> {
    document.skills.iter().map(|s| s.id.as_str()).collect()
}

struct Checker<'s> {
    sources: &'s [SourceFile],
    locators: HashMap<usize, Locator<'s>>,
    problems: Vec<Problem>,
}

impl<'s> Checker<'s> {
    fn new(sources: &'s [SourceFile]) -> Self {
        Checker {
            sources,
            locators: HashMap::new(),
            problems: Vec::new(),
        }
    }

    /// Where `field` (a path of keys below the item) of the item at `origin` is: the source file
    /// and the byte offset.
    fn locate(
        &mut self,
        origin: Origin,
        array: &str,
        field: &[Step<'_>],
    ) -> (&'s SourceFile, usize) {
        let mut path = Vec::with_capacity(field.len() + 2);
        if let Some(index) = origin.index {
            path.push(Step::Key(array));
            path.push(Step::Index(index));
        }
        path.extend_from_slice(field);
        let source = &self.sources[origin.file];
        let locator = self
            .locators
            .entry(origin.file)
            .or_insert_with(|| Locator::new(&source.text));
        (source, locator.offset(&path))
    }

    /// Records a problem at `field` of the item at `origin`.
    fn at(&mut self, origin: Origin, array: &str, field: &[Step<'_>], message: String) {
        let (source, offset) = self.locate(origin, array, field);
        self.problems.push(problem_at(source, offset, message));
    }

    /// `[model]` in `catalog.toml`: the population within the bounds a calibration overlay's
    /// is held to (a NaN or a zero spread made every readiness NaN).
    fn model(&mut self, document: &CatalogDocument, origins: &Origins) {
        let Some(file) = origins.info else {
            return;
        };
        if let Some(problem) = document.catalog.model.population().problem() {
            self.at(
                Origin { file, index: None },
                "",
                &[Step::Key("model")],
                format!("[model]: {problem}"),
            );
        }
    }

    /// `core_template` in `catalog.toml` must name one of the catalog's templates.
    fn core_template(&mut self, document: &CatalogDocument, origins: &Origins) {
        let (Some(id), Some(file)) = (&document.catalog.core_template, origins.info) else {
            return;
        };
        if document.templates.iter().all(|t| &t.id != id) {
            let known = document.templates.iter().map(|t| t.id.as_str());
            let hint = super::suggest(id, known);
            let hint = if hint.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", hint.join(", "))
            };
            self.at(
                Origin { file, index: None },
                "",
                &[Step::Key("core_template")],
                format!("core_template `{id}` is not a template in the catalog{hint}"),
            );
        }
    }

    fn id(&mut self, id: &str, origin: Origin, array: &str, what: &str) {
        if !is_valid_id(id) {
            self.at(
                origin,
                array,
                &[Step::Key("id")],
                format!(
                    "{what} id `{id}` is not valid: use lowercase letters, digits and `-`, starting with a letter"
                ),
            );
        }
    }

    fn ids(&mut self, document: &CatalogDocument, origins: &Origins) {
        let kinds: [(&str, &str, Vec<&str>, &[Origin]); 5] = [
            (
                "areas",
                "area",
                document.areas.iter().map(|a| a.id.as_str()).collect(),
                &origins.areas,
            ),
            (
                "skills",
                "skill",
                document.skills.iter().map(|s| s.id.as_str()).collect(),
                &origins.skills,
            ),
            (
                "questions",
                "question",
                document.questions.iter().map(|q| q.id.as_str()).collect(),
                &origins.questions,
            ),
            (
                "templates",
                "template",
                document.templates.iter().map(|t| t.id.as_str()).collect(),
                &origins.templates,
            ),
            (
                "pathways",
                "pathway",
                document.pathways.iter().map(|p| p.id.as_str()).collect(),
                &origins.pathways,
            ),
        ];
        for (array, what, ids, origins) in kinds {
            let mut seen: HashMap<&str, Origin> = HashMap::new();
            for (id, origin) in ids.into_iter().zip(origins) {
                self.id(id, *origin, array, what);
                if let Some(first) = seen.get(id) {
                    let first = self.describe(*first, array);
                    self.at(
                        *origin,
                        array,
                        &[Step::Key("id")],
                        format!("duplicate {what} id `{id}` (first defined at {first}); ids must be unique"),
                    );
                } else {
                    seen.insert(id, *origin);
                }
            }
        }
    }

    /// "file:line:column" of an item, for messages that point at two places.
    fn describe(&mut self, origin: Origin, array: &str) -> String {
        let (source, offset) = self.locate(origin, array, &[]);
        let (line, column) = super::source::line_column(&source.text, offset);
        format!("{}:{line}:{column}", source.display)
    }

    fn skills(&mut self, document: &CatalogDocument, origins: &Origins) {
        let areas: HashSet<&str> = document.areas.iter().map(|a| a.id.as_str()).collect();
        let skills = skill_ids(document);
        for (skill, origin) in document.skills.iter().zip(&origins.skills) {
            let origin = *origin;
            if !areas.contains(skill.area.as_str()) {
                self.at(
                    origin,
                    "skills",
                    &[Step::Key("area")],
                    format!(
                        "skill `{}` is in area `{}`, which areas.toml does not define",
                        skill.id, skill.area
                    ),
                );
            }
            self.non_empty(origin, "skills", "name", &skill.name, &skill.id);
            for (i, prerequisite) in skill.prerequisites.iter().enumerate() {
                if !skills.contains(prerequisite.as_str()) {
                    self.at(origin, "skills", &[Step::Key("prerequisites"), Step::Index(i)], format!(
                        "skill `{}` lists prerequisite `{prerequisite}`, which is not a skill id", skill.id
                    ));
                }
            }
            if skill
                .hours_per_level
                .iter()
                .any(|h| !(h.is_finite() && *h > 0.0 && *h <= MAX_HOURS_PER_LEVEL))
            {
                self.at(origin, "skills", &[Step::Key("hours_per_level")], format!(
                    "skill `{}`: every hours_per_level entry must be a number of hours more than 0 and at most {MAX_HOURS_PER_LEVEL}", skill.id
                ));
            }
            for (i, resource) in skill.resources.iter().enumerate() {
                if !resource.url.starts_with("https://") {
                    self.at(
                        origin,
                        "skills",
                        &[Step::Key("resources"), Step::Index(i), Step::Key("url")],
                        format!(
                            "resource `{}` of skill `{}`: the URL must start with https://",
                            resource.title, skill.id
                        ),
                    );
                }
                if !(resource.hours.is_finite()
                    && (0.0..=MAX_RESOURCE_HOURS).contains(&resource.hours))
                {
                    self.at(
                        origin,
                        "skills",
                        &[Step::Key("resources"), Step::Index(i), Step::Key("hours")],
                        format!(
                            "resource `{}` of skill `{}`: hours must be from 0 to {MAX_RESOURCE_HOURS}",
                            resource.title, skill.id
                        ),
                    );
                }
            }
        }
    }

    fn non_empty(&mut self, origin: Origin, array: &str, field: &str, value: &str, id: &str) {
        if value.trim().is_empty() {
            let what = array.trim_end_matches('s');
            self.at(
                origin,
                array,
                &[Step::Key(field)],
                format!("{what} `{id}` has an empty {field}; write one"),
            );
        }
    }

    fn prerequisite_cycles(&mut self, document: &CatalogDocument, origins: &Origins) {
        let index: HashMap<&str, usize> = document
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let edges: Vec<Vec<usize>> = document
            .skills
            .iter()
            .map(|s| {
                s.prerequisites
                    .iter()
                    .filter_map(|p| index.get(p.as_str()).copied())
                    .collect()
            })
            .collect();
        for cycle in find_cycles(&edges) {
            let names: Vec<&str> = cycle
                .iter()
                .map(|&i| document.skills[i].id.as_str())
                .collect();
            let first = cycle[0];
            self.at(
                origins.skills[first],
                "skills",
                &[Step::Key("prerequisites")],
                format!(
                    "prerequisite cycle: {} -> {}; remove one of these prerequisites",
                    names.join(" -> "),
                    names[0]
                ),
            );
        }
    }

    fn question(&mut self, question: &Question, origin: Origin, skills: &HashSet<&str>) {
        let id = question.id.as_str();
        if !skills.contains(question.skill.as_str()) {
            self.at(
                origin,
                "questions",
                &[Step::Key("skill")],
                format!(
                    "question `{id}` is for skill `{}`, which is not a skill id",
                    question.skill
                ),
            );
        }
        if !(1..=4).contains(&question.difficulty) {
            self.at(
                origin,
                "questions",
                &[Step::Key("difficulty")],
                format!(
                    "question `{id}`: difficulty must be 1, 2, 3 or 4, not {}",
                    question.difficulty
                ),
            );
        }
        use super::{A_RANGE, B_RANGE, C_RANGE};
        let outside = |value: Option<f64>, (low, high): (f64, f64)| {
            value.is_some_and(|v| !(v.is_finite() && low <= v && v <= high))
        };
        for (key, value, range) in [
            ("a", question.a, A_RANGE),
            ("b", question.b, B_RANGE),
            ("c", question.c, C_RANGE),
        ] {
            if outside(value, range) {
                self.at(
                    origin,
                    "questions",
                    &[Step::Key(key)],
                    format!(
                        "question `{id}`: IRT `{key}` must be a number from {} to {}",
                        range.0, range.1
                    ),
                );
            }
        }

        self.non_empty(origin, "questions", "prompt", &question.prompt, id);
        if question.kind.is_tested() {
            self.non_empty(
                origin,
                "questions",
                "explanation",
                &question.explanation,
                id,
            );
        }
        self.options(question, origin);
        match question.kind {
            QuestionKind::Choice => self.choice_key(question, origin),
            QuestionKind::Multi => self.multi_key(question, origin),
            QuestionKind::Scenario | QuestionKind::Experience => self.credits(question, origin),
        }
    }

    fn options(&mut self, question: &Question, origin: Origin) {
        let id = question.id.as_str();
        if question.options.len() < 2 {
            self.at(
                origin,
                "questions",
                &[Step::Key("options")],
                format!("question `{id}` needs at least 2 options"),
            );
        }
        let mut seen = HashSet::new();
        for (i, option) in question.options.iter().enumerate() {
            let at = [Step::Key("options"), Step::Index(i)];
            if !seen.insert(option.id.as_str()) {
                self.at(
                    origin,
                    "questions",
                    &at,
                    format!("question `{id}` has two options with id `{}`", option.id),
                );
            }
            if !is_valid_id(&option.id) {
                self.at(
                    origin,
                    "questions",
                    &at,
                    format!(
                        "question `{id}`: option id `{}` is not valid; use a, b, c, ...",
                        option.id
                    ),
                );
            }
            if option.text.trim().is_empty() {
                self.at(
                    origin,
                    "questions",
                    &at,
                    format!("question `{id}`: option `{}` has empty text", option.id),
                );
            }
            if question.shuffle
                && question.kind != QuestionKind::Experience
                && let Some(label) = positional_reference(&option.text)
            {
                self.at(
                    origin,
                    "questions",
                    &at,
                    format!(
                        "question `{id}`: option `{}` refers to \"{label}\", which a shuffled order \
                         breaks; set `shuffle = false` on the question",
                        option.id
                    ),
                );
            }
            let credited = matches!(
                question.kind,
                QuestionKind::Scenario | QuestionKind::Experience
            );
            if !credited && option.credit.is_some() {
                self.at(origin, "questions", &at, format!(
                    "question `{id}` is `{}`: options carry no credit; mark the correct option(s) with `answer`/`answers`",
                    question.kind.as_str()
                ));
            }
        }
    }

    fn option_exists(&self, question: &Question, option: &str) -> bool {
        question.options.iter().any(|o| o.id == option)
    }

    fn choice_key(&mut self, question: &Question, origin: Origin) {
        let id = question.id.as_str();
        if !question.answers.is_empty() {
            self.at(origin, "questions", &[Step::Key("answers")], format!(
                "question `{id}` is `choice` but lists several correct options; a choice question has exactly one (`answer`), use kind = \"multi\" for several"
            ));
        }
        match &question.answer {
            None if !question.answers.is_empty() => {}
            None => self.at(origin, "questions", &[], format!(
                "question `{id}` is `choice` but has no correct option; add `answer = \"<option id>\"`"
            )),
            Some(answer) if !self.option_exists(question, answer) => self.at(origin, "questions", &[Step::Key("answer")], format!(
                "question `{id}`: answer `{answer}` is not among the options ({})", option_list(question)
            )),
            Some(_) => {}
        }
    }

    fn multi_key(&mut self, question: &Question, origin: Origin) {
        let id = question.id.as_str();
        if question.answer.is_some() {
            self.at(origin, "questions", &[Step::Key("answer")], format!(
                "question `{id}` is `multi`: list its correct options in `answers = [...]`, not `answer`"
            ));
        }
        if question.answers.is_empty() {
            self.at(origin, "questions", &[], format!(
                "question `{id}` is `multi` but has no correct options; add `answers = [\"a\", ...]`"
            ));
        }
        let mut seen = HashSet::new();
        for (i, answer) in question.answers.iter().enumerate() {
            let at = [Step::Key("answers"), Step::Index(i)];
            if !self.option_exists(question, answer) {
                self.at(
                    origin,
                    "questions",
                    &at,
                    format!(
                        "question `{id}`: answer `{answer}` is not among the options ({})",
                        option_list(question)
                    ),
                );
            } else if !seen.insert(answer.as_str()) {
                self.at(
                    origin,
                    "questions",
                    &at,
                    format!("question `{id}` lists answer `{answer}` twice"),
                );
            }
        }
    }

    fn credits(&mut self, question: &Question, origin: Origin) {
        let id = question.id.as_str();
        let kind = question.kind.as_str();
        if question.answer.is_some() || !question.answers.is_empty() {
            self.at(origin, "questions", &[Step::Key(if question.answer.is_some() { "answer" } else { "answers" })], format!(
                "question `{id}` is `{kind}`: it is scored by each option's `credit`, not by `answer`/`answers`"
            ));
        }
        for (i, option) in question.options.iter().enumerate() {
            let at = [Step::Key("options"), Step::Index(i)];
            match option.credit {
                None => self.at(
                    origin,
                    "questions",
                    &at,
                    format!(
                        "question `{id}` is `{kind}`: option `{}` needs a `credit` from 0.0 to 1.0",
                        option.id
                    ),
                ),
                Some(credit) if !(0.0..=1.0).contains(&credit) => self.at(
                    origin,
                    "questions",
                    &at,
                    format!(
                        "question `{id}`: option `{}` has credit {credit}, outside 0.0 to 1.0",
                        option.id
                    ),
                ),
                Some(_) => {}
            }
        }
        let best = question
            .options
            .iter()
            .filter_map(|o| o.credit)
            .fold(0.0, f64::max);
        if question.kind == QuestionKind::Scenario && best < 1.0 && !question.options.is_empty() {
            self.at(
                origin,
                "questions",
                &[Step::Key("options")],
                format!(
                    "question `{id}`: no option has credit 1.0; give the best response full credit"
                ),
            );
        }
    }

    fn coverage(&mut self, document: &CatalogDocument, origins: &Origins) {
        let mut by_skill: HashMap<&str, Vec<u8>> = HashMap::new();
        for question in document.questions.iter().filter(|q| q.kind.is_tested()) {
            by_skill
                .entry(question.skill.as_str())
                .or_default()
                .push(question.difficulty);
        }
        for (skill, origin) in document.skills.iter().zip(&origins.skills) {
            let difficulties = by_skill
                .get(skill.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let distinct: HashSet<u8> = difficulties.iter().copied().collect();
            if difficulties.len() < MIN_TESTED_QUESTIONS || distinct.len() < MIN_DIFFICULTIES {
                self.at(*origin, "skills", &[Step::Key("id")], format!(
                    "skill `{}` has {} tested question(s) over {} difficulty level(s); it needs at least {MIN_TESTED_QUESTIONS} over at least {MIN_DIFFICULTIES} of the 4 difficulties",
                    skill.id,
                    difficulties.len(),
                    distinct.len()
                ));
            }
        }
    }

    fn template(&mut self, template: &Template, origin: Origin, skills: &HashSet<&str>) {
        let id = template.id.as_str();
        self.non_empty(origin, "templates", "title", &template.title, id);
        if template.requirements.is_empty() {
            self.at(
                origin,
                "templates",
                &[],
                format!("template `{id}` has no requirements; add [[requirements]] entries"),
            );
        }
        let mut seen = HashSet::new();
        for (i, requirement) in template.requirements.iter().enumerate() {
            let at = |field| [Step::Key("requirements"), Step::Index(i), Step::Key(field)];
            match (&requirement.skill, requirement.any_of.is_empty()) {
                (None, true) => self.at(
                    origin,
                    "templates",
                    &at("level"),
                    format!(
                        "template `{id}`: requirement #{} names no skill; set `skill` or `any_of`",
                        i + 1
                    ),
                ),
                (Some(_), false) => self.at(
                    origin,
                    "templates",
                    &at("any_of"),
                    format!(
                        "template `{id}`: requirement #{} sets both `skill` and `any_of`; use one",
                        i + 1
                    ),
                ),
                _ => {}
            }
            let field = if requirement.skill.is_some() {
                "skill"
            } else {
                "any_of"
            };
            for skill in requirement.skills() {
                if !skills.contains(skill) {
                    self.at(
                        origin,
                        "templates",
                        &at(field),
                        format!(
                            "template `{id}` requires skill `{skill}`, which is not in the catalog"
                        ),
                    );
                } else if !seen.insert(skill.to_string()) {
                    self.at(
                        origin,
                        "templates",
                        &at(field),
                        format!(
                            "template `{id}` requires skill `{skill}` twice; merge the requirements"
                        ),
                    );
                }
            }
            if !(1..=4).contains(&requirement.level) {
                self.at(
                    origin,
                    "templates",
                    &at("level"),
                    format!(
                        "template `{id}`: requirement #{} has level {}; required levels are 1 to 4",
                        i + 1,
                        requirement.level
                    ),
                );
            }
            if !requirement.weight.is_finite() || requirement.weight <= 0.0 {
                self.at(
                    origin,
                    "templates",
                    &at("weight"),
                    format!(
                        "template `{id}`: requirement #{} needs a positive weight",
                        i + 1
                    ),
                );
            }
        }
    }

    fn pathways(&mut self, document: &CatalogDocument, origins: &Origins) {
        let skills = skill_ids(document);
        for (pathway, origin) in document.pathways.iter().zip(&origins.pathways) {
            for (i, skill) in pathway.focus_skills.iter().enumerate() {
                if !skills.contains(skill.as_str()) {
                    self.at(
                        *origin,
                        "pathways",
                        &[Step::Key("focus_skills"), Step::Index(i)],
                        format!(
                            "pathway `{}`: focus skill `{skill}` is not a skill id",
                            pathway.id
                        ),
                    );
                }
            }
            let ranges = [
                ("cost_usd", pathway.cost_usd, MAX_PATHWAY_COST_USD),
                ("duration_weeks", pathway.duration_weeks, MAX_PATHWAY_WEEKS),
                (
                    "hours_per_week",
                    pathway.hours_per_week,
                    MAX_PATHWAY_HOURS_PER_WEEK,
                ),
            ];
            for (field, [low, high], max) in ranges {
                if !(low.is_finite()
                    && high.is_finite()
                    && 0.0 <= low
                    && low <= high
                    && high <= max)
                {
                    self.at(
                        *origin,
                        "pathways",
                        &[Step::Key(field)],
                        format!(
                            "pathway `{}`: {field} must be [low, high] with 0 <= low <= high <= {max}",
                            pathway.id
                        ),
                    );
                }
            }
        }
    }
}

fn option_list(question: &Question) -> String {
    let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
    ids.join(", ")
}

/// Lowercase ASCII letters, digits and `-`, starting with a letter.
pub fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Every elementary cycle reachable in the graph, each reported once, starting at its smallest
/// node. Catalogs are small, so a depth-first search per node is plenty.
fn find_cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    for start in 0..edges.len() {
        let mut path = vec![start];
        let mut on_path = vec![false; edges.len()];
        on_path[start] = true;
        walk(edges, start, &mut path, &mut on_path, &mut cycles);
    }
    cycles
}

fn walk(
    edges: &[Vec<usize>],
    start: usize,
    path: &mut Vec<usize>,
    on_path: &mut [bool],
    cycles: &mut Vec<Vec<usize>>,
) {
    let Some(&node) = path.last() else { return };
    for &next in &edges[node] {
        if next == start {
            cycles.push(path.clone());
        } else if next > start && !on_path[next] {
            on_path[next] = true;
            path.push(next);
            walk(edges, start, path, on_path, cycles);
            path.pop();
            on_path[next] = false;
        }
    }
}

/// A label or position an option's text refers to ("Query A", "Line B only", "all of the
/// above"), which only makes sense in the order written.
fn positional_reference(text: &str) -> Option<String> {
    const LABELLED: [&str; 9] = [
        "query",
        "queries",
        "line",
        "lines",
        "option",
        "snippet",
        "statement",
        "version",
        "listing",
    ];
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let label = pair[1];
        let is_label = label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase());
        if is_label && LABELLED.contains(&pair[0].to_ascii_lowercase().as_str()) {
            return Some(format!("{} {}", pair[0], pair[1]));
        }
    }
    let lower = text.to_ascii_lowercase();
    [
        "of the above",
        "of the below",
        "the previous option",
        "the options above",
    ]
    .into_iter()
    .find(|phrase| lower.contains(phrase))
    .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_once_from_its_smallest_node() {
        // 0 -> 1 -> 2 -> 0, and 3 -> 3
        let edges = vec![vec![1], vec![2], vec![0], vec![3]];
        assert_eq!(find_cycles(&edges), vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn acyclic_graph_has_no_cycles() {
        let edges = vec![vec![1, 2], vec![2], vec![]];
        assert!(find_cycles(&edges).is_empty());
    }

    #[test]
    fn ids_are_lowercase_slugs() {
        assert!(is_valid_id("spring-boot"));
        assert!(is_valid_id("a"));
        assert!(!is_valid_id("Spring"));
        assert!(!is_valid_id("1abc"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn options_that_name_labels_or_positions_are_found() {
        assert_eq!(positional_reference("Query A").as_deref(), Some("Query A"));
        assert_eq!(
            positional_reference("Line B only").as_deref(),
            Some("Line B")
        );
        assert!(positional_reference("None of the above").is_some());
        assert_eq!(positional_reference("A second user is created"), None);
        assert_eq!(positional_reference("Both lines"), None);
        assert_eq!(positional_reference("The query plan uses an index"), None);
    }

    #[test]
    fn a_shuffled_question_whose_options_name_labels_is_refused() {
        fn copy(from: &std::path::Path, to: &std::path::Path) {
            std::fs::create_dir_all(to).expect("folder");
            for entry in std::fs::read_dir(from).expect("readable") {
                let path = entry.expect("entry").path();
                let target = to.join(path.file_name().expect("name"));
                if path.is_dir() {
                    copy(&path, &target);
                } else {
                    std::fs::copy(&path, &target).expect("copied");
                }
            }
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        copy(&data, dir.path());
        assert!(crate::catalog::Catalog::from_dir(dir.path()).is_ok());
        let path = dir.path().join("questions/data.toml");
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(text.contains("shuffle = false"));
        std::fs::write(&path, text.replace("shuffle = false", "shuffle = true")).expect("written");
        let error = match crate::catalog::Catalog::from_dir(dir.path()) {
            Ok(_) => panic!("a shuffled question naming labels is refused"),
            Err(error) => error.to_string(),
        };
        assert!(
            error.contains("sql-05") && error.contains("shuffle = false"),
            "{error}"
        );
    }
}
