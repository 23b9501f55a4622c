//! Normalization: messy plan text → clean simplified Chinese, one paragraph per line, with
//! every character mapped back to the original file.
//!
//! The passes run in a fixed order (see `rules/normalize.yaml`): mojibake, width, pinyin,
//! script, page markers, debris, join, footnotes, whitespace. Each pass counts what it
//! changed per rule, so nothing disappears without a trace in `gongfu normalize --stats`.

pub mod config;
mod footnotes;
mod lines;
mod mojibake;
pub mod script;

use crate::provenance::{Edit, LineIndex, Position, Tracked};
use crate::rules::Rule;
pub use config::NormalizeRules;
pub use script::Script;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

/// How many changes one rule made.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RuleCount {
    /// The pass (`width`, `debris` …).
    pub pass: &'static str,
    /// The rule id from the YAML file, or the built-in step's name.
    pub rule: String,
    /// How many times it applied.
    pub count: usize,
    /// How many original characters it removed or replaced.
    pub chars: usize,
}

/// A footnote marker taken out of the text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Footnote {
    /// The marker's number.
    pub number: u32,
    /// The term it was glued to (up to eight characters before it).
    pub term: String,
    /// Where the marker stood in the original file.
    pub position: Position,
}

/// A span of the original that could not be read (mojibake).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Unreadable {
    /// The original characters.
    pub text: String,
    /// Where the span starts in the original file.
    pub start: Position,
    /// Where its last character is.
    pub end: Position,
    /// Text recovered by re-aligning the legacy bytes, when a rule confirmed it.
    pub repaired: Option<String>,
    /// What re-aligning gave when nothing confirmed it (shown for a human to judge).
    pub candidate: Option<String>,
}

/// A line dropped by a rule.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DroppedLine {
    /// The rule id.
    pub rule: String,
    /// Original line number.
    pub line: usize,
    /// The dropped text (normalized).
    pub text: String,
}

/// Everything normalization did to one document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// Script detected before conversion.
    pub script: Script,
    /// Share of sampled Han characters that t2s would change.
    pub traditional_share: f64,
    /// Characters changed by script conversion.
    pub converted_chars: usize,
    /// Per-rule counts, in pass order.
    pub counts: Vec<RuleCount>,
    /// Lines dropped whole (debris, running heads, blank lines excluded).
    pub dropped_lines: Vec<DroppedLine>,
    /// Footnote markers removed.
    pub footnotes: Vec<Footnote>,
    /// Unreadable spans.
    pub unreadable: Vec<Unreadable>,
}

impl Report {
    fn count(&mut self, pass: &'static str, rule: &str, chars: usize) {
        if let Some(c) = self
            .counts
            .iter_mut()
            .find(|c| c.pass == pass && c.rule == rule)
        {
            c.count += 1;
            c.chars += chars;
        } else {
            self.counts.push(RuleCount {
                pass,
                rule: rule.to_string(),
                count: 1,
                chars,
            });
        }
    }
}

/// A normalized document.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The clean text with its provenance.
    pub text: Tracked,
    /// Index of the original text's lines.
    pub index: LineIndex,
    /// What was done.
    pub report: Report,
    /// Wall time of each pass (shown with `-v`; not part of the report, which is deterministic).
    pub timings: Vec<(&'static str, Duration)>,
}

impl Normalized {
    /// Original position of the character at byte offset `byte` of the normalized text.
    pub fn position_at_byte(&self, byte: usize) -> Position {
        self.index.position(self.text.origin_at_byte(byte))
    }
}

/// State shared between passes that is not text.
#[derive(Default)]
struct Carry {
    /// Original offsets of line ends after which a page marker says "continued".
    continued: HashSet<u32>,
}

/// Runs every pass over `original`.
pub fn normalize(rules: &NormalizeRules, original: &str) -> Normalized {
    let index = LineIndex::new(original);
    let mut report = Report {
        script: Script::Simplified,
        traditional_share: 0.0,
        converted_chars: 0,
        counts: Vec::new(),
        dropped_lines: Vec::new(),
        footnotes: Vec::new(),
        unreadable: Vec::new(),
    };
    let mut carry = Carry::default();
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |pass: &'static str| {
        let now = Instant::now();
        timings.push((pass, now - clock));
        clock = now;
    };
    let text = Tracked::original(original);
    lap("provenance");
    let text = mojibake::pass(&rules.mojibake, text, &index, &mut report);
    lap("mojibake");
    let text = width(rules, text, &mut report);
    lap("width");
    let text = apply_rules("pinyin", &rules.pinyin, text, &mut report);
    lap("pinyin");
    let text = script::pass(&rules.script, text, &mut report);
    lap("script");
    let text = lines::page_markers(&rules.page_markers, text, &index, &mut report, &mut carry);
    lap("page_markers");
    let text = lines::debris(rules, text, &index, &mut report);
    lap("debris");
    let text = lines::join(&rules.join, text, &mut report, &carry);
    lap("join");
    let text = footnotes::pass(&rules.footnotes, text, &index, &mut report);
    lap("footnotes");
    let text = lines::whitespace(&rules.whitespace, text, &mut report);
    lap("whitespace");
    Normalized {
        text,
        index,
        report,
        timings,
    }
}

/// Width folding: full-width forms and listed characters to ASCII, then the pattern rules.
fn width(rules: &NormalizeRules, text: Tracked, report: &mut Report) -> Tracked {
    let mut edits = Vec::new();
    let s = text.as_str();
    // Only characters whose UTF-8 lead byte can start a folded character are decoded; memchr
    // finds those bytes (lead bytes are never continuation bytes) far faster than a char loop.
    let mut starts: Vec<usize> = Vec::new();
    for chunk in rules.width_lead_bytes.chunks(3) {
        match *chunk {
            [a] => starts.extend(memchr::memchr_iter(a, s.as_bytes())),
            [a, b] => starts.extend(memchr::memchr2_iter(a, b, s.as_bytes())),
            [a, b, c] => starts.extend(memchr::memchr3_iter(a, b, c, s.as_bytes())),
            _ => unreachable!("chunks of one to three"),
        }
    }
    starts.sort_unstable();
    for at in starts {
        let c = s[at..]
            .chars()
            .next()
            .expect("a lead byte starts a character");
        if let Some(with) = rules.fold_width(c) {
            report.count("width", "fold-width", 1);
            edits.push(Edit {
                start: at,
                end: at + c.len_utf8(),
                with,
            });
        }
    }
    let text = text.apply(edits);
    apply_rules("width", &rules.width_rules, text, report)
}

/// Applies pattern rules in order, each replacing its match (or group `x`).
fn apply_rules(pass: &'static str, rules: &[Rule], text: Tracked, report: &mut Report) -> Tracked {
    let mut text = text;
    for rule in rules {
        let mut edits = Vec::new();
        for (start, end) in rule.spans(text.as_str()) {
            report.count(pass, &rule.id, text.as_str()[start..end].chars().count());
            edits.push(Edit {
                start,
                end,
                with: rule.replace.clone(),
            });
        }
        text = text.apply(edits);
    }
    text
}

/// Per-rule counts grouped by pass, for display.
pub fn counts_by_pass(report: &Report) -> BTreeMap<&'static str, Vec<&RuleCount>> {
    let mut map: BTreeMap<&'static str, Vec<&RuleCount>> = BTreeMap::new();
    for c in &report.counts {
        map.entry(c.pass).or_default().push(c);
    }
    map
}
