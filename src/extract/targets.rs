//! Targets: the quantitative commitments of a plan, one per value, with indicator, comparator,
//! year, kind, the measure they belong to and the original text they came from.

use super::lexicon::{Lexicon, Polarity};
use super::quantity::{Comparator, Quantity, QuantityRules};
use crate::error::Result;
use crate::rules::RuleFile;
use crate::structure::tables::IndicatorTable;
use crate::structure::{Measure, Outline};
use crate::workspace::Doc;
use regex::Regex;
use serde::{Deserialize, Serialize};

/// What kind of commitment a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A level to reach (a rate, an amount, an income).
    Level,
    /// A growth rate (增长, 增速, 年均增长).
    Growth,
    /// A cumulative amount over the period (累计).
    Cumulative,
    /// A multiple (翻番, 倍).
    Multiple,
    /// Full coverage (全覆盖 = 100%).
    Coverage,
    /// Elimination (清零 = 0).
    Zero,
    /// Things to build, add or cultivate (建成, 新增, 培育).
    Count,
}

impl Kind {
    /// The lowercase name used in JSON, CSV and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Level => "level",
            Kind::Growth => "growth",
            Kind::Cumulative => "cumulative",
            Kind::Multiple => "multiple",
            Kind::Coverage => "coverage",
            Kind::Zero => "zero",
            Kind::Count => "count",
        }
    }
}

/// Where a target's text starts in the original file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetSource {
    /// The original file as shown in reports.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in code points.
    pub column: usize,
}

/// One quantitative (or qualitative) commitment.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// Region id.
    pub region: String,
    /// Document file name.
    pub doc: String,
    /// Measure id (`"52"`, `"goals"`, `"table:7"`, `"task:35"`).
    pub measure: String,
    /// The indicator phrase, trimmed of verbs and time phrases.
    pub indicator: String,
    /// Canonical indicator id from the lexicon.
    pub indicator_id: Option<String>,
    /// The value as written; `None` for a qualitative target.
    pub value: Option<f64>,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// The unit as written (`万元`).
    pub unit: Option<String>,
    /// The value in the base unit (`75000`).
    pub base_value: Option<f64>,
    /// The base unit (`元`).
    pub base_unit: Option<String>,
    /// `>=`, `>`, `<=`, `<`, `=`, `~` or `range`; `None` for a qualitative target.
    pub comparator: Option<Comparator>,
    /// Target year.
    pub year: Option<u16>,
    /// Kind of commitment.
    pub kind: Kind,
    /// Polarity of the canonical indicator.
    pub polarity: Option<Polarity>,
    /// The original text of the target.
    pub text: String,
    /// Where that text starts in the original file.
    pub source: TargetSource,
    /// Id of the rule that produced it.
    pub rule: String,
    /// The unit's dimension.
    #[serde(skip)]
    pub dimension: Option<String>,
    /// Whether amounts of this indicator add up across regions.
    #[serde(skip)]
    pub additive: bool,
    /// The qualitative value, for targets without a number.
    #[serde(skip)]
    pub qualitative: Option<String>,
    /// Upper end in the base unit.
    #[serde(skip)]
    pub base_value_max: Option<f64>,
}

/// A number as plans write it: no trailing zeros, at most four decimals.
pub fn show_number(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Target {
    /// The target as a person reads it: `≥ 51 %`, `10–50 万元`, `与经济增长基本同步`.
    pub fn shown(&self) -> String {
        let unit = self.unit.as_deref().unwrap_or("");
        match (self.value, self.value_max, self.comparator) {
            (Some(a), Some(b), _) => format!("{}–{} {unit}", show_number(a), show_number(b)),
            (Some(v), None, Some(c)) => format!("{} {} {unit}", c.display(), show_number(v)),
            (Some(v), None, None) => format!("{} {unit}", show_number(v)),
            (None, ..) => self.qualitative.clone().unwrap_or_default(),
        }
        .trim_end()
        .to_string()
    }

    /// [`Target::shown`] followed by the value in the base unit when the unit differs:
    /// `= 7.5 万元 (75000 元)`.
    pub fn shown_with_base(&self) -> String {
        let shown = self.shown();
        match (&self.unit, &self.base_unit, self.base_value) {
            (Some(u), Some(b), Some(v)) if u != b => {
                let max = self
                    .base_value_max
                    .map(|m| format!("–{}", show_number(m)))
                    .unwrap_or_default();
                format!("{shown} ({}{max} {b})", show_number(v))
            }
            _ => shown,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKinds {
    growth: String,
    cumulative: String,
    multiple: String,
    count: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkip {
    before: String,
    after: String,
    list_after: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    clause_break: String,
    year: String,
    header_year: String,
    year_number: String,
    trim_start: String,
    trim_end: String,
    kinds: RawKinds,
    coverage: String,
    zero: String,
    qualitative: String,
    respectively: String,
    enumeration_separators: String,
    shared_suffixes: Vec<String>,
    shared_prefix: String,
    list_continuations: String,
    modifier_follow: String,
    skip_contexts: RawSkip,
    list_number: String,
}

/// Compiled `rules/targets.yaml`.
#[derive(Debug, Clone)]
pub struct TargetRules {
    clause_break: Regex,
    year: Regex,
    header_year: Regex,
    year_number: Regex,
    trim_start: Regex,
    trim_end: Regex,
    growth: Regex,
    cumulative: Regex,
    multiple: Regex,
    count: Regex,
    coverage: Regex,
    zero: Regex,
    qualitative: Regex,
    respectively: String,
    enumeration_separators: Regex,
    shared_suffixes: Vec<String>,
    shared_prefix: Regex,
    list_continuations: Regex,
    modifier_follow: Regex,
    skip_before: Regex,
    skip_after: Regex,
    skip_list_after: Regex,
    list_number: Regex,
}

impl TargetRules {
    /// Compiles the file.
    pub fn from_file(file: &RuleFile) -> Result<TargetRules> {
        let r: RawTargets = file.parse()?;
        Ok(TargetRules {
            clause_break: file.regex("clause_break", &r.clause_break)?,
            year: file.regex("year", &r.year)?,
            header_year: file.regex("header_year", &r.header_year)?,
            year_number: file.regex("year_number", &r.year_number)?,
            trim_start: file.regex("trim_start", &r.trim_start)?,
            trim_end: file.regex("trim_end", &r.trim_end)?,
            growth: file.regex("growth", &r.kinds.growth)?,
            cumulative: file.regex("cumulative", &r.kinds.cumulative)?,
            multiple: file.regex("multiple", &r.kinds.multiple)?,
            count: file.regex("count", &r.kinds.count)?,
            coverage: file.regex("coverage", &r.coverage)?,
            zero: file.regex("zero", &r.zero)?,
            qualitative: file.regex("qualitative", &r.qualitative)?,
            respectively: r.respectively,
            enumeration_separators: file
                .regex("enumeration_separators", &r.enumeration_separators)?,
            shared_suffixes: r.shared_suffixes,
            shared_prefix: file.regex("shared_prefix", &r.shared_prefix)?,
            list_continuations: file.regex("list_continuations", &r.list_continuations)?,
            modifier_follow: file.regex("modifier_follow", &r.modifier_follow)?,
            skip_before: file.regex("before", &r.skip_contexts.before)?,
            skip_after: file.regex("after", &r.skip_contexts.after)?,
            skip_list_after: file.regex("skip_contexts.list_after", &r.skip_contexts.list_after)?,
            list_number: file.regex("list_number", &r.list_number)?,
        })
    }
}

/// Everything extraction needs.
pub struct Extractor<'a> {
    /// Numbers, units, comparators.
    pub quantities: &'a QuantityRules,
    /// Target rules.
    pub rules: &'a TargetRules,
    /// Indicator lexicon.
    pub lexicon: &'a Lexicon,
}

/// A target found in a piece of text, before it is placed in a document.
#[derive(Debug, Clone)]
pub struct Found {
    /// Byte range of the target's text (indicator phrase to qualifier).
    pub span: (usize, usize),
    /// Indicator phrase.
    pub indicator: String,
    /// The quantity, if any.
    pub quantity: Option<Quantity>,
    /// Comparator after enumeration rules.
    pub comparator: Option<Comparator>,
    /// Year said in the text.
    pub year: Option<u16>,
    /// Kind.
    pub kind: Kind,
    /// Rule id.
    pub rule: String,
    /// Qualitative value.
    pub qualitative: Option<String>,
}

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '。' | ':' | '!' | '?' | '\n' | ')' | '”' | '、' | '|'
    )
}

impl Extractor<'_> {
    /// Why a quantity is not a target, or `None` if it is one.
    pub fn skip_reason(&self, text: &str, q: &Quantity) -> Option<&'static str> {
        let r = self.rules;
        // Only the neighbourhood matters; looking further back would be quadratic on a long
        // paragraph.
        let from = text.floor_char_boundary(q.start.saturating_sub(64));
        let before = &text[from..q.start];
        let after = &text[q.end..];
        if q.in_name {
            return Some("part of a name (5G, 1+X)");
        }
        let int_text = q.text.trim_end_matches(|c: char| !c.is_ascii_digit());
        if q.unit.as_deref().is_none_or(|u| u == "年") && r.year_number.is_match(int_text) {
            return Some("a year");
        }
        if q.unit.as_deref() == Some("年") && q.value >= 1900.0 {
            return Some("a year");
        }
        if r.skip_before.is_match(before) {
            return Some("a reference or name (第, 〔, letters before it)");
        }
        let after_number = &text[q.start + q.text.len()..];
        if r.skip_after.is_match(after_number) || after.starts_with('月') || before.ends_with('月')
        {
            return Some("a reference or name (号, 版, 级, 月 after it)");
        }
        if r.skip_list_after.is_match(after) {
            return Some("one of a list of names (50亿、30亿、10亿级)");
        }
        if q.unit.is_none()
            && after.starts_with('.')
            && !after[1..].starts_with(|c: char| c.is_ascii_digit())
            && r.list_number.is_match(before)
        {
            return Some("a list number");
        }
        if in_short_quote(before, after) {
            return Some("inside a quoted name");
        }
        if q.chinese && q.unit.is_none() {
            return Some("a Chinese numeral without a unit (a name: 一体化, 十四五)");
        }
        if q.chinese && q.comparator.is_none() {
            return Some("a Chinese numeral without a comparator");
        }
        if q.chinese && q.value == 1.0 && q.value_max.is_none() {
            return Some("一批, 一个: an article, not an amount");
        }
        if q.unit.is_none() && q.comparator.is_none() {
            return Some("a bare number (no unit, no comparator)");
        }
        if r.modifier_follow.is_match(after) {
            return Some("describes the noun after it (…的, 且, 或)");
        }
        let next = after.chars().next();
        let continues_list = r.list_continuations.is_match(after);
        let noun_follows =
            next.is_some_and(|c| !is_terminator(c) && !c.is_ascii()) && !continues_list;
        let modifier_dim = q
            .dimension
            .as_ref()
            .is_some_and(|d| self.quantities.modifier_dimensions.contains(d));
        if noun_follows && modifier_dim {
            return Some("describes the noun after it (15分钟健身圈, 50万元以上行政村)");
        }
        let qualified = q
            .comparator_rule
            .as_deref()
            .is_some_and(|r| r.starts_with("after-"));
        if noun_follows && qualified && q.dimension.as_deref() != Some("count") {
            return Some("a threshold that defines a scope (10万人口以上城镇)");
        }
        None
    }

    /// Finds the targets in a piece of prose. `default_year` applies when no year is said.
    pub fn prose(&self, text: &str) -> Vec<Found> {
        let r = self.rules;
        let quantities = self.quantities.find(text);
        let candidates: Vec<&Quantity> = quantities
            .iter()
            .filter(|q| self.skip_reason(text, q).is_none())
            .collect();
        let mut out: Vec<Found> = Vec::new();
        let starts = self.clause_starts(text);
        // Group the candidates by clause.
        let mut k = 0;
        while k < candidates.len() {
            let q = candidates[k];
            let clause_start = Self::clause_start(&starts, q.start);
            let mut group = vec![q];
            while let Some(next) = candidates.get(k + group.len()) {
                let between = &text[group.last().expect("non-empty").end..next.start];
                if r.clause_break.is_match(between) {
                    break;
                }
                group.push(next);
            }
            k += group.len();
            let resp = text[clause_start..q.start]
                .find(r.respectively.as_str())
                .map(|i| clause_start + i)
                .or_else(|| self.value_list(text, &group));
            match resp {
                Some(resp_at) if group.len() > 1 => {
                    self.enumeration(text, clause_start, resp_at, &group, &mut out)
                }
                _ => {
                    let mut start = clause_start;
                    for q in group {
                        let phrase_end = q.verb_start.unwrap_or(q.start);
                        let mut phrase = self.trim(&text[start.min(phrase_end)..phrase_end]);
                        if phrase.is_empty() {
                            phrase = self.object_after(text, q);
                        }
                        if phrase.is_empty() {
                            phrase = self.previous_clause(text, clause_start);
                        }
                        out.push(self.found(
                            text,
                            start,
                            q,
                            phrase,
                            q.comparator,
                            q.comparator_rule.clone(),
                        ));
                        start = q.end;
                    }
                }
            }
        }
        self.no_number_targets(text, &starts, &mut out);
        out.sort_by_key(|f| f.span.0);
        out
    }

    /// Where the subject of a bare list of values ends: 公办幼儿园、二级以上幼儿园在园幼儿占比达
    /// 60%和70%以上 pairs its subjects with its values as 分别 would, when a comparator verb
    /// (达, 保持在) leads the values and nothing but a list continuation (和, 、) stands between
    /// them. Without the verb the numbers are usually names (建立50亿、30亿、10亿级…库).
    fn value_list(&self, text: &str, group: &[&Quantity]) -> Option<usize> {
        let joined = group.len() > 1
            && group[0].verb_start.is_some()
            && group.windows(2).all(|w| {
                let between = text[w[0].end..w[1].start].trim();
                self.rules
                    .list_continuations
                    .find(between)
                    .is_some_and(|m| m.end() == between.len() && !between.is_empty())
            });
        joined.then(|| group[0].verb_start).flatten()
    }

    fn enumeration(
        &self,
        text: &str,
        clause_start: usize,
        resp_at: usize,
        group: &[&Quantity],
        out: &mut Vec<Found>,
    ) {
        let r = self.rules;
        let subject = self.trim(&text[clause_start..resp_at]);
        let n = group.len();
        let mut parts: Vec<String> = r
            .enumeration_separators
            .split(&subject)
            .map(String::from)
            .filter(|s| !s.is_empty())
            .collect();
        if parts.len() != n {
            parts = subject
                .split('、')
                .map(String::from)
                .filter(|s| !s.is_empty())
                .collect();
        }
        // Subjects that share a head noun share what follows it: 二级以上幼儿园和普惠性幼儿园在园
        // 幼儿占比 → 二级以上幼儿园在园幼儿占比.
        if parts.len() == n {
            let last = parts[n - 1].clone();
            for p in parts.iter_mut().take(n - 1) {
                if r.shared_suffixes.iter().any(|s| p.ends_with(s.as_str())) {
                    continue;
                }
                let starts: Vec<usize> = p.char_indices().map(|(i, _)| i).collect();
                let tail = starts
                    .iter()
                    .filter(|&&i| p[i..].chars().count() >= 2)
                    .find_map(|&i| {
                        let head = &p[i..];
                        last.find(head)
                            .map(|at| &last[at + head.len()..])
                            .filter(|rest| !rest.is_empty())
                    });
                if let Some(rest) = tail {
                    p.push_str(rest);
                }
            }
        }
        if parts.len() == n
            && let Some(suffix) = r
                .shared_suffixes
                .iter()
                .find(|s| parts[n - 1].ends_with(s.as_str()))
        {
            for p in parts.iter_mut().take(n - 1) {
                if !r.shared_suffixes.iter().any(|s| p.ends_with(s.as_str())) {
                    p.push_str(suffix);
                }
            }
        }
        if parts.len() == n
            && let Some(prefix) = r
                .shared_prefix
                .find(&parts[0])
                .map(|m| m.as_str().to_string())
        {
            for p in parts.iter_mut().skip(1) {
                if !r.shared_prefix.is_match(p) {
                    p.insert_str(0, &prefix);
                }
            }
        }
        let last_after = group[n - 1]
            .comparator_rule
            .as_deref()
            .filter(|id| id.starts_with("after-"))
            .map(|id| (group[n - 1].comparator, id.to_string()));
        let verb = group[0]
            .verb_start
            .map(|_| (group[0].comparator, group[0].comparator_rule.clone()));
        for (i, q) in group.iter().enumerate() {
            let own_after = q
                .comparator_rule
                .as_deref()
                .is_some_and(|id| id.starts_with("after-"));
            let (cmp, rule) = if own_after {
                (q.comparator, q.comparator_rule.clone())
            } else if let Some((c, id)) = &last_after {
                (*c, Some(id.clone()))
            } else if let Some((c, id)) = &verb {
                (*c, id.clone())
            } else {
                (
                    q.comparator.or(Some(Comparator::Reaches)),
                    q.comparator_rule.clone(),
                )
            };
            let indicator = if parts.len() == n {
                parts[i].clone()
            } else {
                subject.clone()
            };
            let mut f = self.found(text, clause_start, q, indicator, cmp, rule);
            f.rule = format!("respectively+{}", f.rule);
            out.push(f);
        }
    }

    fn found(
        &self,
        text: &str,
        start: usize,
        q: &Quantity,
        indicator: String,
        comparator: Option<Comparator>,
        rule: Option<String>,
    ) -> Found {
        let r = self.rules;
        let sentence_start = text[..q.start]
            .rfind('。')
            .map_or(0, |i| i + '。'.len_utf8());
        let year = r
            .year
            .captures_iter(&text[sentence_start..q.start])
            .last()
            .and_then(|c| c["year"].parse().ok());
        let verb = q.verb_start.map_or("", |v| &text[v..q.start]);
        let kind =
            if q.unit.as_deref().is_some_and(|u| u.ends_with('倍')) || r.multiple.is_match(verb) {
                Kind::Multiple
            } else if r.cumulative.is_match(&indicator)
                || r.cumulative.is_match(verb)
                || text[start..q.start].contains("累计")
            {
                Kind::Cumulative
            } else if r.growth.is_match(verb) || r.growth.is_match(&indicator) {
                Kind::Growth
            } else if r.count.is_match(verb) || r.count.is_match(&indicator) {
                Kind::Count
            } else {
                Kind::Level
            };
        Found {
            span: (start.min(q.start), q.end),
            indicator,
            quantity: Some(q.clone()),
            comparator: comparator.or(Some(Comparator::Reaches)),
            year,
            kind,
            rule: rule.unwrap_or_else(|| "unit".into()),
            qualitative: None,
        }
    }

    fn no_number_targets(&self, text: &str, starts: &[usize], out: &mut Vec<Found>) {
        let r = self.rules;
        for (re, kind, rule) in [
            (&r.coverage, Kind::Coverage, "coverage"),
            (&r.zero, Kind::Zero, "zero"),
        ] {
            for c in re.captures_iter(text) {
                let m = c.get(0).expect("group 0");
                let ind = c.name("indicator").expect("group indicator");
                let clause_start = Self::clause_start(starts, ind.end().saturating_sub(1));
                let start = clause_start.max(ind.start());
                let indicator = self.trim(&text[start..ind.end()]);
                if indicator.is_empty() {
                    continue;
                }
                let sentence_start = text[..m.start()]
                    .rfind('。')
                    .map_or(0, |i| i + '。'.len_utf8());
                let year = r
                    .year
                    .captures_iter(&text[sentence_start..m.start()])
                    .last()
                    .and_then(|c| c["year"].parse().ok());
                out.push(Found {
                    span: (start, m.end()),
                    indicator,
                    quantity: None,
                    comparator: Some(Comparator::Reaches),
                    year,
                    kind,
                    rule: rule.into(),
                    qualitative: None,
                });
            }
        }
        for c in r.qualitative.captures_iter(text) {
            let m = c.get(0).expect("group 0");
            let clause_start = Self::clause_start(starts, m.start());
            let phrase = &text[clause_start..m.start()];
            let phrase = phrase.strip_suffix("保持").unwrap_or(phrase);
            out.push(Found {
                span: (clause_start, m.end()),
                indicator: self.trim(phrase),
                quantity: None,
                comparator: None,
                year: None,
                kind: Kind::Level,
                rule: "qualitative".into(),
                qualitative: Some(c["value"].to_string()),
            });
        }
    }

    /// Byte offsets where clauses start (after each break), for binary search: scanning back
    /// from every quantity would be quadratic on a long paragraph.
    fn clause_starts(&self, text: &str) -> Vec<usize> {
        self.rules
            .clause_break
            .find_iter(text)
            .map(|m| m.end())
            .collect()
    }

    /// The start of the clause holding byte `at`.
    fn clause_start(starts: &[usize], at: usize) -> usize {
        let k = starts.partition_point(|&b| b <= at);
        if k == 0 { 0 } else { starts[k - 1] }
    }

    /// What follows a count (建成5个美丽城镇 → 美丽城镇), up to the clause's end.
    fn object_after(&self, text: &str, q: &Quantity) -> String {
        let rest = &text[q.end..];
        let end = self
            .rules
            .clause_break
            .find(rest)
            .map_or(rest.len(), |m| m.start());
        self.trim(&rest[..end])
    }

    /// The clause before `clause_start`, for a value that stands alone (…覆盖率达到80%,力争90%).
    fn previous_clause(&self, text: &str, clause_start: usize) -> String {
        if clause_start == 0 {
            return String::new();
        }
        let head = &text[..clause_start - 1];
        let from = head.floor_char_boundary(head.len().saturating_sub(300));
        let start = from
            + self
                .rules
                .clause_break
                .find_iter(&head[from..])
                .last()
                .map_or(0, |m| m.end());
        let clause = &head[start..];
        let cut = self
            .quantities
            .find(clause)
            .first()
            .map_or(clause.len(), |q| q.verb_start.unwrap_or(q.start));
        self.trim(&clause[..cut])
    }

    /// Trims time phrases, hedges and verbs from an indicator phrase.
    pub fn trim(&self, phrase: &str) -> String {
        let mut p = phrase
            .trim()
            .trim_matches(|c: char| is_terminator(c) || c.is_whitespace())
            .to_string();
        loop {
            let before = p.clone();
            p = self
                .rules
                .trim_start
                .replace(&p, "")
                .trim_start_matches([',', ' '])
                .to_string();
            p = self.rules.trim_end.replace(&p, "").to_string();
            if p == before {
                break;
            }
        }
        p
    }

    /// The value cells of an indicator table, one per row or sub-row.
    pub fn table(&self, table: &IndicatorTable, year: Option<u16>) -> Vec<TableCell> {
        let header_year = table
            .header
            .iter()
            .find_map(|h| self.rules.header_year.captures(h))
            .and_then(|c| c["year"].parse().ok())
            .or(year);
        let mut out = Vec::new();
        for row in &table.rows {
            let name = strip_unit(&row.indicator);
            if let Some(v) = &row.value {
                out.push(TableCell {
                    row: row.number,
                    indicator: name.clone(),
                    cell: v.clone(),
                    unit: row.unit.clone(),
                    year: header_year,
                });
            }
            for s in &row.sub_rows {
                let (ind, unit) = if s.unit.is_some() {
                    (strip_unit(&s.label), s.unit.clone())
                } else {
                    (format!("{name}({})", s.label), row.unit.clone())
                };
                out.push(TableCell {
                    row: row.number,
                    indicator: ind,
                    cell: s.value.clone(),
                    unit,
                    year: header_year,
                });
            }
        }
        out
    }
}

/// One value cell of an indicator table.
#[derive(Debug, Clone)]
pub struct TableCell {
    /// Row number (序号).
    pub row: u32,
    /// Indicator name without its unit (a sub-row's label when it names the indicator).
    pub indicator: String,
    /// The cell as written.
    pub cell: String,
    /// Unit from the indicator name.
    pub unit: Option<String>,
    /// Year from the header, else the document's.
    pub year: Option<u16>,
}

/// Whether the quantity sits inside a short “…” quote (a name: “1+4+N”, “152”工程).
fn in_short_quote(before: &str, after: &str) -> bool {
    let open = before.rfind('“');
    let close_before = before.rfind('”');
    match open {
        Some(o) if close_before.is_none_or(|c| c < o) => {
            let inside_before = before[o..].chars().count();
            let close_after = after.find('”').map(|c| after[..c].chars().count());
            close_after.is_some_and(|c| c + inside_before <= 16)
        }
        _ => false,
    }
}

/// `人均地区生产总值(万元)` → `人均地区生产总值`.
fn strip_unit(name: &str) -> String {
    match name.rfind('(') {
        Some(i) if name.ends_with(')') && name[i..].chars().count() <= 10 => name[..i].to_string(),
        _ => name.to_string(),
    }
}

/// Maps a normalized byte range of a document to its original text and start position.
fn original_span(doc: &Doc, start: usize, end: usize) -> (String, TargetSource) {
    let n = &doc.normalized;
    let text = n.text.as_str();
    let last = text[..end.max(start + 1).min(text.len())]
        .char_indices()
        .next_back()
        .map_or(start, |(i, _)| i);
    let a = n.text.origin_at_byte(start) as usize;
    let b = n.text.origin_at_byte(last) as usize;
    let original = n
        .index
        .slice(&doc.loaded.text, a as u32, b as u32 + 1)
        .to_string();
    let pos = n.index.position(a as u32);
    (
        original,
        TargetSource {
            file: doc.loaded.path.clone(),
            line: pos.line,
            column: pos.column,
        },
    )
}

impl Extractor<'_> {
    /// Every target of a document, measure by measure.
    pub fn document(&self, doc: &Doc, outline: &Outline) -> Vec<Target> {
        let default_year = doc.meta.as_ref().map(|m| m.target_year);
        let mut out = Vec::new();
        let table_rows: Vec<_> = outline
            .indicator_tables
            .iter()
            .flat_map(|t| self.table(t, default_year))
            .collect();
        let normalized = doc.normalized.text.as_str();
        for m in &outline.measures {
            if let Some(n) = m.measure.strip_prefix("table:") {
                let n: u32 = n.parse().unwrap_or(0);
                for c in table_rows.iter().filter(|c| c.row == n) {
                    let at = normalized[m.span.0..m.span.1]
                        .find(c.cell.as_str())
                        .map_or(m.span.0, |i| m.span.0 + i);
                    let unit = c.unit.as_deref();
                    if let Some(t) =
                        self.cell_target(doc, m, &c.indicator, &c.cell, unit, c.year, at)
                    {
                        out.push(t);
                    }
                }
                continue;
            }
            let (text, base) = if m.measure.starts_with("task:") {
                // Targets of a task are in its 工作目标 cell.
                let cell = m
                    .text
                    .split(" | ")
                    .find(|c| c.contains("1.") || !c.is_empty())
                    .unwrap_or("");
                let cell = m
                    .text
                    .split(" | ")
                    .nth(
                        if m.text.split(" | ").next().is_some_and(|c| {
                            c.trim_start()
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_digit())
                        }) {
                            1
                        } else {
                            2
                        },
                    )
                    .unwrap_or(cell);
                let at = normalized[m.span.0..m.span.1]
                    .find(cell)
                    .map(|i| m.span.0 + i);
                (cell.to_string(), at)
            } else {
                (normalized[m.span.0..m.span.1].to_string(), Some(m.span.0))
            };
            for f in self.prose(&text) {
                out.push(self.place(doc, m, &text, base, f, default_year));
            }
        }
        out
    }

    /// The lexicon entry for a phrase; a growth target (规上工业增加值 + 增长9%) also tries the
    /// phrase with 增长 appended, so growth-rate indicators match.
    fn lookup(
        &self,
        phrase: &str,
        dimension: Option<&str>,
        kind: Kind,
    ) -> Option<&super::lexicon::Indicator> {
        if kind == Kind::Growth
            && let Some(i) = self
                .lexicon
                .lookup(&format!("{phrase}增长"), dimension)
                .filter(|i| i.kind.as_deref() == Some("growth"))
        {
            return Some(i);
        }
        self.lexicon.lookup(phrase, dimension).filter(|i| {
            kind == Kind::Growth || i.kind.as_deref() != Some("growth") || phrase.contains("增")
        })
    }

    /// The targets of a piece of prose that is one measure of `doc` (for `gongfu explain`).
    pub fn text_targets(&self, doc: &Doc, m: &Measure) -> Vec<Target> {
        let text = doc.normalized.text.as_str()[m.span.0..m.span.1].to_string();
        let default_year = doc.meta.as_ref().map(|d| d.target_year);
        self.prose(&text)
            .into_iter()
            .map(|f| self.place(doc, m, &text, Some(m.span.0), f, default_year))
            .collect()
    }

    fn place(
        &self,
        doc: &Doc,
        m: &Measure,
        text: &str,
        base: Option<usize>,
        f: Found,
        default_year: Option<u16>,
    ) -> Target {
        let (orig, source) = match base {
            Some(b) => original_span(doc, b + f.span.0, b + f.span.1),
            None => original_span(doc, m.span.0, m.span.1),
        };
        let _ = text;
        let q = f.quantity.as_ref();
        let dimension = q.and_then(|q| q.dimension.clone());
        let ind = self.lookup(&f.indicator, dimension.as_deref(), f.kind);
        let (value, base_value) = match (f.kind, q) {
            (_, Some(q)) => (Some(q.value), Some(q.base_value)),
            (Kind::Coverage, None) => (Some(100.0), Some(100.0)),
            (Kind::Zero, None) => (Some(0.0), Some(0.0)),
            _ => (None, None),
        };
        let (unit, base_unit) = match (f.kind, q) {
            (_, Some(q)) => (q.unit.clone(), q.base_unit.clone()),
            (Kind::Coverage, None) => (Some("%".into()), Some("%".into())),
            _ => (None, None),
        };
        let dimension =
            dimension.or_else(|| (f.kind == Kind::Coverage).then(|| "ratio".to_string()));
        // A bare magnitude (技能人才总量达到220万) is counted in its indicator's unit (人).
        let (base_unit, dimension) = match (base_unit, dimension, &unit, ind) {
            (None, None, Some(_), Some(i)) => {
                let base = self
                    .quantities
                    .units
                    .iter()
                    .find(|u| u.dimension == i.dimension)
                    .map(|u| u.base.clone());
                let dimension = base.as_ref().map(|_| i.dimension.clone());
                (base, dimension)
            }
            (b, d, ..) => (b, d),
        };
        Target {
            region: m.region.clone(),
            doc: m.doc.clone(),
            measure: m.measure.clone(),
            indicator: f.indicator.clone(),
            indicator_id: ind.map(|i| i.id.clone()),
            value,
            value_max: q.and_then(|q| q.value_max),
            unit,
            base_value,
            base_unit,
            comparator: f.comparator,
            year: f.year.or(default_year),
            kind: ind
                .and_then(|i| i.kind.as_deref())
                .and_then(kind_named)
                .unwrap_or(f.kind),
            polarity: ind.map(|i| i.polarity),
            text: orig,
            source,
            rule: f.rule,
            dimension,
            additive: ind.is_some_and(|i| i.additive),
            qualitative: f.qualitative,
            base_value_max: q.and_then(|q| q.base_value_max),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cell_target(
        &self,
        doc: &Doc,
        m: &Measure,
        indicator: &str,
        cell: &str,
        unit: Option<&str>,
        year: Option<u16>,
        at: usize,
    ) -> Option<Target> {
        let cell = cell.trim();
        if cell.is_empty() {
            return None;
        }
        let (orig, source) = original_span(doc, at, at + cell.len());
        let rule = "table-cell".to_string();
        let unit_probe = format!("1{}", unit.unwrap_or(""));
        let unit_q = unit.and_then(|_| self.quantities.find(&unit_probe).into_iter().next());
        let qs = self.quantities.find(cell);
        let kind = if self.rules.growth.is_match(indicator) {
            Kind::Growth
        } else if self.rules.count.is_match(indicator) {
            Kind::Count
        } else {
            Kind::Level
        };
        let (value, value_max, comparator, scale, written_unit, base_unit, dimension, qualitative) =
            match qs.first() {
                Some(q)
                    if q.start
                        == cell
                            .find(|c: char| c.is_ascii_digit() || !c.is_ascii())
                            .unwrap_or(0)
                            .min(q.start)
                        || cell.starts_with(['>', '<']) =>
                {
                    let cmp = if cell.starts_with(">=") {
                        Some(Comparator::AtLeast)
                    } else if cell.starts_with("<=") {
                        Some(Comparator::AtMost)
                    } else if cell.starts_with('>') {
                        Some(Comparator::MoreThan)
                    } else if cell.starts_with('<') {
                        Some(Comparator::LessThan)
                    } else {
                        q.comparator.or(Some(Comparator::Reaches))
                    };
                    let (scale, bu, dim) = match (&q.unit, &unit_q) {
                        (Some(_), _) => (
                            q.base_value / q.value.max(f64::MIN_POSITIVE),
                            q.base_unit.clone(),
                            q.dimension.clone(),
                        ),
                        (None, Some(uq)) => {
                            (uq.base_value, uq.base_unit.clone(), uq.dimension.clone())
                        }
                        (None, None) => (1.0, None, None),
                    };
                    let scale = if q.value == 0.0 { 1.0 } else { scale };
                    (
                        Some(q.value),
                        q.value_max,
                        cmp,
                        scale,
                        q.unit.clone().or(unit.map(String::from)),
                        bu,
                        dim,
                        None,
                    )
                }
                _ => (
                    None,
                    None,
                    None,
                    1.0,
                    unit.map(String::from),
                    None,
                    None,
                    Some(cell.to_string()),
                ),
            };
        let ind = self.lookup(indicator, dimension.as_deref(), kind);
        Some(Target {
            region: m.region.clone(),
            doc: m.doc.clone(),
            measure: m.measure.clone(),
            indicator: indicator.to_string(),
            indicator_id: ind.map(|i| i.id.clone()),
            value,
            value_max,
            unit: written_unit,
            base_value: value.map(|v| round(v * scale)),
            base_unit,
            comparator,
            year,
            kind: ind
                .and_then(|i| i.kind.as_deref())
                .and_then(kind_named)
                .unwrap_or(kind),
            polarity: ind.map(|i| i.polarity),
            text: orig,
            source,
            rule: if qualitative.is_some() {
                "table-cell-qualitative".into()
            } else {
                rule
            },
            dimension,
            additive: ind.is_some_and(|i| i.additive),
            qualitative,
            base_value_max: value_max.map(|v| round(v * scale)),
        })
    }
}

fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn kind_named(s: &str) -> Option<Kind> {
    [
        Kind::Level,
        Kind::Growth,
        Kind::Cumulative,
        Kind::Multiple,
        Kind::Coverage,
        Kind::Zero,
        Kind::Count,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
}
