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

    /// Every `*.yaml` file in `subdir` (for rule tests): the user's if the directory has that
    /// folder, else the bundled ones.
    pub fn list(&self, subdir: &str) -> Result<Vec<RuleFile>> {
        if let RulesSource::Dir(dir) = self {
            let path = dir.join(subdir);
            if path.is_dir() {
                let mut names: Vec<PathBuf> = std::fs::read_dir(&path)
                    .map_err(|source| Error::Io {
                        path: path.clone(),
                        source,
                    })?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                    .collect();
                names.sort();
                return names
                    .iter()
                    .map(|p| {
                        let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                            path: p.clone(),
                            source,
                        })?;
                        Ok(RuleFile {
                            shown: p.display().to_string(),
                            text,
                        })
                    })
                    .collect();
            }
        }
        let mut files: Vec<RuleFile> = BUNDLED
            .get_dir(subdir)
            .map(|d| {
                d.files()
                    .filter(|f| f.path().extension().is_some_and(|x| x == "yaml"))
                    .map(|f| RuleFile {
                        shown: format!("rules/{}", f.path().display()),
                        text: f.contents_utf8().unwrap_or_default().to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort_by(|a, b| a.shown.cmp(&b.shown));
        Ok(files)
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
    /// A character class the character right before a match must belong to. Keeping context
    /// out of `pattern` lets the regex engine search for the rare part (a dash, a parenthesis)
    /// instead of trying every Han character.
    #[serde(default)]
    pub before: Option<String>,
    /// A character class the character right after a match must belong to.
    #[serde(default)]
    pub after: Option<String>,
    /// A literal every match contains (a cheap test before the regex runs).
    #[serde(default)]
    pub required: Option<String>,
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
    /// Class of the character before a match.
    pub before: Option<Regex>,
    /// Class of the character after a match.
    pub after: Option<Regex>,
    /// A literal every match contains.
    pub required: Option<String>,
    has_x: bool,
}

impl Rule {
    /// Compiles a list of raw rules from `file`.
    pub fn compile_all(file: &RuleFile, raw: &[RawRule]) -> Result<Vec<Rule>> {
        raw.iter()
            .map(|r| {
                let class = |c: &Option<String>| -> Result<Option<Regex>> {
                    c.as_ref()
                        .map(|c| file.regex(&r.id, &format!("^(?:{c})$")))
                        .transpose()
                };
                let regex = file.regex(&r.id, &r.pattern)?;
                Ok(Rule {
                    id: r.id.clone(),
                    has_x: regex.capture_names().any(|n| n == Some("x")),
                    regex,
                    replace: r.replace.clone(),
                    kind: r.kind.clone(),
                    before: class(&r.before)?,
                    after: class(&r.after)?,
                    required: r.required.clone(),
                })
            })
            .collect()
    }

    /// Byte ranges the rule changes in `text`: each match (or its group `x`) whose
    /// neighbours satisfy `before` and `after`.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let ranges: Vec<(usize, usize, usize, usize)> = if self.has_x {
            self.regex
                .captures_iter(text)
                .map(|c| {
                    let all = c.get(0).expect("group 0");
                    let x = c.name("x").unwrap_or(all);
                    (all.start(), all.end(), x.start(), x.end())
                })
                .collect()
        } else {
            self.regex
                .find_iter(text)
                .map(|m| (m.start(), m.end(), m.start(), m.end()))
                .collect()
        };
        let fits = |class: &Option<Regex>, c: Option<char>| match class {
            None => true,
            Some(re) => c.is_some_and(|c| re.is_match(c.encode_utf8(&mut [0; 4]))),
        };
        ranges
            .into_iter()
            .filter(|&(s, e, _, _)| {
                fits(&self.before, text[..s].chars().next_back())
                    && fits(&self.after, text[e..].chars().next())
            })
            .map(|(_, _, xs, xe)| (xs, xe))
            .filter(|(s, e)| s < e)
            .collect()
    }
}
