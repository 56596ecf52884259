//! The engine on 1 MB of generated prose (5% of paragraphs about a claim), with the shipped
//! database and with 1,000 synthetic claims: `cargo bench`. divan, not criterion: one small
//! dependency, and a clear table for a handful of benchmarks.

#[path = "../bench/gen.rs"]
mod generator;

use claimcheck::db::{self, Database};

fn main() {
    divan::main();
}

fn corpus() -> String {
    let sentences = generator::example_sentences(db::EMBEDDED);
    generator::corpus(1_000_000, 0.05, 1, &sentences)
}

#[divan::bench(sample_count = 20)]
fn check_1mb_shipped_db(bencher: divan::Bencher) {
    let text = corpus();
    let Ok(db) = Database::embedded() else {
        panic!("the built-in database loads");
    };
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| claimcheck::check::check(&db, divan::black_box(&text)).len());
}

#[divan::bench(sample_count = 20)]
fn check_1mb_1000_claims(bencher: divan::Bencher) {
    let text = corpus();
    let source = generator::synthetic_db(db::EMBEDDED, 1000, 1);
    let Ok(db) = Database::from_sources(&[("synthetic.toml".to_string(), source)]) else {
        panic!("the synthetic database loads");
    };
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| claimcheck::check::check(&db, divan::black_box(&text)).len());
}

#[divan::bench(sample_count = 10)]
fn load_1000_claims(bencher: divan::Bencher) {
    let source = generator::synthetic_db(db::EMBEDDED, 1000, 1);
    let sources = [("synthetic.toml".to_string(), source)];
    bencher.bench(|| Database::from_sources(divan::black_box(&sources)).is_ok());
}
