//! skillgap: a career-readiness assessor for backend web development.
//!
//! The library does the work: the catalog (model, loading, validation), estimation, readiness,
//! results, reports, the batch runner, job-posting extraction and the terminal UI. `main.rs`
//! only parses arguments and maps errors to exit codes.

pub mod adaptive;
pub mod batch;
pub mod calibrate;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod estimate;
pub mod figures;
pub mod files;
pub mod history;
#[cfg(test)]
mod loader_fuzz;
pub mod matching;
pub mod planning;
pub mod posterior;
pub mod posting;
pub mod questionnaire;
pub mod readiness;
pub mod reports;
pub mod results;
pub mod rng;
pub mod sanitize;
pub mod schema;
pub mod sheet;
pub mod store;
pub mod summary;
pub mod terminal;
pub mod ui;
pub mod write;
