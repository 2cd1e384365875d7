//! Integration tests: they drive the real binary (assert_cmd). One test binary keeps link time
//! down as tests grow.

mod util;

mod assess;
mod calibrate;
mod catalog;
mod coach;
mod hardening;
mod html;
mod listings;
mod match_postings;
mod measurement;
mod plan;
mod posting;
mod posting_quality;
mod pty;
mod retest;
mod schema;
mod score;
mod sessions;
mod simulate;
mod terminal;
mod writing;
