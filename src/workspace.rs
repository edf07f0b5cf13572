//! Finding and reading article files on disk: shared by the CLI and the
//! language server (the engine never touches files).

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

use crate::engine::config::WorkspaceConfig;

/// Which files of a folder are articles (from `[workspace]` in dateline.toml).
#[derive(Debug, Clone)]
pub struct ArticleFilter {
    include: GlobSet,
    exclude: GlobSet,
}

impl ArticleFilter {
    /// Compiles the include/exclude globs; the error names the bad pattern.
    pub fn new(config: &WorkspaceConfig) -> Result<Self, String> {
        Ok(ArticleFilter {
            include: globs(&config.include)?,
            exclude: globs(&config.exclude)?,
        })
    }

    /// True when `path` (relative to the folder searched) is an article.
    pub fn matches(&self, relative: &Path) -> bool {
        self.include.is_match(relative) && !self.exclude.is_match(relative)
    }
}

/// Every article file below `root`, sorted; symlinks are not followed and
/// `.git`, `target`, `node_modules` and hidden folders are skipped.
pub fn discover(root: &Path, filter: &ArticleFilter) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped_dir(e.path()))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| filter.matches(p.strip_prefix(root).unwrap_or(p)))
        .collect();
    found.sort();
    found
}

/// Reads an article file: UTF-8 text within the size limit, or a message
/// saying why it was skipped and what to do.
pub fn read_article(path: &Path, max_bytes: usize) -> Result<String, String> {
    use std::io::Read;
    let meta =
        std::fs::metadata(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    // Opening a FIFO blocks and a device such as /dev/zero never ends.
    if !meta.is_file() {
        return Err(format!("{}: skipped: not a regular file", path.display()));
    }
    let size = meta.len();
    if size > max_bytes as u64 {
        return Err(format!(
            "{}: skipped: {size} bytes is more than the {max_bytes}-byte limit (raise [workspace] max_file_bytes)",
            path.display()
        ));
    }
    // Read at most the limit, even if the file grew since `metadata`.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max_bytes as u64).read_to_end(&mut bytes))
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if bytes.contains(&0) {
        return Err(format!("{}: skipped: binary file", path.display()));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: skipped: not UTF-8 (invalid byte at offset {}); convert it with iconv",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn is_skipped_dir(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        matches!(n, ".git" | "target" | "node_modules") || n.starts_with('.') && n.len() > 1
    })
}

fn globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p).map_err(|e| format!("bad glob `{p}`: {e}"))?);
        // `**/*.txt` should also match files at the top of the folder.
        if let Some(rest) = p.strip_prefix("**/") {
            builder.add(Glob::new(rest).map_err(|e| format!("bad glob `{p}`: {e}"))?);
        }
    }
    builder.build().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_articles_and_skips_tool_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a.txt",
            "b.md",
            "c.rs",
            "sub/d.txt",
            ".git/e.txt",
            "target/f.txt",
            "node_modules/g.md",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let filter = ArticleFilter::new(&WorkspaceConfig::default()).unwrap();
        let names: Vec<String> = discover(root, &filter)
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b.md", "sub/d.txt"]);
    }

    #[test]
    fn bad_globs_and_bad_files_say_why() {
        let config = WorkspaceConfig {
            include: vec!["[".into()],
            ..Default::default()
        };
        assert!(ArticleFilter::new(&config)
            .unwrap_err()
            .contains("bad glob `[`"));
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("x.txt");
        std::fs::write(&bin, [0u8, 1, 2]).unwrap();
        assert!(read_article(&bin, 100).unwrap_err().contains("binary"));
        assert!(read_article(&bin, 1).unwrap_err().contains("limit"));
    }
}
