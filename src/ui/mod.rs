//! The terminal UI: the only module that prompts. The quiz logic ([`quiz`]) talks to a
//! [`Prompter`]; `dialoguer` (or, in accessible mode, numbered plain-text questions) implements it for people, a scripted prompter for `--answers` and
//! tests. [`session`] is the assessment in progress. The command that drives them is
//! `commands::assess`; nothing here knows about arguments, files or exit codes.

mod prompter;
pub mod quiz;
pub mod session;

pub use prompter::{
    InterruptState, Interrupted, Prompter, QuestionView, ScriptedPrompter, TerminalPrompter,
    install_interrupt_handler, interrupted_note, terminal_width, wrap,
};
