//! How long the adaptive quiz takes to choose its next question (see benches/README.md): runs
//! whole quizzes on the embedded catalog, for one template and for every template at once (the
//! largest plan), answering at random, and prints the median and the slowest choice.
//!
//!     cargo run --release --example next_question

use std::time::{Duration, Instant};

use skillgap::adaptive::quiz::{AdaptivePlan, Asked, Length, asked_skills};
use skillgap::catalog::{Catalog, Template};
use skillgap::rng::SplitMix64;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = Catalog::embedded()?;
    let junior = catalog.template("junior-backend")?;
    let every: Vec<&Template> = catalog.templates.iter().collect();
    let cases: [(&str, Vec<&Template>); 2] =
        [("junior-backend", vec![junior]), ("every template", every)];
    for (name, templates) in cases {
        for length in [Length::Quick, Length::Standard, Length::Thorough] {
            let mut times = time_quizzes(&catalog, &templates, length, 20);
            times.sort();
            let median = times[times.len() / 2];
            let slowest = times[times.len() - 1];
            println!(
                "{name:>15}, {length:?}: {} choices, median {:.2} ms, slowest {:.2} ms",
                times.len(),
                millis(median),
                millis(slowest)
            );
        }
    }
    Ok(())
}

/// The time of every choice in `quizzes` quizzes whose answers are right half the time.
fn time_quizzes(
    catalog: &Catalog,
    templates: &[&Template],
    length: Length,
    quizzes: u64,
) -> Vec<Duration> {
    let skills = asked_skills(catalog, templates, &[]);
    let plan = AdaptivePlan::new(catalog, templates, &skills, length);
    let mut times = Vec::new();
    for quiz in 0..quizzes {
        let mut rng = SplitMix64::new(quiz);
        let mut asked: Vec<Asked> = Vec::new();
        loop {
            let started = Instant::now();
            let next = plan.next(catalog, &asked, quiz);
            times.push(started.elapsed());
            let Some(question) = next else { break };
            let score = Some(if rng.uniform() < 0.5 { 1.0 } else { 0.0 });
            asked.push(Asked {
                question,
                score,
                declined: false,
            });
        }
    }
    times
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
