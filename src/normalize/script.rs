//! Script detection and traditional → simplified conversion with OpenCC's t2s dictionaries
//! (ferrous-opencc). Simplified text takes a fast path: it is sampled, never converted.

use super::config::ScriptConfig;
use super::{Report, Tracked};
use crate::provenance::Edit;
use ferrous_opencc::OpenCC;
use serde::Serialize;
use std::sync::OnceLock;

/// The script a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// 简体.
    Simplified,
    /// 繁體.
    Traditional,
}

impl Script {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// The shared t2s converter (loading its dictionaries costs a few milliseconds, so once).
pub fn t2s() -> &'static OpenCC {
    static T2S: OnceLock<OpenCC> = OnceLock::new();
    T2S.get_or_init(|| {
        OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
            .expect("ferrous-opencc ships the t2s configuration")
    })
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

const TABLE_START: u32 = 0x3400;
const TABLE_END: u32 = 0xFAFF;

/// For each BMP Han code point, whether OpenCC's t2s changes it on its own: the characters that
/// only traditional text uses. Built once from the t2s dictionaries themselves.
fn traditional_table() -> &'static [bool] {
    static TABLE: OnceLock<Vec<bool>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = (TABLE_START..=TABLE_END)
            .filter_map(char::from_u32)
            .collect();
        // One character per line, so phrases never join neighbours.
        let joined: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
        let converted = t2s().convert(&joined);
        let mut table = vec![false; (TABLE_END - TABLE_START + 1) as usize];
        for (&c, line) in chars.iter().zip(converted.split('\n')) {
            let mut it = line.chars();
            if it.next() != Some(c) || it.next().is_some() {
                table[(c as u32 - TABLE_START) as usize] = true;
            }
        }
        table
    })
}

fn is_traditional(c: char) -> bool {
    is_traditional_in(traditional_table(), c)
}

fn is_traditional_in(table: &[bool], c: char) -> bool {
    let u = c as u32;
    (TABLE_START..=TABLE_END).contains(&u) && table[(u - TABLE_START) as usize]
}

/// Share of Han characters in `text` that only traditional text uses (up to `limit` sampled).
fn traditional_share(text: &str, limit: usize) -> f64 {
    let (mut han, mut trad) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_han(c)).take(limit) {
        han += 1;
        trad += usize::from(is_traditional(c));
    }
    if han == 0 {
        0.0
    } else {
        trad as f64 / han as f64
    }
}

/// Detects the script of a whole text from a sample of its Han characters; returns it and the
/// share of sampled characters that only traditional text uses.
pub fn detect(cfg: &ScriptConfig, text: &str) -> (Script, f64) {
    let share = traditional_share(text, cfg.sample_chars);
    let script = if share > cfg.traditional_threshold {
        Script::Traditional
    } else {
        Script::Simplified
    };
    (script, share)
}

/// Converts traditional text to simplified. A traditional document is converted line by line;
/// in a simplified document only the lines that are themselves traditional (a quoted passage)
/// are. Provenance stays one to one where a line keeps its length, as t2s almost always does.
pub(super) fn pass(cfg: &ScriptConfig, text: Tracked, report: &mut Report) -> Tracked {
    let (script, share) = detect(cfg, text.as_str());
    report.script = script;
    report.traditional_share = (share * 10000.0).round() / 10000.0;
    let converter = t2s();
    let table = traditional_table();
    let mut edits = Vec::new();
    let mut start = 0;
    for line in text.as_str().split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let convert = match script {
            Script::Traditional => true,
            Script::Simplified => {
                body.chars().any(|c| is_traditional_in(table, c))
                    && traditional_share(body, usize::MAX) > cfg.traditional_threshold
            }
        };
        if convert {
            let converted = converter.convert(body);
            if converted != body {
                let changed = body
                    .chars()
                    .zip(converted.chars())
                    .filter(|(a, b)| a != b)
                    .count();
                report.converted_chars += changed;
                report.count("script", "t2s", changed);
                edits.push(Edit {
                    start,
                    end: start + body.len(),
                    with: converted,
                });
            }
        }
        start += line.len();
    }
    text.apply(edits)
}
