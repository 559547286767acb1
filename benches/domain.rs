//! Native benchmarks of the domain at 10,000 customers: `cargo bench --bench domain`.
//! The same workload runs in WebAssembly in Chromium in `tests/bench_wasm.rs`, where the
//! budgets apply (docs/PERFORMANCE.md): every offer for one customer ≤ 1 ms; 3,000,000
//! customer × offer decisions ≤ 100 ms.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

fn domain(c: &mut Criterion) {
    let f = common::fixture();
    common::check_counts(&f);
    let mut eligibility = c.benchmark_group("eligibility");
    eligibility.bench_function("every_offer_one_customer", |b| {
        b.iter(|| common::every_offer_one_customer(black_box(&f)))
    });
    // 3,000,000 decisions per iteration: fewer, longer samples.
    eligibility
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    eligibility.bench_function("every_customer_every_offer", |b| {
        b.iter(|| common::every_customer_every_offer(black_box(&f)))
    });
    eligibility.finish();
    c.bench_function("cart/check_20_lines", |b| {
        b.iter(|| common::cart_check_20_lines(black_box(&f)))
    });
    c.bench_function("account/validate_form", |b| {
        b.iter(|| common::validate_form(black_box(&f)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = domain
}
criterion_main!(benches);
