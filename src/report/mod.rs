//! Rendering `gongfu check` reports: a text report for people, SARIF for code scanning,
//! GitHub workflow annotations for CI logs. (JSON is the [`Report`] serialized as is.)

pub mod github;
pub mod sarif;

use crate::check::{Finding, Report};
use crate::extract::Target;
use crate::findings::Severity;

fn paint(color: bool, severity: Severity, s: &str) -> String {
    let code = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Note => "36",
    };
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn side(region: &str, t: &Target, width: usize) -> String {
    // A table cell's text is only its value; name the row too.
    let text = t.text.replace('\n', " ");
    let han = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let text = if t.indicator.is_empty() || han >= 4 {
        text
    } else {
        format!("{} │ {text}", t.indicator)
    };
    format!(
        "      {region:<width$}  {}:{}:{}  {text}\n",
        t.source.file, t.source.line, t.source.column,
    )
}

fn finding(out: &mut String, f: &Finding, color: bool) {
    let head = format!("{} [{}]", f.severity.as_str(), f.check);
    let what = match (&f.indicator_id, &f.pairing) {
        (Some(id), Some(p)) => format!(" {id} ({})", p.describe()),
        (Some(id), None) => format!(" {id}"),
        (None, Some(p)) => format!(" ({})", p.describe()),
        (None, None) => String::new(),
    };
    out.push_str(&format!("  {}{what}\n", paint(color, f.severity, &head)));
    out.push_str(&format!("      {}\n", f.message));
    let second = f.ancestor.as_deref().unwrap_or(&f.region);
    let width = f.region.chars().count().max(second.chars().count());
    if let Some(c) = &f.child {
        out.push_str(&side(&f.region, c, width));
    }
    if let Some(p) = &f.parent {
        out.push_str(&side(second, p, width));
    }
}

/// The text report: findings grouped by plan and by region pair, each with both sides'
/// original text and positions, then a summary line.
pub fn text(report: &Report, color: bool) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let groups = s.regions.iter().flat_map(|r| {
        std::iter::once((r.clone(), None)).chain(
            s.comparisons
                .iter()
                .filter(move |c| &c.region == r)
                .map(|c| (c.region.clone(), Some(c))),
        )
    });
    for (region, comparison) in groups {
        let ancestor = comparison.map(|c| c.ancestor.clone());
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.region == region && f.ancestor == ancestor)
            .collect();
        let counts = |list: &[&Finding]| {
            let n = |sev| list.iter().filter(|f| f.severity == sev).count();
            let parts: Vec<String> = [
                (Severity::Error, "error"),
                (Severity::Warning, "warning"),
                (Severity::Note, "note"),
            ]
            .iter()
            .filter(|(sev, _)| n(*sev) > 0)
            .map(|(sev, name)| plural(n(*sev), name))
            .collect();
            if parts.is_empty() {
                "no findings".to_string()
            } else {
                parts.join(", ")
            }
        };
        match comparison {
            None => out.push_str(&format!(
                "{region}: the plan itself — {}\n",
                counts(&findings)
            )),
            Some(c) => {
                let via = if c.skipped.is_empty() {
                    String::new()
                } else {
                    format!(" (via {}, which has no document)", c.skipped.join(", "))
                };
                out.push_str(&format!(
                    "{region} → {}{via}: {} ({} lexicon, {} probable) — {}\n",
                    c.ancestor,
                    plural(c.lexicon_pairs + c.probable_pairs, "pair"),
                    c.lexicon_pairs,
                    c.probable_pairs,
                    counts(&findings)
                ));
            }
        }
        for f in &findings {
            finding(&mut out, f, color);
        }
        out.push('\n');
    }
    let by: Vec<String> = s.by_check.iter().map(|(k, v)| format!("{k} {v}")).collect();
    out.push_str(&format!(
        "{}, {}, {} {} in {} and {}\n",
        paint(color, Severity::Error, &plural(s.errors, "error")),
        paint(color, Severity::Warning, &plural(s.warnings, "warning")),
        plural(s.notes, "note"),
        if by.is_empty() {
            "nothing found".to_string()
        } else {
            format!("({})", by.join(", "))
        },
        plural(s.regions.len(), "plan"),
        plural(s.comparisons.len(), "comparison"),
    ));
    out
}
