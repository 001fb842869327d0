//! How long the optimiser takes on a generated budget of 2,000 lines spread over 5
//! territories with 20 programs (minimums, bands, cliffs, caps, exclusive groups, aid
//! ceilings): every line may move, so the search, not the exhaustive mode, runs. Figures and
//! how to reproduce them: docs/performance.md.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

mod generated;
use coprod::optimise::{Options, optimise};
use generated::{project, rules};

fn bench_optimise(c: &mut Criterion) {
    let rules = rules();
    let project = project(2_000);
    let scenario = &project.scenarios()[0];
    let mut group = c.benchmark_group("optimise");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("2000 lines, 5 territories", |b| {
        b.iter(|| black_box(optimise(&project, scenario, &rules, &Options::default())))
    });
    group.finish();
}

criterion_group!(benches, bench_optimise);
criterion_main!(benches);
