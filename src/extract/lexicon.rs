//! The indicator lexicon (`rules/indicators.yaml`): canonical indicators with their aliases,
//! unit dimension, polarity and whether amounts add up across regions.

use crate::error::Result;
use crate::rules::RuleFile;
use regex::Regex;
use serde::{Deserialize, Serialize};

/// Which direction is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Higher is better (income, coverage).
    Higher,
    /// Lower is better (unemployment, death rates, income gaps, PM2.5).
    Lower,
    /// Neither (a structural share, a count that is not a goal in itself).
    Neutral,
}

impl Polarity {
    /// The lowercase name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Higher => "higher",
            Polarity::Lower => "lower",
            Polarity::Neutral => "neutral",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    dimension: String,
    polarity: Polarity,
    #[serde(default)]
    additive: bool,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    indicators: Vec<RawIndicator>,
}

/// A canonical indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Stable id (`disposable-income-per-capita`).
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Literal aliases, matched as substrings of an indicator phrase.
    pub aliases: Vec<String>,
    /// Regex patterns matched against the phrase.
    #[serde(skip)]
    pub patterns: Vec<Regex>,
    /// A phrase containing one of these is not this indicator.
    pub exclude: Vec<String>,
    /// Unit dimension (`money`, `ratio` …).
    pub dimension: String,
    /// Which way is better.
    pub polarity: Polarity,
    /// Whether amounts add up across regions.
    pub additive: bool,
    /// Target kind this indicator is (`growth` for growth rates), when it is fixed.
    pub kind: Option<String>,
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Every indicator, in file order.
    pub indicators: Vec<Indicator>,
}

impl Lexicon {
    /// Compiles `indicators.yaml`.
    pub fn from_file(file: &RuleFile) -> Result<Lexicon> {
        let raw: RawLexicon = file.parse()?;
        let mut seen = std::collections::HashSet::new();
        let mut indicators = Vec::new();
        for r in raw.indicators {
            if !seen.insert(r.id.clone()) {
                return Err(file.error_at(
                    &r.id,
                    &r.id,
                    format!("indicator id `{}` is defined twice", r.id),
                ));
            }
            let patterns = r
                .patterns
                .iter()
                .map(|p| file.regex(&r.id, p))
                .collect::<Result<Vec<_>>>()?;
            let mut aliases = r.aliases;
            if !aliases.contains(&r.name) {
                aliases.push(r.name.clone());
            }
            indicators.push(Indicator {
                id: r.id,
                name: r.name,
                aliases,
                patterns,
                exclude: r.exclude,
                dimension: r.dimension,
                polarity: r.polarity,
                additive: r.additive,
                kind: r.kind,
            });
        }
        Ok(Lexicon { indicators })
    }

    /// The indicator an indicator phrase names: the longest alias or pattern match whose
    /// dimension fits (`dimension` is the target's, when known).
    pub fn lookup(&self, phrase: &str, dimension: Option<&str>) -> Option<&Indicator> {
        let mut best: Option<(usize, &Indicator)> = None;
        for ind in &self.indicators {
            if ind.exclude.iter().any(|x| phrase.contains(x.as_str())) {
                continue;
            }
            if let Some(d) = dimension
                && d != ind.dimension
            {
                continue;
            }
            let alias = ind
                .aliases
                .iter()
                .filter(|a| phrase.contains(a.as_str()))
                .map(|a| a.chars().count())
                .max();
            let pattern = ind
                .patterns
                .iter()
                .filter_map(|p| p.find(phrase))
                .map(|m| m.as_str().chars().count())
                .max();
            if let Some(len) = alias.max(pattern)
                && best.is_none_or(|(l, _)| len > l)
            {
                best = Some((len, ind));
            }
        }
        best.map(|(_, i)| i)
    }

    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}
