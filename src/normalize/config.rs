//! `rules/normalize.yaml`: its schema and compilation.

use crate::error::Result;
use crate::rules::{RawRule, Rule, RuleFile};
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    mojibake: RawMojibake,
    width: RawWidth,
    pinyin: RawRules,
    script: ScriptConfig,
    page_markers: RawPageMarkers,
    debris: RawDebris,
    join: RawJoin,
    footnotes: RawFootnotes,
    whitespace: WhitespaceConfig,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMojibake {
    marker: String,
    orphan_pinyin: String,
    orphan_annotation: String,
    legacy_encoding: String,
    repair_confirm: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWidth {
    fold_fullwidth_ascii: bool,
    #[serde(default)]
    chars: HashMap<String, String>,
    #[serde(default)]
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPageMarkers {
    required: String,
    rules: Vec<RawRule>,
    running_head: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDebris {
    lines: Vec<RawRule>,
    inline: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJoin {
    continues_if_starts: String,
    sentence_end: String,
    next_opens_unit: String,
    table_row: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFootnotes {
    candidate: RawRule,
    quantity_words: Vec<String>,
    min_chain: usize,
}

/// How traditional script is detected.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptConfig {
    /// Share of sampled Han characters that t2s changes above which a text is traditional.
    pub traditional_threshold: f64,
    /// How many Han characters are sampled.
    pub sample_chars: usize,
}

/// Whitespace handling.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhitespaceConfig {
    /// Drop lines that are empty after trimming.
    pub drop_blank_lines: bool,
}

/// Mojibake detection and repair settings.
#[derive(Debug, Clone)]
pub struct MojibakeConfig {
    /// The character a broken decoder wrote for an unmappable pair.
    pub marker: char,
    /// Orphaned pinyin reading closed by `)`.
    pub orphan_pinyin: Regex,
    /// A complete pinyin annotation right after the resynchronising byte.
    pub orphan_annotation: Regex,
    /// The legacy encoding whose bytes were misaligned.
    pub encoding: &'static encoding_rs::Encoding,
    /// Patterns that confirm a repair.
    pub confirm: Vec<Rule>,
}

/// Page-marker settings.
#[derive(Debug, Clone)]
pub struct PageMarkerConfig {
    /// A literal every marker contains; only lines holding it are searched.
    pub required: String,
    /// Marker patterns; `kind` is `continued_on` or `continued_from`.
    pub rules: Vec<Rule>,
    /// A running head repeated next to page markers.
    pub running_head: Regex,
}

/// Paragraph re-joining settings.
#[derive(Debug, Clone)]
pub struct JoinConfig {
    /// A paragraph that starts like this and does not end a sentence continues.
    pub continues_if_starts: Regex,
    /// How a finished paragraph ends.
    pub sentence_end: Regex,
    /// A paragraph starting like this is never joined to the one before.
    pub next_opens_unit: Regex,
    /// A line matching this is a table row and never joined.
    pub table_row: Regex,
}

/// Footnote-marker settings.
#[derive(Debug, Clone)]
pub struct FootnoteConfig {
    /// Candidate marker: the digits, with the term before and the text after as context.
    pub candidate: Rule,
    /// Characters after which digits are a quantity.
    pub quantity_words: HashSet<char>,
    /// Shortest chain 1, 2, 3 … taken as footnotes.
    pub min_chain: usize,
}

/// Compiled `rules/normalize.yaml`.
#[derive(Debug, Clone)]
pub struct NormalizeRules {
    /// Mojibake pass.
    pub mojibake: MojibakeConfig,
    /// Fold U+FF01..U+FF5E to ASCII.
    pub fold_fullwidth_ascii: bool,
    /// Single characters folded to strings, sorted by character (looked up by binary search:
    /// CJK punctuation shares lead bytes with them and is checked a million times per MB).
    pub width_chars: Vec<(char, String)>,
    /// The distinct UTF-8 lead bytes of every folded character (full-width forms included).
    pub width_lead_bytes: Vec<u8>,
    /// Pattern rules of the width pass.
    pub width_rules: Vec<Rule>,
    /// Pinyin annotation rules.
    pub pinyin: Vec<Rule>,
    /// Script detection.
    pub script: ScriptConfig,
    /// Page markers.
    pub page_markers: PageMarkerConfig,
    /// Whole-line debris rules.
    pub debris_lines: Vec<Rule>,
    /// The line rules without a `required` literal, as one set, so each line is scanned once.
    pub debris_line_set: regex::RegexSet,
    /// Index in `debris_lines` of each pattern of `debris_line_set`.
    pub debris_line_set_ids: Vec<usize>,
    /// Inline debris rules.
    pub debris_inline: Vec<Rule>,
    /// Paragraph joining.
    pub join: JoinConfig,
    /// Footnote markers.
    pub footnotes: FootnoteConfig,
    /// Whitespace.
    pub whitespace: WhitespaceConfig,
}

impl NormalizeRules {
    /// What width folding turns `c` into, if anything.
    pub fn fold_width(&self, c: char) -> Option<String> {
        if self.fold_fullwidth_ascii && ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            return char::from_u32(c as u32 - 0xFF01 + 0x21).map(String::from);
        }
        self.width_chars
            .binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .map(|i| self.width_chars[i].1.clone())
    }

    /// Parses and compiles the file.
    pub fn from_file(file: &RuleFile) -> Result<NormalizeRules> {
        let raw: Raw = file.parse()?;
        let one_char = |key: &str, s: &str| -> Result<char> {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(file.error_at(
                    key,
                    key,
                    format!("`{key}` must be exactly one character, got {s:?}"),
                )),
            }
        };
        let encoding = encoding_rs::Encoding::for_label(raw.mojibake.legacy_encoding.as_bytes())
            .ok_or_else(|| {
                file.error_at(
                    "legacy_encoding",
                    "legacy_encoding",
                    format!("unknown encoding {:?}", raw.mojibake.legacy_encoding),
                )
            })?;
        let mut width_chars = Vec::new();
        for (k, v) in &raw.width.chars {
            width_chars.push((one_char(k, k)?, v.clone()));
        }
        width_chars.sort();
        for r in &raw.page_markers.rules {
            if !matches!(r.kind.as_deref(), Some("continued_on" | "continued_from")) {
                return Err(file.error_at(
                    &r.id,
                    &r.id,
                    format!(
                        "rule `{}`: kind must be continued_on or continued_from",
                        r.id
                    ),
                ));
            }
        }
        let mut width_lead_bytes: Vec<u8> = width_chars
            .iter()
            .map(|(c, _)| c.encode_utf8(&mut [0; 4]).as_bytes()[0])
            .collect();
        if raw.width.fold_fullwidth_ascii {
            width_lead_bytes.push(0xEF); // U+FF01..U+FF5E
        }
        width_lead_bytes.sort_unstable();
        width_lead_bytes.dedup();
        let mut quantity_words = HashSet::new();
        for w in &raw.footnotes.quantity_words {
            quantity_words.insert(one_char("quantity_words", w)?);
        }
        let debris_lines = Rule::compile_all(file, &raw.debris.lines)?;
        let debris_line_set_ids: Vec<usize> = (0..debris_lines.len())
            .filter(|&i| debris_lines[i].required.is_none())
            .collect();
        let debris_line_set = regex::RegexSet::new(
            debris_line_set_ids
                .iter()
                .map(|&i| debris_lines[i].regex.as_str()),
        )
        .map_err(|e| file.error_at("lines", "lines", format!("debris line patterns: {e}")))?;
        Ok(NormalizeRules {
            mojibake: MojibakeConfig {
                marker: one_char("marker", &raw.mojibake.marker)?,
                orphan_pinyin: file.regex("orphan_pinyin", &raw.mojibake.orphan_pinyin)?,
                orphan_annotation: file
                    .regex("orphan_annotation", &raw.mojibake.orphan_annotation)?,
                encoding,
                confirm: Rule::compile_all(file, &raw.mojibake.repair_confirm)?,
            },
            fold_fullwidth_ascii: raw.width.fold_fullwidth_ascii,
            width_chars,
            width_lead_bytes,
            width_rules: Rule::compile_all(file, &raw.width.rules)?,
            pinyin: Rule::compile_all(file, &raw.pinyin.rules)?,
            script: raw.script,
            page_markers: PageMarkerConfig {
                required: raw.page_markers.required,
                rules: Rule::compile_all(file, &raw.page_markers.rules)?,
                running_head: file.regex("running_head", &raw.page_markers.running_head)?,
            },
            debris_lines,
            debris_line_set,
            debris_line_set_ids,
            debris_inline: Rule::compile_all(file, &raw.debris.inline)?,
            join: JoinConfig {
                continues_if_starts: file
                    .regex("continues_if_starts", &raw.join.continues_if_starts)?,
                sentence_end: file.regex("sentence_end", &raw.join.sentence_end)?,
                next_opens_unit: file.regex("next_opens_unit", &raw.join.next_opens_unit)?,
                table_row: file.regex("table_row", &raw.join.table_row)?,
            },
            footnotes: FootnoteConfig {
                candidate: Rule::compile_all(file, std::slice::from_ref(&raw.footnotes.candidate))?
                    .remove(0),
                quantity_words,
                min_chain: raw.footnotes.min_chain,
            },
            whitespace: raw.whitespace,
        })
    }
}
