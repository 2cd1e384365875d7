//! Extraction against the embedded catalog: names, alternatives, must/nice, levels, and that the
//! TOML written loads as a template.

use super::*;
use crate::catalog::Requirement;

fn catalog() -> Catalog {
    Catalog::embedded().expect("embedded catalog")
}

fn extract_text(text: &str) -> Extraction {
    let options = PostingOptions {
        source: "test posting".into(),
        ..Default::default()
    };
    extract(&catalog(), text, &options).expect("extracts")
}

/// The requirement that names `skill` (alone or among alternatives).
fn requirement<'e>(extraction: &'e Extraction, skill: &str) -> Option<&'e Requirement> {
    extraction
        .requirements
        .iter()
        .map(|r| &r.requirement)
        .find(|r| r.skills().any(|s| s == skill))
}

fn skills_of(extraction: &Extraction) -> Vec<String> {
    let mut skills: Vec<String> = extraction
        .requirements
        .iter()
        .flat_map(|r| {
            r.requirement
                .skills()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    skills.sort();
    skills
}

#[test]
fn names_with_dots_hashes_and_slashes_match_on_their_boundaries() {
    let extraction = extract_text(
        "Backend Developer\n## Requirements\n- Node.js and C# / .NET\n- CI/CD with REST/JSON APIs\n\
         - Vue.js is not a catalog skill\n",
    );
    assert_eq!(
        skills_of(&extraction),
        ["ci-cd", "csharp", "javascript", "rest-api-design"]
    );
    let words: Vec<&str> = extraction
        .not_covered
        .iter()
        .map(|n| n.words.as_str())
        .collect();
    assert_eq!(words, ["Vue.js"]);
    assert_eq!(extraction.not_covered[0].line, 5);
}

#[test]
fn alternatives_on_one_line_become_one_any_of() {
    let extraction = extract_text(
        "Python Developer\n## Requirements\n- Django, Flask or FastAPI\n- PostgreSQL/MySQL\n",
    );
    let framework = requirement(&extraction, "flask").expect("frameworks");
    assert_eq!(framework.any_of, ["django", "flask", "fastapi"]);
    assert!(framework.must);
    let database = requirement(&extraction, "mysql").expect("databases");
    assert_eq!(database.any_of, ["postgresql", "mysql"]);
}

#[test]
fn sections_and_phrases_decide_must_or_nice() {
    let extraction = extract_text(
        "Backend Developer\n## Requirements\n- Python\n- Kafka is a plus\n- Ideally Docker\n\
         ## Nice to have\n- Kubernetes\n## Bonus\n- Redis\n",
    );
    let must = |skill| requirement(&extraction, skill).map(|r| r.must);
    assert_eq!(must("python"), Some(true));
    assert_eq!(must("message-queues"), Some(false));
    assert_eq!(must("containers"), Some(false));
    assert_eq!(must("kubernetes"), Some(false));
    assert_eq!(must("caching"), Some(false));
}

#[test]
fn duties_are_nice_unless_the_posting_lists_no_requirements() {
    let with_requirements = extract_text(
        "Backend Developer\n## What you'll do\n- Build GraphQL APIs\n## Requirements\n- Go\n",
    );
    assert_eq!(
        requirement(&with_requirements, "graphql").map(|r| r.must),
        Some(false)
    );
    let duties_only =
        extract_text("Backend Developer\n## Responsibilities\n- Build GraphQL APIs\n");
    assert_eq!(
        requirement(&duties_only, "graphql").map(|r| r.must),
        Some(true)
    );
}

#[test]
fn years_and_title_words_set_the_seniority_and_levels() {
    let senior = extract_text("Backend Engineer\n## Requirements\n- 5–10 years with Go\n- SQL\n");
    assert_eq!(senior.seniority.level, TemplateLevel::Senior);
    assert_eq!(requirement(&senior, "sql").map(|r| r.level), Some(3));
    let mid =
        extract_text("Backend Engineer\n## Requirements\n- 3+ years of backend work\n- SQL\n");
    assert_eq!(mid.seniority.level, TemplateLevel::Mid);
    assert_eq!(requirement(&mid, "sql").map(|r| r.level), Some(2));
    let junior = extract_text("Junior Developer\n## Requirements\n- SQL\n- Exposure to Docker\n");
    assert_eq!(junior.seniority.level, TemplateLevel::Junior);
    assert_eq!(requirement(&junior, "sql").map(|r| r.level), Some(2));
    assert_eq!(requirement(&junior, "containers").map(|r| r.level), Some(1));
}

#[test]
fn wording_moves_the_level() {
    let extraction = extract_text(
        "Senior Engineer\n## Requirements\n- Expert in PostgreSQL\n- Strong Python\n\
         - Working knowledge of Docker\n- Familiarity with Kubernetes\n",
    );
    let level = |skill| requirement(&extraction, skill).map(|r| r.level);
    assert_eq!(level("postgresql"), Some(4));
    assert_eq!(level("python"), Some(3));
    assert_eq!(level("containers"), Some(3));
    assert_eq!(level("kubernetes"), Some(1));
}

#[test]
fn soft_skills_are_read_from_their_usual_wording() {
    let extraction = extract_text(
        "Developer\n## Requirements\n- Good written and verbal communication\n- A team player\n\
         - You will mentor junior developers\n- You take ownership of your work\n",
    );
    assert_eq!(
        skills_of(&extraction),
        ["communication", "mentoring", "teamwork"]
    );
    assert!(
        extraction
            .not_covered
            .iter()
            .any(|n| n.words == "ownership")
    );
}

#[test]
fn a_text_without_skills_is_an_error_naming_its_source() {
    let options = PostingOptions {
        source: "lunch.txt".into(),
        ..Default::default()
    };
    let error = extract(&catalog(), "Menu\nSoup of the day\n", &options).expect_err("no skills");
    assert!(error.to_string().contains("lunch.txt"), "{error}");
    assert_eq!(error.exit_code(), crate::error::exit::INVALID_INPUT);
}

#[test]
fn the_emitted_toml_loads_as_a_template_with_its_comments() {
    let text = "Senior Backend Engineer (Go)\n## Requirements\n- Go, Python or Java\n- PostgreSQL\n\
                - Kafka and Elixir\n## Nice to have\n- Terraform\n";
    let extraction = extract_text(text);
    let toml = render::toml(&extraction).expect("renders");
    assert!(toml.contains("# line 3: \"Go, Python, Java\""), "{toml}");
    assert!(toml.contains("#   line 5: Elixir"), "{toml}");
    let mut catalog = catalog();
    let template = catalog
        .add_template_text("extracted.toml".into(), toml)
        .expect("the emitted TOML is a valid template")
        .clone();
    assert_eq!(template, extraction.template());
    assert_eq!(template.id, "senior-backend-engineer-go");
    assert_eq!(template.level, TemplateLevel::Senior);
}

#[test]
fn ids_come_from_titles() {
    assert_eq!(id_from("Sr. Python Developer"), "sr-python-developer");
    assert_eq!(
        id_from(".NET Senior Backend Developer"),
        "net-senior-backend-developer"
    );
    assert_eq!(id_from("2026 Backend"), "posting-2026-backend");
    assert_eq!(id_from("!!!"), "posting");
}
