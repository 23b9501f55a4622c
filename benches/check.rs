//! `gongfu check` on the bundled corpus, end to end after the rules are compiled: decode,
//! normalize, structure and extract every plan, pair and judge (goal: under 100 ms in release).
//! Also the pairing and judging alone, on plans already extracted.

use criterion::{Criterion, criterion_group, criterion_main};
use gongfu::check::{self, Checker, Options};
use gongfu::workspace::Workspace;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let ws = Workspace::open(None, None).unwrap();
    c.bench_function("check/bundled corpus (load to findings)", |b| {
        b.iter(|| black_box(check::run(&ws, &[], Options::default()).unwrap()))
    });
    c.bench_function("check/bundled corpus --all (load to findings)", |b| {
        b.iter(|| black_box(check::run(&ws, &[], Options { all: true }).unwrap()))
    });
    let regions = check::selected(&ws, &[]).unwrap();
    let plans = check::plans(&ws, &regions).unwrap();
    let checker = Checker {
        ws: &ws,
        rules: &ws.rules.checks,
        options: Options { all: true },
    };
    c.bench_function("check/pair and judge only (fenghua → ningbo)", |b| {
        let (f, n) = (
            plans.iter().find(|p| p.region == "fenghua").unwrap(),
            plans.iter().find(|p| p.region == "ningbo").unwrap(),
        );
        b.iter(|| black_box(checker.against(f, n, Vec::new())))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
