use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = skillgap::cli::Cli::parse();
    match skillgap::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) if skillgap::commands::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Errors quote input (names, ids, file names): no escape sequence reaches the terminal.
            eprintln!(
                "error: {}",
                skillgap::sanitize::message(&format!("{error:#}"))
            );
            ExitCode::from(skillgap::commands::exit_code_for(&error))
        }
    }
}
