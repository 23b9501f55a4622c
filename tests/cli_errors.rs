//! Command-line behaviour on bad input: clear errors naming the file and position, exit code 2,
//! never a panic.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

fn gongfu() -> Command {
    let mut c = Command::cargo_bin("gongfu").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn corpus_with(manifest: &str, files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("manifest.yaml"), manifest).unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

const ONE_REGION: &str = "regions:\n  - id: a\n    name: 甲市\n    tier: city\n";

#[test]
fn empty_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("empty.txt");
    fs::write(&p, b"").unwrap();
    gongfu()
        .args(["normalize", p.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.txt: the file is empty"));
}

#[test]
fn binary_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("plan.pdf");
    fs::write(&p, b"%PDF-1.7\n\x00\x01\x02binary").unwrap();
    gongfu()
        .args(["normalize", p.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "plan.pdf: looks binary: NUL byte at offset 9 (line 2)",
        ));
}

#[test]
fn gbk_file_decodes() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("gbk.txt");
    let (bytes, _, _) =
        encoding_rs::GBK.encode("一、目标任务\n到2025年,居民人均可支配收入达到7.5万元。\n");
    fs::write(&p, &bytes).unwrap();
    gongfu()
        .args(["normalize", p.to_str().unwrap()])
        .assert()
        .success()
        .stdout("一、目标任务\n到2025年,居民人均可支配收入达到7.5万元。\n");
}

#[test]
fn big5_traditional_file_decodes_and_converts() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("big5.txt");
    let (bytes, _, _) = encoding_rs::BIG5
        .encode("推進城鄉區域協調發展,常住人口城鎮化率達到75%。縣域經濟實現高質量發展。\n");
    fs::write(&p, &bytes).unwrap();
    gongfu()
        .args(["normalize", p.to_str().unwrap()])
        .assert()
        .success()
        .stdout("推进城乡区域协调发展,常住人口城镇化率达到75%。县域经济实现高质量发展。\n");
}

#[test]
fn manifest_cycle_is_an_error() {
    let dir = corpus_with(
        "regions:\n  - id: a\n    name: A\n    tier: city\n    parent: b\n  - id: b\n    name: B\n    tier: city\n    parent: a\n",
        &[],
    );
    gongfu()
        .args(["--corpus", dir.path().to_str().unwrap(), "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "manifest.yaml:9:5: manifest error: the parent chain loops: a → b → a",
        ));
}

#[test]
fn manifest_path_escaping_the_corpus_is_an_error() {
    let m = format!(
        "{ONE_REGION}documents:\n  - region: a\n    title: T\n    target_year: 2025\n    file: ../secret.txt\n"
    );
    let dir = corpus_with(&m, &[]);
    gongfu()
        .args(["--corpus", dir.path().to_str().unwrap(), "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "manifest.yaml:9:5: manifest error: file `../secret.txt` escapes the corpus directory",
        ));
}

#[test]
fn manifest_duplicate_id_is_an_error() {
    let m = format!("{ONE_REGION}  - id: a\n    name: 乙市\n    tier: city\n");
    let dir = corpus_with(&m, &[]);
    gongfu()
        .args(["--corpus", dir.path().to_str().unwrap(), "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "manifest.yaml:5:5: manifest error: duplicate region id `a`",
        ));
}

#[test]
fn malformed_manifest_yaml_shows_line_and_column() {
    let dir = corpus_with("regions:\n  - id: a\n    name: [甲\n    tier: city\n", &[]);
    gongfu()
        .args(["--corpus", dir.path().to_str().unwrap(), "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"manifest\.yaml:\d+:\d+: manifest error: ").unwrap());
}

#[test]
fn malformed_rule_pattern_names_the_rule() {
    let dir = TempDir::new().unwrap();
    let bundled =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/normalize.yaml")).unwrap();
    let broken = bundled.replace("pattern: '^进入老年版$'", "pattern: '^进入老年版($'");
    fs::write(dir.path().join("normalize.yaml"), broken).unwrap();
    gongfu()
        .args([
            "--rules",
            dir.path().to_str().unwrap(),
            "normalize",
            "fenghua",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::is_match(
                r"normalize\.yaml:\d+:\d+: rule error: rule `site-elder-mode`: regex parse error",
            )
            .unwrap(),
        );
}

#[test]
fn user_corpus_works_like_the_bundled_one() {
    let m = format!(
        "{ONE_REGION}documents:\n  - region: a\n    title: 甲市方案\n    target_year: 2025\n    file: plans/a.txt\n"
    );
    let dir = corpus_with(&m, &[]);
    fs::create_dir(dir.path().join("plans")).unwrap();
    fs::write(
        dir.path().join("plans/a.txt"),
        "甲市方案\n１．全市常住人口城镇化率达到７５％。\n",
    )
    .unwrap();
    gongfu()
        .args(["--corpus", dir.path().to_str().unwrap(), "normalize", "a"])
        .assert()
        .success()
        .stdout("甲市方案\n1.全市常住人口城镇化率达到75%。\n");
}

#[test]
fn unknown_region_lists_the_known_ones() {
    gongfu()
        .args(["normalize", "hangzhou"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`hangzhou` is neither a region of the corpus nor a file; regions with a document: zhejiang, ningbo, zhoushan, fenghua, linhai"));
    gongfu()
        .args(["normalize", "taizhou"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "region `taizhou` (台州市) has no document",
        ));
}

#[test]
fn unsupported_format_is_a_usage_error() {
    gongfu()
        .args(["normalize", "fenghua", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does not support --format csv; use one of: text",
        ));
}

#[test]
fn corpus_command_shows_the_tier_tree() {
    let out = gongfu()
        .arg("corpus")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    insta::assert_snapshot!(out);
}

#[test]
fn corpus_json_lists_every_region() {
    let out = gongfu()
        .args(["corpus", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let regions = v["regions"].as_array().unwrap();
    let ids: Vec<&str> = regions.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "zhejiang", "ningbo", "fenghua", "zhoushan", "taizhou", "linhai"
        ]
    );
    assert_eq!(regions[0]["document"]["script"], "traditional");
    assert_eq!(regions[3]["document"]["target_year"], 2024);
    assert!(regions[4]["document"].is_null());
}

#[test]
fn normalize_stats_json_reports_footnotes_and_drops() {
    let out = gongfu()
        .args(["normalize", "linhai", "--stats", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["report"]["footnotes"].as_array().unwrap().len(), 11);
    assert_eq!(v["report"]["dropped_lines"].as_array().unwrap().len(), 20);
    assert_eq!(v["encoding"], "UTF-8");
}

#[test]
fn normalize_diff_shows_changed_lines() {
    gongfu()
        .args(["normalize", "fenghua", "--diff"])
        .assert()
        .success()
        .stdout(predicate::str::contains("-    1 | 进入老年版\n"))
        .stdout(predicate::str::contains("lines changed"));
}

fn plan_file(dir: &TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn document_without_measures_gives_a_finding() {
    let dir = TempDir::new().unwrap();
    let p = plan_file(
        &dir,
        "prose.txt",
        "某市共同富裕方案\n坚持以人民为中心,推动高质量发展。\n",
    );
    gongfu()
        .args(["extract", "--what", "measures", &p])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "prose.txt:1:1: note [numbering]: no numbered measures found",
        ));
}

#[test]
fn odd_numbering_and_wide_rows_give_findings_not_panics() {
    let dir = TempDir::new().unwrap();
    let p = plan_file(
        &dir,
        "odd.txt",
        "一、重点任务\n1.第一项。\n3.\n3.第三项。\n2.第二项。\n表:指标\n类别 | 序号 | 指标 | 目标值 | 牵头单位\n经济 | 1 | 人均GDP(万元) | 19 | 市发改委 | 多 | 余\n",
    );
    let out = gongfu()
        .args(["outline", &p])
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("odd.txt:4:1: warning [numbering]: measure 2 is missing between 1 and 3"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "odd.txt:5:1: warning [numbering]: measure 2 comes after measure 3: out of order"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("odd.txt:8:1: warning [table]: table row has 7 cells but the header has 5; cells past the header's are ignored: 多 | 余"),
        "{stdout}"
    );
    assert!(
        stdout.contains("     1  第一项\n     3  第三项\n     2  第二项\n"),
        "{stdout}"
    );
}

#[test]
fn ten_megabyte_single_line_file_is_handled() {
    let dir = TempDir::new().unwrap();
    let line = "推进共同富裕,居民人均可支配收入达到7.5万元。".repeat(180_000);
    assert!(line.len() > 10_000_000);
    let p = plan_file(&dir, "huge.txt", &line);
    gongfu()
        .args(["-q", "extract", "--what", "measures", "--format", "jsonl", &p])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "{\"region\":\"huge\",\"doc\":\"huge.txt\",\"part\":null,\"section\":null,\"theme\":null,\"measure\":\"para:1\"",
        ));
    // Targets too: one per sentence, read in linear time.
    let out = gongfu()
        .args(["-q", "extract", "--format", "jsonl", &p])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 180_000);
}

#[test]
fn extract_measures_json_has_exactly_the_documented_fields() {
    let out = gongfu()
        .args([
            "extract", "--what", "measures", "--format", "json", "fenghua",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 130);
    let first = items.iter().find(|m| m["measure"] == "1").unwrap();
    let keys = common::sorted_keys(first);
    assert_eq!(
        keys,
        [
            "doc",
            "lead_units",
            "measure",
            "part",
            "region",
            "section",
            "source",
            "text",
            "theme"
        ]
    );
    assert_eq!(first["source"]["file"], "corpus/fenghua.txt");
    assert_eq!(first["source"]["line_start"], 36);
    assert_eq!(first["lead_units"][0], "区科技局");
    assert_eq!(first["doc"], "fenghua.txt");
}

#[test]
fn extract_csv_with_bom_opens_in_excel() {
    let out = gongfu()
        .args([
            "extract", "--what", "measures", "--format", "csv", "--bom", "zhoushan",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.starts_with(
        "\u{feff}region,doc,part,section,theme,measure,lead_units,text,file,line_start,line_end\r\n"
    ));
    assert!(s.contains("zhoushan,zhoushan.txt,一、指标目标,,经济高质量发展,table:1,市发改委,"));
}
