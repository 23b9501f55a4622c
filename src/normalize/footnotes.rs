//! Footnote markers glued to terms (`“双招双引”4工作`, `新格局10`). Candidates are digits between
//! a term and more text, not followed by a quantity word; among them, markers are the chain
//! numbered 1, 2, 3 … in reading order, which is how footnotes are numbered. Values that merely
//! look like candidates do not continue the chain, so they survive.

use super::config::FootnoteConfig;
use super::{Footnote, Report};
use crate::provenance::{Edit, LineIndex, Tracked};

pub(super) fn pass(
    cfg: &FootnoteConfig,
    text: Tracked,
    index: &LineIndex,
    report: &mut Report,
) -> Tracked {
    let s = text.as_str();
    let mut chain: Vec<(u32, usize, usize)> = Vec::new();
    let mut expected = 1u32;
    for (start, end) in cfg.candidate.spans(s) {
        let after = s[end..].chars().next();
        if after.is_some_and(|c| cfg.quantity_words.contains(&c)) {
            continue;
        }
        let Ok(n) = s[start..end].parse::<u32>() else {
            continue;
        };
        if n == expected {
            chain.push((n, start, end));
            expected += 1;
        }
    }
    if chain.len() < cfg.min_chain {
        return text;
    }
    let mut edits = Vec::new();
    for (number, start, end) in chain {
        let line_start = s[..start].rfind('\n').map_or(0, |i| i + 1);
        let before: Vec<char> = s[line_start..start].chars().collect();
        let term: String = before[before.len().saturating_sub(8)..].iter().collect();
        report.count("footnotes", &cfg.candidate.id, end - start);
        report.footnotes.push(Footnote {
            number,
            term,
            position: index.position(text.origin_at_byte(start)),
        });
        edits.push(Edit {
            start,
            end,
            with: String::new(),
        });
    }
    text.apply(edits)
}
