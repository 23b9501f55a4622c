//! SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One rule per check (its id is the check name, stable across versions), each with the
//! default level from `rules/checks.yaml`. A result sits in the lower-tier plan's original
//! file; the upper-tier target is a related location. Columns count Unicode code points
//! (`columnKind: unicodeCodePoints`), as every position gongfu reports does.
//! `partialFingerprints` hash what the finding is about, not where, so a finding keeps its
//! identity when lines move.

use crate::check::config::CHECKS;
use crate::check::{CheckRules, Finding, Report};
use crate::findings::{Location, Severity};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn describe(check: &str) -> (&'static str, &'static str) {
    match check {
        "weaker" => (
            "Lower-tier target weaker than an upper tier's",
            "A lower-tier plan sets a less ambitious target for an indicator than a plan above it (for example 50 % where the city asks for 55 %).",
        ),
        "exceeds-total" => (
            "Amount larger than the upper tier's total",
            "An amount that adds up across regions (new jobs, enterprises) is larger in the lower-tier plan than the upper tier's total for the same year.",
        ),
        "self-conflict" => (
            "Contradicting values in one plan",
            "One plan states the same indicator, kind and year with two different values.",
        ),
        "polarity" => (
            "Comparator against the indicator's polarity",
            "A target's comparator says the opposite of what is better for the indicator (死亡率 … 以上).",
        ),
        "horizon" => (
            "Target years differ",
            "The two plans aim at different years, so their targets are not judged against each other.",
        ),
        "unjudgeable" => (
            "Pair not judged",
            "The indicator has neutral polarity, a target is qualitative, or units or comparators do not compare.",
        ),
        "numbering" => (
            "Numbering gap or broken table",
            "Measure numbering has a gap or starts late, or a table row could not be read whole.",
        ),
        "unreadable" => (
            "Unreadable text",
            "A span of the original could not be decoded (mojibake); any target written there is lost.",
        ),
        "stricter" => (
            "Lower-tier target stricter",
            "Consistent: the lower-tier target is more ambitious (reported with --all).",
        ),
        "equal" => (
            "Lower-tier target equal",
            "Consistent: the targets are the same after unit conversion (reported with --all).",
        ),
        _ => (
            "Amount within the upper tier's total",
            "Consistent: the amount is within the upper tier's total (reported with --all).",
        ),
    }
}

fn level(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Note) => "note",
        None => "none",
    }
}

fn physical(l: &Location, text: Option<&str>) -> Value {
    let mut region = json!({"startLine": l.line, "startColumn": l.column});
    if let Some(t) = text.filter(|t| !t.contains('\n')) {
        region["endColumn"] = json!(l.column + t.chars().count());
        region["snippet"] = json!({"text": t});
    }
    json!({"artifactLocation": {"uri": l.file.replace('\\', "/")}, "region": region})
}

/// FNV-1a, 64 bits: a fingerprint that stays the same across gongfu builds and platforms.
fn fnv1a(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn fingerprint(f: &Finding) -> String {
    let text =
        |t: &Option<crate::extract::Target>| t.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    fnv1a(
        &[
            f.check,
            &f.region,
            f.ancestor.as_deref().unwrap_or(""),
            f.indicator_id.as_deref().unwrap_or(""),
            &text(&f.child),
            &text(&f.parent),
            if f.child.is_none() { &f.message } else { "" },
        ]
        .join("\u{1f}"),
    )
}

fn result(f: &Finding) -> Value {
    let rule_index = CHECKS.iter().position(|c| *c == f.check).unwrap_or(0);
    let mut r = json!({
        "ruleId": f.check,
        "ruleIndex": rule_index,
        "level": level(Some(f.severity)),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical(&f.location, f.child.as_ref().map(|t| t.text.as_str()))}],
        "partialFingerprints": {"gongfuFinding/v1": fingerprint(f)},
        "properties": {
            "region": f.region,
            "ancestor": f.ancestor,
            "indicator_id": f.indicator_id,
            "pairing": f.pairing,
        },
    });
    if let Some(rel) = &f.related {
        let who = f.ancestor.as_deref().unwrap_or(&f.region);
        let text = f.parent.as_ref().map(|t| t.text.as_str());
        r["relatedLocations"] = json!([{
            "id": 1,
            "physicalLocation": physical(rel, text),
            "message": {"text": format!("{who}: {}", text.unwrap_or(""))},
        }]);
    }
    r
}

/// The report as one SARIF 2.1.0 log with one run.
pub fn log(report: &Report, rules: &CheckRules) -> String {
    let rules: Vec<Value> = CHECKS
        .iter()
        .map(|c| {
            let (short, full) = describe(c);
            json!({
                "id": c,
                "name": c.split('-').map(|w| {
                    let mut cs = w.chars();
                    cs.next().map(|f| f.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
                }).collect::<String>(),
                "shortDescription": {"text": short},
                "fullDescription": {"text": full},
                "defaultConfiguration": {"level": level(rules.severity(c)), "enabled": rules.severity(c).is_some()},
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gongfu",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": report.findings.iter().map(result).collect::<Vec<_>>(),
            // Which plans were compared with which (Linhai with Zhejiang, skipping Taizhou).
            "properties": {"regions": report.summary.regions, "comparisons": report.summary.comparisons},
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("serializable");
    s.push('\n');
    s
}
