//! Reference test: ferrous-opencc's t2s must match the C++ OpenCC (libopencc 1.1) exactly on
//! the traditional document of the corpus. Run with `cargo test --features opencc-reference`
//! (needs `apt-get install libopencc-dev`); `.ci/run` does both when it runs as root.
#![cfg(feature = "opencc-reference")]

use gongfu::normalize::script::t2s;
use opencc_rust::{DefaultConfig, OpenCC};

#[test]
fn t2s_matches_cpp_opencc_on_zhejiang() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/zhejiang.txt"))
        .unwrap();
    let cpp = OpenCC::new(DefaultConfig::T2S).expect("system OpenCC with t2s.json");
    let ours = t2s().convert(&text);
    let theirs = cpp.convert(&text);
    assert!(ours.chars().count() > 30_000);
    assert_ne!(
        ours, text,
        "the document is traditional, so t2s must change it"
    );
    for (n, (a, b)) in ours.lines().zip(theirs.lines()).enumerate() {
        assert_eq!(a, b, "line {} differs", n + 1);
    }
    assert_eq!(ours, theirs);
    // gongfu converts line by line after pinyin removal; each line must match too.
    let ws = gongfu::workspace::Workspace::open(None, None).unwrap();
    let doc = ws.resolve("zhejiang").unwrap();
    let theirs_normalized: Vec<String> = doc
        .normalized
        .text
        .as_str()
        .lines()
        .map(|l| cpp.convert(l))
        .collect();
    for (a, b) in doc.normalized.text.as_str().lines().zip(&theirs_normalized) {
        assert_eq!(
            a,
            b.as_str(),
            "C++ OpenCC would convert a normalized line further"
        );
    }
}
