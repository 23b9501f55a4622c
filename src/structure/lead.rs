//! Lead units (牵头单位): the explicit `(牵头单位:…)` form, and lists of units in parentheses
//! that end a sentence. Ordinary parentheses (`(含大病保险)`, `(REITS)`, `(团队)`) are never
//! taken for them: every item must look like a government unit.

use super::config::LeadUnits;

/// Splits a list of units; `None` unless every item is a unit.
pub fn units_in(rules: &LeadUnits, list: &str) -> Option<Vec<String>> {
    let items: Vec<String> = rules
        .separators
        .split(list.trim())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    (!items.is_empty() && items.iter().all(|i| rules.unit.is_match(i))).then_some(items)
}

fn push_unique(out: &mut Vec<String>, items: Vec<String>) {
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
}

/// Lead units of a measure's text: the explicit form if present, else every unit list that
/// ends a sentence, in order and without repeats.
pub fn lead_units(rules: &LeadUnits, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The explicit form is labelled, so every item is taken (溪口镇, 专班, 管委会 …).
    for caps in rules.explicit.captures_iter(text) {
        let items = rules
            .separators
            .split(caps["units"].trim())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        push_unique(&mut out, items);
    }
    if !out.is_empty() {
        return out;
    }
    for caps in rules.trailing.captures_iter(text) {
        let m = caps.get(0).expect("group 0");
        let after = text[m.end()..].chars().next();
        let before = text[..m.start()].chars().next_back();
        let ends_sentence = after.is_none_or(|c| matches!(c, '。' | ';' | '\n'))
            || before.is_some_and(|c| matches!(c, '。' | ';'));
        if !ends_sentence {
            continue;
        }
        if let Some(items) = units_in(rules, &caps["units"]) {
            push_unique(&mut out, items);
        }
    }
    out
}
