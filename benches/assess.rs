//! How long `assess` takes on generated budgets of 1,000, 10,000 and 100,000 lines with 20
//! programs across 5 territories. Figures and how to reproduce them: docs/performance.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

mod generated;
use coprod::engine::assess;
use generated::{project, rules};

fn bench_assess(c: &mut Criterion) {
    let rules = rules();
    let mut group = c.benchmark_group("assess");
    for lines in [1_000usize, 10_000, 100_000] {
        let project = project(lines);
        let scenario = &project.scenarios()[0];
        group.throughput(Throughput::Elements(lines as u64));
        group.bench_with_input(BenchmarkId::from_parameter(lines), &lines, |b, _| {
            b.iter(|| black_box(assess(black_box(&project), scenario, &rules)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_assess);
criterion_main!(benches);
