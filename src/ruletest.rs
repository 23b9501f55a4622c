//! Rule tests (`rules/tests/*.yaml`): input texts with the targets they must yield, or texts
//! that must yield none, like ast-grep's valid/invalid cases. `gongfu rules test` runs them, and
//! so does `cargo test`.

use crate::error::Result;
use crate::extract::Target;
use crate::rules::RuleFile;
use crate::workspace::Workspace;
use serde::Deserialize;

/// Expected fields of one target; fields left out are not checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// Indicator phrase.
    pub indicator: Option<String>,
    /// Canonical id.
    pub indicator_id: Option<String>,
    /// Value.
    pub value: Option<f64>,
    /// Upper end.
    pub value_max: Option<f64>,
    /// Unit as written.
    pub unit: Option<String>,
    /// Value in the base unit.
    pub base_value: Option<f64>,
    /// Base unit.
    pub base_unit: Option<String>,
    /// Comparator symbol.
    pub comparator: Option<String>,
    /// Year.
    pub year: Option<u16>,
    /// Kind.
    pub kind: Option<String>,
}

/// One case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case is about.
    pub name: String,
    /// Input text (normalized like a plan).
    pub text: String,
    /// Expected targets, in order; empty means the text must yield none.
    #[serde(default)]
    pub targets: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    cases: Vec<Case>,
}

/// The result of one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// File the case is in.
    pub file: String,
    /// Case name.
    pub name: String,
    /// Problems; empty when it passed.
    pub problems: Vec<String>,
}

/// Targets of a text treated as one measure.
pub fn targets_of(ws: &Workspace, text: &str) -> Result<Vec<Target>> {
    let (doc, m) = ws.text_doc("<case>", text)?;
    Ok(ws.rules.extractor().text_targets(&doc, &m))
}

fn check(expected: &Expected, t: &Target) -> Vec<String> {
    let mut p = Vec::new();
    let mut cmp = |field: &str, want: Option<String>, got: Option<String>| {
        if let Some(w) = want
            && Some(&w) != got.as_ref()
        {
            p.push(format!(
                "{field}: expected {w}, got {}",
                got.unwrap_or_else(|| "nothing".into())
            ));
        }
    };
    let num = |v: Option<f64>| v.map(|v| format!("{v}"));
    cmp(
        "indicator",
        expected.indicator.clone(),
        Some(t.indicator.clone()),
    );
    cmp(
        "indicator_id",
        expected.indicator_id.clone(),
        t.indicator_id.clone(),
    );
    cmp("value", num(expected.value), num(t.value));
    cmp("value_max", num(expected.value_max), num(t.value_max));
    cmp("unit", expected.unit.clone(), t.unit.clone());
    cmp("base_value", num(expected.base_value), num(t.base_value));
    cmp("base_unit", expected.base_unit.clone(), t.base_unit.clone());
    cmp(
        "comparator",
        expected.comparator.clone(),
        t.comparator.map(|c| c.symbol().to_string()),
    );
    cmp(
        "year",
        expected.year.map(|y| y.to_string()),
        t.year.map(|y| y.to_string()),
    );
    let kind = Some(t.kind.as_str().to_string());
    cmp("kind", expected.kind.clone(), kind);
    p
}

/// Runs every case of every file.
pub fn run(ws: &Workspace, files: &[RuleFile]) -> Result<Vec<Outcome>> {
    let mut out = Vec::new();
    for f in files {
        let cases: CaseFile = f.parse()?;
        for c in cases.cases {
            let got = targets_of(ws, &c.text)?;
            let mut problems = Vec::new();
            if got.len() != c.targets.len() {
                problems.push(format!(
                    "expected {} target(s), got {}: {}",
                    c.targets.len(),
                    got.len(),
                    got.iter()
                        .map(|t| format!(
                            "{} {:?}{}",
                            t.indicator,
                            t.value,
                            t.unit.as_deref().unwrap_or("")
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
            for (i, (e, t)) in c.targets.iter().zip(&got).enumerate() {
                for p in check(e, t) {
                    problems.push(format!("target {}: {p}", i + 1));
                }
            }
            out.push(Outcome {
                file: f.shown.clone(),
                name: c.name,
                problems,
            });
        }
    }
    Ok(out)
}
