//! The server's state: open documents, the corpus, the settings in force,
//! and the machinery that keeps them consistent — debounced analysis off the
//! async runtime, workspace indexing, and diagnostics publishing.
//!
//! Locks are `std::sync` (never held across an `.await`) and always taken in
//! the order `docs` → `session` → `corpus` → `published`/`pending`, so they
//! cannot deadlock. A panic while one is held only poisons it; every access
//! goes through [`lock`], [`read`] and [`write`], which take it back.

use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use rayon::prelude::*;
use serde_json::Value;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::{Bounded, Client, NotCancellable, OngoingProgress};
use tracing::{error, info, warn};

use super::capabilities::ClientCaps;
use super::config::{Settings, CONFIG_FILE};
use super::diagnostics;
use super::document::Document;
use super::logging;
use super::position::{floor_char_boundary, rope_char, Encoding, LineIndex};
use super::to_proto::Target;
use super::workspace::{key_path, path_key, read_article, uri_key, FileFilter};
use crate::engine::analysis::analyze_cached;
use crate::engine::cache::AnalysisCache;
use crate::engine::{Analysis, AnalysisOptions, Config, Corpus};

/// A file read and analysed: its key and analysis.
type Loaded = (String, Arc<Analysis>);

/// A file not read, and why.
type Skipped = (PathBuf, String);

/// Registration id of the file watchers (re-registered when globs change).
const WATCHERS_ID: &str = "dateline-watched-files";

/// Files analysed per batch while indexing (one progress report each).
const INDEX_BATCH: usize = 32;

/// LSP's `RequestFailed`: the request was valid but could not be answered.
const REQUEST_FAILED: i64 = -32803;

/// Longest request parameters (in bytes) written to the log.
const MAX_LOGGED_PARAMS: usize = 2000;

/// Bytes either side of the position in the excerpt of a closed document.
const EXCERPT_BYTES: usize = 240;

/// A request, as logged when it fails.
struct Request {
    method: &'static str,
    params: Value,
    /// The document's key (empty for requests about the whole corpus).
    key: String,
}

/// Negotiated and configured session settings.
#[derive(Debug, Clone)]
pub struct Session {
    pub caps: ClientCaps,
    pub roots: Vec<PathBuf>,
    pub settings: Settings,
    /// The last good `dateline.toml` (defaults when there is none).
    pub file_config: Config,
    /// The configuration in force: `file_config` with `settings` over it.
    pub config: Config,
    pub filter: FileFilter,
    /// True while the diagnostics of a broken `dateline.toml` are shown.
    pub config_error_shown: bool,
    /// True once the workspace was indexed (a changed `[workspace]` re-indexes).
    pub indexed: bool,
    /// True while file watchers are registered with the client.
    pub watchers_registered: bool,
}

impl Default for Session {
    fn default() -> Self {
        let config = Config::default();
        let filter = FileFilter::new(Vec::new(), &config.workspace).0;
        Session {
            caps: ClientCaps::default(),
            roots: Vec::new(),
            settings: Settings::default(),
            file_config: config.clone(),
            config,
            filter,
            config_error_shown: false,
            indexed: false,
            watchers_registered: false,
        }
    }
}

/// Everything the server holds, shared by handlers and background tasks.
pub struct State {
    pub client: Client,
    pub docs: Mutex<HashMap<String, Document>>,
    pub session: RwLock<Session>,
    pub corpus: RwLock<Corpus>,
    /// The diagnostics last published per document key.
    published: Mutex<HashMap<String, Vec<lsp::Diagnostic>>>,
    /// Keys whose findings may have changed since they were last published.
    pending: Mutex<BTreeSet<String>>,
    /// Serialises publishing, so an older set never overtakes a newer one.
    publish_lock: tokio::sync::Mutex<()>,
    /// Publishes of an edited document waiting for `publish_lock`: the
    /// other articles' batch yields to them between chunks.
    urgent: std::sync::atomic::AtomicUsize,
    /// One workspace indexing at a time.
    index_lock: tokio::sync::Mutex<()>,
    /// One analysis at a time per open document: requests and debounced
    /// jobs queue here instead of starting analyses of their own.
    gates: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Per open document, the paragraph results of its last analysis, so a
    /// keystroke re-analyses only the paragraphs it touched.
    caches: Mutex<HashMap<String, AnalysisCache>>,
    /// The single-article pipeline (a seam for tests that make it panic).
    analyzer: Analyzer,
}

/// The single-article pipeline the server runs (`analyze_cached`, or a test's
/// stand-in that panics on purpose).
pub type Analyzer = fn(&str, &AnalysisOptions, &mut AnalysisCache) -> Analysis;

/// What a request sees: the corpus and how to convert its spans.
pub struct Snapshot<'a> {
    pub corpus: &'a Corpus,
    /// The key of the document the request is about.
    pub key: &'a str,
    pub caps: &'a ClientCaps,
    pub config: &'a Config,
    pub roots: &'a [PathBuf],
    open: &'a HashMap<String, (Uri, Option<i32>)>,
}

impl<'a> Snapshot<'a> {
    /// The analysis of the request's document.
    pub fn analysis(&self) -> Option<&'a Arc<Analysis>> {
        self.corpus.get(self.key)
    }

    /// The line index of a document's analysed text.
    pub fn index(&self, doc: &str) -> Option<LineIndex<'a>> {
        self.corpus
            .get(doc)
            .map(|a| LineIndex::new(&a.text, self.caps.encoding))
    }

    /// The URI of a document key (as the client sent it, for open documents).
    pub fn uri(&self, doc: &str) -> Option<Uri> {
        self.open
            .get(doc)
            .map(|(uri, _)| uri.clone())
            .or_else(|| doc.parse().ok())
    }

    /// URI, analysed version and line index of a document.
    pub fn target(&self, doc: &str) -> Option<Target<'a>> {
        Some(Target {
            uri: self.uri(doc)?,
            version: self.open.get(doc).and_then(|(_, v)| *v),
            index: self.index(doc)?,
        })
    }

    /// The analysed version of an open document (`None` for files on disk).
    pub fn open_version(&self, doc: &str) -> Option<i32> {
        self.open.get(doc).and_then(|(_, v)| *v)
    }
}

impl State {
    /// A state with nothing open or indexed yet.
    pub fn new(client: Client) -> Self {
        Self::with_analyzer(client, analyze_cached)
    }

    /// A state running `analyzer` instead of the engine's pipeline.
    pub fn with_analyzer(client: Client, analyzer: Analyzer) -> Self {
        State {
            client,
            docs: Mutex::new(HashMap::new()),
            session: RwLock::new(Session::default()),
            corpus: RwLock::new(Corpus::default()),
            published: Mutex::new(HashMap::new()),
            pending: Mutex::new(BTreeSet::new()),
            publish_lock: tokio::sync::Mutex::new(()),
            urgent: std::sync::atomic::AtomicUsize::new(0),
            index_lock: tokio::sync::Mutex::new(()),
            gates: Mutex::new(HashMap::new()),
            caches: Mutex::new(HashMap::new()),
            analyzer,
        }
    }

    /// The session settings (cloned out of the lock).
    pub fn session(&self) -> Session {
        read(&self.session).clone()
    }

    /// The negotiated position encoding.
    pub fn encoding(&self) -> Encoding {
        read(&self.session).caps.encoding
    }

    // ---- documents -------------------------------------------------------

    /// `didOpen`: holds the buffer and analyses it right away.
    pub fn open(self: &Arc<Self>, uri: Uri, version: i32, text: &str) {
        let key = uri_key(&uri);
        lock(&self.docs).insert(key.clone(), Document::new(uri, version, text));
        self.schedule(key, version, Duration::ZERO);
    }

    /// `didChange`: applies the edits in order under the lock, before any
    /// `.await` (notifications run concurrently; their first poll is in
    /// arrival order), then schedules a debounced analysis.
    pub fn change(self: &Arc<Self>, params: lsp::DidChangeTextDocumentParams) {
        let key = uri_key(&params.text_document.uri);
        let version = params.text_document.version;
        let encoding = self.encoding();
        let applied = match lock(&self.docs).get_mut(&key) {
            Some(doc) => doc
                .apply_changes(version, &params.content_changes, encoding)
                .map_err(|e| e.to_string()),
            None => Err("document is not open".to_string()),
        };
        if let Err(e) = applied {
            warn!(doc = %key, "didChange ignored: {e}");
            return;
        }
        let delay = read(&self.session).settings.debounce();
        self.schedule(key, version, delay);
    }

    /// `didClose`: the file on disk takes over (or the article leaves the
    /// corpus when it is not a workspace file).
    pub async fn close(self: &Arc<Self>, uri: &Uri) {
        let key = uri_key(uri);
        lock(&self.docs).remove(&key);
        lock(&self.gates).remove(&key);
        lock(&self.caches).remove(&key);
        if is_config_key(&key) {
            // Drop what the buffer showed; the file on disk speaks again.
            self.client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
            if key_path(&key).is_some_and(|p| self.is_root_config(&p)) {
                self.reload_config(None).await;
            }
            return;
        }
        let path = key_path(&key).filter(|p| read(&self.session).filter.matches(p) && p.is_file());
        match path {
            Some(path) => self.load_files(vec![path]).await,
            None => {
                let affected = write(&self.corpus).remove(&key);
                let mut pending = lock(&self.pending);
                pending.extend(affected);
                pending.insert(key);
            }
        }
        self.publish_pending(None).await;
    }

    /// The text and version of an open document.
    pub fn document_text(&self, uri: &Uri) -> Option<(i32, String)> {
        lock(&self.docs)
            .get(&uri_key(uri))
            .map(|d| (d.version, d.text()))
    }

    fn doc_version(&self, key: &str) -> Option<i32> {
        lock(&self.docs).get(key).map(|d| d.version)
    }

    // ---- analysis --------------------------------------------------------

    /// After `delay`, analyses the document if it is still at `version`, and
    /// publishes what changed. Superseded versions are dropped.
    fn schedule(self: &Arc<Self>, key: String, version: i32, delay: Duration) {
        let state = self.clone();
        logging::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if state.doc_version(&key) != Some(version) {
                return;
            }
            if is_config_key(&key) {
                state.check_config_buffer(&key).await;
                return;
            }
            // A panic was logged and is remembered on the document; the
            // diagnostics last published stay.
            let _ = state.refresh(&key).await;
            if state.doc_version(&key) == Some(version) {
                state.publish_pending(Some(&key)).await;
            }
        });
    }

    /// Brings the analysis of an open document up to its current version,
    /// on the blocking pool. A panic is logged with the document's URI,
    /// version and the text around its last edit, remembered on the
    /// document (requests then answer with an error instead of retrying),
    /// and returned.
    async fn refresh(self: &Arc<Self>, key: &str) -> Result<(), String> {
        let gate = lock(&self.gates)
            .entry(key.to_string())
            .or_default()
            .clone();
        // The guard moves into the job: if this request is cancelled, the
        // analysis still holds the gate until it ends, so the next caller
        // waits for it rather than starting a second one.
        let guard = gate.lock_owned().await;
        let state = self.clone();
        let k = key.to_string();
        let job = logging::spawn_blocking(move || {
            let _guard = guard;
            state.analyze_open(&k)
        });
        let Err(e) = job.await else { return Ok(()) };
        let why = panic_message(e);
        let mut docs = lock(&self.docs);
        match docs.get_mut(key) {
            Some(doc) => {
                let around = doc.last_edit.unwrap_or(0);
                error!(
                    uri = %doc.uri.as_str(),
                    version = doc.version,
                    chars = doc.rope.len_chars(),
                    last_edit = around,
                    excerpt = ?doc.excerpt(around),
                    "analysis failed: {why}"
                );
                doc.failed = Some((doc.version, why.clone()));
            }
            None => error!(uri = %key, "analysis failed: {why}"),
        }
        Err(why)
    }

    /// Before answering a request: analyse the document now if edits are
    /// still waiting for their debounce. `Err` with the panic's message when
    /// that analysis panicked.
    pub async fn ensure_fresh(self: &Arc<Self>, key: &str) -> Result<(), String> {
        let stale = lock(&self.docs)
            .get(key)
            .is_some_and(|d| !d.is_analyzed() && d.failure().is_none() && !is_config_key(key));
        if stale {
            self.refresh(key).await?;
        }
        Ok(())
    }

    /// Analyses the current text of an open document and stores the result
    /// unless an edit arrived meanwhile (then the newer job does it).
    fn analyze_open(&self, key: &str) {
        loop {
            let (text, version) = match lock(&self.docs).get_mut(key) {
                // A version whose analysis panicked is not retried (it would
                // panic again): the caller waiting on the gate reports it.
                Some(doc) if !doc.is_analyzed() && doc.failure().is_none() => {
                    if self.skip_if_too_large(key, doc) {
                        return;
                    }
                    (doc.text(), doc.version)
                }
                _ => return,
            };
            let options = read(&self.corpus).options().clone();
            // Taken out of the map for the analysis: a concurrent job for the
            // same document (rare) starts from an empty cache instead of waiting.
            let mut cache = lock(&self.caches)
                .remove(key)
                .unwrap_or_else(AnalysisCache::remembering);
            let analysis = Arc::new((self.analyzer)(&text, &options, &mut cache));
            lock(&self.caches).insert(key.to_string(), cache);
            let mut docs = lock(&self.docs);
            let Some(doc) = docs.get_mut(key) else { return };
            if doc.version != version {
                return;
            }
            let mut corpus = write(&self.corpus);
            if corpus.options() != &options {
                continue; // the configuration changed under us: redo
            }
            let affected = corpus.insert_analysis(key, analysis);
            doc.analyzed = Some(version);
            let mut pending = lock(&self.pending);
            pending.extend(affected);
            pending.insert(key.to_string());
            return;
        }
    }

    /// An open document larger than `max_file_bytes` is not analysed (the
    /// analysis of a 50 MB buffer would hold a core and gigabytes): it
    /// leaves the corpus and gets the skipped-file note, like such a file on
    /// disk. Returns whether it was skipped (`doc` is under the docs lock).
    fn skip_if_too_large(&self, key: &str, doc: &mut Document) -> bool {
        let max = read(&self.session).config.workspace.max_file_bytes;
        let size = doc.rope.len_bytes();
        if size <= max {
            doc.skipped = None;
            return false;
        }
        let why = format!(
            "{}: not analysed: {size} bytes is more than the {max}-byte limit (raise [workspace] max_file_bytes)",
            doc.uri.as_str()
        );
        if doc.skipped.as_deref() != Some(why.as_str()) {
            warn!("{why}");
        }
        doc.skipped = Some(why);
        doc.analyzed = Some(doc.version);
        let affected = write(&self.corpus).remove(key);
        let mut pending = lock(&self.pending);
        pending.extend(affected);
        pending.insert(key.to_string());
        true
    }

    // ---- diagnostics -----------------------------------------------------

    /// Publishes the diagnostics of every pending key whose diagnostics
    /// changed, and those of `force` in any case (so the last published set
    /// carries the document's last version). With pull diagnostics, asks the
    /// client to pull again instead.
    pub async fn publish_pending(self: &Arc<Self>, force: Option<&str>) {
        let _guard = {
            let _waiting = force.map(|_| Urgent::new(&self.urgent));
            self.publish_lock.lock().await
        };
        let mut keys: Vec<String> = std::mem::take(&mut *lock(&self.pending))
            .into_iter()
            .collect();
        if let Some(f) = force {
            // The edited document first: its diagnostics go out before the
            // other affected articles' are even computed.
            keys.retain(|k| k != f);
            keys.insert(0, f.to_string());
        }
        if keys.is_empty() {
            return;
        }
        let caps = read(&self.session).caps.clone();
        if caps.pull_diagnostics {
            if caps.diagnostic_refresh && keys.iter().any(|k| Some(k.as_str()) != force) {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
            return;
        }
        let rest = match force {
            Some(_) => keys.split_off(1),
            None => std::mem::take(&mut keys),
        };
        if !keys.is_empty() {
            self.publish_batch(keys, force, false).await;
        }
        // The other articles in chunks: a keystroke's own diagnostics wait
        // for one article's at most (a new edit stops the batch, and the
        // corpus is read-locked per article, so its analysis goes first);
        // what is left goes back to `pending` for the publish that follows.
        let mut rest = rest.into_iter();
        loop {
            let chunk: Vec<String> = rest.by_ref().take(PUBLISH_CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            let left = if self.urgent.load(std::sync::atomic::Ordering::SeqCst) > 0
                || self.edits_waiting()
            {
                chunk
            } else {
                self.publish_batch(chunk, force, true).await
            };
            if !left.is_empty() {
                let mut pending = lock(&self.pending);
                pending.extend(left);
                pending.extend(rest);
                break;
            }
        }
    }

    /// Computes (off the runtime) and publishes the diagnostics of `keys`
    /// that changed since last published, and those of `force` in any case.
    /// With `yielding`, stops before the next article as soon as an edit
    /// waits for its analysis, and returns the keys not done.
    async fn publish_batch(
        self: &Arc<Self>,
        keys: Vec<String>,
        force: Option<&str>,
        yielding: bool,
    ) -> Vec<String> {
        let state = self.clone();
        let job = logging::spawn_blocking(move || state.diagnostics_of(&keys, yielding));
        let (batch, left) = match job.await {
            Ok(done) => done,
            Err(e) => {
                error!("computing diagnostics failed: {}", panic_message(e));
                return Vec::new();
            }
        };
        for (key, uri, version, diags) in batch {
            let changed = {
                let mut published = lock(&self.published);
                let same = published
                    .get(&key)
                    .map_or(diags.is_empty(), |old| *old == diags);
                if same && force != Some(key.as_str()) {
                    false
                } else {
                    if diags.is_empty() {
                        published.remove(&key);
                    } else {
                        published.insert(key.clone(), diags.clone());
                    }
                    true
                }
            };
            if changed {
                self.client.publish_diagnostics(uri, diags, version).await;
            }
        }
        left
    }

    /// The diagnostics of each key, with its URI and analysed version, and
    /// (when `yielding`) the keys left undone because an edit is waiting.
    /// The corpus is read-locked per article, so an analysis waiting to
    /// store its result waits for one article's diagnostics at most.
    #[allow(clippy::type_complexity)]
    pub fn diagnostics_of(
        &self,
        keys: &[String],
        yielding: bool,
    ) -> (
        Vec<(String, Uri, Option<i32>, Vec<lsp::Diagnostic>)>,
        Vec<String>,
    ) {
        let open = self.open_documents();
        let skipped: HashMap<String, String> = lock(&self.docs)
            .iter()
            .filter_map(|(k, d)| Some((k.clone(), d.skipped.clone()?)))
            .collect();
        let (caps, config) = {
            let s = read(&self.session);
            (s.caps.clone(), s.config.clone())
        };
        let mut done = Vec::new();
        for (n, key) in keys.iter().enumerate() {
            if yielding && self.edits_waiting() {
                return (done, keys[n..].to_vec());
            }
            if is_config_key(key) {
                continue;
            }
            let corpus = read(&self.corpus);
            let snap = Snapshot {
                corpus: &corpus,
                key: "",
                caps: &caps,
                config: &config,
                roots: &[],
                open: &open,
            };
            let Some(uri) = snap.uri(key) else {
                continue;
            };
            let version = snap.open_version(key);
            let diagnostics = match skipped.get(key) {
                Some(why) => vec![diagnostics::skipped_file(why.clone())],
                None => document_diagnostics(&snap, key),
            };
            done.push((key.clone(), uri, version, diagnostics));
        }
        (done, Vec::new())
    }

    /// True when an open document has an edit not analysed yet: the other
    /// articles' diagnostics wait for it.
    fn edits_waiting(&self) -> bool {
        lock(&self.docs)
            .iter()
            .any(|(key, d)| !d.is_analyzed() && d.failure().is_none() && !is_config_key(key))
    }

    fn open_documents(&self) -> HashMap<String, (Uri, Option<i32>)> {
        lock(&self.docs)
            .iter()
            .map(|(k, d)| (k.clone(), (d.uri.clone(), d.analyzed)))
            .collect()
    }

    // ---- requests --------------------------------------------------------

    /// Runs a request on the blocking pool against a fresh snapshot.
    ///
    /// A panic — in the analysis the request waits for, or in the request
    /// itself — is logged with the input (URI, version, `params`, the text
    /// around the request's position) and answered with an `InternalError`;
    /// a request on a version whose analysis already panicked is answered
    /// with `RequestFailed`. Either way the server goes on serving.
    pub async fn query<R, F>(
        self: &Arc<Self>,
        uri: &Uri,
        method: &'static str,
        params: Value,
        f: F,
    ) -> jsonrpc::Result<Option<R>>
    where
        R: Send + 'static,
        F: FnOnce(&Snapshot<'_>) -> Option<R> + Send + 'static,
    {
        let key = uri_key(uri);
        let request = Request {
            method,
            params,
            key,
        };
        if let Err(why) = self.ensure_fresh(&request.key).await {
            return Err(self.failed(&request, jsonrpc::ErrorCode::InternalError, &why));
        }
        let earlier = lock(&self.docs)
            .get(&request.key)
            .and_then(|d| d.failure().map(str::to_string));
        if let Some(why) = earlier {
            let code = jsonrpc::ErrorCode::ServerError(REQUEST_FAILED);
            return Err(self.failed(&request, code, &why));
        }
        self.run_query(request, f).await
    }

    /// Runs a request about the whole corpus (no particular document).
    pub async fn query_corpus<R, F>(
        self: &Arc<Self>,
        method: &'static str,
        params: Value,
        f: F,
    ) -> jsonrpc::Result<Option<R>>
    where
        R: Send + 'static,
        F: FnOnce(&Snapshot<'_>) -> Option<R> + Send + 'static,
    {
        let request = Request {
            method,
            params,
            key: String::new(),
        };
        self.run_query(request, f).await
    }

    async fn run_query<R, F>(self: &Arc<Self>, request: Request, f: F) -> jsonrpc::Result<Option<R>>
    where
        R: Send + 'static,
        F: FnOnce(&Snapshot<'_>) -> Option<R> + Send + 'static,
    {
        let state = self.clone();
        let k = request.key.clone();
        let result = logging::spawn_blocking(move || {
            let open = state.open_documents();
            let session = state.session();
            let corpus = read(&state.corpus);
            let snap = Snapshot {
                corpus: &corpus,
                key: &k,
                caps: &session.caps,
                config: &session.config,
                roots: &session.roots,
                open: &open,
            };
            f(&snap)
        })
        .await;
        result.map_err(|e| {
            let why = panic_message(e);
            self.failed(&request, jsonrpc::ErrorCode::InternalError, &why)
        })
    }

    /// Logs a request that could not be answered, with what it was asked
    /// about, and the error its client gets.
    fn failed(&self, request: &Request, code: jsonrpc::ErrorCode, why: &str) -> jsonrpc::Error {
        let Request {
            method,
            params,
            key,
        } = request;
        let params_text = bounded(&params.to_string(), MAX_LOGGED_PARAMS);
        let at = params
            .get("position")
            .or_else(|| params.get("range").and_then(|r| r.get("start")))
            .and_then(|p| serde_json::from_value::<lsp::Position>(p.clone()).ok());
        let (uri, version, excerpt) = match key.as_str() {
            "" => ("(the workspace)".to_string(), None, String::new()),
            _ => self.request_input(key, at),
        };
        let version = match (key.as_str(), version) {
            ("", _) => "-".to_string(),
            (_, Some(v)) => v.to_string(),
            (_, None) => "none (on disk)".to_string(),
        };
        error!(
            uri = %uri,
            version = %version,
            params = %params_text,
            excerpt = ?excerpt,
            "{method} failed: {why}"
        );
        let what = if key.is_empty() {
            String::new()
        } else {
            format!(" on {uri}")
        };
        let message = match code {
            jsonrpc::ErrorCode::InternalError => {
                format!("dateline: internal error in {method}{what} ({why}); the input is in the server log")
            }
            _ => format!(
                "dateline could not analyse this version of {uri} (an internal error: {why}); \
                 edit the document to retry"
            ),
        };
        jsonrpc::Error {
            code,
            message: message.into(),
            data: None,
        }
    }

    /// URI, version and an excerpt of the text around `at` (the start when
    /// `None`) of the document a failed request was about.
    fn request_input(&self, key: &str, at: Option<lsp::Position>) -> (String, Option<i32>, String) {
        let encoding = self.encoding();
        if let Some(doc) = lock(&self.docs).get(key) {
            let char_at = at.map_or(0, |p| rope_char(&doc.rope, p, encoding));
            return (
                doc.uri.as_str().to_string(),
                Some(doc.version),
                doc.excerpt(char_at),
            );
        }
        let text = read(&self.corpus).get(key).map(|a| a.text.clone());
        let excerpt = text.map_or_else(String::new, |text| {
            let index = LineIndex::new(&text, encoding);
            let offset = at.map_or(0, |p| index.offset(p));
            let start = floor_char_boundary(&text, offset.saturating_sub(EXCERPT_BYTES));
            let end = floor_char_boundary(&text, offset.saturating_add(EXCERPT_BYTES));
            text.get(start..end).unwrap_or_default().to_string()
        });
        (key.to_string(), None, excerpt)
    }

    // ---- workspace -------------------------------------------------------

    /// Registers file watchers for the include globs and `dateline.toml`.
    pub async fn register_watchers(&self) {
        let session = self.session();
        if !session.caps.watched_files_dynamic {
            return;
        }
        let mut globs: Vec<String> = session.filter.include_globs().to_vec();
        globs.push(format!("**/{CONFIG_FILE}"));
        let watchers: Vec<lsp::FileSystemWatcher> = globs
            .into_iter()
            .map(|g| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(g),
                kind: None,
            })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp::Registration {
            id: WATCHERS_ID.into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if read(&self.session).watchers_registered {
            let old = lsp::Unregistration {
                id: WATCHERS_ID.into(),
                method: "workspace/didChangeWatchedFiles".into(),
            };
            let _ = self.client.unregister_capability(vec![old]).await;
        }
        match self.client.register_capability(vec![registration]).await {
            Ok(()) => write(&self.session).watchers_registered = true,
            Err(e) => warn!("could not register file watchers: {e}"),
        }
    }

    /// Finds the article files of the workspace and reads those not open
    /// into the corpus, reporting progress; files that vanished leave it.
    pub async fn index_workspace(self: &Arc<Self>) {
        let _guard = self.index_lock.lock().await;
        let filter = read(&self.session).filter.clone();
        if filter.roots().is_empty() {
            return;
        }
        let progress = self.begin_progress("dateline: indexing articles").await;
        let files = logging::spawn_blocking(move || filter.discover())
            .await
            .unwrap_or_default();
        info!("indexing {} article files", files.len());
        let found: BTreeSet<String> = files.iter().filter_map(|p| path_key(p)).collect();
        {
            let docs = lock(&self.docs);
            let mut corpus = write(&self.corpus);
            let gone: Vec<String> = corpus
                .keys()
                .filter(|k| !docs.contains_key(*k) && !found.contains(*k))
                .map(String::from)
                .collect();
            let mut pending = lock(&self.pending);
            for key in gone {
                pending.extend(corpus.remove(&key));
                pending.insert(key);
            }
        }
        let total = files.len().max(1);
        let mut done = 0;
        for batch in files.chunks(INDEX_BATCH) {
            self.load_files(batch.to_vec()).await;
            done += batch.len();
            if let Some(p) = &progress {
                let percent = u32::try_from(done * 100 / total).unwrap_or(100);
                p.report_with_message(format!("{done}/{} files", files.len()), percent)
                    .await;
            }
        }
        write(&self.session).indexed = true;
        // Diagnostics first: when the progress ends, the Problems view is full.
        self.publish_pending(None).await;
        if let Some(p) = progress {
            p.finish_with_message(format!("{} articles", files.len()))
                .await;
        }
    }

    /// Reads and analyses files (in parallel, off the runtime) and stores
    /// those not open in the editor: open buffers win over disk.
    async fn load_files(self: &Arc<Self>, paths: Vec<PathBuf>) {
        let state = self.clone();
        let outcome = logging::spawn_blocking(move || state.load_files_blocking(&paths)).await;
        match outcome {
            Ok(skipped) => {
                for (path, why) in skipped {
                    info!("{why}");
                    // One information diagnostic on the file, so the user sees
                    // in the Problems view why it is not analysed.
                    let uri = path_key(&path).and_then(|k| k.parse::<Uri>().ok());
                    if let Some(uri) = uri {
                        let diag = diagnostics::skipped_file(why);
                        self.client.publish_diagnostics(uri, vec![diag], None).await;
                    }
                }
            }
            Err(e) => error!("reading files failed: {}", panic_message(e)),
        }
    }

    fn load_files_blocking(&self, paths: &[PathBuf]) -> Vec<Skipped> {
        let max_bytes = read(&self.session).config.workspace.max_file_bytes;
        let options = read(&self.corpus).options().clone();
        let results: Vec<Result<Loaded, Skipped>> = paths
            .par_iter()
            .filter_map(|path| {
                let key = path_key(path)?;
                let text = match read_article(path, max_bytes) {
                    Ok(text) => text,
                    Err(why) => return Some(Err((path.clone(), why))),
                };
                let run = || (self.analyzer)(&text, &options, &mut AnalysisCache::disabled());
                match catch_unwind(AssertUnwindSafe(run)) {
                    Ok(analysis) => Some(Ok((key, Arc::new(analysis)))),
                    Err(e) => Some(Err((
                        path.clone(),
                        format!(
                            "{}: skipped: analysis panicked: {}",
                            path.display(),
                            payload_message(&*e)
                        ),
                    ))),
                }
            })
            .collect();
        let mut skipped = Vec::new();
        let docs = lock(&self.docs);
        let mut corpus = write(&self.corpus);
        let stale_options = corpus.options() != &options;
        let mut pending = lock(&self.pending);
        let mut fresh = Vec::new();
        for result in results {
            match result {
                Ok((key, _)) if docs.contains_key(&key) => {}
                Ok((key, analysis)) if stale_options => {
                    pending.extend(corpus.upsert(&key, &analysis.text));
                    pending.insert(key);
                }
                Ok(loaded) => fresh.push(loaded),
                Err(skip) => skipped.push(skip),
            }
        }
        match fresh.len() {
            0 => {}
            1 => {
                let (key, analysis) = fresh.remove(0);
                pending.extend(corpus.insert_analysis(&key, analysis));
                pending.insert(key);
            }
            // Indexing many files: insert in bulk (linear), then let the
            // publisher compare every article's findings with what it sent.
            _ => {
                corpus.insert_many(fresh);
                pending.extend(corpus.keys().map(str::to_string));
            }
        }
        skipped
    }

    /// Files created, changed or deleted outside the editor.
    pub async fn watched_files_changed(self: &Arc<Self>, changes: Vec<lsp::FileEvent>) {
        let mut to_load = Vec::new();
        let mut config_changed = false;
        for change in changes {
            let key = uri_key(&change.uri);
            let Some(path) = key_path(&key) else { continue };
            if self.is_root_config(&path) {
                config_changed = true;
                continue;
            }
            if lock(&self.docs).contains_key(&key) || !read(&self.session).filter.matches(&path) {
                continue;
            }
            if change.typ == lsp::FileChangeType::DELETED {
                let affected = write(&self.corpus).remove(&key);
                let mut pending = lock(&self.pending);
                pending.extend(affected);
                pending.insert(key);
            } else {
                to_load.push(path);
            }
        }
        if !to_load.is_empty() {
            self.load_files(to_load).await;
        }
        if config_changed {
            self.reload_config(None).await;
        }
        self.publish_pending(None).await;
    }

    // ---- configuration ---------------------------------------------------

    /// The path of `dateline.toml` at the (first) workspace root.
    pub fn config_path(&self) -> Option<PathBuf> {
        read(&self.session)
            .roots
            .first()
            .map(|r| r.join(CONFIG_FILE))
    }

    fn is_root_config(&self, path: &Path) -> bool {
        self.config_path().is_some_and(|p| p == path)
    }

    /// Whether a saved document is the root `dateline.toml`.
    pub fn is_config_uri(&self, uri: &Uri) -> bool {
        key_path(&uri_key(uri)).is_some_and(|p| self.is_root_config(&p))
    }

    /// Re-reads `dateline.toml` (from `text`, else from disk). A broken file
    /// gets an error diagnostic and the last good configuration stays.
    pub async fn reload_config(self: &Arc<Self>, text: Option<String>) {
        let Some(path) = self.config_path() else {
            return;
        };
        let text = text.or_else(|| std::fs::read_to_string(&path).ok());
        let parsed = match &text {
            Some(t) => Config::parse(t),
            None => Ok(Config::default()),
        };
        let uri = path_key(&path).and_then(|k| k.parse::<Uri>().ok());
        match parsed {
            Ok(config) => {
                let was_shown = {
                    let mut s = write(&self.session);
                    s.file_config = config;
                    std::mem::replace(&mut s.config_error_shown, false)
                };
                if let (true, Some(uri)) = (was_shown, uri) {
                    self.client.publish_diagnostics(uri, Vec::new(), None).await;
                }
                self.apply_settings().await;
            }
            Err(e) => {
                error!(path = %path.display(), "{}; keeping the previous configuration", e.message);
                write(&self.session).config_error_shown = true;
                if let Some(uri) = uri {
                    let text = text.unwrap_or_default();
                    let index = LineIndex::new(&text, self.encoding());
                    let diag = diagnostics::config_error(&e, &index);
                    self.client.publish_diagnostics(uri, vec![diag], None).await;
                }
            }
        }
    }

    /// Checks the root `dateline.toml` open in the editor as it is typed:
    /// errors show at once; the file applies when saved.
    async fn check_config_buffer(&self, key: &str) {
        if !key_path(key).is_some_and(|p| self.is_root_config(&p)) {
            return;
        }
        let Some((uri, version, text)) = lock(&self.docs)
            .get(key)
            .map(|d| (d.uri.clone(), d.version, d.text()))
        else {
            return;
        };
        let diagnostics = match Config::parse(&text) {
            Ok(_) => Vec::new(),
            Err(e) => vec![diagnostics::config_error(
                &e,
                &LineIndex::new(&text, self.encoding()),
            )],
        };
        let _guard = self.publish_lock.lock().await;
        if self.doc_version(key) == Some(version) {
            self.client
                .publish_diagnostics(uri, diagnostics, Some(version))
                .await;
        }
    }

    /// New editor settings (from `didChangeConfiguration` or a pull).
    pub async fn set_settings(self: &Arc<Self>, value: &Value) {
        match Settings::from_json(value) {
            Ok(settings) => {
                write(&self.session).settings = settings;
                self.apply_settings().await;
            }
            Err(e) => warn!("{e}; keeping the previous settings"),
        }
    }

    /// Recomputes the configuration in force and re-analyses everything
    /// when it changed.
    async fn apply_settings(self: &Arc<Self>) {
        let (config, reindex, caps) = {
            let mut s = write(&self.session);
            let config = s.settings.layer_over(&s.file_config);
            let workspace_changed = config.workspace != s.config.workspace;
            if workspace_changed {
                let (filter, errors) = FileFilter::new(s.roots.clone(), &config.workspace);
                for e in errors {
                    warn!("{e}");
                }
                s.filter = filter;
            }
            s.config = config.clone();
            (config, workspace_changed && s.indexed, s.caps.clone())
        };
        let options = AnalysisOptions {
            config,
            ..read(&self.corpus).options().clone()
        };
        if read(&self.corpus).options() != &options {
            let state = self.clone();
            let outcome = logging::spawn_blocking(move || {
                let mut corpus = write(&state.corpus);
                corpus.set_options(options);
                let keys: Vec<String> = corpus.keys().map(String::from).collect();
                lock(&state.pending).extend(keys);
            })
            .await;
            if let Err(e) = outcome {
                error!(
                    "re-analysis after a configuration change failed: {}",
                    panic_message(e)
                );
            }
            self.publish_pending(None).await;
            if caps.semantic_tokens_refresh {
                let _ = self.client.semantic_tokens_refresh().await;
            }
            if caps.inlay_hint_refresh {
                let _ = self.client.inlay_hint_refresh().await;
            }
        }
        if reindex {
            let state = self.clone();
            logging::spawn(async move {
                state.register_watchers().await;
                state.index_workspace().await;
            });
        }
    }

    // ---- progress --------------------------------------------------------

    async fn begin_progress(
        &self,
        title: &str,
    ) -> Option<OngoingProgress<Bounded, NotCancellable>> {
        if !read(&self.session).caps.work_done_progress {
            return None;
        }
        let token =
            lsp::NumberOrString::String(format!("dateline/{}", self.client.next_request_id()));
        if let Err(e) = self.client.create_work_done_progress(token.clone()).await {
            warn!("no progress reporting: {e}");
            return None;
        }
        Some(
            self.client
                .progress(token, title)
                .with_percentage(0)
                .begin()
                .await,
        )
    }
}

/// The diagnostics of one document (findings not silenced, converted).
pub fn document_diagnostics(snap: &Snapshot<'_>, key: &str) -> Vec<lsp::Diagnostic> {
    let Some(analysis) = snap.corpus.get(key) else {
        return Vec::new();
    };
    let index = LineIndex::new(&analysis.text, snap.caps.encoding);
    let findings = snap.corpus.findings(key);
    // One line index per cited article, however many findings cite it.
    let cited: std::cell::RefCell<HashMap<String, Option<(Uri, LineIndex<'_>)>>> =
        Default::default();
    diagnostics::visible(&findings, &analysis.text, snap.config)
        .into_iter()
        .map(|f| {
            diagnostics::diagnostic(f, &index, |doc, span| {
                let mut cited = cited.borrow_mut();
                let entry = cited.entry(doc.to_string()).or_insert_with(|| {
                    let other = snap.corpus.get(doc)?;
                    Some((
                        snap.uri(doc)?,
                        LineIndex::new(&other.text, snap.caps.encoding),
                    ))
                });
                let (uri, other) = entry.as_ref()?;
                Some(lsp::Location::new(uri.clone(), other.range(span)))
            })
        })
        .collect()
}

/// True for a `dateline.toml` document (tracked, never analysed as an article).
pub fn is_config_key(key: &str) -> bool {
    key.rsplit('/').next() == Some(CONFIG_FILE)
}

/// Articles whose diagnostics are computed and published together before
/// a waiting keystroke may go first.
const PUBLISH_CHUNK: usize = 16;

/// Counts a publish waiting for the lock while it lives (also when the
/// waiting future is dropped).
struct Urgent<'a>(&'a std::sync::atomic::AtomicUsize);

impl<'a> Urgent<'a> {
    fn new(counter: &'a std::sync::atomic::AtomicUsize) -> Self {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Urgent(counter)
    }
}

impl Drop for Urgent<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Locks a mutex, taking it back if a panic poisoned it.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Read-locks, taking the lock back if a panic poisoned it.
pub fn read<T>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(PoisonError::into_inner)
}

/// Write-locks, taking the lock back if a panic poisoned it.
pub fn write<T>(l: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(PoisonError::into_inner)
}

/// `text` cut to at most `max` bytes (on a char boundary), marked when cut.
fn bounded(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let cut = floor_char_boundary(text, max);
    format!(
        "{}… ({} bytes)",
        text.get(..cut).unwrap_or_default(),
        text.len()
    )
}

fn panic_message(e: tokio::task::JoinError) -> String {
    match e.try_into_panic() {
        Ok(payload) => format!("panicked: {}", payload_message(&*payload)),
        Err(e) => e.to_string(),
    }
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::Backend;
    use tower_lsp_server::LspService;

    fn client() -> Client {
        let mut captured = None;
        let _ = LspService::new(|c| {
            captured = Some(c.clone());
            Backend::new(c)
        });
        captured.expect("the service hands out a client")
    }

    fn fragile(text: &str, options: &AnalysisOptions, cache: &mut AnalysisCache) -> Analysis {
        assert!(!text.contains("PANIC"), "analysis blew up");
        analyze_cached(text, options, cache)
    }

    async fn settle(state: &State, key: &str, done: impl Fn(&Document) -> bool) {
        for _ in 0..200 {
            if lock(&state.docs).get(key).is_some_and(&done) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        panic!("{key} never settled");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_analysis_is_contained() {
        let state = Arc::new(State::with_analyzer(client(), fragile));
        let bad: Uri = "file:///x/bad.txt".parse().unwrap();
        let good: Uri = "file:///x/good.txt".parse().unwrap();
        state.open(bad.clone(), 1, "PANIC in the newsroom");
        state.open(good.clone(), 1, "All quiet.");
        settle(&state, "file:///x/bad.txt", |d| d.failed.is_some()).await;
        settle(&state, "file:///x/good.txt", |d| d.analyzed == Some(1)).await;
        assert_eq!(
            lock(&state.docs)["file:///x/bad.txt"].failure(),
            Some("panicked: analysis blew up")
        );
        // Requests on the broken version answer with an error instead of retrying.
        let e = state
            .query(&bad, "test", Value::Null, |s| Some(s.analysis().is_some()))
            .await
            .unwrap_err();
        assert_eq!(e.code.code(), REQUEST_FAILED);
        assert!(e.message.contains("analysis blew up"), "{}", e.message);
        // A panicking request is answered with an internal error; the next one works.
        let e = state
            .query(&good, "test", Value::Null, |_| -> Option<u8> {
                panic!("boom")
            })
            .await
            .unwrap_err();
        assert_eq!(e.code, jsonrpc::ErrorCode::InternalError);
        assert!(e.message.contains("boom"), "{}", e.message);
        assert_eq!(
            state
                .query(&good, "test", Value::Null, |s| Some(s.analysis().is_some()))
                .await
                .unwrap(),
            Some(true)
        );
        // So is a request about the whole workspace.
        let e = state
            .query_corpus("workspace/symbol", Value::Null, |_| -> Option<u8> {
                panic!("bang")
            })
            .await
            .unwrap_err();
        assert_eq!(e.code, jsonrpc::ErrorCode::InternalError);
        assert!(e.message.contains("workspace/symbol"), "{}", e.message);
        // Indexing skips a file whose analysis panics and keeps the others.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "PANIC").unwrap();
        std::fs::write(dir.path().join("b.txt"), "fine").unwrap();
        let skipped =
            state.load_files_blocking(&[dir.path().join("a.txt"), dir.path().join("b.txt")]);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].1.contains("analysis blew up"), "{skipped:?}");
        assert_eq!(read(&state.corpus).len(), 2, "good.txt and b.txt");
    }

    #[test]
    fn logged_params_are_bounded_on_a_char_boundary() {
        assert_eq!(bounded("short", 10), "short");
        let long = "é".repeat(2000);
        let cut = bounded(&long, 11);
        assert!(cut.starts_with("ééééé…"), "{cut}");
        assert!(cut.ends_with("(4000 bytes)"), "{cut}");
    }
}
