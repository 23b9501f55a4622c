//! `gongfu check` on the bundled corpus: the exact findings, each example the issue names,
//! unit conversions, and the pairs that must not be made.

mod common;

use common::ws;
use gongfu::check::{self, Basis, Options, Pairing, Verdict, compare, pairing};
use gongfu::extract::{Polarity, Target};
use gongfu::workspace::Workspace;

fn report(all: bool) -> check::Report {
    check::run(ws(), &[], Options { all }).expect("bundled corpus checks")
}

/// `check region→ancestor indicator: child | parent`, one line per finding.
fn line(f: &check::Finding) -> String {
    let who = match &f.ancestor {
        Some(a) => format!("{}→{a}", f.region),
        None => f.region.clone(),
    };
    let what = f
        .indicator_id
        .clone()
        .or_else(|| f.child.as_ref().map(|c| c.indicator.clone()))
        .unwrap_or_default();
    let side = |t: &Option<Target>| t.as_ref().map(|t| t.shown_with_base()).unwrap_or_default();
    format!(
        "{} {who} {what}: {} | {}",
        f.check,
        side(&f.child),
        side(&f.parent)
    )
}

#[test]
fn warnings_and_errors_on_the_bundled_corpus() {
    let r = report(false);
    let got: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.severity >= gongfu::findings::Severity::Warning)
        .map(line)
        .collect();
    let expected = [
        "numbering ningbo :  | ",
        "numbering ningbo :  | ",
        "polarity ningbo premature-chronic-disease-mortality: ≥ 8.5 % | ",
        "weaker fenghua→ningbo kindergarten-level2-share: ≥ 70 % | ≥ 80 %",
        "weaker fenghua→ningbo housing-security-coverage: = 16.47 % | = 23 %",
        "weaker fenghua→ningbo new-energy-bus-share: = 70 % | ≥ 80 %",
        "weaker fenghua→ningbo volunteer-activity-rate: ≥ 50 % | = 55 %",
        "weaker fenghua→zhejiang middle-income-household-share: > 75 % | = 80 %",
        "weaker fenghua→zhejiang middle-income-20-60-share: = 40 % | = 45 %",
        "weaker fenghua→zhejiang kindergarten-level2-share: ≥ 70 % | ≥ 75 %",
        "weaker fenghua→zhejiang housing-security-coverage: = 16.47 % | = 23 %",
        "weaker linhai→zhejiang urbanisation-rate: = 60 % | = 75 %",
        "weaker linhai→zhejiang surface-water-class-iii-share: ≥ 86.7 % | ≥ 95 %",
    ];
    assert_eq!(got, expected);
    assert_eq!(r.summary.errors, 0);
    assert_eq!(r.summary.warnings, 13);
}

#[test]
fn probable_pairs_are_reported_one_level_lower() {
    let r = report(false);
    let probable: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.check == "weaker" && matches!(f.pairing, Some(Pairing::Probable { .. })))
        .map(|f| format!("{} {}", f.severity.as_str(), line(f)))
        .collect();
    assert_eq!(
        probable,
        ["note weaker fenghua→ningbo 新建建筑可再生能源应用覆盖率: = 20 % | ≥ 90 %",]
    );
    for f in r
        .findings
        .iter()
        .filter(|f| matches!(f.pairing, Some(Pairing::Probable { .. })))
    {
        let Some(Pairing::Probable { score }) = f.pairing else {
            unreachable!()
        };
        assert!((0.6..=1.0).contains(&score), "{}", line(f));
        assert_eq!(f.indicator_id, None);
    }
}

#[test]
fn comparisons_follow_the_hierarchy() {
    let r = report(false);
    let pairs: Vec<(String, String, Vec<String>)> = r
        .summary
        .comparisons
        .iter()
        .map(|c| (c.region.clone(), c.ancestor.clone(), c.skipped.clone()))
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        pairs,
        [
            (s("ningbo"), s("zhejiang"), vec![]),
            (s("zhoushan"), s("zhejiang"), vec![]),
            (s("fenghua"), s("ningbo"), vec![]),
            (s("fenghua"), s("zhejiang"), vec![]),
            // Taizhou, between Linhai and Zhejiang, has no document.
            (s("linhai"), s("zhejiang"), vec![s("taizhou")]),
        ]
    );
}

#[test]
fn zhoushan_aims_at_2024_so_nothing_is_judged_against_zhejiang() {
    let r = report(true);
    let zs: Vec<&check::Finding> = r
        .findings
        .iter()
        .filter(|f| f.region == "zhoushan" && f.ancestor.is_some())
        .collect();
    assert_eq!(zs.len(), 20);
    for f in zs {
        assert_eq!(f.check, "horizon", "{}", line(f));
        assert_eq!(f.child.as_ref().unwrap().year, Some(2024));
        assert_eq!(f.parent.as_ref().unwrap().year, Some(2025));
    }
}

#[test]
fn the_polarity_example() {
    let r = report(false);
    let p: Vec<&check::Finding> = r
        .findings
        .iter()
        .filter(|f| f.check == "polarity")
        .collect();
    assert_eq!(p.len(), 1);
    let t = p[0].child.as_ref().unwrap();
    assert_eq!((t.source.line, t.source.column), (145, 75));
    assert_eq!(t.text, "重大慢病过早死亡率控制在8.5%以上");
    assert_eq!(t.polarity, Some(Polarity::Lower));
    assert!(p[0].parent.is_none() && p[0].ancestor.is_none());
    // Paired with Zhejiang's ≤ 8.5 %, it is not judged (the polarity finding covers it).
    let pair = r
        .findings
        .iter()
        .find(|f| {
            f.region == "ningbo"
                && f.ancestor.is_some()
                && f.indicator_id.as_deref() == Some("premature-chronic-disease-mortality")
        })
        .unwrap();
    assert_eq!(pair.check, "unjudgeable");
}

#[test]
fn in_plan_findings_numbering_and_unreadable() {
    let r = report(false);
    let n: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.check == "numbering")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        n,
        [
            "numbering starts at measure 52: the document looks partial (measures 1–51 are missing) (corpus/ningbo.txt:7:1)",
            "measure 116 is missing between 115 and 117 (corpus/ningbo.txt:201:1)",
        ]
    );
    let unreadable: Vec<&check::Finding> = r
        .findings
        .iter()
        .filter(|f| f.check == "unreadable")
        .collect();
    // Zhejiang's 22 mojibake spans less the 2 page markers a rule repaired.
    assert_eq!(unreadable.len(), 20);
    assert!(unreadable.iter().all(|f| f.region == "zhejiang"));
    assert_eq!(
        (unreadable[0].location.line, unreadable[0].location.column),
        (8, 67)
    );
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.check == "self-conflict")
            .count(),
        0
    );
}

fn find<'a>(r: &'a check::Report, region: &str, ancestor: &str, id: &str) -> &'a check::Finding {
    r.findings
        .iter()
        .find(|f| {
            f.region == region
                && f.ancestor.as_deref() == Some(ancestor)
                && (f.indicator_id.as_deref() == Some(id)
                    || f.child.as_ref().is_some_and(|c| c.indicator == id))
        })
        .unwrap_or_else(|| panic!("no {region}→{ancestor} finding for {id}"))
}

#[test]
fn unit_conversions_and_comparators() {
    let r = report(true);
    // 7.5万元 = 75000元.
    let f = find(&r, "fenghua", "zhejiang", "disposable-income-per-capita");
    assert_eq!(f.check, "equal");
    assert_eq!(f.child.as_ref().unwrap().unit.as_deref(), Some("元"));
    assert_eq!(f.parent.as_ref().unwrap().unit.as_deref(), Some("万元"));
    assert_eq!(f.parent.as_ref().unwrap().base_value, Some(75000.0));
    // 3.2万元/年 = 32000元/年.
    let f = find(&r, "fenghua", "ningbo", "orphan-care-standard");
    assert_eq!(f.check, "equal");
    assert_eq!(
        f.parent.as_ref().unwrap().shown_with_base(),
        "≥ 3.2 万元/年 (32000 元/年)"
    );
    assert_eq!(f.child.as_ref().unwrap().shown(), "≥ 32000 元/年");
    // > 50 % upstairs, ≥ 51 % in Ningbo: stricter.
    let f = find(&r, "ningbo", "zhejiang", "labour-share-of-gdp");
    assert_eq!(f.check, "stricter");
    assert_eq!(f.parent.as_ref().unwrap().shown(), "> 50 %");
    assert_eq!(f.child.as_ref().unwrap().shown(), "≥ 51 %");
    // Lower is better: ≤ 1.65 under ≤ 1.9, ≤ 8 % under ≤ 8.5 %.
    assert_eq!(
        find(&r, "fenghua", "zhejiang", "urban-rural-income-ratio").check,
        "stricter"
    );
    assert_eq!(
        find(
            &r,
            "fenghua",
            "zhejiang",
            "premature-chronic-disease-mortality"
        )
        .check,
        "stricter"
    );
    // Amounts that add up: Ningbo's 90万 new jobs are within Zhejiang's 500万.
    assert_eq!(
        find(&r, "ningbo", "zhejiang", "new-urban-jobs").check,
        "within-total"
    );
    // A bare 220万 takes the indicator's unit: 技能人才总量 is counted in 人.
    let f = find(&r, "fenghua", "ningbo", "skilled-workers-total");
    assert_eq!(f.check, "within-total");
    assert_eq!(f.parent.as_ref().unwrap().unit.as_deref(), Some("万"));
    assert_eq!(f.parent.as_ref().unwrap().base_unit.as_deref(), Some("人"));
    assert_eq!(f.parent.as_ref().unwrap().base_value, Some(2_200_000.0));
    // Zhoushan states 0.6万亩 (table) and 6000亩 (task): the same value, so no self-conflict
    // and a single target pairs.
    let zs = check::plans(ws(), &["zhoushan".into()]).unwrap();
    let mf: Vec<&Target> = zs[0]
        .targets
        .iter()
        .filter(|t| t.indicator_id.as_deref() == Some("multi-field-consolidation"))
        .collect();
    assert_eq!(mf.len(), 2);
    assert_eq!(
        (
            mf[0].measure.as_str(),
            mf[0].unit.as_deref(),
            mf[0].base_value
        ),
        ("table:12", Some("万亩"), Some(6000.0))
    );
    assert_eq!(
        (
            mf[1].measure.as_str(),
            mf[1].unit.as_deref(),
            mf[1].base_value
        ),
        ("task:15", Some("亩"), Some(6000.0))
    );
    assert!(!compare::conflicting(mf[0], mf[1]));
    assert_eq!(
        pairing::distinct(&zs[0].targets)
            .iter()
            .filter(|t| t.indicator_id.as_deref() == Some("multi-field-consolidation"))
            .count(),
        1
    );
}

#[test]
fn never_pairs_across_kinds_or_dimensions() {
    let zs = check::plans(ws(), &["zhoushan".into()]).unwrap();
    let tuchan: Vec<&Target> = zs[0]
        .targets
        .iter()
        .filter(|t| t.indicator.contains("土特产"))
        .collect();
    let names: Vec<&str> = tuchan.iter().map(|t| t.indicator.as_str()).collect();
    assert_eq!(
        names,
        [
            "山区海岛县年产值10亿元以上“土特产”全产业链",
            "渔农“土特产”全产业链"
        ]
    );
    let rules = &ws().rules.checks;
    assert!(pairing::pairs(&[tuchan[0]], &[tuchan[1]], rules).is_empty());
    assert!(pairing::pairs(&[tuchan[1]], &[tuchan[0]], rules).is_empty());
    // Same words, numbers and unit: the kind alone (a level, a count) keeps them apart.
    assert_ne!(tuchan[0].kind, tuchan[1].kind);
    let mut same = tuchan[1].clone();
    same.indicator = tuchan[0].indicator.clone();
    assert!(pairing::pairs(&[&same], &[tuchan[0]], rules).is_empty());
    same.kind = tuchan[0].kind;
    assert_eq!(pairing::pairs(&[&same], &[tuchan[0]], rules).len(), 1);

    // A growth rate is not a level: Fenghua's 城镇新增就业 (a level) and Ningbo's 累计城镇新增就业
    // (cumulative) share an indicator id but do not pair.
    let plans = check::plans(ws(), &["fenghua".into(), "ningbo".into()]).unwrap();
    let (f, n) = (
        pairing::distinct(&plans[0].targets),
        pairing::distinct(&plans[1].targets),
    );
    let pairs = pairing::pairs(&f, &n, rules);
    assert!(
        !pairs
            .iter()
            .any(|p| p.child.indicator_id.as_deref() == Some("new-urban-jobs"))
    );
    assert!(
        f.iter()
            .any(|t| t.indicator_id.as_deref() == Some("new-urban-jobs"))
    );
    assert!(
        n.iter()
            .any(|t| t.indicator_id.as_deref() == Some("new-urban-jobs"))
    );

    // The same phrase in different unit dimensions (亿方 of gas vs 个) does not pair.
    let a = text_targets("到2025年，天然气利用总量达1.06亿方。");
    let b = text_targets("到2025年，天然气利用总量达38个。");
    assert!(pairing::pairs(&[&a[0]], &[&b[0]], rules).is_empty());
    let c = text_targets("到2025年，天然气利用总量达38亿方。");
    assert_eq!(pairing::pairs(&[&a[0]], &[&c[0]], rules).len(), 1);
}

#[test]
fn a_growth_rate_is_not_a_level() {
    let rules = &ws().rules.checks;
    let growth = text_targets("到2025年，社会诚信度年均增长5%。");
    let level = text_targets("到2025年，社会诚信度达到96%。");
    assert_eq!(growth[0].kind.as_str(), "growth");
    assert_eq!(level[0].kind.as_str(), "level");
    assert!(pairing::pairs(&[&growth[0]], &[&level[0]], rules).is_empty());
}

fn text_targets(text: &str) -> Vec<Target> {
    let (doc, m) = ws().text_doc("<test>", text).expect("text doc");
    let mut t = ws().rules.extractor().text_targets(&doc, &m);
    for x in &mut t {
        x.year = Some(2025);
    }
    assert!(!t.is_empty(), "no target in {text}");
    t
}

#[test]
fn verdicts_by_polarity_and_comparator() {
    let judge = |a: &str, b: &str, polarity: Polarity| {
        let (a, b) = (text_targets(a), text_targets(b));
        compare::judge(
            &a[0],
            &b[0],
            Basis {
                polarity,
                additive: false,
                nested: true,
                unjudgeable: None,
            },
        )
        .verdict
    };
    use Polarity::*;
    use Verdict::*;
    assert_eq!(
        judge("社会诚信度达到51%", "社会诚信度超过50%", Higher),
        Stricter
    );
    assert_eq!(
        judge("社会诚信度超过50%", "社会诚信度达到50%以上", Higher),
        Stricter
    );
    assert_eq!(
        judge("社会诚信度达到50%", "社会诚信度超过50%", Higher),
        Weaker
    );
    assert_eq!(
        judge("社会诚信度达到50%", "社会诚信度50%以上", Higher),
        Equal
    );
    // PM2.5: lower is better.
    assert_eq!(
        judge(
            "PM2.5平均浓度控制在24微克/立方米以下",
            "PM2.5平均浓度控制在25微克/立方米以内",
            Lower
        ),
        Stricter
    );
    assert_eq!(
        judge(
            "PM2.5平均浓度控制在26微克/立方米以下",
            "PM2.5平均浓度控制在25微克/立方米以内",
            Lower
        ),
        Weaker
    );
    // A comparator against the polarity leaves the pair unjudged.
    assert_eq!(
        judge(
            "城镇调查失业率控制在5%以上",
            "城镇调查失业率控制在5.5%以内",
            Lower
        ),
        Unjudgeable
    );
    assert_eq!(
        judge("社会诚信度达到51%", "社会诚信度超过50%", Neutral),
        Unjudgeable
    );
}

#[test]
fn exceeds_total_and_self_conflict_on_a_contradicting_corpus() {
    let ws = Workspace::open(Some(std::path::Path::new("tests/data/conflicts")), None).unwrap();
    let r = check::run(&ws, &[], Options::default()).unwrap();
    let got: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.check != "numbering")
        .map(|f| format!("{} {}", f.severity.as_str(), line(f)))
        .collect();
    assert_eq!(
        got,
        [
            "error self-conflict shi disposable-income-per-capita: = 7.2 万元 (72000 元) | = 7 万元 (70000 元)",
            "error exceeds-total shi→sheng new-urban-jobs: = 60 万人 (600000 人) | = 50 万人 (500000 人)",
            "warning weaker shi→sheng registered-urban-unemployment-rate: ≤ 4 % | ≤ 3.5 %",
            "warning weaker shi→sheng volunteer-activity-rate: ≥ 50 % | = 55 %",
            "warning weaker shi→sheng disposable-income-per-capita: = 7 万元 (70000 元) | = 7.5 万元 (75000 元)",
            "warning weaker shi→sheng disposable-income-per-capita: = 7.2 万元 (72000 元) | = 7.5 万元 (75000 元)",
            "warning polarity xian registered-urban-unemployment-rate: ≥ 3 % | ",
            "note horizon xian→shi volunteer-activity-rate: = 60 % | ≥ 50 %",
            "note horizon xian→shi registered-urban-unemployment-rate: ≥ 3 % | ≤ 4 %",
            "note horizon xian→sheng volunteer-activity-rate: = 60 % | = 55 %",
            "note horizon xian→sheng registered-urban-unemployment-rate: ≥ 3 % | ≤ 3.5 %",
        ]
    );
    assert_eq!(r.summary.errors, 2);
}
