//! Cross-tier and in-plan checks: every plan's targets against those of the plans above it,
//! and each plan against itself.
//!
//! [`run`] loads the plans, extracts their targets and produces a [`Report`]: findings in a
//! stable order (region in manifest order, then the plan itself, then each ancestor nearest
//! first; within each, the most serious first, then position in the lower-tier text) and a
//! summary of counts.

pub mod compare;
pub mod config;
pub mod diff;
pub mod pairing;

pub use compare::{Basis, Judgement, Verdict};
pub use config::CheckRules;
pub use pairing::{Pair, Pairing};

use crate::error::{Error, Result};
use crate::extract::{Polarity, Target};
use crate::findings::{Location, Severity};
use crate::structure;
use crate::workspace::{Doc, Workspace};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One finding of `gongfu check`, with exactly the fields of the JSON output.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The check (`weaker`, `exceeds-total`, `self-conflict`, `polarity`, `horizon`,
    /// `unjudgeable`, `numbering`, `unreadable`; with `--all` also `stricter`, `equal`,
    /// `within-total`).
    pub check: &'static str,
    /// How serious it is, after `rules/checks.yaml` and probable-pair demotion.
    pub severity: Severity,
    /// The region whose plan the finding is about (the lower tier of a pair).
    pub region: String,
    /// The upper-tier region of a pair; `null` for in-plan checks.
    pub ancestor: Option<String>,
    /// The canonical indicator, when the lexicon knows it.
    pub indicator_id: Option<String>,
    /// How the two targets were paired; `null` for one-plan checks.
    pub pairing: Option<Pairing>,
    /// The lower-tier target (for `self-conflict`, the later of the two statements).
    pub child: Option<Target>,
    /// The upper-tier target (for `self-conflict`, the earlier statement); `null` for other
    /// one-plan checks.
    pub parent: Option<Target>,
    /// One sentence naming both values.
    pub message: String,
    /// Where the finding points in the lower-tier (or only) original file.
    #[serde(skip)]
    pub location: Location,
    /// The upper-tier (or other) text the finding refers to.
    #[serde(skip)]
    pub related: Option<Location>,
}

/// One comparison of a plan with an ancestor's.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The lower-tier region.
    pub region: String,
    /// The upper-tier region.
    pub ancestor: String,
    /// Regions in between that have no document (Taizhou between Linhai and Zhejiang).
    pub skipped: Vec<String>,
    /// Pairs made through the lexicon.
    pub lexicon_pairs: usize,
    /// Probable pairs.
    pub probable_pairs: usize,
}

/// Counts of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warning level.
    pub warnings: usize,
    /// Findings at note level.
    pub notes: usize,
    /// Findings per check.
    pub by_check: BTreeMap<&'static str, usize>,
    /// Regions whose plans were checked, in manifest order.
    pub regions: Vec<String>,
    /// Every plan-against-ancestor comparison made.
    pub comparisons: Vec<Comparison>,
}

/// The findings of a run and their summary.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Findings in report order.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
}

impl Report {
    /// The most serious severity among the findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Options of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also report consistent pairs (`stricter`, `equal`, `within-total`).
    pub all: bool,
}

/// A plan ready to compare: its document and targets.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The region id.
    pub region: String,
    /// Loaded and normalized text.
    pub doc: Doc,
    /// Findings of reading the plan's structure (numbering, tables).
    pub structure: Vec<crate::findings::Finding>,
    /// Every target, in text order.
    pub targets: Vec<Target>,
}

/// Loads, reads and extracts the plans of `regions` (in parallel, in the given order).
pub fn plans(ws: &Workspace, regions: &[String]) -> Result<Vec<Plan>> {
    let extractor = ws.rules.extractor();
    regions
        .par_iter()
        .map(|r| {
            let doc = ws.resolve(r)?;
            let outline = structure::parse(&ws.rules.structure, &doc);
            let targets = extractor.document(&doc, &outline);
            Ok(Plan {
                region: r.clone(),
                structure: outline.findings,
                targets,
                doc,
            })
        })
        .collect()
}

/// The regions to check: those named (each must have a document), or every region with one.
pub fn selected(ws: &Workspace, regions: &[String]) -> Result<Vec<String>> {
    let with_docs: Vec<String> = ws
        .corpus
        .manifest
        .documents
        .iter()
        .map(|d| d.region.clone())
        .collect();
    if regions.is_empty() {
        return Ok(with_docs);
    }
    for r in regions {
        if !with_docs.contains(r) {
            let what = if ws.corpus.region(r).is_some() {
                "has no document in the corpus"
            } else {
                "is not a region of the corpus"
            };
            return Err(Error::Usage(format!(
                "`{r}` {what}; regions with a document: {}",
                with_docs.join(", ")
            )));
        }
    }
    // Manifest order, each once, whatever order they were given in.
    Ok(with_docs
        .into_iter()
        .filter(|r| regions.contains(r))
        .collect())
}

/// Runs every check on the plans of `regions` (all plans when empty).
pub fn run(ws: &Workspace, regions: &[String], options: Options) -> Result<Report> {
    let selected = selected(ws, regions)?;
    // Load each selected plan and every ancestor plan it is compared with, once.
    let mut needed: Vec<String> = Vec::new();
    for r in &selected {
        for a in
            std::iter::once(r.as_str()).chain(ws.corpus.ancestors(r).iter().map(|a| a.id.as_str()))
        {
            if ws.corpus.document(a).is_some() && !needed.iter().any(|n| n == a) {
                needed.push(a.to_string());
            }
        }
    }
    let loaded = plans(ws, &needed)?;
    let plan = |id: &str| loaded.iter().find(|p| p.region == id);
    let checker = Checker {
        ws,
        rules: &ws.rules.checks,
        options,
    };
    let mut findings = Vec::new();
    let mut comparisons = Vec::new();
    for r in &selected {
        let Some(child) = plan(r) else { continue };
        findings.extend(checker.in_plan(child));
        let mut skipped = Vec::new();
        for a in ws.corpus.ancestors(r) {
            let Some(parent) = plan(&a.id) else {
                skipped.push(a.id.clone());
                continue;
            };
            let (f, c) = checker.against(child, parent, skipped.clone());
            findings.extend(f);
            comparisons.push(c);
        }
    }
    Ok(Report {
        summary: summarize(&findings, selected, comparisons),
        findings,
    })
}

fn summarize(findings: &[Finding], regions: Vec<String>, comparisons: Vec<Comparison>) -> Summary {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut by_check = BTreeMap::new();
    for f in findings {
        *by_check.entry(f.check).or_insert(0) += 1;
    }
    Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Note),
        by_check,
        regions,
        comparisons,
    }
}

/// Makes findings.
pub struct Checker<'a> {
    /// The workspace (for the lexicon).
    pub ws: &'a Workspace,
    /// `rules/checks.yaml`.
    pub rules: &'a CheckRules,
    /// Run options.
    pub options: Options,
}

/// Within a group: the most serious first, then in text order.
fn report_order(f: &Finding) -> (std::cmp::Reverse<Severity>, usize, usize) {
    (
        std::cmp::Reverse(f.severity),
        f.location.line,
        f.location.column,
    )
}

fn location(t: &Target) -> Location {
    Location {
        file: t.source.file.clone(),
        line: t.source.line,
        column: t.source.column,
    }
}

impl Checker<'_> {
    /// Findings about one plan on its own: structure, unreadable spans, polarity, conflicts.
    pub fn in_plan(&self, plan: &Plan) -> Vec<Finding> {
        let mut out = Vec::new();
        let one = |check: &'static str, location: Location, message: String| {
            self.rules.severity(check).map(|severity| Finding {
                check,
                severity,
                region: plan.region.clone(),
                ancestor: None,
                indicator_id: None,
                pairing: None,
                child: None,
                parent: None,
                message: format!("{message} ({location})"),
                location,
                related: None,
            })
        };
        for f in &plan.structure {
            out.extend(one("numbering", f.location.clone(), f.message.clone()));
        }
        // A span a rule repaired was read after all; only what is still lost is reported.
        for u in plan
            .doc
            .normalized
            .report
            .unreadable
            .iter()
            .filter(|u| u.repaired.is_none())
        {
            let location = Location {
                file: plan.doc.loaded.path.clone(),
                line: u.start.line,
                column: u.start.column,
            };
            let message = format!(
                "{} characters could not be decoded (mojibake `{}`); a target written there is lost",
                u.text.chars().count(),
                u.text
            );
            out.extend(one("unreadable", location, message));
        }
        let mut targets: Vec<Finding> = Vec::new();
        for t in &plan.targets {
            let Some(polarity) = t.polarity else { continue };
            if compare::against_polarity(t, polarity)
                && let Some(severity) = self.rules.severity("polarity")
            {
                let expected = if polarity == Polarity::Lower {
                    "≤"
                } else {
                    "≥"
                };
                targets.push(Finding {
                    check: "polarity",
                    severity,
                    region: plan.region.clone(),
                    ancestor: None,
                    indicator_id: t.indicator_id.clone(),
                    pairing: None,
                    child: Some(t.clone()),
                    parent: None,
                    message: format!(
                        "{} states {} as {}, but {} is better for this indicator (expected {expected})",
                        plan.region,
                        t.indicator,
                        t.shown(),
                        polarity.as_str()
                    ),
                    location: location(t),
                    related: None,
                });
            }
        }
        targets.extend(self.self_conflicts(plan));
        targets.sort_by_key(report_order);
        out.extend(targets);
        out
    }

    fn self_conflicts(&self, plan: &Plan) -> Vec<Finding> {
        let Some(severity) = self.rules.severity("self-conflict") else {
            return Vec::new();
        };
        let distinct = pairing::distinct(&plan.targets);
        let mut out = Vec::new();
        for (i, a) in distinct.iter().enumerate() {
            let Some(id) = &a.indicator_id else { continue };
            // Report each conflicting value once, against the first statement.
            let earlier_conflict = |b: &Target| {
                distinct[..i].iter().any(|e| {
                    e.indicator_id.as_ref() == Some(id)
                        && compare::kind_class(e) == compare::kind_class(b)
                        && e.year == b.year
                        && e.base_unit == b.base_unit
                })
            };
            if earlier_conflict(a) {
                continue;
            }
            for b in &distinct[i + 1..] {
                if b.indicator_id.as_ref() == Some(id)
                    && compare::kind_class(a) == compare::kind_class(b)
                    && a.year == b.year
                    && a.base_unit == b.base_unit
                    && compare::conflicting(a, b)
                {
                    // Reported where the plan contradicts itself (the later statement), with
                    // the earlier one as the related location.
                    out.push(Finding {
                        check: "self-conflict",
                        severity,
                        region: plan.region.clone(),
                        ancestor: None,
                        indicator_id: Some(id.clone()),
                        pairing: None,
                        child: Some((*b).clone()),
                        parent: Some((*a).clone()),
                        message: format!(
                            "{} states {} as {} in measure {} but as {} in measure {}",
                            plan.region,
                            id,
                            b.shown_with_base(),
                            b.measure,
                            a.shown_with_base(),
                            a.measure
                        ),
                        location: location(b),
                        related: Some(location(a)),
                    });
                }
            }
        }
        out
    }

    /// Findings of a plan against one ancestor's, and what the comparison covered.
    pub fn against(
        &self,
        child: &Plan,
        parent: &Plan,
        skipped: Vec<String>,
    ) -> (Vec<Finding>, Comparison) {
        let (c, p) = (
            pairing::distinct(&child.targets),
            pairing::distinct(&parent.targets),
        );
        let pairs = pairing::pairs(&c, &p, self.rules);
        let mut out = Vec::new();
        for pair in &pairs {
            let j = compare::judge(pair.child, pair.parent, self.basis(pair, true));
            if let Some(f) = self.finding(child, parent, pair, &j) {
                out.push(f);
            }
        }
        out.sort_by_key(report_order);
        let comparison = Comparison {
            region: child.region.clone(),
            ancestor: parent.region.clone(),
            skipped,
            lexicon_pairs: pairs
                .iter()
                .filter(|p| p.pairing == Pairing::Lexicon)
                .count(),
            probable_pairs: pairs
                .iter()
                .filter(|p| p.pairing != Pairing::Lexicon)
                .count(),
        };
        (out, comparison)
    }

    /// What is known of a pair's indicator: from the lexicon, or for a probable pair the
    /// polarity its comparators suggest (`≤`/`<` on either side: lower is better), judged
    /// only when its phrase names a rate, share or per-capita value.
    pub fn basis(&self, pair: &Pair, nested: bool) -> Basis {
        if let Some(ind) = pair
            .child
            .indicator_id
            .as_deref()
            .and_then(|id| self.ws.rules.lexicon.get(id))
        {
            return Basis {
                polarity: ind.polarity,
                additive: ind.additive,
                nested,
                unjudgeable: None,
            };
        }
        // Shares and rates never add up across regions, so they compare; so do phrases that
        // name a rate or a per-capita value. Plain amounts outside the lexicon may be parts of
        // a total, and nothing says whether they are.
        let intensive = |t: &Target| {
            t.dimension.as_deref() == Some("ratio")
                || self
                    .rules
                    .judge_when
                    .iter()
                    .any(|m| t.indicator.contains(m.as_str()))
        };
        let lower = [pair.child, pair.parent].iter().any(|t| {
            matches!(
                t.comparator,
                Some(crate::extract::Comparator::AtMost | crate::extract::Comparator::LessThan)
            )
        });
        Basis {
            polarity: if lower {
                Polarity::Lower
            } else {
                Polarity::Higher
            },
            additive: false,
            nested,
            unjudgeable: (!(intensive(pair.child) && intensive(pair.parent))).then_some(
                "an amount outside the lexicon: nothing says whether it adds up across regions",
            ),
        }
    }

    /// The finding a judged pair gives, if its check is on and it is reported.
    pub fn finding(
        &self,
        child: &Plan,
        parent: &Plan,
        pair: &Pair,
        j: &Judgement,
    ) -> Option<Finding> {
        if j.verdict.consistent() && !self.options.all {
            return None;
        }
        let check = j.verdict.as_str();
        let severity = match pair.pairing {
            Pairing::Lexicon => self.rules.severity(check),
            Pairing::Probable { .. } => self.rules.probable_severity(check),
        }?;
        Some(Finding {
            check,
            severity,
            region: child.region.clone(),
            ancestor: Some(parent.region.clone()),
            indicator_id: pair.child.indicator_id.clone(),
            pairing: Some(pair.pairing),
            child: Some(pair.child.clone()),
            parent: Some(pair.parent.clone()),
            message: message(&child.region, &parent.region, pair, j),
            location: location(pair.child),
            related: Some(location(pair.parent)),
        })
    }
}

/// One sentence naming both values: `fenghua sets 志愿服务活跃度 at ≥ 50 %, weaker than
/// ningbo's = 55 %`.
pub fn message(a: &str, b: &str, pair: &Pair, j: &Judgement) -> String {
    let (c, p) = (pair.child, pair.parent);
    let name = &c.indicator;
    let (cv, pv) = (c.shown_with_base(), p.shown_with_base());
    let year = c.year.map(|y| format!(" for {y}")).unwrap_or_default();
    match j.verdict {
        Verdict::Stricter => format!("{a} sets {name} at {cv}, stricter than {b}'s {pv}"),
        Verdict::Equal => format!("{a} sets {name} at {cv}, the same as {b}'s {pv}"),
        Verdict::Weaker => format!("{a} sets {name} at {cv}, weaker than {b}'s {pv}"),
        Verdict::WithinTotal => {
            format!("{a}'s {name} of {cv} is within {b}'s total of {pv}{year}")
        }
        Verdict::ExceedsTotal => {
            format!("{a}'s {name} of {cv} exceeds {b}'s total of {pv}{year}")
        }
        Verdict::Horizon | Verdict::Unjudgeable => format!(
            "{a} sets {name} at {cv} ({}), {b} at {pv} ({}): not judged, {}",
            c.year.map_or("no year".into(), |y| y.to_string()),
            p.year.map_or("no year".into(), |y| y.to_string()),
            j.reason.as_deref().unwrap_or("not comparable")
        ),
    }
}
