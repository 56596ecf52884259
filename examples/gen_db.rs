//! Writes a synthetic claims database to stdout: the shipped claims plus K generated ones in
//! the real schema, each with its own terms, facts, period and source.
//!
//! `cargo run --release --example gen_db -- --claims 10000 > claims-10k.toml`

#[path = "../bench/gen.rs"]
mod generator;

use std::io::Write;

fn main() -> std::process::ExitCode {
    let mut claims = 1000_usize;
    let mut seed = 1_u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().unwrap_or_default();
        let ok = match a.as_str() {
            "--claims" => value.parse().map(|v| claims = v).is_ok(),
            "--seed" => value.parse().map(|v| seed = v).is_ok(),
            _ => false,
        };
        if !ok {
            eprintln!("usage: gen_db [--claims K] [--seed N]");
            return std::process::ExitCode::from(2);
        }
    }
    let db = generator::synthetic_db(claimcheck::db::EMBEDDED, claims, seed);
    let mut out = std::io::stdout().lock();
    if out.write_all(db.as_bytes()).is_err() {
        return std::process::ExitCode::from(2);
    }
    std::process::ExitCode::SUCCESS
}
