//! Extraction throughput: structure and targets over the bundled corpus, and over each plan
//! replicated 100 times (numbers in the README's performance section).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongfu::normalize::normalize;
use gongfu::structure;
use gongfu::workspace::{Doc, Workspace};
use std::hint::black_box;

fn docs(ws: &Workspace, times: usize) -> Vec<Doc> {
    ws.corpus
        .manifest
        .documents
        .iter()
        .map(|d| {
            let (region, meta, mut loaded) = ws.load_region(&d.region).unwrap();
            loaded.text = format!("{}\n", loaded.text).repeat(times);
            let normalized = normalize(&ws.rules.normalize, &loaded.text);
            Doc {
                region: Some(region),
                meta: Some(meta),
                loaded,
                normalized,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let ws = Workspace::open(None, None).unwrap();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    for times in [1, 100] {
        let docs = docs(&ws, times);
        let bytes: usize = docs.iter().map(|d| d.loaded.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("corpus×{times}"), |b| {
            b.iter(|| {
                let ex = ws.rules.extractor();
                let mut n = 0;
                for d in &docs {
                    let o = structure::parse(&ws.rules.structure, black_box(d));
                    n += ex.document(d, &o).len();
                }
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
