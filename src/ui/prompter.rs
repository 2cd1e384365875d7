//! The prompts, behind one trait: dialoguer for people, a scripted prompter (from an answer
//! sheet) for `--answers` and tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Select};

use super::quiz::Target;
use crate::catalog::{Catalog, Question, QuestionKind, Structure};
use crate::date::Date;
use crate::sheet::{AnswerSheet, AnswerValue, DONT_KNOW, Preference, Profile};

/// The user stopped (Ctrl-C, Esc) at a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted;

/// One question as the quiz presents it.
pub struct QuestionView<'q> {
    pub number: usize,
    pub total: usize,
    pub area: &'q str,
    pub skill: &'q str,
    pub question: &'q Question,
    /// The options' indices in the order to show them (shuffled).
    pub order: Vec<usize>,
}

impl QuestionView<'_> {
    /// `[7/30] Databases › SQL fundamentals`.
    pub fn heading(&self) -> String {
        format!(
            "[{}/{}] {} › {}",
            self.number, self.total, self.area, self.skill
        )
    }
}

pub trait Prompter {
    /// What to assess for: some templates, or "not sure yet".
    fn choose_templates(&mut self, catalog: &Catalog) -> Result<Target, Interrupted>;
    /// Which of a requirement's alternatives (`any_of`, e.g. languages) to be assessed on; at
    /// least one.
    fn choose_alternatives(
        &mut self,
        catalog: &Catalog,
        alternatives: &[String],
    ) -> Result<Vec<String>, Interrupted>;
    /// The answer to one question.
    fn ask(&mut self, view: &QuestionView<'_>) -> Result<AnswerValue, Interrupted>;
    /// A yes/no question; Enter alone gives `default`.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Interrupted>;
    /// The learner's situation for the study plan; `None` when they skip it.
    fn profile(&mut self) -> Result<Option<Profile>, Interrupted>;
    /// A message for the user (stderr for people, nowhere for scripts).
    fn show(&mut self, text: &str);
}

/// What the Ctrl-C handler needs to know, shared with the command that saves the answers: how
/// many are saved, and whether the quiz already reported the interruption (then the handler
/// stays quiet).
#[derive(Debug, Default)]
pub struct InterruptState {
    pub answers_saved: AtomicUsize,
    pub reported: AtomicBool,
}

/// On Ctrl-C outside a prompt's own key handling: restore the cursor dialoguer hid, say what was
/// saved (in session `session`) and how to continue, remove temporary files, exit 130. Answers
/// are saved as they are given, so nothing else is needed.
pub fn install_interrupt_handler(session: &str, state: Arc<InterruptState>) {
    let session = session.to_string();
    crate::write::on_interrupt(move |code| {
        // First, so no session file is put in place after the count below is read.
        crate::write::discard_temporaries();
        let _ = Term::stderr().show_cursor();
        if !state.reported.swap(true, Ordering::SeqCst) {
            let saved = state.answers_saved.load(Ordering::SeqCst);
            eprintln!("{}", interrupted_note(saved, &session));
        }
        std::process::exit(i32::from(code));
    });
}

/// What an interrupted quiz says: how many answers were saved, and the command that goes on,
/// on a line of its own (so that it is copied whole, and not broken by the terminal).
pub fn interrupted_note(saved: usize, session: &str) -> String {
    match saved {
        0 => "\nInterrupted before the first answer; nothing was saved.".to_string(),
        n => format!(
            "\nInterrupted: {n} answer(s) saved. Continue with:\n  skillgap assess --resume {session}"
        ),
    }
}

/// The terminal's width for wrapping prompts (they go to stderr).
pub fn terminal_width() -> usize {
    crate::terminal::stderr_width()
}

/// `text` wrapped to `width` columns at word boundaries (a word longer than the line keeps its
/// own line, never split); line breaks in the text are kept. Each line after the first of a
/// paragraph starts with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(20);
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut used = 0;
        let mut fresh = true;
        for word in paragraph.split_whitespace() {
            let length = console::measure_text_width(word);
            if !fresh && used + 1 + length > width {
                lines.push(std::mem::take(&mut line));
                line.push_str(indent);
                used = console::measure_text_width(indent);
                fresh = true;
            }
            if !fresh {
                line.push(' ');
                used += 1;
            }
            line.push_str(word);
            used += length;
            fresh = false;
        }
        lines.push(line);
    }
    lines
}

/// Columns around a prompt: "? " and " › " in every theme prompt; a yes/no adds " (y/n) yes",
/// a text prompt its default in brackets and some typing room.
const PROMPT_MARKS: usize = 5;
const CONFIRM_ROOM: usize = PROMPT_MARKS + 10;
const INPUT_ROOM: usize = PROMPT_MARKS + 16;

/// Whether `prompt` and `room` columns more fit on one line of the terminal.
fn fits(prompt: &str, room: usize) -> bool {
    console::measure_text_width(prompt) + room <= terminal_width()
}

/// Columns the colourful theme puts before a menu item: "❯ " in a menu, "❯ ⬚ " in a checklist.
const SELECT_MARKS: usize = 2;
const MULTI_MARKS: usize = 4;

/// Menu items wrapped between words to the terminal, continuation lines under the text: the
/// terminal would otherwise break a long option in the middle of a word. dialoguer counts the
/// lines of an item when it redraws the menu.
fn menu_items(items: &[&str], marks: usize) -> Vec<String> {
    let indent = " ".repeat(marks);
    let width = terminal_width().saturating_sub(marks + 1);
    items
        .iter()
        .map(|item| wrap(item, width, &indent).join("\n"))
        .collect()
}

/// One line wrapped to `width`, its leading indent kept on every line and continuation lines
/// under the text of a list item ("  2. Tell the mobile team …" continues under "Tell"), so
/// indented code and numbered options stay readable.
fn wrap_keeping_indent(line: &str, width: usize) -> Vec<String> {
    let body = line.trim_start();
    let lead = &line[..line.len() - body.len()];
    if console::measure_text_width(line) <= width {
        return vec![line.to_string()];
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let marker = if digits > 0 && body[digits..].starts_with(". ") {
        digits + 2
    } else if body.starts_with("- ") || body.starts_with("• ") {
        2
    } else {
        0
    };
    let lead_width = console::measure_text_width(lead);
    wrap(body, width.saturating_sub(lead_width), &" ".repeat(marker))
        .into_iter()
        .map(|wrapped| format!("{lead}{wrapped}"))
        .collect()
}

/// dialoguer's colourful theme, without its green ✔ on every answered prompt (it read as "right"
/// before "Not quite.") and without colour as the only mark of the answer.
fn quiz_theme() -> ColorfulTheme {
    ColorfulTheme {
        success_prefix: console::style("›".to_string()).dim(),
        values_style: console::Style::new().bold(),
        ..ColorfulTheme::default()
    }
}

/// The prompts of a terminal: dialoguer's arrow-key menus, or in accessible mode numbered
/// plain-text questions answered by typing a number (nothing is redrawn, nothing carried by
/// colour alone).
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    accessible: bool,
}

impl TerminalPrompter {
    pub fn new(accessible: bool) -> Self {
        if accessible {
            // Plain text for screen readers; every mark is a word anyway.
            console::set_colors_enabled_stderr(false);
        }
        TerminalPrompter {
            term: Term::stderr(),
            theme: quiz_theme(),
            accessible,
        }
    }

    pub fn accessible(&self) -> bool {
        self.accessible
    }

    fn line(&self, text: &str) {
        let _ = self.term.write_line(text);
    }

    /// Runs a dialoguer prompt whose line the terminal would wrap: dialoguer redraws only its
    /// own line, so a wrapped prompt left stale copies on the screen (and a word cut in two).
    /// The prompt's first lines, wrapped between words, are printed above it and cleared when it
    /// is answered; dialoguer gets the last line. `room`: the columns of its marks and answer.
    fn fitted<T>(
        &self,
        prompt: &str,
        room: usize,
        ask: impl FnOnce(&str) -> Result<T, Interrupted>,
    ) -> Result<T, Interrupted> {
        let mut lines = wrap(prompt, terminal_width().saturating_sub(room), "");
        let last = lines.pop().unwrap_or_default();
        for line in &lines {
            self.line(line);
        }
        let answer = ask(&last);
        let _ = self.term.clear_last_lines(lines.len());
        answer
    }

    /// "› prompt answer" once a prompt is answered, wrapped between words.
    fn echo(&self, answered: &str) {
        let text = format!("{} {answered}", console::style("›").dim());
        for line in wrap(&text, terminal_width().saturating_sub(1), "  ") {
            self.line(&line);
        }
    }

    /// Prints `text` wrapped to the terminal's width.
    fn wrapped(&self, text: &str) {
        for line in wrap(text, terminal_width(), "") {
            self.line(&line);
        }
    }

    fn body(&self, view: &QuestionView<'_>) {
        let question = view.question;
        self.line("");
        if self.accessible {
            let done = (view.number - 1) * 100 / view.total.max(1);
            self.line(&format!(
                "Question {} of {} ({done} % done). {}: {}.",
                view.number, view.total, view.area, view.skill
            ));
        } else {
            self.line(&console::style(view.heading()).dim().to_string());
        }
        self.wrapped(question.prompt.trim());
        if let Some(code) = &question.code {
            self.line("");
            if self.accessible {
                self.line("Code:");
            }
            for line in code.trim_end().lines() {
                self.line(&format!("    {}", console::style(line).cyan()));
            }
            if self.accessible {
                self.line("End of code.");
            }
        }
    }

    /// Reads one line typed by the user; end of input stops.
    fn read_line(&self, prompt: &str) -> Result<String, Interrupted> {
        let _ = self.term.write_str(&format!("{prompt} "));
        let _ = self.term.flush();
        let mut text = String::new();
        match std::io::stdin().read_line(&mut text) {
            Ok(0) | Err(_) => Err(Interrupted),
            Ok(_) => Ok(text.trim().to_string()),
        }
    }

    /// Prints numbered items, wrapped with a hanging indent.
    fn numbered(&self, items: &[&str]) {
        let width = terminal_width();
        for (i, item) in items.iter().enumerate() {
            let label = format!("  {}. ", i + 1);
            let indent = " ".repeat(label.len());
            for (n, line) in wrap(item, width.saturating_sub(label.len()), "")
                .iter()
                .enumerate()
            {
                let lead = if n == 0 {
                    label.as_str()
                } else {
                    indent.as_str()
                };
                self.line(&format!("{lead}{line}"));
            }
        }
    }

    /// One of `items`; in accessible mode `?` picks `dont_know` (an index) when given.
    pub fn select(
        &self,
        prompt: &str,
        items: &[&str],
        default: usize,
        dont_know: Option<usize>,
    ) -> Result<usize, Interrupted> {
        if !self.accessible {
            let choice = self.fitted(prompt, PROMPT_MARKS, |last| {
                stop_on(
                    Select::with_theme(&self.theme)
                        .with_prompt(last)
                        .items(menu_items(items, SELECT_MARKS))
                        .default(default)
                        .report(false)
                        .interact_on_opt(&self.term),
                )
            })?;
            // "Your answer: …", but "Do you want a credential …? Yes".
            let separator = if prompt.ends_with(['?', ':', '.', '!']) {
                " "
            } else {
                ": "
            };
            self.echo(&format!(
                "{prompt}{separator}{}",
                console::style(items[choice]).bold()
            ));
            return Ok(choice);
        }
        self.wrapped(prompt);
        self.numbered(items);
        let hint = match dont_know {
            Some(_) => format!(
                "Type a number from 1 to {}, or ? for I don't know, then Enter:",
                items.len()
            ),
            None => format!("Type a number from 1 to {}, then Enter:", items.len()),
        };
        loop {
            let text = self.read_line(&hint)?;
            if text == "?"
                && let Some(index) = dont_know
            {
                self.line(&format!("Your answer: {}.", items[index]));
                return Ok(index);
            }
            match text.parse::<usize>() {
                Ok(n) if (1..=items.len()).contains(&n) => {
                    self.line(&format!("Your answer: {}.", items[n - 1]));
                    return Ok(n - 1);
                }
                _ => self.line(&format!(
                    "\"{}\" is not one of the numbers 1 to {}.",
                    crate::sanitize::quote(&text),
                    items.len()
                )),
            }
        }
    }

    /// Any of `items` (possibly none).
    pub fn multi(&self, prompt: &str, items: &[&str]) -> Result<Vec<usize>, Interrupted> {
        if !self.accessible {
            return self.fitted(prompt, PROMPT_MARKS, |last| {
                stop_on(
                    MultiSelect::with_theme(&self.theme)
                        .with_prompt(last)
                        .items(menu_items(items, MULTI_MARKS))
                        .report(false)
                        .interact_on_opt(&self.term),
                )
            });
        }
        self.wrapped(prompt);
        self.numbered(items);
        loop {
            let text = self.read_line(
                "Type the numbers that apply, separated by spaces (for example 1 3), then Enter:",
            )?;
            match parse_numbers(&text, items.len()) {
                Some(numbers) => return Ok(numbers),
                None => self.line(&format!(
                    "Type numbers from 1 to {}, separated by spaces.",
                    items.len()
                )),
            }
        }
    }

    fn yes_no(&self, prompt: &str, default: bool) -> Result<bool, Interrupted> {
        if !self.accessible {
            if fits(prompt, CONFIRM_ROOM) {
                return stop_on(
                    Confirm::with_theme(&self.theme)
                        .with_prompt(prompt)
                        .default(default)
                        .interact_on_opt(&self.term),
                );
            }
            let answer = self.fitted(prompt, CONFIRM_ROOM, |last| {
                stop_on(
                    Confirm::with_theme(&self.theme)
                        .with_prompt(last)
                        .default(default)
                        .report(false)
                        .interact_on_opt(&self.term),
                )
            })?;
            self.echo(&format!(
                "{prompt} · {}",
                console::style(if answer { "yes" } else { "no" }).bold()
            ));
            return Ok(answer);
        }
        let hint = if default { "[Y/n]" } else { "[y/N]" };
        loop {
            let text = self.read_line(&format!("{prompt} {hint}"))?;
            match text.to_ascii_lowercase().as_str() {
                "" => return Ok(default),
                "y" | "yes" => return Ok(true),
                "n" | "no" => return Ok(false),
                _ => self.line("Type y for yes or n for no, then Enter."),
            }
        }
    }

    /// A line of text, checked by `validate` (asked again until it passes).
    fn input(
        &self,
        prompt: &str,
        default: Option<&str>,
        validate: impl Fn(&String) -> Result<(), String> + Clone,
    ) -> Result<String, Interrupted> {
        if !self.accessible {
            let room = INPUT_ROOM + default.map_or(0, console::measure_text_width);
            let ask = |last: &str, report: bool| {
                let mut input = Input::<String>::with_theme(&self.theme)
                    .with_prompt(last)
                    .allow_empty(true)
                    .report(report)
                    .validate_with(validate.clone());
                if let Some(default) = default {
                    input = input.default(default.to_string());
                }
                input.interact_text_on(&self.term).map_err(|_| Interrupted)
            };
            if fits(prompt, room) {
                return ask(prompt, true);
            }
            let text = self.fitted(prompt, room, |last| ask(last, false))?;
            self.echo(&format!("{prompt} · {}", console::style(&text).bold()));
            return Ok(text);
        }
        let shown = match default {
            Some(default) => format!("{prompt} (empty = {default}):"),
            None => format!("{prompt}:"),
        };
        loop {
            let text = self.read_line(&shown)?;
            let text = match (text.is_empty(), default) {
                (true, Some(default)) => default.to_string(),
                _ => text,
            };
            match validate(&text) {
                Ok(()) => return Ok(text),
                Err(message) => self.line(&format!("Not accepted: {message}.")),
            }
        }
    }
}

/// `"1 3,4"` → indices `[0, 2, 3]`; `None` when a part is not a number from 1 to `count`.
fn parse_numbers(text: &str, count: usize) -> Option<Vec<usize>> {
    let mut numbers = Vec::new();
    for part in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
    {
        let n: usize = part.parse().ok()?;
        if !(1..=count).contains(&n) {
            return None;
        }
        if !numbers.contains(&(n - 1)) {
            numbers.push(n - 1);
        }
    }
    numbers.sort_unstable();
    Some(numbers)
}

/// dialoguer's result: `None` (Esc) or an error (Ctrl-C as a key) both mean "stop".
fn stop_on<T>(result: dialoguer::Result<Option<T>>) -> Result<T, Interrupted> {
    match result {
        Ok(Some(value)) => Ok(value),
        _ => {
            let _ = Term::stderr().show_cursor();
            Err(Interrupted)
        }
    }
}

impl Prompter for TerminalPrompter {
    fn choose_templates(&mut self, catalog: &Catalog) -> Result<Target, Interrupted> {
        let mut items: Vec<String> = catalog
            .templates
            .iter()
            .map(|t| format!("{} ({})", t.title, t.level.as_str()))
            .collect();
        items.push("Not sure yet: assess the core skills and show the best matches".into());
        let labels: Vec<&str> = items.iter().map(String::as_str).collect();
        let choice = self.select("Which job do you want to be ready for?", &labels, 0, None)?;
        Ok(match catalog.templates.get(choice) {
            Some(template) => Target::Templates(vec![template.id.clone()]),
            None => Target::NotSureYet,
        })
    }

    fn choose_alternatives(
        &mut self,
        catalog: &Catalog,
        alternatives: &[String],
    ) -> Result<Vec<String>, Interrupted> {
        let names: Vec<&str> = alternatives
            .iter()
            .map(|id| catalog.skill(id).map_or(id.as_str(), |s| s.name.as_str()))
            .collect();
        self.line("");
        self.wrapped(
            "Any one of these will do for the job; you are asked only about those you mark.",
        );
        let prompt = if self.accessible {
            "Which do you use?"
        } else {
            "Which do you use? (Space marks, Enter confirms)"
        };
        loop {
            let chosen = self.multi(prompt, &names)?;
            if !chosen.is_empty() {
                let picked: Vec<&str> = chosen.iter().map(|&i| names[i]).collect();
                self.line(&format!("You chose: {}.", picked.join(", ")));
                return Ok(chosen.iter().map(|&i| alternatives[i].clone()).collect());
            }
            self.line(if self.accessible {
                "Nothing chosen: type at least one number."
            } else {
                "Nothing marked: mark at least one with Space, then press Enter."
            });
        }
    }

    fn ask(&mut self, view: &QuestionView<'_>) -> Result<AnswerValue, Interrupted> {
        self.body(view);
        let question = view.question;
        let options: Vec<&str> = view
            .order
            .iter()
            .map(|&i| question.options[i].text.trim())
            .collect();
        if question.kind == QuestionKind::Multi {
            let prompt = if self.accessible {
                "Select all that apply; ? or nothing means I don't know."
            } else {
                "All that apply (Space marks, Enter confirms; none = I don't know)"
            };
            let chosen = if self.accessible {
                self.wrapped(prompt);
                self.numbered(&options);
                loop {
                    let text = self.read_line("Type the numbers that apply, separated by spaces, or ? for I don't know, then Enter:")?;
                    if text == "?" {
                        break Vec::new();
                    }
                    match parse_numbers(&text, options.len()) {
                        Some(numbers) => break numbers,
                        None => self.line(&format!(
                            "Type numbers from 1 to {}, separated by spaces, or ?.",
                            options.len()
                        )),
                    }
                }
            } else {
                self.multi(prompt, &options)?
            };
            let shown: Vec<&str> = chosen.iter().map(|&i| options[i]).collect();
            let mark = if self.accessible {
                "Your answer:".to_string()
            } else {
                format!("{} Your answer:", console::style("›").dim())
            };
            if chosen.is_empty() {
                self.line(&format!("{mark} I don't know"));
                return Ok(AnswerValue::One(DONT_KNOW.into()));
            }
            self.line(&format!("{mark} {}", shown.join("; ")));
            let mut ids: Vec<String> = chosen
                .iter()
                .map(|&i| question.options[view.order[i]].id.clone())
                .collect();
            ids.sort();
            return Ok(AnswerValue::Many(ids));
        }
        let mut items = options;
        let dont_know = if question.kind == QuestionKind::Experience {
            "Skip"
        } else {
            "I don't know"
        };
        items.push(dont_know);
        let choice = self.select("Your answer", &items, 0, Some(items.len() - 1))?;
        Ok(match view.order.get(choice) {
            Some(&i) => AnswerValue::One(question.options[i].id.clone()),
            None if question.kind == QuestionKind::Experience => AnswerValue::One(String::new()),
            None => AnswerValue::One(DONT_KNOW.into()),
        })
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Interrupted> {
        self.yes_no(prompt, default)
    }

    fn profile(&mut self) -> Result<Option<Profile>, Interrupted> {
        self.line("");
        if !self.yes_no(
            "Six short questions about your time, budget and goals make the study plan fit you. Answer them? (No skips them)",
            true,
        )? {
            return Ok(None);
        }
        let hours = self.number(
            "Hours per week you can study",
            Some("10"),
            *crate::sheet::HOURS_PER_WEEK.start(),
            *crate::sheet::HOURS_PER_WEEK.end(),
        )?;
        let budget = self.number(
            "Budget for learning in US dollars (0 = free material only; empty = not sure)",
            None,
            0.0,
            f64::MAX,
        )?;
        let deadline = self.deadline()?;
        let wants_credential = self.pick(
            "Do you want a credential employers recognise (certificate, certification, degree)?",
            &[
                ("Yes", Some(true)),
                ("No", Some(false)),
                ("Does not matter", None),
            ],
        )?;
        let structure = self.pick(
            "How do you like to learn?",
            &[
                (
                    "Structured: set pace, teachers, deadlines",
                    Some(Structure::Structured),
                ),
                (
                    "Self-directed: my own pace and choices",
                    Some(Structure::SelfDirected),
                ),
                ("A mix of both", Some(Structure::Mixed)),
                ("No preference", None),
            ],
        )?;
        let wishes = [
            Preference::InPerson,
            Preference::Mentor,
            Preference::Peers,
            Preference::CareerServices,
            Preference::Video,
            Preference::Reading,
            Preference::Projects,
        ];
        let prompt = if self.accessible {
            "Anything else you want? None is fine (press Enter)."
        } else {
            "Anything else you want? (Space marks, Enter confirms; none is fine)"
        };
        let marked = self.multi(
            prompt,
            &[
                "Learning in person",
                "A mentor",
                "Fellow learners",
                "Help finding a job",
                "Video courses",
                "Books and documentation",
                "Learning by building projects",
            ],
        )?;
        Ok(Some(Profile {
            hours_per_week: hours,
            budget_usd: budget,
            deadline,
            wants_credential,
            structure,
            preferences: marked
                .iter()
                .filter_map(|&i| wishes.get(i).copied())
                .collect(),
            ..Profile::default()
        }))
    }

    fn show(&mut self, text: &str) {
        for paragraph in text.split('\n') {
            if paragraph.is_empty() {
                self.line("");
                continue;
            }
            for line in wrap_keeping_indent(paragraph, terminal_width()) {
                self.line(&line);
            }
        }
    }
}

impl TerminalPrompter {
    /// A number in `[low, high]`; empty gives `None` unless there is a default.
    fn number(
        &self,
        prompt: &str,
        default: Option<&str>,
        low: f64,
        high: f64,
    ) -> Result<Option<f64>, Interrupted> {
        let text = self.input(
            prompt,
            default,
            move |text: &String| -> Result<(), String> {
                let text = text.trim();
                if text.is_empty() {
                    return Ok(());
                }
                match text.replace(['$', ','], "").parse::<f64>() {
                    Ok(value) if (low..=high).contains(&value) => Ok(()),
                    _ if high < f64::MAX => Err(format!("type a number from {low} to {high}")),
                    _ => Err(format!("type a number, {low} or more")),
                }
            },
        )?;
        Ok(text.trim().replace(['$', ','], "").parse::<f64>().ok())
    }

    fn deadline(&self) -> Result<Option<Date>, Interrupted> {
        let today = Date::today();
        let text = self.input(
            "Date you want to be job-ready by (YYYY-MM-DD; empty = none)",
            None,
            move |text: &String| -> Result<(), String> {
                let text = text.trim();
                if text.is_empty() {
                    return Ok(());
                }
                match text.parse::<Date>() {
                    Ok(date) if date > today => Ok(()),
                    Ok(_) => Err("give a date after today".to_string()),
                    Err(error) => Err(error.to_string()),
                }
            },
        )?;
        Ok(text.trim().parse().ok())
    }

    fn pick<T: Copy>(&self, prompt: &str, choices: &[(&str, T)]) -> Result<T, Interrupted> {
        let labels: Vec<&str> = choices.iter().map(|(label, _)| *label).collect();
        let index = self.select(prompt, &labels, 0, None)?;
        Ok(choices[index].1)
    }
}

/// Answers from a sheet: the quiz asks, the sheet answers (blank when it has no answer).
pub struct ScriptedPrompter {
    sheet: AnswerSheet,
}

impl ScriptedPrompter {
    pub fn new(sheet: AnswerSheet) -> Self {
        ScriptedPrompter { sheet }
    }
}

impl Prompter for ScriptedPrompter {
    fn choose_templates(&mut self, _catalog: &Catalog) -> Result<Target, Interrupted> {
        if self.sheet.templates.is_empty() {
            Err(Interrupted)
        } else {
            Ok(Target::Templates(self.sheet.templates.clone()))
        }
    }

    /// The alternatives the sheet has answers for (the first when none).
    fn choose_alternatives(
        &mut self,
        catalog: &Catalog,
        alternatives: &[String],
    ) -> Result<Vec<String>, Interrupted> {
        let answered: Vec<String> = alternatives
            .iter()
            .filter(|skill| {
                self.sheet
                    .answers
                    .keys()
                    .any(|id| catalog.question(id).is_some_and(|q| &&q.skill == skill))
            })
            .cloned()
            .collect();
        Ok(if answered.is_empty() {
            alternatives.iter().take(1).cloned().collect()
        } else {
            answered
        })
    }

    fn ask(&mut self, view: &QuestionView<'_>) -> Result<AnswerValue, Interrupted> {
        Ok(self
            .sheet
            .answers
            .get(&view.question.id)
            .cloned()
            .unwrap_or_else(|| AnswerValue::One(String::new())))
    }

    fn confirm(&mut self, _prompt: &str, _default: bool) -> Result<bool, Interrupted> {
        Ok(false)
    }

    fn profile(&mut self) -> Result<Option<Profile>, Interrupted> {
        Ok(self.sheet.profile.clone())
    }

    fn show(&mut self, _text: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_keep_their_indent_and_list_items_continue_under_their_text() {
        let option = "  2. Tell the mobile team and your lead today, with the cause, a new date \
                      and what can still be ready by Friday.  ← right";
        let lines = wrap_keeping_indent(option, 40);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines[0].starts_with("  2. Tell"), "{lines:?}");
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with("     ") && !l.starts_with("      "))
        );
        assert!(lines.iter().all(|l| console::measure_text_width(l) <= 40));
        let code = "    SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.id;";
        assert!(
            wrap_keeping_indent(code, 40)
                .iter()
                .all(|l| l.starts_with("    "))
        );
        assert_eq!(
            wrap_keeping_indent("  short", 40),
            vec!["  short".to_string()]
        );
    }

    #[test]
    fn typed_numbers_pick_options() {
        assert_eq!(parse_numbers("1 3,4", 4), Some(vec![0, 2, 3]));
        assert_eq!(parse_numbers("3 3", 4), Some(vec![2]));
        assert_eq!(parse_numbers("", 4), Some(vec![]));
        assert_eq!(parse_numbers("5", 4), None);
        assert_eq!(parse_numbers("0", 4), None);
        assert_eq!(parse_numbers("a", 4), None);
    }

    #[test]
    fn an_answered_prompt_carries_no_check_mark() {
        let theme = quiz_theme();
        assert!(!theme.success_prefix.to_string().contains('✔'));
    }
}
