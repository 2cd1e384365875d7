//! Computerized adaptive testing (CAT): an item bank under the 4PL model ([`bank`]), item
//! selection by Fisher information with exposure control and content balancing ([`select`]),
//! estimators ([`estimators`]), stopping rules ([`stop`]), and the simulator that measures them
//! ([`simulate`], files in [`tables`]).

pub mod bank;
pub mod estimators;
pub mod quiz;
pub mod quiz_sim;
pub mod select;
pub mod simulate;
pub mod stop;
pub mod tables;
