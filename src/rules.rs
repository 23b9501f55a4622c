//! Rule files: every pattern about Chinese text lives in `rules/*.yaml`. The bundled rules are
//! embedded in the binary; `--rules DIR` reads a user's directory instead, file by file (a file
//! the directory lacks falls back to the bundled one).

use crate::error::{Error, Result, locate};
use include_dir::{Dir, include_dir};
use regex::Regex;
use serde::Deserialize;
use std::path::{Path, PathBuf};

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// One rules file's text and how to name it in errors.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// Shown in errors: `rules/normalize.yaml` or the user's path.
    pub shown: String,
    /// The YAML text.
    pub text: String,
}

/// Where rule files come from.
#[derive(Debug, Clone)]
pub enum RulesSource {
    /// The rules compiled into the binary.
    Bundled,
    /// A user's directory.
    Dir(PathBuf),
}

impl RulesSource {
    /// Reads `name` (e.g. `normalize.yaml`).
    pub fn read(&self, name: &str) -> Result<RuleFile> {
        if let RulesSource::Dir(dir) = self {
            let path = dir.join(name);
            if path.exists() {
                let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                let text = String::from_utf8(bytes).map_err(|e| Error::Rules {
                    path: path.display().to_string(),
                    line: 1,
                    column: 1,
                    message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                })?;
                return Ok(RuleFile {
                    shown: path.display().to_string(),
                    text,
                });
            }
        }
        let text = BUNDLED
            .get_file(name)
            .and_then(|f| f.contents_utf8())
            .unwrap_or_else(|| panic!("bundled rules lack {name}"));
        Ok(RuleFile {
            shown: format!("rules/{name}"),
            text: text.to_string(),
        })
    }

    /// Checks that a user's rules directory exists.
    pub fn dir(path: &Path) -> Result<RulesSource> {
        if !path.is_dir() {
            return Err(Error::Usage(format!(
                "--rules {}: not a directory; point it at a folder holding normalize.yaml and the other rule files",
                path.display()
            )));
        }
        Ok(RulesSource::Dir(path.to_path_buf()))
    }
}

impl RuleFile {
    /// Parses the file as `T`, with YAML errors located at their line and column.
    pub fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T> {
        serde_yaml::from_str(&self.text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            Error::Rules {
                path: self.shown.clone(),
                line,
                column,
                message: e.to_string(),
            }
        })
    }

    /// Compiles a pattern, locating errors at the rule's `id` (or the pattern text).
    pub fn regex(&self, id: &str, pattern: &str) -> Result<Regex> {
        Regex::new(pattern).map_err(|e| self.error_at(id, pattern, format!("rule `{id}`: {e}")))
    }

    /// An error located at the first line mentioning `id: <id>`, or else `needle`.
    pub fn error_at(&self, id: &str, needle: &str, message: String) -> Error {
        let key = format!("id: {id}");
        let (line, column) = if self.text.contains(&key) {
            locate(&self.text, &key, 0)
        } else {
            locate(&self.text, needle, 0)
        };
        Error::Rules {
            path: self.shown.clone(),
            line,
            column,
            message,
        }
    }
}

/// A pattern rule as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable id, used in statistics and findings.
    pub id: String,
    /// The regex.
    pub pattern: String,
    /// Replacement for the match (or for its group `x`); empty deletes.
    #[serde(default)]
    pub replace: String,
    /// Rule-specific kind (e.g. page-marker direction).
    #[serde(default)]
    pub kind: Option<String>,
}

/// A compiled pattern rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// The compiled regex.
    pub regex: Regex,
    /// Replacement text.
    pub replace: String,
    /// Rule-specific kind.
    pub kind: Option<String>,
}

impl Rule {
    /// Compiles a list of raw rules from `file`.
    pub fn compile_all(file: &RuleFile, raw: &[RawRule]) -> Result<Vec<Rule>> {
        raw.iter()
            .map(|r| {
                Ok(Rule {
                    id: r.id.clone(),
                    regex: file.regex(&r.id, &r.pattern)?,
                    replace: r.replace.clone(),
                    kind: r.kind.clone(),
                })
            })
            .collect()
    }

    /// Byte range the rule changes in a match: group `x` if the pattern has it, else all.
    pub fn target(&self, caps: &regex::Captures<'_>) -> (usize, usize) {
        let m = caps
            .name("x")
            .unwrap_or_else(|| caps.get(0).expect("group 0"));
        (m.start(), m.end())
    }
}
