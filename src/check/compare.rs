//! Judging one target against another: in base units, with each side's comparator, in the
//! direction the indicator's polarity says is better.
//!
//! A target is read as the set of outcomes that would meet it. For an indicator where higher is
//! better, `≥ 51 %`, `= 51 %` (达到51%) and `~ 51 %` all mean "51 % or more", `> 50 %` means
//! "more than 50 %", and a range `6–7 %` commits to its lower end; for lower-is-better
//! indicators the mirror image holds. A lower-tier target is *stricter* when its set lies
//! inside the upper tier's, *equal* when the sets are the same, *weaker* otherwise. Amounts that
//! add up across regions are instead compared with the upper tier's total.

use crate::extract::{Comparator, Kind, Polarity, Target};
use serde::Serialize;

/// How a target stands against the one it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// More ambitious than the other target.
    Stricter,
    /// As ambitious, after unit conversion.
    Equal,
    /// An amount that adds up across regions, within the upper tier's total.
    WithinTotal,
    /// Less ambitious than the other target.
    Weaker,
    /// An amount that adds up across regions, larger than the upper tier's total.
    ExceedsTotal,
    /// The targets aim at different years.
    Horizon,
    /// Not comparable: neutral polarity, a qualitative target, units or comparators that do
    /// not compare.
    Unjudgeable,
}

impl Verdict {
    /// The name used as the check name and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Stricter => "stricter",
            Verdict::Equal => "equal",
            Verdict::WithinTotal => "within-total",
            Verdict::Weaker => "weaker",
            Verdict::ExceedsTotal => "exceeds-total",
            Verdict::Horizon => "horizon",
            Verdict::Unjudgeable => "unjudgeable",
        }
    }

    /// The marker `gongfu diff` shows: `≈` equal, `↑` stricter, `↓` weaker, `⊂` within the
    /// total, `‼` exceeds the total, `·` not judged.
    pub fn marker(self) -> &'static str {
        match self {
            Verdict::Equal => "≈",
            Verdict::Stricter => "↑",
            Verdict::Weaker => "↓",
            Verdict::WithinTotal => "⊂",
            Verdict::ExceedsTotal => "‼",
            Verdict::Horizon | Verdict::Unjudgeable => "·",
        }
    }

    /// Whether the pair is consistent (reported only by `diff` and `check --all`).
    pub fn consistent(self) -> bool {
        matches!(
            self,
            Verdict::Stricter | Verdict::Equal | Verdict::WithinTotal
        )
    }

    /// The verdict seen from the other side (`diff` shows it from its first region's view).
    pub fn flipped(self) -> Verdict {
        match self {
            Verdict::Stricter => Verdict::Weaker,
            Verdict::Weaker => Verdict::Stricter,
            other => other,
        }
    }
}

/// A verdict with the reason a pair was not judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The verdict.
    pub verdict: Verdict,
    /// Why it was not judged (`horizon`, `unjudgeable`), in words.
    pub reason: Option<String>,
}

impl Judgement {
    fn of(verdict: Verdict) -> Judgement {
        Judgement {
            verdict,
            reason: None,
        }
    }

    fn not_judged(verdict: Verdict, reason: String) -> Judgement {
        Judgement {
            verdict,
            reason: Some(reason),
        }
    }
}

/// What is known about the indicator two targets share.
#[derive(Debug, Clone, Copy)]
pub struct Basis {
    /// Which way is better.
    pub polarity: Polarity,
    /// Whether amounts add up across regions.
    pub additive: bool,
    /// Whether `parent` belongs to a region above `child`'s (totals only compare then).
    pub nested: bool,
    /// Why the pair cannot be judged whatever its values (a probable pair of plain amounts).
    pub unjudgeable: Option<&'static str>,
}

/// The better-direction bound a target commits to.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bound {
    value: f64,
    strict: bool,
}

/// Whether two values are the same up to floating-point noise (0.6 × 10000 = 6000).
pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether a target's comparator says the opposite of what `polarity` calls better:
/// `≥`/`>` for a lower-is-better indicator, `≤`/`<` for a higher-is-better one.
pub fn against_polarity(t: &Target, polarity: Polarity) -> bool {
    matches!(
        (polarity, t.comparator),
        (
            Polarity::Higher,
            Some(Comparator::AtMost | Comparator::LessThan)
        ) | (
            Polarity::Lower,
            Some(Comparator::AtLeast | Comparator::MoreThan)
        )
    )
}

fn bound(t: &Target, polarity: Polarity) -> Option<Bound> {
    let low = t.base_value?;
    let high = t.base_value_max.unwrap_or(low);
    let strict = matches!(
        t.comparator,
        Some(Comparator::MoreThan | Comparator::LessThan)
    );
    Some(match polarity {
        Polarity::Lower => Bound {
            value: high,
            strict,
        },
        _ => Bound { value: low, strict },
    })
}

/// The kind two targets must share to pair: full coverage (全覆盖) is a level of 100 %.
pub fn kind_class(t: &Target) -> Kind {
    match t.kind {
        Kind::Coverage => Kind::Level,
        k => k,
    }
}

/// Judges `child` against `parent`. Both share an indicator; `basis` says what is known of it.
pub fn judge(child: &Target, parent: &Target, basis: Basis) -> Judgement {
    if child.year != parent.year {
        let y = |t: &Target| {
            t.year
                .map_or("an unstated year".to_string(), |y| y.to_string())
        };
        return Judgement::not_judged(
            Verdict::Horizon,
            format!("one aims at {}, the other at {}", y(child), y(parent)),
        );
    }
    if child.base_value.is_none() || parent.base_value.is_none() {
        return Judgement::not_judged(Verdict::Unjudgeable, "one side is qualitative".to_string());
    }
    if child.base_unit != parent.base_unit {
        let u = |t: &Target| t.unit.clone().unwrap_or_else(|| "no unit".to_string());
        return Judgement::not_judged(
            Verdict::Unjudgeable,
            format!("units do not compare ({} vs {})", u(child), u(parent)),
        );
    }
    // Totals compare whatever the polarity: a part cannot exceed its whole.
    if basis.additive {
        if !basis.nested {
            return Judgement::not_judged(
                Verdict::Unjudgeable,
                "amounts of regions that do not contain one another do not compare".to_string(),
            );
        }
        let amount = |t: &Target| t.base_value_max.or(t.base_value).unwrap_or(0.0);
        let (c, p) = (amount(child), amount(parent));
        return Judgement::of(if c > p && !same_value(c, p) {
            Verdict::ExceedsTotal
        } else {
            Verdict::WithinTotal
        });
    }
    if let Some(why) = basis.unjudgeable {
        return Judgement::not_judged(Verdict::Unjudgeable, why.to_string());
    }
    if basis.polarity == Polarity::Neutral {
        return Judgement::not_judged(
            Verdict::Unjudgeable,
            "neither higher nor lower is better for this indicator".to_string(),
        );
    }
    if against_polarity(child, basis.polarity) || against_polarity(parent, basis.polarity) {
        return Judgement::not_judged(
            Verdict::Unjudgeable,
            format!(
                "a comparator runs against the indicator's polarity ({} is better)",
                basis.polarity.as_str()
            ),
        );
    }
    let (Some(c), Some(p)) = (bound(child, basis.polarity), bound(parent, basis.polarity)) else {
        return Judgement::not_judged(Verdict::Unjudgeable, "one side is qualitative".into());
    };
    let better = match basis.polarity {
        Polarity::Lower => c.value < p.value,
        _ => c.value > p.value,
    };
    Judgement::of(if same_value(c.value, p.value) {
        match (c.strict, p.strict) {
            (a, b) if a == b => Verdict::Equal,
            (true, false) => Verdict::Stricter,
            _ => Verdict::Weaker,
        }
    } else if better {
        Verdict::Stricter
    } else {
        Verdict::Weaker
    })
}

/// Whether two targets of one plan state the same indicator with different values.
pub fn conflicting(a: &Target, b: &Target) -> bool {
    let differs = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => !same_value(x, y),
        (None, None) => false,
        _ => true,
    };
    a.base_value.is_some()
        && b.base_value.is_some()
        && (differs(a.base_value, b.base_value) || differs(a.base_value_max, b.base_value_max))
}
