//! The parse-only baseline for the scoring benchmark (see benches/README.md): reads a JSON Lines
//! file of answer sheets and parses each one, without checking or scoring it.
//!
//!     cargo run --release --example parse_only -- /tmp/sheets-100k.jsonl

use std::io::BufRead;

use skillgap::sheet::{AnswerSheet, SheetFormat};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: parse_only FILE.jsonl")?;
    let reader = std::io::BufReader::new(std::fs::File::open(&path)?);
    let started = std::time::Instant::now();
    let mut parsed = 0usize;
    for line in reader.lines() {
        let line = line?;
        if !line.trim().is_empty() {
            AnswerSheet::parse(&line, SheetFormat::Json)?;
            parsed += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "parsed {parsed} sheets in {seconds:.2} s: {:.0} sheets/s",
        parsed as f64 / seconds
    );
    Ok(())
}
