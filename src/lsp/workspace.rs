//! Finding the article files of the workspace folders on disk, and turning
//! paths into the document keys the corpus uses.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use tower_lsp_server::ls_types::Uri;

use crate::engine::config::WorkspaceConfig;

/// Directories never entered, whatever the configuration says.
const SKIPPED_DIRS: [&str; 3] = [".git", "target", "node_modules"];

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    #[error("larger than max_file_bytes ({size} > {max} bytes)")]
    TooLarge { size: u64, max: usize },
    #[error("not UTF-8 text")]
    NotUtf8,
    #[error("{0}")]
    Io(String),
}

/// Which paths under the workspace roots are articles.
#[derive(Debug, Clone)]
pub struct FileFilter {
    roots: Vec<PathBuf>,
    include: GlobSet,
    exclude: GlobSet,
    include_globs: Vec<String>,
}

impl FileFilter {
    /// A filter from the `[workspace]` globs; invalid globs are skipped and
    /// returned as messages for the log.
    pub fn new(roots: Vec<PathBuf>, config: &WorkspaceConfig) -> (Self, Vec<String>) {
        let mut errors = Vec::new();
        let include = build(&config.include, &mut errors);
        let exclude = build(&config.exclude, &mut errors);
        let filter = FileFilter {
            roots,
            include,
            exclude,
            include_globs: config.include.clone(),
        };
        (filter, errors)
    }

    /// The workspace roots.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The include globs, for registering file watchers.
    pub fn include_globs(&self) -> &[String] {
        &self.include_globs
    }

    /// True when `path` lies under a root and is an included, not excluded,
    /// file outside the skipped directories.
    pub fn matches(&self, path: &Path) -> bool {
        self.roots.iter().any(|root| {
            let Ok(rel) = path.strip_prefix(root) else {
                return false;
            };
            let skipped = rel.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|name| SKIPPED_DIRS.contains(&name))
            });
            !skipped && self.include.is_match(rel) && !self.exclude.is_match(rel)
        })
    }

    /// Every article file under the roots, sorted, without following symlinks.
    pub fn discover(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for root in &self.roots {
            let walker = walkdir::WalkDir::new(root).follow_links(false).into_iter();
            let entries = walker.filter_entry(|e| {
                e.depth() == 0
                    || !e.file_type().is_dir()
                    || !e
                        .file_name()
                        .to_str()
                        .is_some_and(|n| SKIPPED_DIRS.contains(&n))
            });
            for entry in entries.flatten() {
                if entry.file_type().is_file() && self.matches(entry.path()) {
                    files.push(entry.into_path());
                }
            }
        }
        files.sort();
        files.dedup();
        files
    }
}

fn build(globs: &[String], errors: &mut Vec<String>) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        match Glob::new(glob) {
            Ok(g) => {
                builder.add(g);
            }
            Err(e) => errors.push(format!("ignoring glob {glob:?}: {e}")),
        }
    }
    builder.build().unwrap_or_else(|e| {
        errors.push(format!("invalid globs: {e}"));
        GlobSet::empty()
    })
}

/// Reads an article file, refusing files above `max_bytes` or not UTF-8.
pub fn read_article(path: &Path, max_bytes: usize) -> Result<String, Skip> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| Skip::Io(e.to_string()))?;
    // Opening a FIFO blocks and a device such as /dev/zero never ends.
    if !meta.is_file() {
        return Err(Skip::Io("not a regular file".into()));
    }
    let size = meta.len();
    if size > max_bytes as u64 {
        return Err(Skip::TooLarge {
            size,
            max: max_bytes,
        });
    }
    // At most the limit, even if the file grew since `metadata`.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max_bytes as u64).read_to_end(&mut bytes))
        .map_err(|e| Skip::Io(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| Skip::NotUtf8)
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
    fn discovery_respects_globs_skips_and_limits() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        for (path, text) in [
            ("a.txt", "one"),
            ("sub/b.md", "two"),
            ("sub/c.rs", "no"),
            ("node_modules/d.txt", "no"),
            (".git/e.txt", "no"),
            ("drafts/f.txt", "excluded"),
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        std::fs::write(root.join("bin.txt"), [0xff, 0xfe, 0x00]).unwrap();
        let mut config = WorkspaceConfig::default();
        config.exclude.push("drafts/**".into());
        let (filter, errors) = FileFilter::new(vec![root.clone()], &config);
        assert!(errors.is_empty());
        let found: Vec<_> = filter
            .discover()
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().to_owned())
            .collect();
        assert_eq!(
            found,
            [PathBuf::from("a.txt"), "bin.txt".into(), "sub/b.md".into()]
        );
        assert_eq!(read_article(&root.join("bin.txt"), 100), Err(Skip::NotUtf8));
        assert!(matches!(
            read_article(&root.join("a.txt"), 2),
            Err(Skip::TooLarge { .. })
        ));
        assert_eq!(read_article(&root.join("a.txt"), 100).unwrap(), "one");
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
