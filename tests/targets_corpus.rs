//! Targets on the real corpus: exact values for hard cases from every document.

mod common;
use common::{doc, ws};
use gongfu::extract::Target;
use gongfu::structure;

fn targets(region: &str) -> Vec<Target> {
    let d = doc(region);
    let o = structure::parse(&ws().rules.structure, &d);
    ws().rules.extractor().document(&d, &o)
}

/// `measure|indicator|value|unit|base_value|base_unit|comparator|year|kind`
fn row(t: &Target) -> String {
    let n = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_else(|| "-".into());
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}",
        t.measure,
        t.indicator,
        n(t.value),
        t.unit.as_deref().unwrap_or("-"),
        n(t.base_value),
        t.base_unit.as_deref().unwrap_or("-"),
        t.comparator.map_or("-", |c| c.symbol()),
        t.year.map_or("-".into(), |y| y.to_string()),
        t.kind.as_str()
    )
}

fn find<'a>(ts: &'a [Target], measure: &str, indicator_id: &str) -> &'a Target {
    ts.iter()
        .find(|t| t.measure == measure && t.indicator_id.as_deref() == Some(indicator_id))
        .unwrap_or_else(|| panic!("no {indicator_id} target in measure {measure}"))
}

#[test]
fn zhejiang_goals() {
    let ts = targets("zhejiang");
    assert_eq!(
        row(find(&ts, "goals", "disposable-income-per-capita")),
        "goals|居民人均可支配收入|7.5|万元|75000|元|=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "goals", "labour-share-of-gdp")),
        "goals|劳动报酬占GDP比重|50|%|50|%|>|2025|level"
    );
    assert_eq!(
        row(find(&ts, "goals", "urban-rural-income-ratio")),
        "goals|城乡居民收入倍差|1.9|-|1.9|-|<=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "goals", "kindergarten-level2-share")),
        "goals|二级以上幼儿园在园幼儿占比|75|%|75|%|>=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "goals", "inclusive-kindergarten-share")),
        "goals|普惠性幼儿园在园幼儿占比|90|%|90|%|>=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "goals", "market-entities")),
        "goals|市场主体总量|1100|万户|11000000|户|=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "10", "surveyed-urban-unemployment-rate")),
        "10|城镇调查失业率|5.5|%|5.5|%|<=|2025|level"
    );
    // The original text is the traditional source with its pinyin, at its original position.
    let t = find(&ts, "goals", "disposable-income-per-capita");
    assert_eq!(t.text, "居民人均可支配收入達到7.5萬元");
    assert_eq!(
        (t.source.line, t.source.file.as_str()),
        (7, "corpus/zhejiang.txt")
    );
}

#[test]
fn ningbo_hard_cases() {
    let ts = targets("ningbo");
    let m99 = find(&ts, "99", "premature-chronic-disease-mortality");
    assert_eq!(row(m99), "99|重大慢病过早死亡率|8.5|%|8.5|%|>=|2025|level");
    assert_eq!(m99.polarity, Some(gongfu::extract::Polarity::Lower));
    assert_eq!(m99.text, "重大慢病过早死亡率控制在8.5%以上");
    assert_eq!((m99.source.line, m99.source.column), (145, 75));
    assert_eq!(
        row(find(&ts, "138", "volunteer-activity-rate")),
        "138|志愿服务活跃度|55|%|55|%|=|2025|level"
    );
    let rows: Vec<String> = ts.iter().filter(|t| t.measure == "70").map(row).collect();
    assert!(
        rows.contains(&"70|技能人才总量|220|万|2200000|人|=|2025|level".to_string()),
        "{rows:?}"
    );
    assert!(
        rows.contains(&"70|高技能人才总量|78|万|780000|人|=|2025|level".to_string()),
        "{rows:?}"
    );
    let rows: Vec<String> = ts.iter().filter(|t| t.measure == "86").map(row).collect();
    assert_eq!(
        rows,
        [
            "86|二级以上幼儿园在园幼儿占比|80|%|80|%|>=|2025|level",
            "86|普惠性幼儿园在园幼儿占比|93|%|93|%|>=|2025|level"
        ]
    );
    let m88: Vec<String> = ts.iter().filter(|t| t.measure == "88").map(row).collect();
    assert!(
        m88.contains(&"88|新(改、扩)建普通高中|5|所|5|个|range|2025|level".to_string()),
        "{m88:?}"
    );
}

#[test]
fn fenghua_hard_cases() {
    let ts = targets("fenghua");
    assert_eq!(
        row(find(&ts, "97", "volunteer-activity-rate")),
        "97|志愿服务活跃度|50|%|50|%|>=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "goals", "gdp-per-capita")),
        "goals|人均生产总值|20|万元|200000|元|>|2025|level"
    );
    let m61: Vec<String> = ts.iter().filter(|t| t.measure == "61").map(row).collect();
    assert!(
        m61.contains(&"61|每千人拥有执业医师数|4.4|人|4.4|人|=|2025|level".to_string()),
        "{m61:?}"
    );
    assert!(
        m61.contains(&"61|每千人拥有注册护士数|5.1|人|5.1|人|=|2025|level".to_string()),
        "{m61:?}"
    );
    // Names with digits are never targets.
    assert!(
        !ts.iter()
            .any(|t| t.text.contains("5G") && t.value == Some(5.0))
    );
    assert!(!ts.iter().any(|t| t.text.contains("3号青创")));
}

#[test]
fn linhai_footnotes_and_thresholds() {
    let ts = targets("linhai");
    assert_eq!(
        row(find(&ts, "goals", "urbanisation-rate")),
        "goals|常住人口城镇化率|60|%|60|%|=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "goals", "pm25")),
        "goals|城市PM2.5平均浓度|20|微克/立方米|20|微克/立方米|<=|2025|level"
    );
    assert_eq!(
        row(find(&ts, "11", "new-urban-jobs")),
        "11|累计城镇新增就业|10|万人|100000|人|=|2025|cumulative"
    );
    // Footnote digits were removed by normalization: none of them shows up as a value.
    for term in ["双招双引", "两新一重", "五企", "三大三城"] {
        assert!(!ts.iter().any(|t| t.text.contains(term)), "{term}");
    }
    // 集体经济年收入20万元以上且经营性收入10万元以上: thresholds, not targets.
    assert!(
        !ts.iter()
            .any(|t| t.value == Some(20.0) && t.unit.as_deref() == Some("万元"))
    );
}

#[test]
fn zhoushan_tables_and_tasks() {
    let ts = targets("zhoushan");
    let cells: Vec<String> = ts
        .iter()
        .filter(|t| t.measure.starts_with("table:"))
        .map(row)
        .collect();
    assert_eq!(
        cells.len(),
        42,
        "39 rows: 36 with one value, three (8, 25, 32) with two sub-rows"
    );
    for expected in [
        "table:1|人均地区生产总值|19|万元|190000|元|=|2024|level",
        "table:4|一般公共预算收入增速|-|%|-|-|-|2024|growth",
        "table:12|新增多田套合|0.6|万亩|6000|亩|=|2024|count",
        "table:20|民生支出占一般公共预算支出比例|66.666667|%|66.666667|%|>=|2024|level",
        "table:25|基本医疗保险政策范围内住院报销(含大病保险)比例(城镇职工)|85|%|85|%|=|2024|level",
        "table:25|基本医疗保险政策范围内住院报销(含大病保险)比例(城乡居民)|69|%|69|%|=|2024|level",
        "table:33|农村生活污水处理设施出水水质达标率|95|%|95|%|>=|2024|level",
        "table:34|亿元生产总值生产安全事故死亡率|0.019|人/亿元|0.019|人/亿元|<|2024|level",
        "table:36|万车交通事故伤亡率|8.55|人/万车|8.55|人/万车|<=|2024|level",
    ] {
        assert!(
            cells.contains(&expected.to_string()),
            "missing {expected}\n{cells:#?}"
        );
    }
    // The same target twice, in the table and the task list, in different units.
    let task = find(&ts, "task:15", "multi-field-consolidation");
    let cell = find(&ts, "table:12", "multi-field-consolidation");
    assert_eq!(
        (task.base_value, cell.base_value),
        (Some(6000.0), Some(6000.0))
    );
    assert_eq!(task.unit.as_deref(), Some("亩"));
    let q = ts.iter().find(|t| t.measure == "table:4").unwrap();
    assert_eq!(q.qualitative.as_deref(), Some("与经济增长基本同步"));
}

#[test]
fn extract_table_snapshot() {
    let out = assert_cmd::Command::cargo_bin("gongfu")
        .unwrap()
        .args(["--color", "never", "-q", "extract", "linhai"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn extract_json_fields_are_exactly_the_documented_ones() {
    let out = assert_cmd::Command::cargo_bin("gongfu")
        .unwrap()
        .args(["-q", "extract", "--format", "json", "ningbo"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    let keys = common::sorted_keys(first);
    assert_eq!(
        keys,
        [
            "base_unit",
            "base_value",
            "comparator",
            "doc",
            "indicator",
            "indicator_id",
            "kind",
            "measure",
            "polarity",
            "region",
            "rule",
            "source",
            "text",
            "unit",
            "value",
            "value_max",
            "year"
        ]
    );
    let mut src: Vec<&str> = first["source"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    src.sort();
    assert_eq!(src, ["column", "file", "line"]);
    insta::assert_json_snapshot!("ningbo_first_targets", &v.as_array().unwrap()[..5]);
}
