//! Mojibake: spans where a legacy (GBK) byte stream lost its alignment by one byte.
//!
//! From a `?` the broken decoder paired the second byte of each original character with the
//! first byte of the next, until an ASCII byte (a pinyin letter, or the trail byte of a
//! character) brought it back in step. Such a span is unreadable: it is replaced by one
//! U+FFFD in the normalized text, kept out of extraction, and reported with its position.
//! Re-encoding the garbled characters and dropping one byte re-aligns them; that repair is
//! used only when a `repair_confirm` rule recognises the result, since a pair the decoder
//! silently dropped would make the re-aligned text plausible but wrong.

use super::config::MojibakeConfig;
use super::{Report, Unreadable};
use crate::provenance::{Edit, LineIndex, Tracked};

/// The replacement character standing for an unreadable span.
pub const UNREADABLE: char = '\u{FFFD}';

/// ASCII punctuation that, inside a garbled span, was a full-width form folded by the site.
fn unfold(c: char) -> Option<char> {
    matches!(c, ';' | ',' | '!' | ':' | '(' | ')' | '.')
        .then(|| char::from_u32(c as u32 - 0x21 + 0xFF01))
        .flatten()
}

struct Span {
    start: usize,
    end: usize,
    /// Garbled characters whose bytes are intact, in order.
    garbled: String,
    /// The ASCII byte that resynchronised the decoder, if it was a trail byte.
    resync: Option<char>,
    /// Whether bytes were lost inside the span (a second `?`, an orphaned reading).
    lossy: bool,
}

fn scan(cfg: &MojibakeConfig, text: &str, start: usize) -> Span {
    let marker = cfg.marker;
    let mut i = start;
    let skip_markers = |i: &mut usize| {
        while text[*i..].starts_with(marker) {
            *i += marker.len_utf8();
        }
    };
    skip_markers(&mut i);
    let mut span = Span {
        start,
        end: i,
        garbled: String::new(),
        resync: None,
        lossy: false,
    };
    if let Some(m) = cfg.orphan_pinyin.find(&text[i..]) {
        i += m.end();
        span.lossy = true;
    }
    while let Some(c) = text[i..].chars().next() {
        if c == marker {
            skip_markers(&mut i);
            span.lossy = true;
            if let Some(m) = cfg.orphan_pinyin.find(&text[i..]) {
                i += m.end();
            }
            break;
        }
        if c == '\n' || c == '\r' || c == super::mojibake::UNREADABLE {
            break;
        }
        if c.is_ascii() {
            if unfold(c).is_some() {
                span.garbled.push(c);
                i += 1;
                continue;
            }
            if ('\x40'..='\x7e').contains(&c) {
                span.resync = Some(c);
                i += 1;
                if let Some(m) = cfg.orphan_annotation.find(&text[i..]) {
                    i += m.end();
                }
            }
            break;
        }
        span.garbled.push(c);
        i += c.len_utf8();
    }
    span.end = i;
    span
}

/// Re-aligns the garbled bytes: encode, drop the first byte, decode strictly.
fn realign(cfg: &MojibakeConfig, span: &Span) -> Option<String> {
    if span.lossy || span.garbled.is_empty() {
        return None;
    }
    let mut bytes = Vec::new();
    for c in span.garbled.chars() {
        let c = unfold(c).unwrap_or(c);
        let mut buf = [0u8; 4];
        let (enc, _, unmappable) = cfg.encoding.encode(c.encode_utf8(&mut buf));
        if unmappable {
            return None;
        }
        bytes.extend_from_slice(&enc);
    }
    if let Some(r) = span.resync {
        bytes.push(r as u8);
    }
    let decoded = cfg
        .encoding
        .decode_without_bom_handling_and_without_replacement(&bytes[1..])?;
    let decoded = decoded.into_owned();
    (!decoded.is_empty()
        && decoded
            .chars()
            .all(|c| !c.is_ascii() || c.is_ascii_punctuation()))
    .then_some(decoded)
}

fn in_context(cfg: &MojibakeConfig, text: &str, at: usize) -> bool {
    // Look through a pinyin annotation right before the marker: `地(dì)?` is `地?`.
    let mut head = &text[..at];
    let from = head.floor_char_boundary(head.len().saturating_sub(16));
    if head.ends_with(')')
        && let Some(open) = head[from..].rfind('(')
    {
        let open = from + open;
        if cfg.orphan_annotation.is_match(&head[open..]) {
            head = &head[..open];
        }
    }
    let before = head.chars().next_back();
    let after_run = text[at..].trim_start_matches(cfg.marker);
    let after = after_run
        .trim_start_matches(|c| unfold(c).is_some())
        .chars()
        .next();
    let non_ascii = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
    // A marker that opens a line is garbage too (a page's first bytes lost their pair).
    let line_start = before.is_none_or(|c| c == '\n');
    line_start || non_ascii(before) || non_ascii(after) || cfg.orphan_pinyin.is_match(after_run)
}

pub(super) fn pass(
    cfg: &MojibakeConfig,
    text: Tracked,
    index: &LineIndex,
    report: &mut Report,
) -> Tracked {
    let s = text.as_str();
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(rel) = s[from..].find(cfg.marker) {
        let at = from + rel;
        if !in_context(cfg, s, at) {
            from = at + cfg.marker.len_utf8();
            continue;
        }
        let span = scan(cfg, s, at);
        let original = &s[span.start..span.end];
        let candidate = realign(cfg, &span);
        let confirmed = candidate.as_ref().and_then(|c| {
            let probe = format!("{c}{}", &s[span.end..].chars().take(12).collect::<String>());
            cfg.confirm
                .iter()
                .find(|r| r.regex.is_match(&probe))
                .map(|r| r.id.clone())
        });
        let start = index.position(text.origin_at_byte(span.start));
        let last = s[..span.end]
            .char_indices()
            .next_back()
            .map_or(span.start, |(i, _)| i);
        let end = index.position(text.origin_at_byte(last));
        let with = match (&candidate, &confirmed) {
            (Some(c), Some(rule)) => {
                report.count(
                    "mojibake",
                    &format!("repaired:{rule}"),
                    original.chars().count(),
                );
                format!("{UNREADABLE}{c}")
            }
            _ => {
                report.count("mojibake", "unreadable", original.chars().count());
                UNREADABLE.to_string()
            }
        };
        report.unreadable.push(Unreadable {
            text: original.to_string(),
            start,
            end,
            repaired: confirmed.and(candidate.clone()),
            candidate: if report_candidate(&candidate, &with) {
                candidate
            } else {
                None
            },
        });
        edits.push(Edit {
            start: span.start,
            end: span.end,
            with,
        });
        from = span.end.max(at + cfg.marker.len_utf8());
    }
    text.apply(edits)
}

fn report_candidate(candidate: &Option<String>, with: &str) -> bool {
    candidate.is_some() && with.chars().count() == 1
}
