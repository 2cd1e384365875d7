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

/// A batch allocates each results document on a pool thread and frees it on the thread that
/// writes it; glibc's allocator then takes arena locks against the threads still scoring, and
/// mimalloc does not (15 % less wall time on 10,000 sheets, +15 MB of memory; benches/README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
