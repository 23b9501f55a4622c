//! The quantity parser: Arabic and Chinese numerals, multipliers, fractions, percentages,
//! ranges, units and comparators, found anywhere in a text. No Chinese word is spelled here:
//! numerals come from `rules/numbers.yaml`, units from `rules/units.yaml`, comparators from
//! `rules/comparators.yaml`.

use crate::error::Result;
use crate::rules::RuleFile;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which way a target goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// At least (≥): 以上, 不低于, 不少于.
    #[serde(rename = ">=")]
    AtLeast,
    /// More than (>): 超过, 突破, 高于.
    #[serde(rename = ">")]
    MoreThan,
    /// At most (≤): 以下, 以内, 不超过, 控制在.
    #[serde(rename = "<=")]
    AtMost,
    /// Less than (<): 低于, 少于.
    #[serde(rename = "<")]
    LessThan,
    /// Reaches exactly: 达到, 提高到, 降至.
    #[serde(rename = "=")]
    Reaches,
    /// About: 左右, 约.
    #[serde(rename = "~")]
    About,
    /// Between value and value_max.
    #[serde(rename = "range")]
    Range,
}

impl Comparator {
    /// The symbol used in JSON and tables.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::MoreThan => ">",
            Comparator::AtMost => "<=",
            Comparator::LessThan => "<",
            Comparator::Reaches => "=",
            Comparator::About => "~",
            Comparator::Range => "range",
        }
    }

    /// The symbol shown to people: `≥`, `≤`, and the others as in JSON.
    pub fn display(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            other => other.symbol(),
        }
    }

    /// Parses a symbol.
    pub fn from_symbol(s: &str) -> Option<Comparator> {
        Some(match s {
            ">=" => Comparator::AtLeast,
            ">" => Comparator::MoreThan,
            "<=" => Comparator::AtMost,
            "<" => Comparator::LessThan,
            "=" => Comparator::Reaches,
            "~" => Comparator::About,
            "range" => Comparator::Range,
            _ => return None,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNumbers {
    digits: HashMap<String, u32>,
    small_units: HashMap<String, u32>,
    big_units: HashMap<String, u64>,
    multipliers: HashMap<String, u64>,
    decimal_point: String,
    negative: String,
    fraction: String,
    range_connectors: Vec<String>,
    between: RawBetween,
    name_neighbours: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBetween {
    connectors: Vec<String>,
    closers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    unit: String,
    dimension: String,
    base: String,
    #[serde(default)]
    factor: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    units: Vec<RawUnit>,
    modifier_dimensions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparator {
    id: String,
    words: Vec<String>,
    comparator: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparators {
    after: Vec<RawComparator>,
    before: Vec<RawComparator>,
}

/// A unit of measure from the lexicon.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// As written (`万元/人` is `元/人` with the multiplier applied separately).
    pub unit: String,
    /// What it measures.
    pub dimension: String,
    /// Base unit of that dimension.
    pub base: String,
    /// Base units per one of this unit.
    pub factor: f64,
}

/// A comparator word and what it means.
#[derive(Debug, Clone)]
pub struct ComparatorWord {
    /// Rule id.
    pub id: String,
    /// The word.
    pub word: String,
    /// Its meaning; `None` for a symbol, which means itself.
    pub comparator: Option<Comparator>,
}

/// Compiled number, unit and comparator rules.
#[derive(Debug, Clone)]
pub struct QuantityRules {
    digits: HashMap<char, u32>,
    small_units: HashMap<char, u32>,
    big_units: HashMap<char, u64>,
    multipliers: HashMap<char, u64>,
    decimal_point: char,
    negative: char,
    fraction: String,
    range_connectors: Vec<String>,
    between_connectors: Vec<String>,
    between_closers: Vec<String>,
    name_neighbours: Regex,
    arabic: Regex,
    /// Units, longest first.
    pub units: Vec<Unit>,
    /// Dimensions whose quantities before a noun only describe it.
    pub modifier_dimensions: Vec<String>,
    /// Qualifiers after a number, longest first.
    pub after: Vec<ComparatorWord>,
    /// Words before a number, longest first.
    pub before: Vec<ComparatorWord>,
}

fn one_char(file: &RuleFile, key: &str, s: &str) -> Result<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(file.error_at(key, s, format!("`{s}` must be one character"))),
    }
}

impl QuantityRules {
    /// Compiles `numbers.yaml`, `units.yaml` and `comparators.yaml`.
    pub fn from_files(
        numbers: &RuleFile,
        units: &RuleFile,
        comparators: &RuleFile,
    ) -> Result<QuantityRules> {
        let n: RawNumbers = numbers.parse()?;
        let u: RawUnits = units.parse()?;
        let c: RawComparators = comparators.parse()?;
        let chars32 = |m: &HashMap<String, u32>| -> Result<HashMap<char, u32>> {
            m.iter()
                .map(|(k, v)| Ok((one_char(numbers, k, k)?, *v)))
                .collect()
        };
        let chars64 = |m: &HashMap<String, u64>| -> Result<HashMap<char, u64>> {
            m.iter()
                .map(|(k, v)| Ok((one_char(numbers, k, k)?, *v)))
                .collect()
        };
        let mut unit_list: Vec<Unit> = u
            .units
            .iter()
            .map(|r| Unit {
                unit: r.unit.clone(),
                dimension: r.dimension.clone(),
                base: r.base.clone(),
                factor: r.factor.unwrap_or(1.0),
            })
            .collect();
        unit_list.sort_by_key(|u| std::cmp::Reverse(u.unit.chars().count()));
        let words = |list: &[RawComparator], file: &RuleFile| -> Result<Vec<ComparatorWord>> {
            let mut out = Vec::new();
            for r in list {
                let comparator = if r.comparator == "symbol" {
                    None
                } else {
                    Some(Comparator::from_symbol(&r.comparator).ok_or_else(|| {
                        file.error_at(
                            &r.id,
                            &r.id,
                            format!("comparator {:?} is not one of >= > <= < = ~", r.comparator),
                        )
                    })?)
                };
                for w in &r.words {
                    out.push(ComparatorWord {
                        id: r.id.clone(),
                        word: w.clone(),
                        comparator,
                    });
                }
            }
            out.sort_by_key(|w| std::cmp::Reverse(w.word.chars().count()));
            Ok(out)
        };
        Ok(QuantityRules {
            digits: chars32(&n.digits)?,
            small_units: chars32(&n.small_units)?,
            big_units: chars64(&n.big_units)?,
            multipliers: chars64(&n.multipliers)?,
            decimal_point: one_char(numbers, "decimal_point", &n.decimal_point)?,
            negative: one_char(numbers, "negative", &n.negative)?,
            fraction: n.fraction,
            range_connectors: n.range_connectors,
            between_connectors: n.between.connectors,
            between_closers: n.between.closers,
            name_neighbours: numbers
                .regex("name_neighbours", &format!("^(?:{})$", n.name_neighbours))?,
            arabic: Regex::new(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?").expect("valid"),
            units: unit_list,
            modifier_dimensions: u.modifier_dimensions,
            after: words(&c.after, comparators)?,
            before: words(&c.before, comparators)?,
        })
    }

    fn is_numeral(&self, c: char) -> bool {
        self.digits.contains_key(&c)
            || self.small_units.contains_key(&c)
            || self.big_units.contains_key(&c)
    }

    /// The unit that starts `s`, longest first.
    pub fn unit_at(&self, s: &str) -> Option<&Unit> {
        self.units.iter().find(|u| s.starts_with(u.unit.as_str()))
    }

    /// Whether `c` glued to a number makes it part of a name (5G, P2, 1+X).
    pub fn is_name_neighbour(&self, c: char) -> bool {
        self.name_neighbours.is_match(c.encode_utf8(&mut [0; 4]))
    }

    /// Reads a Chinese numeral (`一百二十三`, `两千零五`, `十五万`, `零点五`, `一七二零`).
    pub fn parse_chinese(&self, s: &str) -> Option<f64> {
        let (neg, s) = match s.strip_prefix(self.negative) {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int_part, frac_part) = match s.split_once(self.decimal_point) {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        if int_part.is_empty() && frac_part.is_some() {
            return None;
        }
        let mut value = self.parse_chinese_integer(int_part)?;
        if let Some(frac) = frac_part {
            if frac.is_empty() {
                return None;
            }
            let mut scale = 0.1;
            for c in frac.chars() {
                value += f64::from(*self.digits.get(&c)?) * scale;
                scale /= 10.0;
            }
        }
        Some(if neg { -value } else { value })
    }

    fn parse_chinese_integer(&self, s: &str) -> Option<f64> {
        if s.is_empty() {
            return None;
        }
        // A unit alone (万, 百) is not a number; 十 alone is ten.
        let first = s.chars().next()?;
        if !s.chars().any(|c| self.digits.contains_key(&c))
            && self.small_units.get(&first) != Some(&10)
        {
            return None;
        }
        // A run of digits only (一七二零) reads digit by digit.
        if s.chars().all(|c| self.digits.contains_key(&c)) {
            return s.chars().try_fold(0f64, |acc, c| {
                Some(acc * 10.0 + f64::from(*self.digits.get(&c)?))
            });
        }
        let mut total = 0f64; // completed 亿 part
        let mut section = 0f64; // completed part below the current big unit
        let mut small = 0f64; // the current four-digit group
        let mut digit: Option<f64> = None;
        let mut last_unit = 0f64; // the last small or big unit, for 一百二 = 120
        let mut zero_seen = false;
        for c in s.chars() {
            if let Some(&d) = self.digits.get(&c) {
                if d == 0 {
                    // 零 only marks a gap (一百零一): it is not a digit of the group.
                    zero_seen = true;
                    continue;
                }
                if digit.is_some() {
                    return None; // two digits in a row inside a unit numeral
                }
                digit = Some(f64::from(d));
            } else if let Some(&u) = self.small_units.get(&c) {
                let u = f64::from(u);
                let d = match digit {
                    Some(d) => d,
                    None if u == 10.0 => 1.0, // 十五 = 15
                    None if zero_seen => 1.0, // 一万零百一十一 = 10111
                    None => return None,
                };
                small += d * u;
                digit = None;
                last_unit = u;
                zero_seen = false;
            } else if let Some(&u) = self.big_units.get(&c) {
                let u = u as f64;
                let group = small + digit.unwrap_or(0.0);
                if u >= 1e8 {
                    total = (total + section + group) * u;
                    section = 0.0;
                } else {
                    section = (section + group) * u;
                }
                small = 0.0;
                digit = None;
                last_unit = u;
                zero_seen = false;
            } else {
                return None;
            }
        }
        if let Some(d) = digit {
            // 一百二 = 120, 三万五 = 35000: a last digit right after a unit counts one unit lower.
            if !zero_seen && last_unit >= 100.0 && d != 0.0 {
                small += d * last_unit / 10.0;
            } else {
                small += d;
            }
        }
        Some(total + section + small)
    }
}

/// A number found in a text, with what was written around it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quantity {
    /// Byte offset where it starts (after a comparator word before it).
    #[serde(skip)]
    pub start: usize,
    /// Byte offset where it ends (after any qualifier).
    #[serde(skip)]
    pub end: usize,
    /// The text of the quantity itself, qualifier included.
    pub text: String,
    /// The value as written (`7.5` in `7.5万元`).
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// The unit as written, multiplier included (`万元`), or the multiplier alone (`万`).
    pub unit: Option<String>,
    /// The value in the base unit (`75000`).
    pub base_value: f64,
    /// The upper end in the base unit.
    #[serde(skip)]
    pub base_value_max: Option<f64>,
    /// The value with its multiplier applied but in the written unit (`20万公斤` → 200000).
    #[serde(skip)]
    pub scaled: f64,
    /// The upper end, likewise.
    #[serde(skip)]
    pub scaled_max: Option<f64>,
    /// The base unit (`元`).
    pub base_unit: Option<String>,
    /// The unit's dimension.
    #[serde(skip)]
    pub dimension: Option<String>,
    /// Comparator from a qualifier after it or a word before it.
    pub comparator: Option<Comparator>,
    /// Id of the comparator rule used.
    #[serde(skip)]
    pub comparator_rule: Option<String>,
    /// Byte offset where the comparator word before it starts, if one was used.
    #[serde(skip)]
    pub verb_start: Option<usize>,
    /// Whether the number was written in Chinese numerals.
    #[serde(skip)]
    pub chinese: bool,
    /// Whether the number is glued to a name (5G, 1+X).
    #[serde(skip)]
    pub in_name: bool,
}

/// One reading of a number at a position: value, end, and whether Chinese.
struct Num {
    value: f64,
    end: usize,
    chinese: bool,
    percent_fraction: bool,
}

impl QuantityRules {
    fn number_at(&self, s: &str, at: usize) -> Option<Num> {
        let rest = &s[at..];
        // A minus sign (- or 负) before an Arabic number; find() allows `-` only where no range
        // can be.
        let (sign, skip) = match rest.chars().next() {
            Some('-') => (-1.0, 1),
            Some(c)
                if c == self.negative
                    && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()) =>
            {
                (-1.0, c.len_utf8())
            }
            _ => (1.0, 0),
        };
        if let Some(m) = self.arabic.find(&rest[skip..]) {
            let text = m.as_str().replace(',', "");
            let value: f64 = text.parse().ok()?;
            return Some(Num {
                value: sign * value,
                end: at + skip + m.end(),
                chinese: false,
                percent_fraction: false,
            });
        }
        if rest.starts_with('-') {
            return None;
        }
        // Chinese numerals, possibly a fraction X分之Y.
        let run_end = |from: usize| -> usize {
            let mut end = from;
            for (i, c) in s[from..].char_indices() {
                if self.is_numeral(c) || c == self.decimal_point || (i == 0 && c == self.negative) {
                    end = from + i + c.len_utf8();
                } else {
                    break;
                }
            }
            // A decimal point must be followed by a digit.
            while s[from..end].ends_with(self.decimal_point) {
                end -= self.decimal_point.len_utf8();
            }
            end
        };
        let end = run_end(at);
        if end == at {
            return None;
        }
        let head = &s[at..end];
        if s[end..].starts_with(self.fraction.as_str()) {
            let num_start = end + self.fraction.len();
            // The numerator: Chinese (百分之十五) or Arabic (百分之2.4).
            let (numer, num_end) = match self.arabic.find(&s[num_start..]) {
                Some(m) => (
                    m.as_str().replace(',', "").parse::<f64>().ok(),
                    num_start + m.end(),
                ),
                None => {
                    let e = run_end(num_start);
                    let text = &s[num_start..e];
                    // 百分之百: a numerator of one unit character is that unit.
                    let single_unit = text
                        .chars()
                        .next()
                        .filter(|_| text.chars().count() == 1)
                        .and_then(|c| self.small_units.get(&c))
                        .map(|&u| f64::from(u));
                    (self.parse_chinese(text).or(single_unit), e)
                }
            };
            if num_end > num_start
                && let Some(numer) = numer
            {
                // A denominator of unit characters only (百, 千, 百万, 万万) is their product.
                let units_only = head
                    .chars()
                    .all(|c| self.small_units.contains_key(&c) || self.big_units.contains_key(&c));
                let denom = if units_only {
                    head.chars().fold(1f64, |acc, c| {
                        acc * self
                            .small_units
                            .get(&c)
                            .map(|&u| f64::from(u))
                            .or_else(|| self.big_units.get(&c).map(|&u| u as f64))
                            .unwrap_or(1.0)
                    })
                } else {
                    self.parse_chinese(head)?
                };
                if denom == 0.0 {
                    return None;
                }
                return Some(Num {
                    value: numer / denom * 100.0,
                    end: num_end,
                    chinese: true,
                    percent_fraction: true,
                });
            }
        }
        // Shrink until it parses (一带一路 has no number; 十四五 reads as digits 十四 then 五).
        let mut e = end;
        while e > at {
            if let Some(v) = self.parse_chinese(&s[at..e]) {
                return Some(Num {
                    value: v,
                    end: e,
                    chinese: true,
                    percent_fraction: false,
                });
            }
            e = s[..e].char_indices().next_back().map_or(at, |(i, _)| i);
        }
        None
    }

    /// Reads the multiplier and unit after a number ending at `at`: (multiplier, unit, end).
    fn unit_after(
        &self,
        s: &str,
        mut at: usize,
        chinese: bool,
    ) -> (f64, Option<(String, Option<&Unit>)>, usize) {
        let start = at;
        let mut mult = 1f64;
        // A unit that starts with a multiplier character (千米, 千克, 千瓦) is a unit.
        if let Some(u) = self.unit_at(&s[at..]) {
            return (1.0, Some((u.unit.clone(), Some(u))), at + u.unit.len());
        }
        if !chinese {
            while let Some(c) = s[at..].chars().next() {
                match self.multipliers.get(&c) {
                    // 十 after an Arabic number is rare; 万亿 is 1e12.
                    Some(&m) if m >= 100 || mult > 1.0 => {
                        mult *= m as f64;
                        at += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        let written_mult = &s[start..at];
        if let Some(u) = self.unit_at(&s[at..]) {
            let end = at + u.unit.len();
            return (
                mult,
                Some((format!("{written_mult}{}", u.unit), Some(u))),
                end,
            );
        }
        if s[at..].starts_with('%') {
            let u = self.unit_at("%");
            return (mult, Some((format!("{written_mult}%"), u)), at + 1);
        }
        if !written_mult.is_empty() {
            return (mult, Some((written_mult.to_string(), None)), at);
        }
        (1.0, None, at)
    }

    /// Every quantity in `s`, left to right.
    pub fn find(&self, s: &str) -> Vec<Quantity> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < s.len() {
            let c = s[at..].chars().next().expect("boundary");
            let next_is_digit = s[at + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|d| d.is_ascii_digit() || self.is_numeral(d));
            let minus_allowed = s[..at]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || "(:,;为是".contains(p));
            let starts_number = c.is_ascii_digit()
                || self.is_numeral(c)
                || (c == self.negative && next_is_digit)
                || (c == '-' && next_is_digit && minus_allowed);
            // Do not start inside a number or a word of Latin letters.
            let prev = s[..at].chars().next_back();
            let inside = prev.is_some_and(|p| {
                p.is_ascii_digit() || p == '.' || (c.is_ascii_digit() && p.is_ascii_alphabetic())
            });
            if !starts_number || inside {
                at += c.len_utf8();
                continue;
            }
            match self.quantity_at(s, at) {
                Some(q) => {
                    at = q.end.max(at + c.len_utf8());
                    out.push(q);
                }
                None => at += c.len_utf8(),
            }
        }
        out
    }

    fn quantity_at(&self, s: &str, at: usize) -> Option<Quantity> {
        let first = self.number_at(s, at)?;
        let (mut mult, mut unit, mut end) = if first.percent_fraction {
            (1.0, Some(("%".to_string(), self.unit_at("%"))), first.end)
        } else {
            self.unit_after(s, first.end, first.chinese)
        };
        let mut value = first.value;
        let mut value_max = None;
        let mut max_mult = mult;
        // A range: 5-6所, 10-50万元, 5万-8万, 20到30, 20和30之间.
        let between = self
            .between_connectors
            .iter()
            .map(|c| (c.as_str(), Some(&self.between_closers)));
        let plain = self.range_connectors.iter().map(|c| (c.as_str(), None));
        for (conn, closer) in between.chain(plain) {
            if !s[end..].starts_with(conn) {
                continue;
            }
            let second_at = end + conn.len();
            let Some(second) = self.number_at(s, second_at) else {
                continue;
            };
            if second.chinese != first.chinese {
                continue;
            }
            // A closer right after the number wins over a unit spelled like it (20000间).
            let closes_at_number =
                closer.is_some_and(|cs| cs.iter().any(|c| s[second.end..].starts_with(c.as_str())));
            let (m2, u2, e2) = if closes_at_number {
                (1.0, None, second.end)
            } else {
                self.unit_after(s, second.end, second.chinese)
            };
            let after_second = if u2.is_some() { e2 } else { second.end };
            let close_end = match closer {
                Some(closers) => match closers
                    .iter()
                    .find(|c| s[after_second..].starts_with(c.as_str()))
                {
                    Some(c) => after_second + c.len(),
                    None => continue,
                },
                None => after_second,
            };
            // 一千到两千万元: the first end shares the second's trailing 万 or 亿.
            if first.chinese
                && let Some(big) = s[second_at..second.end]
                    .chars()
                    .next_back()
                    .and_then(|c| self.big_units.get(&c))
                && !s[at..first.end]
                    .chars()
                    .next_back()
                    .is_some_and(|c| self.big_units.contains_key(&c))
                && value < second.value
            {
                value *= *big as f64;
            }
            if second.value >= value || m2 > mult {
                value_max = Some(second.value);
                max_mult = m2;
                // 1万-5万元, 10-50万元: the first end takes the unit the second one names.
                if unit.as_ref().is_none_or(|u| u.1.is_none())
                    && u2.as_ref().is_some_and(|u| u.1.is_some())
                {
                    unit = u2.clone();
                    if mult == 1.0 {
                        mult = m2;
                    }
                } else if unit.is_none() {
                    unit = u2.clone();
                    mult = m2;
                }
                end = close_end;
                break;
            }
        }
        let in_name = {
            let before = s[..at].chars().next_back();
            let after = s[end..].chars().next();
            before.is_some_and(|c| self.is_name_neighbour(c))
                || after.is_some_and(|c| self.is_name_neighbour(c))
        };
        // Qualifier after the number.
        let mut comparator = None;
        let mut rule = None;
        let mut q_end = end;
        if let Some(w) = self
            .after
            .iter()
            .find(|w| s[end..].starts_with(w.word.as_str()))
        {
            comparator = w.comparator;
            rule = Some(w.id.clone());
            q_end = end + w.word.len();
        }
        // A word or symbol right before it (up to the clause's start).
        let mut verb_start = None;
        let head = &s[..at];
        if let Some(w) = self.before.iter().find(|w| head.ends_with(w.word.as_str())) {
            verb_start = Some(at - w.word.len());
            if comparator.is_none() {
                comparator = w.comparator.or_else(|| Comparator::from_symbol(&w.word));
                rule = Some(w.id.clone());
            }
        }
        if value_max.is_some() && comparator.is_none() {
            comparator = Some(Comparator::Range);
            rule = Some("range".into());
        }
        let (unit_text, unit_def) = match unit {
            Some((t, d)) => (Some(t), d),
            None => (None, None),
        };
        let factor = unit_def.map_or(1.0, |u| u.factor);
        let round = |v: f64| (v * 1e6).round() / 1e6;
        Some(Quantity {
            start: at,
            end: q_end,
            text: s[at..q_end].to_string(),
            value: round(value),
            value_max: value_max.map(round),
            base_value: round(value * mult * factor),
            scaled: round(value * mult),
            scaled_max: value_max.map(|v| round(v * max_mult)),
            base_value_max: value_max.map(|v| round(v * max_mult * factor)),
            base_unit: unit_def.map(|u| u.base.clone()),
            dimension: unit_def.map(|u| u.dimension.clone()),
            unit: unit_text,
            comparator,
            comparator_rule: rule,
            verb_start,
            chinese: first.chinese,
            in_name,
        })
    }
}
