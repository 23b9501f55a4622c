//! Pairing the targets of two plans: by canonical indicator id, or — for indicators outside
//! the lexicon — by the similarity of their indicator phrases (a *probable* pair).
//!
//! Two targets never pair across kinds (a growth rate is not a level) or unit dimensions, and a
//! probable pair also needs the numbers inside both phrases to agree: 年产值10亿元以上“土特产”
//! 全产业链 names a different thing from 渔农“土特产”全产业链.

use super::compare::{kind_class, same_value};
use super::config::CheckRules;
use crate::extract::Target;
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;

/// How two targets were paired.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pairing {
    /// Both name the same indicator of `rules/indicators.yaml`.
    Lexicon,
    /// Neither is in the lexicon; their indicator phrases are this similar (0–1).
    Probable {
        /// Sørensen–Dice coefficient of the phrases' character n-grams.
        score: f64,
    },
}

impl Serialize for Pairing {
    /// `{"method": "lexicon"}` or `{"method": "probable", "score": 0.82}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self {
            Pairing::Lexicon => m.serialize_entry("method", "lexicon")?,
            Pairing::Probable { score } => {
                m.serialize_entry("method", "probable")?;
                m.serialize_entry("score", &((score * 1000.0).round() / 1000.0))?;
            }
        }
        m.end()
    }
}

impl Pairing {
    /// `lexicon` or `probable 0.82`.
    pub fn describe(&self) -> String {
        match self {
            Pairing::Lexicon => "lexicon".to_string(),
            Pairing::Probable { score } => format!("probable {score:.2}"),
        }
    }
}

/// Two targets that state the same indicator, one from each plan.
#[derive(Debug, Clone)]
pub struct Pair<'a> {
    /// The target of the first (lower-tier) plan.
    pub child: &'a Target,
    /// The target of the second (upper-tier) plan.
    pub parent: &'a Target,
    /// How they were paired.
    pub pairing: Pairing,
}

/// The targets of a plan worth pairing, each stated once: a target repeating an earlier one's
/// indicator, kind, year and value (a table row and its task, say) is dropped.
pub fn distinct(targets: &[Target]) -> Vec<&Target> {
    let mut out: Vec<&Target> = Vec::new();
    for t in targets {
        let repeat = out.iter().any(|o| {
            o.indicator_id.is_some()
                && o.indicator_id == t.indicator_id
                && kind_class(o) == kind_class(t)
                && o.year == t.year
                && o.base_unit == t.base_unit
                && match (o.base_value, t.base_value) {
                    (Some(a), Some(b)) => same_value(a, b),
                    (None, None) => true,
                    _ => false,
                }
        });
        if !repeat {
            out.push(t);
        }
    }
    out
}

/// Pairs the targets of a lower-tier plan with those of an upper-tier (or any other) plan.
/// Lexicon pairs come first in the child's order; each child target without a lexicon id
/// pairs with at most one parent target, the most similar one.
pub fn pairs<'a>(child: &[&'a Target], parent: &[&'a Target], rules: &CheckRules) -> Vec<Pair<'a>> {
    let mut out = Vec::new();
    for &c in child {
        match &c.indicator_id {
            Some(id) => {
                for &p in parent {
                    if p.indicator_id.as_ref() == Some(id)
                        && kind_class(p) == kind_class(c)
                        && dimensions_fit(c, p, true)
                    {
                        out.push(Pair {
                            child: c,
                            parent: p,
                            pairing: Pairing::Lexicon,
                        });
                    }
                }
            }
            None => {
                if c.base_value.is_none() {
                    continue;
                }
                let phrase = phrase(&c.indicator);
                let numbers = numbers(&phrase);
                let best = parent
                    .iter()
                    .filter(|p| {
                        p.indicator_id.is_none()
                            && p.base_value.is_some()
                            && kind_class(p) == kind_class(c)
                            && dimensions_fit(c, p, false)
                    })
                    .filter_map(|&p| {
                        let other = self::phrase(&p.indicator);
                        if numbers != self::numbers(&other) {
                            return None;
                        }
                        let score = similarity(&phrase, &other, rules.ngram);
                        (score >= rules.min_score).then_some((score, p))
                    })
                    .fold(None::<(f64, &Target)>, |best, (s, p)| match best {
                        Some((b, _)) if b >= s => best,
                        _ => Some((s, p)),
                    });
                if let Some((score, p)) = best {
                    out.push(Pair {
                        child: c,
                        parent: p,
                        pairing: Pairing::Probable { score },
                    });
                }
            }
        }
    }
    out
}

/// Same unit dimension. A lexicon pair also accepts a side whose unit gave no dimension
/// (`220万` without 人): the comparison then notes the units instead of pairing silently.
fn dimensions_fit(a: &Target, b: &Target, lexicon: bool) -> bool {
    match (&a.dimension, &b.dimension) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.base_unit == b.base_unit,
        _ => lexicon,
    }
}

/// The indicator phrase without a leading list number (`1.`) or surrounding spaces.
fn phrase(s: &str) -> String {
    let s = s.trim();
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
    let s = if rest.len() < s.len() {
        rest.strip_prefix('.').unwrap_or(s)
    } else {
        s
    };
    s.trim().to_string()
}

/// The numbers written inside a phrase (`10`, `50`), which must agree for a probable pair.
fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur).trim_end_matches('.').to_string());
        }
    }
    out.sort();
    out
}

/// Sørensen–Dice coefficient of the two phrases' sets of character `n`-grams (0–1).
pub fn similarity(a: &str, b: &str, n: usize) -> f64 {
    let grams = |s: &str| -> BTreeSet<String> {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < n {
            return std::iter::once(s.to_string()).collect();
        }
        chars.windows(n).map(|w| w.iter().collect()).collect()
    };
    let (x, y) = (grams(a), grams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_of_phrases() {
        assert_eq!(similarity("社会诚信度", "社会诚信度", 2), 1.0);
        // 4 shared bigrams of 5 + 5
        let s = similarity("三星以上农贸市场覆盖率", "三星级及以上农贸市场覆盖率", 2);
        assert!((s - 0.818).abs() < 0.01, "{s}");
        assert_eq!(similarity("", "社会", 2), 0.0);
    }

    #[test]
    fn numbers_inside_phrases() {
        assert_eq!(
            numbers("山区海岛县年产值10亿元以上“土特产”全产业链"),
            ["10"]
        );
        assert!(numbers("渔农“土特产”全产业链").is_empty());
        assert_eq!(
            numbers("年总收入50万元以上且经营性收入25万元"),
            ["25", "50"]
        );
        assert_eq!(phrase("1.居民综合阅读率"), "居民综合阅读率");
        assert_eq!(phrase("3个“1小时交通圈”"), "3个“1小时交通圈”");
    }
}
