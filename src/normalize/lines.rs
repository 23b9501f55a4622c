//! Line-level passes: newspaper page markers and running heads, web debris, re-joining
//! paragraphs split by a page break or a stray blank line, and whitespace.

use super::config::{JoinConfig, NormalizeRules, PageMarkerConfig, WhitespaceConfig};
use super::{Carry, DroppedLine, Report};
use crate::provenance::{Edit, LineIndex, Tracked};

/// Byte ranges of the lines of `s`, each without its `\n`.
fn line_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in s.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        out.push((start, start + body.len()));
        start += line.len();
    }
    out
}

/// Deletes a whole line with its newline.
fn drop_line(s: &str, (start, end): (usize, usize)) -> Edit {
    let end = if s[end..].starts_with('\n') {
        end + 1
    } else {
        end
    };
    Edit {
        start,
        end,
        with: String::new(),
    }
}

fn only_blank_or_unreadable(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || c == super::mojibake::UNREADABLE)
}

pub(super) fn page_markers(
    cfg: &PageMarkerConfig,
    text: Tracked,
    index: &LineIndex,
    report: &mut Report,
    carry: &mut Carry,
) -> Tracked {
    let s = text.as_str();
    let spans = line_spans(s);
    let mut edits = Vec::new();
    // Per line: a "continued on" marker ends it / a "continued from" marker opens it.
    let mut ends_on = vec![false; spans.len()];
    let mut opens_from = vec![false; spans.len()];
    // Only lines holding the required literal (版) are searched: one memchr-style scan of the
    // text instead of one regex scan per rule.
    let mut candidates: Vec<usize> = s
        .match_indices(cfg.required.as_str())
        .map(|(at, _)| spans.partition_point(|&(_, le)| le < at))
        .collect();
    candidates.dedup();
    for n in candidates {
        let (ls, le) = spans[n];
        let line = &s[ls..le];
        for rule in &cfg.rules {
            for m in rule.regex.find_iter(line) {
                report.count("page_markers", &rule.id, m.as_str().chars().count());
                edits.push(Edit {
                    start: ls + m.start(),
                    end: ls + m.end(),
                    with: String::new(),
                });
                let kind = rule.kind.as_deref();
                if kind == Some("continued_on") && line[m.end()..].trim().is_empty() {
                    ends_on[n] = true;
                }
                if kind == Some("continued_from") && only_blank_or_unreadable(&line[..m.start()]) {
                    opens_from[n] = true;
                }
            }
        }
    }
    let nonblank: Vec<usize> = (0..spans.len())
        .filter(|&n| !s[spans[n].0..spans[n].1].trim().is_empty())
        .collect();
    for (k, &n) in nonblank.iter().enumerate() {
        if k == 0 {
            continue; // the first line is the document's own title
        }
        let prev_on = ends_on[nonblank[k - 1]];
        let next_from = nonblank.get(k + 1).is_some_and(|&m| opens_from[m]);
        let line = s[spans[n].0..spans[n].1].trim();
        if (prev_on || next_from) && cfg.running_head.is_match(line) {
            report.count("page_markers", "running-head", line.chars().count());
            report.dropped_lines.push(DroppedLine {
                rule: "running-head".into(),
                line: index.position(text.origin_at_byte(spans[n].0)).line,
                text: line.to_string(),
            });
            edits.push(drop_line(s, spans[n]));
        }
    }
    for (n, &(_, le)) in spans.iter().enumerate() {
        if ends_on[n] && le < s.len() {
            carry.continued.insert(text.origin_at_byte(le));
        }
    }
    text.apply(edits)
}

pub(super) fn debris(
    rules: &NormalizeRules,
    text: Tracked,
    index: &LineIndex,
    report: &mut Report,
) -> Tracked {
    let s = text.as_str();
    let mut edits = Vec::new();
    for span in line_spans(s) {
        let line = s[span.0..span.1].trim();
        if line.is_empty() {
            continue;
        }
        // The first rule in file order that matches: set members and `required` rules alike.
        let from_set = rules
            .debris_line_set
            .matches(line)
            .into_iter()
            .next()
            .map(|k| rules.debris_line_set_ids[k]);
        let from_required = rules.debris_lines.iter().position(|r| {
            r.required
                .as_ref()
                .is_some_and(|lit| line.contains(lit.as_str()))
                && r.regex.is_match(line)
        });
        let hit = match (from_set, from_required) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(rule) = hit.map(|i| &rules.debris_lines[i]) {
            report.count("debris", &rule.id, line.chars().count());
            report.dropped_lines.push(DroppedLine {
                rule: rule.id.clone(),
                line: index.position(text.origin_at_byte(span.0)).line,
                text: line.to_string(),
            });
            edits.push(drop_line(s, span));
            continue;
        }
    }
    let mut text = text.apply(edits);
    for rule in &rules.debris_inline {
        let mut edits = Vec::new();
        for m in rule.regex.find_iter(text.as_str()) {
            report.count("debris", &rule.id, m.as_str().chars().count());
            edits.push(Edit {
                start: m.start(),
                end: m.end(),
                with: String::new(),
            });
        }
        text = text.apply(edits);
    }
    text
}

/// Joins a paragraph with the next when a page marker said it continues, or when it is a
/// numbered measure that stops mid-sentence; never when the next paragraph opens a new unit.
pub(super) fn join(cfg: &JoinConfig, text: Tracked, report: &mut Report, carry: &Carry) -> Tracked {
    let s = text.as_str();
    let spans = line_spans(s);
    let nonblank: Vec<usize> = (0..spans.len())
        .filter(|&n| !s[spans[n].0..spans[n].1].trim().is_empty())
        .collect();
    let mut edits = Vec::new();
    // The first line of the paragraph being built: after a join, whether the paragraph is a
    // measure is decided by where it started, so joining twice gives what joining once gave.
    let mut para_start = nonblank
        .first()
        .map_or("", |&n| s[spans[n].0..spans[n].1].trim());
    for pair in nonblank.windows(2) {
        let (a, b) = (spans[pair[0]], spans[pair[1]]);
        let this = s[a.0..a.1].trim();
        let next = s[b.0..b.1].trim();
        let rule = if cfg.next_opens_unit.is_match(next)
            || cfg.table_row.is_match(this)
            || cfg.table_row.is_match(next)
        {
            None
        } else if a.1 < s.len() && carry.continued.contains(&text.origin_at_byte(a.1)) {
            Some("page-break")
        } else if cfg.continues_if_starts.is_match(para_start) && !cfg.sentence_end.is_match(this) {
            Some("unfinished-measure")
        } else {
            None
        };
        let Some(rule) = rule else {
            para_start = next;
            continue;
        };
        // Delete the trailing space of this line, the line breaks, and the next line's indent.
        let start = a.0 + s[a.0..a.1].trim_end().len();
        let end = b.0 + (s[b.0..b.1].len() - s[b.0..b.1].trim_start().len());
        report.count("join", rule, s[start..end].chars().count());
        edits.push(Edit {
            start,
            end,
            with: String::new(),
        });
    }
    text.apply(edits)
}

pub(super) fn whitespace(cfg: &WhitespaceConfig, text: Tracked, report: &mut Report) -> Tracked {
    let s = text.as_str();
    let mut edits = Vec::new();
    for span in line_spans(s) {
        let line = &s[span.0..span.1];
        if line.trim().is_empty() {
            if cfg.drop_blank_lines && span.1 < s.len() {
                report.count("whitespace", "blank-line", line.chars().count() + 1);
                edits.push(drop_line(s, span));
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        if lead > 0 {
            report.count("whitespace", "trim", line[..lead].chars().count());
            edits.push(Edit {
                start: span.0,
                end: span.0 + lead,
                with: String::new(),
            });
        }
        let kept = line.trim_end().len();
        if kept < line.len() {
            report.count("whitespace", "trim", line[kept..].chars().count());
            edits.push(Edit {
                start: span.0 + kept,
                end: span.1,
                with: String::new(),
            });
        }
    }
    let mut out = text.apply(edits);
    // A trailing newline (or blank tail) is dropped too, so the text ends with its last line.
    let trimmed = out.as_str().trim_end().len();
    let len = out.as_str().len();
    if trimmed < len {
        out = out.apply(vec![Edit {
            start: trimmed,
            end: len,
            with: String::new(),
        }]);
    }
    out
}
