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

/// Detects the script from a sample of Han characters; returns it and the share changed.
pub fn detect(cfg: &ScriptConfig, text: &str) -> (Script, f64) {
    let sample: String = text
        .chars()
        .filter(|&c| is_han(c))
        .take(cfg.sample_chars)
        .collect();
    let n = sample.chars().count();
    if n == 0 {
        return (Script::Simplified, 0.0);
    }
    let converted = t2s().convert(&sample);
    let changed = sample
        .chars()
        .zip(converted.chars())
        .filter(|(a, b)| a != b)
        .count();
    let share = changed as f64 / n as f64;
    let script = if share > cfg.traditional_threshold {
        Script::Traditional
    } else {
        Script::Simplified
    };
    (script, share)
}

/// Converts traditional text line by line, keeping provenance one to one where the line
/// keeps its length (OpenCC's t2s almost always does).
pub(super) fn pass(cfg: &ScriptConfig, text: Tracked, report: &mut Report) -> Tracked {
    let (script, share) = detect(cfg, text.as_str());
    report.script = script;
    report.traditional_share = (share * 10000.0).round() / 10000.0;
    if script == Script::Simplified {
        return text;
    }
    let converter = t2s();
    let mut edits = Vec::new();
    let mut start = 0;
    for line in text.as_str().split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
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
        start += line.len();
    }
    text.apply(edits)
}
