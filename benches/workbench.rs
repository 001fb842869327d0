//! How long one keystroke takes in the workbench: the action, the engine's re-assessment and
//! the frame drawn at 160×48 (into ratatui's test backend, so the terminal's own speed is
//! left out), on generated budgets of 1,000 and 100,000 lines. Besides criterion's figures it
//! prints the 50th, 99th percentile and worst time of every keystroke it measured. Figures
//! and how to reproduce them: docs/performance.md.

use coprod::tui::action::Action;
use coprod::tui::app::App;
use coprod::tui::rows::Row;
use coprod::tui::{theme::Theme, view};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

mod generated;

fn bench_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_to_frame_160x48");
    group.sample_size(30);
    for lines in [1_000usize, 100_000] {
        let mut app = App::new(generated::project(lines), generated::rules());
        while !matches!(app.rows().get(app.cursor()), Some(Row::Line(_))) {
            app.perform(Action::CursorDown);
        }
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        let theme = Theme::DARK;
        let mut times: Vec<Duration> = Vec::new();
        let mut forward = true;
        group.bench_with_input(BenchmarkId::from_parameter(lines), &lines, |b, _| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    // Back and forth, so the project stays the same size however long it runs.
                    let action = if forward {
                        Action::MoveNext
                    } else {
                        Action::MovePrevious
                    };
                    forward = !forward;
                    let start = Instant::now();
                    app.perform(action);
                    terminal
                        .draw(|f| view::draw(f, &app, &theme))
                        .expect("draw");
                    let took = start.elapsed();
                    times.push(took);
                    total += took;
                }
                total
            })
        });
        times.sort();
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!(
            "keystroke → frame, {lines} lines: {} keystrokes, p50 {:.2?}, p99 {:.2?}, worst {:.2?}",
            times.len(),
            at(0.50),
            at(0.99),
            times[times.len() - 1]
        );
    }
    group.finish();
}

criterion_group!(benches, bench_keystroke);
criterion_main!(benches);
