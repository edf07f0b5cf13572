//! The command-line adapter: `dateline check | annotate | lsp | completions`.
//! Reads files, runs the engine, prints; no analysis happens here.

mod annotate;
mod check;
mod load;
pub mod sarif;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::engine::analysis::AnalysisOptions;
use crate::engine::config::Config;
use crate::engine::finding::Severity;

const EXAMPLES: &str = "\
Examples:
  dateline check seeds                       Check every article in seeds/
  dateline check --format json seeds > findings.json
  dateline annotate --format json seeds/*.txt
  dateline annotate --publication-date 2020-10-09 draft.txt
  dateline completions bash > ~/.local/share/bash-completion/completions/dateline";

/// dateline: who is who, when is when, and what does not add up in a folder of news articles.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report findings (contradictions, date problems, spelling variants) in articles.
    #[command(after_help = "\
Exit status: 0 when no finding reaches the --deny level, 1 when one does, 2 on usage or read errors.

Examples:
  dateline check seeds
  dateline check --deny error --format json articles/ > report.json
  NO_COLOR=1 dateline check draft.md")]
    Check {
        /// Files or folders (folders are searched for *.txt and *.md; see [workspace] in dateline.toml).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Lowest severity that makes the exit status 1.
        #[arg(long, value_enum, default_value_t = DenyLevel::Warning)]
        deny: DenyLevel,
        #[command(flatten)]
        common: Common,
    },
    /// Print the annotation record of each article (entities, times, findings) as JSON Lines.
    #[command(after_help = "\
The record is a public interface: see docs/annotate-json.md.

Examples:
  dateline annotate --format json seeds/*.txt
  dateline annotate --format json --publication-date 2020-10-09 draft.txt | jq .times")]
    Annotate {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format (JSON Lines, one record per article).
        #[arg(long, value_enum, default_value_t = AnnotateFormat::Json)]
        format: AnnotateFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Print the dated events of all articles in order (date, what, who, source article:line).
    #[command(after_help = "\
Examples:
  dateline timeline seeds
  dateline timeline --format csv seeds > timeline.csv
  dateline timeline --format json seeds | jq '.[] | select(.planned | not)'")]
    Timeline {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TimelineFormat::Markdown)]
        format: TimelineFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Run the language server over stdio (for editors).
    Lsp,
    /// Score the analysis against annotated corpora (TimeML, MEANTIME, GUM).
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  dateline completions zsh > ~/.zfunc/_dateline")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// What `dateline eval` scores.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Time expressions, TempEval-3 style: strict and relaxed extraction P/R/F1, value and type accuracy.
    #[command(
        after_help = "Examples:\n  dateline eval timeml corpora/meantime\n  dateline eval timeml --errors corpora/wikiwars/01_WW2.tml"
    )]
    Timeml {
        /// TimeML (.tml) or MEANTIME CAT (.xml) files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// List every missed, spurious and wrongly valued expression.
        #[arg(long)]
        errors: bool,
    },
    /// Named entities: exact-span and overlap P/R/F1 per type on GUM (.conllu) and MEANTIME (.xml).
    #[command(
        after_help = "Examples:\n  dateline eval entities corpora/meantime/corpus_stock\n  dateline eval entities corpora/gum/GUM_news_iodine.conllu"
    )]
    Entities {
        /// GUM CoNLL-U or MEANTIME CAT files or folders (a GUM folder is scored on its test split).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Options shared by the commands that read articles.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// Use this publication date for every article (YYYY-MM-DD), whatever the header says.
    #[arg(long, value_parser = parse_date)]
    publication_date: Option<NaiveDate>,
    /// Settings file (default: dateline.toml in the folder of the first path or above).
    #[arg(long)]
    config: Option<PathBuf>,
    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// `check` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// `annotate` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnnotateFormat {
    Json,
}

/// `timeline` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Markdown,
    Csv,
    Json,
}

/// Severity threshold for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    Hint,
    Information,
    Warning,
    Error,
}

/// Colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Parses the arguments and runs the command; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            format,
            deny,
            common,
        } => run_check(&paths, format, deny, &common),
        Command::Annotate {
            paths,
            format: AnnotateFormat::Json,
            common,
        } => run_annotate(&paths, &common),
        Command::Timeline {
            paths,
            format,
            common,
        } => run_timeline(&paths, format, &common),
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dateline lsp: {e}");
                ExitCode::from(2)
            }
        },
        Command::Eval(EvalCommand::Timeml { paths, errors }) => {
            print_report(crate::eval::timeml::evaluate(&paths, errors))
        }
        Command::Eval(EvalCommand::Entities { paths }) => {
            print_report(crate::eval::entities::evaluate(&paths, &Config::default()))
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "dateline",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

/// Config and articles, or an exit code when they cannot be had.
struct Session {
    loaded: load::Loaded,
    corpus: crate::engine::Corpus,
}

fn open(paths: &[PathBuf], common: &Common) -> Result<Session, ExitCode> {
    let config_path = common.config.clone().or_else(|| load::find_config(paths));
    let config = match config_path {
        Some(path) => load::read_config(&path).map_err(|message| {
            eprintln!("error: {message}");
            ExitCode::from(2)
        })?,
        None => Config::default(),
    };
    let mut loaded = load::load(paths, &config.workspace);
    for message in &loaded.skipped {
        eprintln!("warning: {message}");
    }
    for message in &loaded.errors {
        eprintln!("error: {message}");
    }
    let options = AnalysisOptions {
        config,
        publication_date: common.publication_date,
    };
    let corpus = load::build_corpus(&mut loaded.sources, &options);
    Ok(Session { loaded, corpus })
}

fn run_check(paths: &[PathBuf], format: CheckFormat, deny: DenyLevel, common: &Common) -> ExitCode {
    let session = match open(paths, common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let sources = &session.loaded.sources;
    let corpus = &session.corpus;
    let findings = check::collect(corpus, sources, format == CheckFormat::Sarif);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match format {
        CheckFormat::Human => check::render_human(
            &mut out,
            corpus,
            sources,
            &findings,
            use_color(common.color),
        )
        .and_then(|()| writeln!(out, "{}", check::summary(sources.len(), &findings))),
        CheckFormat::Json => check::write_json(&mut out, corpus, sources, &findings),
        CheckFormat::Sarif => {
            // Findings are in source order: one pass hands each source its own.
            let mut own: Vec<Vec<crate::engine::Finding>> = vec![Vec::new(); sources.len()];
            for (i, f) in &findings {
                own[*i].push(f.clone());
            }
            let results: Vec<(String, &str, Vec<crate::engine::Finding>)> = sources
                .iter()
                .zip(own)
                .map(|(s, own)| (s.key.clone(), load::text(corpus, &s.key), own))
                .collect();
            writeln!(out, "{}", sarif::to_sarif(&results))
        }
    }
    .and_then(|()| out.flush());
    if written.is_err() || !session.loaded.errors.is_empty() {
        return ExitCode::from(2);
    }
    let threshold = match deny {
        DenyLevel::Hint => Severity::Hint,
        DenyLevel::Information => Severity::Information,
        DenyLevel::Warning => Severity::Warning,
        DenyLevel::Error => Severity::Error,
    };
    if findings.iter().any(|(_, f)| f.severity >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_annotate(paths: &[PathBuf], common: &Common) -> ExitCode {
    let session = match open(paths, common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    for source in &session.loaded.sources {
        if writeln!(out, "{}", annotate::record(&session.corpus, source)).is_err() {
            return ExitCode::from(2);
        }
    }
    if session.loaded.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn run_timeline(paths: &[PathBuf], format: TimelineFormat, common: &Common) -> ExitCode {
    use crate::engine::corpus::timeline;
    let session = match open(paths, common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let events = timeline::timeline(&session.corpus);
    let text = match format {
        TimelineFormat::Markdown => timeline::to_markdown(&events),
        TimelineFormat::Csv => timeline::to_csv(&events),
        TimelineFormat::Json => timeline::to_json(&events),
    };
    print!("{text}");
    if session.loaded.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn print_report(report: std::io::Result<String>) -> ExitCode {
    match report {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: use YYYY-MM-DD, e.g. 2020-10-09"))
}
