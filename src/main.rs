use std::process::ExitCode;

fn main() -> ExitCode {
    // The configuration file's values are the defaults of the flags.
    let cli = match skillgap::commands::parse_cli() {
        Ok(cli) => cli,
        Err(error) => {
            eprintln!(
                "error: {}",
                skillgap::sanitize::message(&format!("{error:#}"))
            );
            return ExitCode::from(skillgap::commands::exit_code_for(&error));
        }
    };
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
