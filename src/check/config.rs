//! `rules/checks.yaml`: the severity of each check and how probable pairs are made.

use crate::error::Result;
use crate::findings::Severity;
use crate::rules::RuleFile;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Every check `gongfu check` knows, in the order reports list them.
pub const CHECKS: [&str; 11] = [
    "weaker",
    "exceeds-total",
    "self-conflict",
    "polarity",
    "horizon",
    "unjudgeable",
    "numbering",
    "unreadable",
    "stricter",
    "equal",
    "within-total",
];

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Note,
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProbable {
    ngram: usize,
    min_score: f64,
    demote: u8,
    judge_when: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecks {
    severities: BTreeMap<String, Level>,
    probable: RawProbable,
}

/// Compiled `rules/checks.yaml`.
#[derive(Debug, Clone)]
pub struct CheckRules {
    severities: BTreeMap<&'static str, Option<Severity>>,
    /// Character n-gram length for probable pairs.
    pub ngram: usize,
    /// Lowest similarity that still pairs.
    pub min_score: f64,
    /// Levels a probable pair's finding drops.
    pub demote: u8,
    /// Phrases that make a probable pair judgeable (rates, shares, per-capita values).
    pub judge_when: Vec<String>,
}

impl CheckRules {
    /// Reads the file; every check must be given a level, and unknown checks are errors.
    pub fn from_file(file: &RuleFile) -> Result<CheckRules> {
        let raw: RawChecks = file.parse()?;
        let mut severities = BTreeMap::new();
        for (name, level) in &raw.severities {
            let Some(check) = CHECKS.iter().find(|c| *c == name) else {
                return Err(file.error_at(
                    name,
                    &format!("{name}:"),
                    format!(
                        "unknown check `{name}`; the checks are: {}",
                        CHECKS.join(", ")
                    ),
                ));
            };
            let severity = match level {
                Level::Error => Some(Severity::Error),
                Level::Warning => Some(Severity::Warning),
                Level::Note => Some(Severity::Note),
                Level::Off => None,
            };
            severities.insert(*check, severity);
        }
        if let Some(missing) = CHECKS.iter().find(|c| !severities.contains_key(*c)) {
            return Err(file.error_at(
                "severities",
                "severities:",
                format!("severities: check `{missing}` has no level (error, warning, note or off)"),
            ));
        }
        let p = raw.probable;
        if p.ngram == 0 || !(0.0..=1.0).contains(&p.min_score) {
            return Err(file.error_at(
                "probable",
                "probable:",
                "probable: ngram must be at least 1 and min_score between 0 and 1".into(),
            ));
        }
        Ok(CheckRules {
            severities,
            ngram: p.ngram,
            min_score: p.min_score,
            demote: p.demote,
            judge_when: p.judge_when,
        })
    }

    /// The severity of `check`, `None` when it is off.
    pub fn severity(&self, check: &str) -> Option<Severity> {
        self.severities.get(check).copied().flatten()
    }

    /// The severity of a check on a probable pair: `demote` levels lower, never below note.
    pub fn probable_severity(&self, check: &str) -> Option<Severity> {
        let mut s = self.severity(check)?;
        for _ in 0..self.demote {
            s = match s {
                Severity::Error => Severity::Warning,
                _ => Severity::Note,
            };
        }
        Some(s)
    }
}
