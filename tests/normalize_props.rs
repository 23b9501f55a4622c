//! Property tests: on text assembled from real corpus lines and quirk snippets, normalization
//! is idempotent and every character maps back to an original character it came from.

mod common;
use common::ws;
use gongfu::normalize::normalize;
use proptest::prelude::*;

/// Lines of every bundled document plus the quirks they contain, as building blocks.
fn pieces() -> Vec<String> {
    let mut out: Vec<String> = ["zhejiang", "ningbo", "fenghua", "linhai", "zhoushan"]
        .iter()
        .flat_map(|r| {
            let (_, _, loaded) = ws().load_region(r).unwrap();
            loaded
                .text
                .lines()
                .map(|l| l.chars().take(120).collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    out.extend(
        [
            "學(xué)習(xí)",
            "(下轉(zhuǎn)第二版)",
            "【**紧接第2版**】",
            "?;竟卜?wù)",
            "“双招双引”4工作",
            "１０—５０万元",
            "≥95",
            "",
            "   ",
            "(REITS)",
            "进入老年版",
            "?",
        ]
        .map(String::from),
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn idempotent_and_traceable(picks in prop::collection::vec(any::<prop::sample::Index>(), 1..12)) {
        let pieces = pieces();
        let original: String = picks.iter().map(|i| i.get(&pieces).as_str()).collect::<Vec<_>>().join("\n");
        let rules = &ws().rules.normalize;
        let once = normalize(rules, &original);
        let twice = normalize(rules, once.text.as_str());
        prop_assert_eq!(twice.text.as_str(), once.text.as_str());
        if let Err(e) = common::check_traceable(&original, &once) {
            prop_assert!(false, "{}", e);
        }
        let chars: Vec<char> = original.chars().collect();
        let origins = once.text.origins();
        prop_assert_eq!(origins.len(), once.text.as_str().chars().count());
        let mut last = 0;
        for (c, o) in once.text.as_str().chars().zip(origins) {
            prop_assert!((o as usize) < chars.len().max(1), "origin {} out of range", o);
            // Origins never go backwards: normalization deletes and replaces, it never reorders.
            prop_assert!(o >= last, "{c:?} maps to {o} after {last}");
            last = o;
        }
    }
}
