//! The terminal the output goes to: its width (a size of 0 falls back to `COLUMNS`, then 80),
//! whether the reader asked for the accessible layout, and a pager for long output
//! (`less -FRX`, as bat does; `SKILLGAP_PAGER` or `PAGER` win).

use std::io::{self, IsTerminal, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

/// The width used when neither the terminal nor `COLUMNS` gives one.
pub const DEFAULT_WIDTH: usize = 80;
/// Narrower than this, reports use their compact layout.
pub const WIDE: usize = 100;

/// When to page (`--paging`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paging {
    /// Only when stdout is a terminal and the output is longer than the screen.
    #[default]
    Auto,
    /// Whenever a pager can be started.
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, Default)]
struct Settings {
    paging: Paging,
    accessible: bool,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Sets the global choices once, from the command line (`--paging`, `--accessible`).
pub fn configure(paging: Paging, accessible: bool) {
    let _ = SETTINGS.set(Settings { paging, accessible });
}

fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or_default()
}

/// Whether the accessible layout is wanted: `--accessible`, or `ACCESSIBLE` set to anything but
/// empty, `0`, `false`, `no` or `off`.
pub fn accessible() -> bool {
    settings().accessible || truthy(std::env::var("ACCESSIBLE").ok().as_deref())
}

fn truthy(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        let v = v.trim().to_ascii_lowercase();
        !v.is_empty() && !matches!(v.as_str(), "0" | "false" | "no" | "off")
    })
}

/// The width to lay text out for: the terminal's when stdout is one and reports a size, else
/// `COLUMNS`, else 80.
pub fn width() -> usize {
    let size = console::Term::stdout().size_checked().map(|(_, cols)| cols);
    width_from(size, std::env::var("COLUMNS").ok().as_deref())
}

/// The width to lay out what goes to standard error (prompts, notes, errors): its terminal's,
/// else `COLUMNS`, else 80 (a pty without a size reports 0).
pub fn stderr_width() -> usize {
    let size = console::Term::stderr().size_checked().map(|(_, cols)| cols);
    width_from(size, std::env::var("COLUMNS").ok().as_deref())
}

/// [`stderr_width`] when standard error is a terminal, `None` when it is a pipe or a file.
pub fn error_width() -> Option<usize> {
    console::Term::stderr().is_term().then(stderr_width)
}

/// [`width`] from what the terminal reports and `COLUMNS`: a width of 0 counts as none.
pub fn width_from(terminal: Option<u16>, columns: Option<&str>) -> usize {
    terminal
        .map(usize::from)
        .filter(|&w| w > 0)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&w| w > 0)
        })
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(20, 1000)
}

/// The screen's height in lines, when stdout is a terminal that reports one.
fn height() -> Option<usize> {
    console::Term::stdout()
        .size_checked()
        .map(|(rows, _)| usize::from(rows))
        .filter(|&rows| rows > 0)
}

/// The pager command: `SKILLGAP_PAGER`, else `PAGER`, else `less`; `less` without options gets
/// `-FRX` (quit when it fits, keep colours, leave the text on the screen). `None` when the
/// variable is set but empty (or `cat`): no paging.
pub fn pager_command(skillgap_pager: Option<&str>, pager: Option<&str>) -> Option<Vec<String>> {
    let chosen = skillgap_pager.or(pager).unwrap_or("less");
    let mut words: Vec<String> = chosen.split_whitespace().map(str::to_string).collect();
    let program = words.first()?;
    let name = std::path::Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    if name == "cat" {
        return None;
    }
    if name == "less" && words.len() == 1 {
        words.push("-FRX".to_string());
    }
    Some(words)
}

/// Whether stdout should go through a pager, and which: `None` for no paging.
pub fn pager_plan() -> Option<PagerPlan> {
    let paging = settings().paging;
    if paging == Paging::Never || !io::stdout().is_terminal() {
        return None;
    }
    let env = |name: &str| std::env::var(name).ok();
    let command = pager_command(env("SKILLGAP_PAGER").as_deref(), env("PAGER").as_deref())?;
    match paging {
        Paging::Always => Some(PagerPlan {
            command,
            after_lines: 0,
        }),
        Paging::Auto => {
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            if dumb || accessible() {
                return None;
            }
            // Unknown height (a pty without a size): never page.
            let rows = height()?;
            Some(PagerPlan {
                command,
                after_lines: rows.saturating_sub(1),
            })
        }
        Paging::Never => None,
    }
}

/// A pager to start once the output is longer than `after_lines` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PagerPlan {
    pub command: Vec<String>,
    pub after_lines: usize,
}

/// Stdout through a pager: the output is held until it is longer than the screen, then the
/// pager starts and gets it all; shorter output is printed as it is. A pager that cannot start
/// means no paging.
pub struct Paged {
    plan: PagerPlan,
    held: Vec<u8>,
    lines: usize,
    state: State,
}

enum State {
    Holding,
    Paging(Child, ChildStdin),
    Direct,
}

impl Paged {
    pub fn new(plan: PagerPlan) -> Paged {
        Paged {
            plan,
            held: Vec::new(),
            lines: 0,
            state: State::Holding,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        let (program, args) = match self.plan.command.split_first() {
            Some(split) => split,
            None => {
                self.state = State::Direct;
                return self.release();
            }
        };
        let mut command = Command::new(program);
        command.args(args).stdin(Stdio::piped());
        if std::env::var_os("LESSCHARSET").is_none() {
            command.env("LESSCHARSET", "utf-8");
        }
        match command.spawn() {
            Ok(mut child) => match child.stdin.take() {
                Some(mut stdin) => {
                    stdin.write_all(&self.held)?;
                    self.held.clear();
                    self.state = State::Paging(child, stdin);
                    Ok(())
                }
                None => {
                    self.state = State::Direct;
                    self.release()
                }
            },
            Err(_) => {
                self.state = State::Direct;
                self.release()
            }
        }
    }

    /// Prints what is held straight to stdout.
    fn release(&mut self) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        stdout.write_all(&self.held)?;
        self.held.clear();
        stdout.flush()
    }

    /// Ends the output: prints what is held, or closes the pager's input and waits for it.
    pub fn finish(mut self) -> io::Result<()> {
        match std::mem::replace(&mut self.state, State::Direct) {
            State::Holding | State::Direct => self.release(),
            State::Paging(mut child, stdin) => {
                drop(stdin);
                child.wait().map(|_| ())
            }
        }
    }
}

impl Write for Paged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.state {
            State::Paging(_, stdin) => stdin.write_all(buf),
            State::Direct => io::stdout().lock().write_all(buf),
            State::Holding => {
                self.held.extend_from_slice(buf);
                self.lines += buf.iter().filter(|&&b| b == b'\n').count();
                if self.lines > self.plan.after_lines {
                    self.start()?;
                }
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::Paging(_, stdin) => stdin.flush(),
            State::Direct => io::stdout().lock().flush(),
            State::Holding => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_width_of_zero_falls_back_to_columns_then_80() {
        assert_eq!(width_from(Some(120), Some("90")), 120);
        assert_eq!(width_from(Some(0), Some("90")), 90);
        assert_eq!(width_from(None, Some(" 100 ")), 100);
        assert_eq!(width_from(Some(0), Some("0")), 80);
        assert_eq!(width_from(None, Some("wide")), 80);
        assert_eq!(width_from(None, None), 80);
        assert_eq!(width_from(Some(100), Some("60")), 100);
        assert_eq!(width_from(Some(0), Some("60")), 60);
        assert_eq!(width_from(None, Some("0")), 80);
    }

    #[test]
    fn the_pager_is_less_with_frx_unless_the_environment_says_otherwise() {
        assert_eq!(
            pager_command(None, None),
            Some(vec!["less".to_string(), "-FRX".to_string()])
        );
        assert_eq!(
            pager_command(None, Some("/usr/bin/less")),
            Some(vec!["/usr/bin/less".to_string(), "-FRX".to_string()])
        );
        assert_eq!(
            pager_command(None, Some("less -R")),
            Some(vec!["less".to_string(), "-R".to_string()])
        );
        assert_eq!(
            pager_command(Some("most"), Some("less")),
            Some(vec!["most".to_string()])
        );
        assert_eq!(pager_command(Some(""), Some("less")), None);
        assert_eq!(pager_command(None, Some("cat")), None);
    }

    #[test]
    fn accessible_values() {
        assert!(truthy(Some("1")));
        assert!(truthy(Some("yes")));
        assert!(!truthy(Some("0")));
        assert!(!truthy(Some("")));
        assert!(!truthy(Some("false")));
        assert!(!truthy(None));
    }
}
