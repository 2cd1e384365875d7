//! The configuration file: defaults a person sets once (`$XDG_CONFIG_HOME/skillgap/config.toml`).
//! Every value is a default only; a command-line flag or an environment variable wins over it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::files::Limit;

/// The keys of the configuration file, all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The template `assess` and `questionnaire` use when none is given (`--template`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The quiz length of `assess`: quick, standard or thorough (`--length`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<String>,
    /// The format of reports written to a terminal: table, json, jsonl, csv, markdown, html
    /// (`--format`; output that is piped stays JSON unless `--format` says otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// auto, always or never (`--color`; `NO_COLOR` still turns colours off for auto).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// auto, always or never: whether long reports go through a pager (`--paging`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<String>,
    /// A catalog folder to load instead of the embedded one (`--data`, `SKILLGAP_DATA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<PathBuf>,
}

/// The values each key accepts (the key `template` and `data` take any id or folder).
const CHOICES: [(&str, &[&str]); 4] = [
    ("length", &["quick", "standard", "thorough"]),
    (
        "format",
        &["table", "json", "jsonl", "csv", "markdown", "html"],
    ),
    ("color", &["auto", "always", "never"]),
    ("paging", &["auto", "always", "never"]),
];

/// Where the configuration file is: `$SKILLGAP_CONFIG`, else
/// `$XDG_CONFIG_HOME/skillgap/config.toml`, else `$HOME/.config/skillgap/config.toml`.
pub fn path() -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(path) = set("SKILLGAP_CONFIG") {
        return Some(PathBuf::from(path));
    }
    let base = set("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| set("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("skillgap").join("config.toml"))
}

impl Config {
    /// The configuration at `path`; none (the defaults) when the file does not exist.
    pub fn load(path: Option<&Path>) -> Result<Config, Error> {
        let Some(path) = path else {
            return Ok(Config::default());
        };
        if !path.exists() {
            return Ok(Config::default());
        }
        let text = crate::files::read_limited(path, Limit::CONFIG)?;
        Config::parse(&text).map_err(|message| {
            Error::InvalidInput(crate::sanitize::message(&format!(
                "the configuration file {}: {message}",
                path.display()
            )))
        })
    }

    /// Parses and checks a configuration file's text.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |s| crate::diagnostic::line_column(text, s.start));
            format!("line {line}, column {column}: {}", e.message().trim_end())
        })?;
        for (key, allowed) in CHOICES {
            if let Some(value) = config.get(key)
                && !allowed.contains(&value)
            {
                return Err(format!(
                    "{key} = \"{value}\" is not one of {}",
                    allowed.join(", ")
                ));
            }
        }
        Ok(config)
    }

    /// The value of a key that holds a word (`length`, `format`, `color`, `paging`, `template`).
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            "template" => self.template.as_deref(),
            "length" => self.length.as_deref(),
            "format" => self.format.as_deref(),
            "color" => self.color.as_deref(),
            "paging" => self.paging.as_deref(),
            _ => None,
        }
    }

    /// The file's text for `skillgap config show`.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_and_named() {
        let config = Config::parse(
            "template = \"mid-backend\"\nlength = \"standard\"\nformat = \"markdown\"\n\
             color = \"never\"\npaging = \"never\"\ndata = \"/srv/catalog\"\n",
        )
        .expect("valid");
        assert_eq!(config.get("length"), Some("standard"));
        assert_eq!(config.data.as_deref(), Some(Path::new("/srv/catalog")));
        let error = Config::parse("length = \"long\"\n").expect_err("bad value");
        assert!(
            error.contains("length = \"long\" is not one of quick"),
            "{error}"
        );
        let error = Config::parse("colour = \"never\"\n").expect_err("unknown key");
        assert!(error.contains("unknown field `colour`"), "{error}");
        assert_eq!(Config::parse("").expect("empty"), Config::default());
    }

    #[test]
    fn a_missing_file_is_no_configuration() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(Some(&path)).expect("none"), Config::default());
        std::fs::write(&path, "length = 3\n").expect("write");
        let error = Config::load(Some(&path)).expect_err("bad").to_string();
        assert!(error.contains("config.toml: line 1"), "{error}");
    }
}
