//! Reading articles from the paths given on the command line into a `Corpus`.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::engine::analysis::{analyze, AnalysisOptions};
use crate::engine::config::{Config, WorkspaceConfig};
use crate::engine::Corpus;

/// One article file read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown to the user and used as the corpus key.
    pub key: String,
    pub text: String,
}

/// What loading found: the articles in order, and problems to report.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    /// Messages about files that could not be read (already user-facing).
    pub errors: Vec<String>,
    /// Messages about files skipped on purpose (binary, too large).
    pub skipped: Vec<String>,
}

/// Finds `dateline.toml` in the directory of the first path or its ancestors.
pub fn find_config(paths: &[PathBuf]) -> Option<PathBuf> {
    let first = paths.first()?;
    let start = if first.is_dir() {
        first.clone()
    } else {
        first.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = std::fs::canonicalize(if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &start
    })
    .ok()?;
    start
        .ancestors()
        .map(|dir| dir.join("dateline.toml"))
        .find(|p| p.is_file())
}

/// Reads and parses the config file, with a message naming the file on error.
pub fn read_config(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    Config::parse(&text).map_err(|e| {
        let location = e
            .span
            .map(|s| {
                let line = text.get(..s.start).unwrap_or("").matches('\n').count() + 1;
                format!(":{line}")
            })
            .unwrap_or_default();
        format!(
            "{}{location}: {} (fix the file or delete it to use the defaults)",
            path.display(),
            e.message
        )
    })
}

/// Expands folders (include/exclude globs, no symlinks followed) and reads
/// every file; paths named explicitly are always read.
pub fn load(paths: &[PathBuf], workspace: &WorkspaceConfig) -> Loaded {
    let mut loaded = Loaded::default();
    let (include, exclude) = match (globs(&workspace.include), globs(&workspace.exclude)) {
        (Ok(i), Ok(e)) => (i, e),
        (Err(e), _) | (_, Err(e)) => {
            loaded
                .errors
                .push(format!("dateline.toml: bad glob in [workspace]: {e}"));
            return loaded;
        }
    };
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_skipped_dir(e.path()))
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| {
                    let rel = p.strip_prefix(path).unwrap_or(p);
                    include.is_match(rel) && !exclude.is_match(rel)
                })
                .collect();
            found.sort();
            files.extend(found.into_iter().map(|p| (p, false)));
        } else if path.exists() {
            files.push((path.clone(), true));
        } else {
            loaded
                .errors
                .push(format!("{}: no such file or directory", path.display()));
        }
    }
    let read: Vec<Result<Source, (bool, String)>> = files
        .par_iter()
        .map(|(path, explicit)| {
            read_source(path, workspace.max_file_bytes).map_err(|m| (*explicit, m))
        })
        .collect();
    for result in read {
        match result {
            Ok(source) => loaded.sources.push(source),
            Err((true, message)) => loaded.errors.push(message),
            Err((false, message)) => loaded.skipped.push(message),
        }
    }
    loaded
}

/// Analyses every source in parallel and builds the corpus.
pub fn build_corpus(sources: &[Source], options: &AnalysisOptions) -> Corpus {
    let analyses: Vec<_> = sources
        .par_iter()
        .map(|s| std::sync::Arc::new(analyze(&s.text, options)))
        .collect();
    let mut corpus = Corpus::new(options.clone());
    for (source, analysis) in sources.iter().zip(analyses) {
        corpus.insert_analysis(&source.key, analysis);
    }
    corpus
}

fn read_source(path: &Path, max_bytes: usize) -> Result<Source, String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("{}: cannot read: {e}", path.display());
    // Look before opening: opening a FIFO blocks and a device may never end.
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(format!("{}: skipped: not a regular file", path.display()));
    }
    // Never hold more than the limit in memory, even if the file grows.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            f.take((max_bytes as u64).saturating_add(1))
                .read_to_end(&mut bytes)
        })
        .map_err(cannot)?;
    if meta.len() > max_bytes as u64 || bytes.len() > max_bytes {
        return Err(format!(
            "{}: skipped: {} bytes is more than the {max_bytes}-byte limit (raise [workspace] max_file_bytes)",
            path.display(),
            meta.len().max(bytes.len() as u64)
        ));
    }
    if bytes.contains(&0) {
        return Err(format!("{}: skipped: binary file", path.display()));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: skipped: not UTF-8 (invalid byte at offset {}); convert it with iconv",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Source {
        key: path.display().to_string(),
        text,
    })
}

fn is_skipped_dir(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        matches!(n, ".git" | "target" | "node_modules") || n.starts_with('.') && n.len() > 1
    })
}

fn globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p)?);
        // `**/*.txt` should also match files at the top of the folder.
        if let Some(rest) = p.strip_prefix("**/") {
            builder.add(Glob::new(rest)?);
        }
    }
    builder.build()
}
