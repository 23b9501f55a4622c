//! Normalization throughput. Goals (issue #2): at least 20 MB/s on one core for traditional text
//! and 100 MB/s for simplified text. Figures are recorded in the README's performance section.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongfu::normalize::normalize;
use gongfu::workspace::Workspace;
use std::hint::black_box;

fn texts(ws: &Workspace) -> (String, String) {
    let mut traditional = String::new();
    let mut simplified = String::new();
    for d in &ws.corpus.manifest.documents {
        let (_, _, loaded) = ws.load_region(&d.region).unwrap();
        if d.region == "zhejiang" {
            traditional.push_str(&loaded.text);
        } else {
            simplified.push_str(&loaded.text);
            simplified.push('\n');
        }
    }
    (traditional, simplified)
}

fn bench(c: &mut Criterion) {
    let ws = Workspace::open(None, None).unwrap();
    let rules = &ws.rules.normalize;
    let (traditional, simplified) = texts(&ws);
    let mut group = c.benchmark_group("normalize");
    group.sample_size(10);
    for (name, text) in [("traditional", &traditional), ("simplified", &simplified)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{name}/corpus"), |b| {
            b.iter(|| normalize(rules, black_box(text)))
        });
        let big = text.repeat(100);
        group.throughput(Throughput::Bytes(big.len() as u64));
        group.bench_function(format!("{name}/corpus×100"), |b| {
            b.iter(|| normalize(rules, black_box(&big)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
