//! Document structure on the real corpus: exact counts, lead units, tables, numbering findings,
//! traceability, and outline snapshots.

mod common;
use common::{doc, ws};
use gongfu::structure::{self, Outline};

fn outline(region: &str) -> Outline {
    structure::parse(&ws().rules.structure, &doc(region))
}

fn numbered(o: &Outline) -> Vec<u32> {
    o.measures
        .iter()
        .filter_map(|m| m.measure.parse().ok())
        .collect()
}

fn count(o: &Outline, prefix: &str) -> usize {
    o.measures
        .iter()
        .filter(|m| m.measure.starts_with(prefix))
        .count()
}

fn sections_of_measures(o: &Outline) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in o
        .measures
        .iter()
        .filter(|m| m.measure.parse::<u32>().is_ok())
    {
        if let Some(s) = &m.section
            && !out.contains(s)
        {
            out.push(s.clone());
        }
    }
    out
}

#[test]
fn zhejiang_has_52_measures_under_9_parts_and_a_goals_section() {
    let o = outline("zhejiang");
    assert_eq!(numbered(&o), (1..=52).collect::<Vec<_>>());
    let parts: Vec<_> = o
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.kind,
                structure::ItemKind::Part | structure::ItemKind::Closing
            ) && i.depth == 0
        })
        .collect();
    assert_eq!(parts.len(), 9);
    assert_eq!(parts[0].label, "一、全面细化落实发展目标");
    assert!(
        parts[8]
            .label
            .starts_with("九、构建高质量发展建设共同富裕示范区保障措施和推进机制")
    );
    assert_eq!(parts[8].kind, structure::ItemKind::Closing);
    // The goals section: its intro paragraph and seven —— goals.
    assert_eq!(count(&o, "goals"), 8);
    let goals: Vec<_> = o.measures.iter().filter(|m| m.measure == "goals").collect();
    assert!(
        goals[3]
            .text
            .starts_with("——率先基本形成以中等收入群体为主体的橄榄型社会结构")
    );
    assert_eq!(goals[3].part.as_deref(), Some("一、全面细化落实发展目标"));
    // Measures 49–52 sit in the closing part and still count.
    let m52 = o.measures.iter().find(|m| m.measure == "52").unwrap();
    assert!(m52.part.as_deref().unwrap().starts_with("九、"));
    assert!(o.findings.is_empty(), "{:?}", o.findings);
}

#[test]
fn ningbo_has_100_measures_from_52_without_116() {
    let o = outline("ningbo");
    let expected: Vec<u32> = (52..=152).filter(|&n| n != 116).collect();
    assert_eq!(numbered(&o), expected);
    let sections = sections_of_measures(&o);
    assert_eq!(sections.len(), 12);
    assert_eq!(sections[0], "(七)收入分配制度改革行动");
    assert_eq!(sections[11], "(十八)社会治理强基赋能行动");
    // Measures 52.. before (七) belong to a section that did not survive.
    assert_eq!(o.measures[0].section, None);
    let messages: Vec<String> = o
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.location, f.message))
        .collect();
    assert_eq!(
        messages,
        [
            "corpus/ningbo.txt:7:1: numbering starts at measure 52: the document looks partial (measures 1–51 are missing)",
            "corpus/ningbo.txt:201:1: measure 116 is missing between 115 and 117",
        ]
    );
    // 68 spans what were two paragraphs in the source.
    let m68 = o.measures.iter().find(|m| m.measure == "68").unwrap();
    assert_eq!((m68.source.line_start, m68.source.line_end), (51, 53));
    let theme = o
        .measures
        .iter()
        .find(|m| m.measure == "54")
        .unwrap()
        .theme
        .clone();
    assert_eq!(theme.as_deref(), Some("推进农村集体产权制度改革"));
}

#[test]
fn fenghua_has_122_measures_under_7_sections_each_with_lead_units() {
    let o = outline("fenghua");
    assert_eq!(numbered(&o), (1..=122).collect::<Vec<_>>());
    assert_eq!(sections_of_measures(&o).len(), 7);
    assert_eq!(count(&o, "goals"), 8);
    let measures: Vec<_> = o
        .measures
        .iter()
        .filter(|m| m.measure.parse::<u32>().is_ok())
        .collect();
    assert!(measures.iter().all(|m| !m.lead_units.is_empty()));
    let m88 = measures.iter().find(|m| m.measure == "88").unwrap();
    assert!(m88.text.starts_with("88完善"), "{}", m88.text);
    let m94 = measures.iter().find(|m| m.measure == "94").unwrap();
    assert_eq!(
        m94.lead_units,
        [
            "区委宣传部",
            "共建“我们的家园”专班",
            "区综合执法局",
            "区市场监管局"
        ]
    );
    assert_eq!(measures[0].theme.as_deref(), Some("打造高能级科创平台"));
    assert_eq!(
        measures[0].section.as_deref(),
        Some("(一)新动能培育攻坚行动")
    );
    assert_eq!(measures[0].part.as_deref(), Some("二、重点行动"));
    assert!(o.findings.is_empty(), "{:?}", o.findings);
}

#[test]
fn linhai_has_33_measures_under_9_sections_and_goals() {
    let o = outline("linhai");
    assert_eq!(numbered(&o), (1..=33).collect::<Vec<_>>());
    assert_eq!(sections_of_measures(&o).len(), 9);
    let goals: Vec<_> = o.measures.iter().filter(|m| m.measure == "goals").collect();
    assert_eq!(goals.len(), 7);
    assert_eq!(goals[0].section.as_deref(), Some("(二)发展目标"));
    assert!(goals[1].text.starts_with("——在经济高质量发展上先行。"));
    // Linhai has no lead units anywhere: its parentheses are ordinary ones.
    assert!(o.measures.iter().all(|m| m.lead_units.is_empty()));
}

#[test]
fn zhoushan_tables_measures_and_tasks() {
    let o = outline("zhoushan");
    assert_eq!(numbered(&o), (1..=14).collect::<Vec<_>>());
    assert_eq!(count(&o, "table:"), 39);
    assert_eq!(count(&o, "task:"), 76);
    let t = &o.indicator_tables[0];
    assert_eq!(
        t.header,
        ["类别", "序号", "指标", "2024年 目标值", "牵头单位"]
    );
    let row = |n: u32| t.rows.iter().find(|r| r.number == n).unwrap();
    assert_eq!(row(1).unit.as_deref(), Some("万元"));
    assert_eq!(row(1).value.as_deref(), Some("19"));
    assert_eq!(row(2).category.as_deref(), Some("经济高质量发展"));
    assert_eq!(row(20).value.as_deref(), Some("三分之二以上"));
    assert_eq!(row(33).value.as_deref(), Some(">=95"));
    assert_eq!(row(34).value.as_deref(), Some("<0.019"));
    assert_eq!(row(34).category.as_deref(), Some("基层治理现代化"));
    let subs = |n: u32| {
        row(n)
            .sub_rows
            .iter()
            .map(|s| (s.label.clone(), s.value.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        subs(25),
        [
            ("城镇职工".into(), "85".into()),
            ("城乡居民".into(), "69".into())
        ]
    );
    assert_eq!(
        subs(32),
        [("城镇".into(), "330".into()), ("农村".into(), "120".into())]
    );
    assert_eq!(row(8).sub_rows.len(), 2);
    assert_eq!(row(8).sub_rows[1].unit.as_deref(), Some("%"));
    assert_eq!(row(12).lead_units, ["市资规局", "市农业农村局"]);
    // Tasks: numbered targets split, 重点任务 carried down, broken rows re-joined.
    let tasks = &o.task_tables[0].rows;
    assert_eq!(
        tasks.iter().map(|r| r.number).collect::<Vec<_>>(),
        (1..=76).collect::<Vec<_>>()
    );
    assert_eq!(
        tasks[0].targets,
        [
            "规上工业增加值增长9%左右。",
            "数字经济核心产业增加值增长10%左右。",
            "规上工业企业数字化改造覆盖率达85%。"
        ]
    );
    assert_eq!(tasks[1].task.as_deref(), Some("夯实共同富裕物质基础"));
    let t36 = &tasks[35];
    assert!(
        t36.arrangements.starts_with("1.推动小微企业园提质升级"),
        "{}",
        t36.arrangements
    );
    let t50 = &tasks[49];
    assert_eq!(t50.task.as_deref(), Some("推进公共服务均衡可及"));
    assert_eq!(t50.measure, "深化美丽舟山建设");
    // Prose measures carry the lead units after their sentences.
    let m1 = o.measures.iter().find(|m| m.measure == "1").unwrap();
    assert_eq!(
        &m1.lead_units[..3],
        ["市经信局", "市市场监管局", "市数据局"]
    );
    let m10 = o.measures.iter().find(|m| m.measure == "10").unwrap();
    assert!(
        !m10.lead_units.iter().any(|u| u == "街道" || u == "区"),
        "{:?}",
        m10.lead_units
    );
    assert!(o.findings.is_empty(), "{:?}", o.findings);
}

#[test]
fn ordinary_parentheses_are_not_lead_units() {
    let rules = &ws().rules.structure.lead_units;
    for text in [
        "住院报销(含大病保险)。",
        "信托基金(REITS)。",
        "引进高层次人才(团队)。",
        "乡镇(街道)。",
        "县(市、区)。",
    ] {
        assert!(
            structure::lead::lead_units(rules, text).is_empty(),
            "{text}"
        );
    }
    assert_eq!(
        structure::lead::lead_units(
            rules,
            "推进工业“智改数转”(市经信局、市市场监管局、市数据局)。"
        ),
        ["市经信局", "市市场监管局", "市数据局"]
    );
}

/// Every measure's reported original line range holds its text.
#[test]
fn every_measure_is_traceable_to_its_lines() {
    let pinyin = regex::Regex::new(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*\)").unwrap();
    for region in ["zhejiang", "ningbo", "fenghua", "linhai", "zhoushan"] {
        let d = doc(region);
        let o = structure::parse(&ws().rules.structure, &d);
        let original: Vec<&str> = d.loaded.text.lines().collect();
        for m in &o.measures {
            let range = original[m.source.line_start - 1..m.source.line_end].join("\n");
            let range = gongfu::normalize::script::t2s().convert(&pinyin.replace_all(&range, ""));
            // Compare Han characters only: width folding and whitespace differ by design.
            let han = |c: &char| ('\u{4E00}'..='\u{9FFF}').contains(c);
            let range: String = range.chars().filter(han).collect();
            let probe: String = m.text.chars().filter(han).take(12).collect();
            assert!(
                range.contains(&probe),
                "{region} {}: lines {}-{} do not hold {probe}",
                m.measure,
                m.source.line_start,
                m.source.line_end
            );
        }
    }
}

#[test]
fn outlines_snapshot() {
    for region in ["zhejiang", "ningbo", "fenghua", "linhai", "zhoushan"] {
        let out = assert_cmd::Command::cargo_bin("gongfu")
            .unwrap()
            .args(["--color", "never", "outline", region])
            .output()
            .unwrap();
        assert!(out.status.success());
        insta::assert_snapshot!(
            format!("outline_{region}"),
            String::from_utf8(out.stdout).unwrap()
        );
    }
}

#[test]
fn zhoushan_tables_json_snapshot() {
    let o = outline("zhoushan");
    insta::assert_json_snapshot!("zhoushan_indicator_table", o.indicator_tables);
    insta::assert_json_snapshot!("zhoushan_task_table_first_10", o.task_tables[0].rows[..10]);
}
