//! The workspace folders as the server sees them: which paths are articles
//! (decided by `crate::workspace`, shared with the CLI), the globs to watch,
//! and the document keys the corpus uses for files.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::Uri;

use crate::engine::config::WorkspaceConfig;
use crate::workspace::{discover, ArticleFilter};

pub use crate::workspace::read_article;

/// Article files under the workspace roots.
#[derive(Debug, Clone)]
pub struct FileFilter {
    roots: Vec<PathBuf>,
    articles: ArticleFilter,
    include_globs: Vec<String>,
}

impl FileFilter {
    /// A filter from the `[workspace]` globs. Invalid globs fall back to the
    /// defaults, with the reason returned for the log.
    pub fn new(roots: Vec<PathBuf>, config: &WorkspaceConfig) -> (Self, Vec<String>) {
        let (articles, include_globs, errors) = match ArticleFilter::new(config) {
            Ok(filter) => (filter, config.include.clone(), Vec::new()),
            Err(e) => {
                let defaults = WorkspaceConfig::default();
                let filter = ArticleFilter::new(&defaults).expect("the default globs compile");
                (
                    filter,
                    defaults.include,
                    vec![format!("{e}; using the default [workspace] globs")],
                )
            }
        };
        (
            FileFilter {
                roots,
                articles,
                include_globs,
            },
            errors,
        )
    }

    /// The workspace roots.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The include globs, for registering file watchers.
    pub fn include_globs(&self) -> &[String] {
        &self.include_globs
    }

    /// True when `path` lies under a root, outside tool and hidden folders,
    /// and is an article file by the globs (for watched-file events).
    pub fn matches(&self, path: &Path) -> bool {
        self.roots.iter().any(|root| {
            let Ok(rel) = path.strip_prefix(root) else {
                return false;
            };
            let mut dirs = rel.components().rev().skip(1);
            let skipped = dirs.any(|c| {
                c.as_os_str().to_str().is_some_and(|n| {
                    matches!(n, ".git" | "target" | "node_modules")
                        || (n.starts_with('.') && n.len() > 1)
                })
            });
            !skipped && self.articles.matches(rel)
        })
    }

    /// Every article file under the roots, sorted, without following symlinks.
    pub fn discover(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .roots
            .iter()
            .flat_map(|root| discover(root, &self.articles))
            .collect();
        files.sort();
        files.dedup();
        files
    }
}

/// The document key of a URI: `file:` URIs re-encoded from their path, so a
/// buffer and the same file found on disk are one article; other URIs as sent.
pub fn uri_key(uri: &Uri) -> String {
    if uri.scheme().as_str().eq_ignore_ascii_case("file") {
        if let Some(key) = uri.to_file_path().and_then(|p| path_key(&p)) {
            return key;
        }
    }
    uri.as_str().to_string()
}

/// The document key of an absolute path.
pub fn path_key(path: &Path) -> Option<String> {
    Uri::from_file_path(path).map(|u| u.as_str().to_string())
}

/// The path of a `file:` document key.
pub fn key_path(key: &str) -> Option<PathBuf> {
    let uri: Uri = key.parse().ok()?;
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_and_watched_paths_agree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        for path in [
            "a.txt",
            "sub/b.md",
            "sub/c.rs",
            "node_modules/d.txt",
            ".git/e.txt",
            "drafts/f.txt",
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "text").unwrap();
        }
        let mut config = WorkspaceConfig::default();
        config.exclude.push("drafts/**".into());
        let (filter, errors) = FileFilter::new(vec![root.clone()], &config);
        assert!(errors.is_empty());
        let found: Vec<_> = filter
            .discover()
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().to_owned())
            .collect();
        assert_eq!(found, [PathBuf::from("a.txt"), "sub/b.md".into()]);
        for (path, expected) in [
            ("a.txt", true),
            ("sub/b.md", true),
            ("sub/c.rs", false),
            ("node_modules/d.txt", false),
            (".git/e.txt", false),
            ("drafts/f.txt", false),
        ] {
            assert_eq!(filter.matches(&root.join(path)), expected, "{path}");
        }
        assert!(!filter.matches(Path::new("/elsewhere/a.txt")));
        let bad = WorkspaceConfig {
            include: vec!["[".into()],
            ..Default::default()
        };
        let (fallback, errors) = FileFilter::new(vec![root.clone()], &bad);
        assert_eq!(errors.len(), 1);
        assert!(fallback.matches(&root.join("a.txt")));
    }

    #[test]
    fn keys_round_trip_through_paths() {
        let uri: Uri = "file:///tmp/news/a%20b.txt".parse().unwrap();
        let key = uri_key(&uri);
        assert_eq!(key_path(&key).unwrap(), PathBuf::from("/tmp/news/a b.txt"));
        assert_eq!(path_key(Path::new("/tmp/news/a b.txt")).unwrap(), key);
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(uri_key(&untitled), "untitled:Untitled-1");
    }
}
