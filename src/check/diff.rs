//! `gongfu diff A B` as data: the targets two plans both set, paired as `check` pairs them,
//! with the verdict from A's point of view, and optionally what only one of them sets.

use super::{Checker, Options, Pairing, Verdict, compare, pairing};
use crate::error::{Error, Result};
use crate::extract::Target;
use crate::workspace::Workspace;
use serde::Serialize;

/// How the two regions relate in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// B is above A (Ningbo for Fenghua): A is judged against B.
    BAboveA,
    /// A is above B: B is judged against A and the verdict turned round.
    AAboveB,
    /// Neither contains the other: levels compare, amounts do not.
    Peers,
}

/// One indicator both plans set.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Canonical indicator id, when the lexicon knows it.
    pub indicator_id: Option<String>,
    /// How the targets were paired.
    pub pairing: Pairing,
    /// The verdict from A's point of view.
    pub verdict: Verdict,
    /// `≈`, `↑`, `↓`, `⊂`, `‼` or `·`.
    pub marker: &'static str,
    /// A's target.
    pub a: Target,
    /// B's target.
    pub b: Target,
    /// One sentence naming both values.
    pub message: String,
}

/// The JSON document of `gongfu diff`.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Region A.
    pub a: String,
    /// Region B.
    pub b: String,
    /// How they relate.
    pub relation: Relation,
    /// Indicators both set.
    pub shared: Vec<Row>,
    /// Targets only A sets (with `--all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_a: Option<Vec<Target>>,
    /// Targets only B sets (with `--all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_b: Option<Vec<Target>>,
}

/// Compares the plans of regions `a` and `b`.
pub fn diff(ws: &Workspace, a: &str, b: &str, all: bool) -> Result<Diff> {
    if a == b {
        return Err(Error::Usage(format!(
            "`gongfu diff {a} {b}` compares a plan with itself; name two different regions"
        )));
    }
    let regions = super::selected(ws, &[a.to_string(), b.to_string()])?;
    debug_assert_eq!(regions.len(), 2);
    let plans = super::plans(ws, &[a.to_string(), b.to_string()])?;
    let (pa, pb) = (&plans[0], &plans[1]);
    let above = |x: &str, y: &str| ws.corpus.ancestors(x).iter().any(|r| r.id == y);
    let relation = if above(a, b) {
        Relation::BAboveA
    } else if above(b, a) {
        Relation::AAboveB
    } else {
        Relation::Peers
    };
    let (child, parent) = match relation {
        Relation::AAboveB => (pb, pa),
        _ => (pa, pb),
    };
    let checker = Checker {
        ws,
        rules: &ws.rules.checks,
        options: Options { all: true },
    };
    let (dc, dp) = (
        pairing::distinct(&child.targets),
        pairing::distinct(&parent.targets),
    );
    let pairs = pairing::pairs(&dc, &dp, &ws.rules.checks);
    let mut shared = Vec::new();
    for pair in &pairs {
        let nested = relation != Relation::Peers;
        let j = compare::judge(pair.child, pair.parent, checker.basis(pair, nested));
        let message = super::message(&child.region, &parent.region, pair, &j);
        let (ta, tb, verdict) = match relation {
            Relation::AAboveB => (pair.parent, pair.child, j.verdict.flipped()),
            _ => (pair.child, pair.parent, j.verdict),
        };
        shared.push(Row {
            indicator_id: pair.child.indicator_id.clone(),
            pairing: pair.pairing,
            verdict,
            marker: verdict.marker(),
            a: ta.clone(),
            b: tb.clone(),
            message,
        });
    }
    shared.sort_by_key(|r| (r.a.source.line, r.a.source.column));
    let unpaired = |targets: &[&Target], side_a: bool| -> Vec<Target> {
        targets
            .iter()
            .filter(|t| {
                !shared.iter().any(|r| {
                    let s = if side_a { &r.a } else { &r.b };
                    s.source == t.source && s.text == t.text
                })
            })
            .map(|t| (*t).clone())
            .collect()
    };
    let (only_a, only_b) = if all {
        let (da, db) = (
            pairing::distinct(&pa.targets),
            pairing::distinct(&pb.targets),
        );
        (Some(unpaired(&da, true)), Some(unpaired(&db, false)))
    } else {
        (None, None)
    };
    Ok(Diff {
        a: a.to_string(),
        b: b.to_string(),
        relation,
        shared,
        only_a,
        only_b,
    })
}
