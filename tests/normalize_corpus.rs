//! Normalization on the real bundled corpus: every quirk listed in the seeds README.

mod common;
use common::{doc, line_starting, ws};

const REGIONS: [&str; 5] = ["zhejiang", "ningbo", "zhoushan", "fenghua", "linhai"];

#[test]
fn zhejiang_goals_paragraph_is_clean_simplified() {
    let d = doc("zhejiang");
    assert_eq!(d.normalized.report.script.as_str(), "traditional");
    insta::assert_snapshot!(line_starting(&d, "——率先基本形成以中等收入群体"));
}

#[test]
fn zhejiang_pinyin_is_gone_but_other_parentheses_stay() {
    let d = doc("zhejiang");
    let text = d.normalized.text.as_str();
    assert!(
        text.starts_with("为深入学习贯彻习近平新时代中国特色社会主义思想"),
        "{}",
        &text[..60]
    );
    assert!(!text.contains("(xué)") && !text.contains("(shè)"));
    let pinyin = d
        .normalized
        .report
        .counts
        .iter()
        .find(|c| c.rule == "pinyin-annotation")
        .unwrap();
    assert_eq!(pinyin.count, 2858);
    // Parentheses that are not pinyin survive.
    assert!(text.contains("股权投资企业(QFLP)试点") && text.contains("电子贸易平台(eWTP)发展"));
    assert!(text.contains("90%以上县(市、区)成为全"));
}

#[test]
fn zhejiang_page_markers_and_running_heads_are_removed_and_paragraphs_rejoined() {
    let d = doc("zhejiang");
    let text = d.normalized.text.as_str();
    for marker in ["下转第", "紧接第", "上接第", "下轉", "緊接"] {
        assert!(!text.contains(marker), "{marker} left in text");
    }
    // "2.0版" and "3.0版" are not page markers.
    assert!(text.contains("传统制造业改造提升2.0版"));
    assert!(text.contains("网上技术市场3.0版"));
    // The running head repeated after each 下转 marker is dropped; the title line itself is not in
    // this document (it starts with the preamble).
    assert_eq!(text.matches("示范区实施方案(2021-2025年)\n").count(), 0);
    // ——和谐之美 continues across the page break into 社会主义民主法治 on one line, with the lost
    // first character of the garbled marker shown as U+FFFD.
    let harmony = line_starting(&d, "——和谐之美更加彰显");
    assert!(
        harmony.contains("现代化社会。�社会主义民主法治更加健全"),
        "{harmony}"
    );
    let joins = d
        .normalized
        .report
        .counts
        .iter()
        .find(|c| c.rule == "page-break")
        .unwrap();
    assert_eq!(joins.count, 3);
}

#[test]
fn zhejiang_mojibake_is_marked_unreadable_with_positions() {
    let d = doc("zhejiang");
    let r = &d.normalized.report;
    assert_eq!(r.unreadable.len(), 22);
    let first = &r.unreadable[0];
    assert_eq!(first.text, "?;竟卜?wù)");
    assert_eq!((first.start.line, first.start.column), (8, 67));
    assert!(first.repaired.is_none());
    assert!(r.unreadable.iter().any(|u| u.text.starts_with("?xí)裾")));
    // The two garbled "(緊接第N版)" markers are repaired (a rule confirms the re-aligned bytes).
    let repaired: Vec<_> = r
        .unreadable
        .iter()
        .filter_map(|u| u.repaired.clone())
        .collect();
    assert_eq!(repaired, ["（緊", "（緊"]);
    // Nothing garbled reaches the normalized text.
    let text = d.normalized.text.as_str();
    for garbage in ["竟卜", "窘ǔ", "嵤┬", "?"] {
        assert!(!text.contains(garbage), "{garbage} survived");
    }
    insta::assert_yaml_snapshot!(r.unreadable);
}

#[test]
fn zhejiang_web_tail_is_removed() {
    let d = doc("zhejiang");
    let text = d.normalized.text.as_str();
    assert!(
        text.ends_with("走共建共治共享的共同富裕之路。"),
        "{}",
        &text[text.len() - 60..]
    );
    assert!(!text.contains("查看详情") && !text.contains("20152 本部"));
}

#[test]
fn fenghua_header_is_removed() {
    let d = doc("fenghua");
    let head: Vec<&str> = d.normalized.text.as_str().lines().take(3).collect();
    insta::assert_snapshot!(head.join("\n"));
    let dropped: Vec<&str> = d
        .normalized
        .report
        .dropped_lines
        .iter()
        .map(|l| l.rule.as_str())
        .collect();
    assert_eq!(
        dropped,
        [
            "site-elder-mode",
            "site-index-number",
            "site-disclosure",
            "site-issuer-date",
            "site-font-widget"
        ]
    );
    // 88 keeps its malformed number; lead units survive.
    assert!(line_starting(&d, "88完善").contains("(牵头单位:"));
}

#[test]
fn linhai_footnotes_are_removed_and_kept() {
    let d = doc("linhai");
    let notes = &d.normalized.report.footnotes;
    assert_eq!(notes.len(), 11);
    insta::assert_yaml_snapshot!(notes);
    let text = d.normalized.text.as_str();
    for clean in [
        "“双招双引”工作",
        "“两新一重”建设",
        "发展新格局。",
        "“五企”培育体系",
        "一带串联、双城驱动",
    ] {
        assert!(text.contains(clean), "{clean} missing");
    }
    // Real values next to terms survive.
    for value in [
        "人才资源总量达到23万人",
        "新增上市企业12家",
        "质量奖3家",
        "3A级景区村庄25个",
        "5G",
    ] {
        assert!(text.contains(value), "{value} lost");
    }
    // The web page around the plan is gone, the plan's own letter and signature stay.
    assert!(
        text.starts_with("各镇(街道)党委(党工委)和政府(办事处),市直属各单位:"),
        "{}",
        &text[..80]
    );
    assert!(text.ends_with("附件:名词解释"));
    assert!(
        !text.contains("农交网APP") && !text.contains("400-6666-737") && !text.contains("转载")
    );
    // ... while "APP" inside the plan's own text is not debris.
    assert!(text.contains("探访+扫码服务+APP评价"));
    assert!(
        text.contains("信托基金(REITS)试点"),
        "a non-pinyin parenthesis was touched"
    );
}

#[test]
fn ningbo_measure_68_is_rejoined() {
    let d = doc("ningbo");
    assert_eq!(
        line_starting(&d, "68. "),
        "68. 充分发挥集中财力办大事财政政策体系优势,持续推进财政事权和支出责任划分改革,强化财政政策和财政资源统筹,逐步提高市级财政比重,增强财政对推进共同富裕的中长期保障能力。"
    );
    let text = d.normalized.text.as_str();
    assert!(text.starts_with(
        "宁波高质量发展建设共同富裕先行市行动计划(2021-2025年)\n实现农村集体经营性建设用地"
    ));
    assert!(text.ends_with("全市小微企业信用贷款规模达1500亿元以上。"));
    assert!(line_starting(&d, "99. ").contains("重大慢病过早死亡率控制在8.5%以上"));
}

#[test]
fn names_with_digits_survive_everywhere() {
    let all: String = REGIONS
        .iter()
        .map(|r| doc(r).normalized.text.as_str().to_string())
        .collect();
    for name in ["5G", "3号青创大走廊", "1+X", "2.0版", "浙委发〔2021〕17号"] {
        assert!(all.contains(name), "{name} lost");
    }
}

/// Every digit of an original file survives normalization unless a reported step took it:
/// a dropped line, a page marker, a footnote marker or an unreadable span.
#[test]
fn no_figure_is_lost_silently() {
    for region in REGIONS {
        let d = doc(region);
        let kept: std::collections::HashSet<u32> =
            d.normalized.text.origins().iter().copied().collect();
        let dropped: std::collections::HashSet<usize> = d
            .normalized
            .report
            .dropped_lines
            .iter()
            .map(|l| l.line)
            .collect();
        let footnotes: Vec<_> = d
            .normalized
            .report
            .footnotes
            .iter()
            .map(|f| f.position)
            .collect();
        let original: Vec<&str> = d.loaded.text.lines().collect();
        for (i, c) in d.loaded.text.chars().enumerate() {
            if !c.is_ascii_digit() && !('０'..='９').contains(&c) || kept.contains(&(i as u32)) {
                continue;
            }
            let pos = d.normalized.index.position(i as u32);
            let line = original[pos.line - 1];
            let accounted = dropped.contains(&pos.line)
                || footnotes.iter().any(|f| {
                    f.line == pos.line && f.column <= pos.column && pos.column <= f.column + 1
                })
                || line.contains("版")
                || d.normalized
                    .report
                    .unreadable
                    .iter()
                    .any(|u| u.start <= pos && pos <= u.end);
            assert!(accounted, "{region}: digit {c} at {pos} vanished: {line}");
        }
    }
}

/// Each normalized character maps to the original character it came from.
#[test]
fn provenance_points_at_the_source_character() {
    for region in REGIONS {
        let d = doc(region);
        if let Err(e) = common::check_traceable(&d.loaded.text, &d.normalized) {
            panic!("{region}: {e}");
        }
    }
}

#[test]
fn normalization_is_idempotent_on_the_corpus() {
    let rules = &ws().rules.normalize;
    for region in REGIONS {
        let once = doc(region).normalized.text.as_str().to_string();
        let twice = gongfu::normalize::normalize(rules, &once);
        assert_eq!(twice.text.as_str(), once, "{region}");
    }
}

#[test]
fn simplified_documents_take_the_fast_path() {
    for region in ["ningbo", "fenghua", "linhai", "zhoushan"] {
        let r = doc(region).normalized.report;
        assert_eq!(r.script.as_str(), "simplified", "{region}");
        assert_eq!(r.converted_chars, 0, "{region}");
    }
}
