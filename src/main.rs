//! The `claimcheck` binary: all the work is in the library.
fn main() -> std::process::ExitCode {
    claimcheck::cli::main()
}
