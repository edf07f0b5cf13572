//! The `dateline` binary: everything is in the library's `cli` module.

fn main() -> std::process::ExitCode {
    dateline::cli::main()
}
