//! The command-line adapter: `dateline check | annotate | timeline | lsp | ...`.

pub mod sarif;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// dateline: who is who, when is when, and what does not add up in a folder of news articles.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the language server over stdio (for editors).
    Lsp,
}

/// Parses the arguments and runs the command; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dateline lsp: {e}");
                ExitCode::from(2)
            }
        },
    }
}
