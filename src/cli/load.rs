//! Reading articles from the paths given on the command line into a `Corpus`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::engine::analysis::{analyze, AnalysisOptions};
use crate::engine::config::{Config, WorkspaceConfig};
use crate::engine::Corpus;
use crate::workspace::{discover, read_article, ArticleFilter};

/// One article file read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown to the user and used as the corpus key.
    pub key: String,
    /// The file's text until `build_corpus` moves it into the corpus.
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
    let filter = match ArticleFilter::new(workspace) {
        Ok(filter) => filter,
        Err(e) => {
            loaded
                .errors
                .push(format!("dateline.toml: [workspace]: {e}"));
            return loaded;
        }
    };
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(discover(path, &filter).into_iter().map(|p| (p, false)));
        } else if path.exists() {
            files.push((path.clone(), true));
        } else {
            loaded
                .errors
                .push(format!("{}: no such file or directory", path.display()));
        }
    }
    let read: Vec<(bool, PathBuf, Result<String, String>)> = files
        .into_par_iter()
        .map(|(path, explicit)| {
            let text = read_article(&path, workspace.max_file_bytes);
            (explicit, path, text)
        })
        .collect();
    for (explicit, path, result) in read {
        match result {
            Ok(text) => loaded.sources.push(Source {
                key: path.display().to_string(),
                text,
            }),
            Err(message) if explicit => loaded.errors.push(message),
            Err(message) => loaded.skipped.push(message),
        }
    }
    loaded
}

/// Analyses every source in parallel and builds the corpus. Each source's
/// text moves into its analysis (read it back with `text`), so a workspace's
/// text is held once, not twice.
pub fn build_corpus(sources: &mut [Source], options: &AnalysisOptions) -> Corpus {
    let analyses: Vec<_> = sources
        .par_iter_mut()
        .map(|s| {
            let analysis = std::sync::Arc::new(analyze(&s.text, options));
            s.text = String::new();
            analysis
        })
        .collect();
    let mut corpus = Corpus::new(options.clone());
    corpus.insert_many(sources.iter().map(|s| s.key.clone()).zip(analyses));
    corpus
}

/// The text of a source once `build_corpus` has moved it into the corpus
/// (empty for a key the corpus does not hold).
pub fn text<'c>(corpus: &'c Corpus, key: &str) -> &'c str {
    corpus.get(key).map_or("", |a| a.text.as_str())
}
