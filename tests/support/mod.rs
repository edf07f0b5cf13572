//! A minimal LSP client for tests: talks to an in-process server over
//! `tokio::io::duplex` with real `Content-Length` framing, answers the
//! server's requests, and lets tests wait for specific notifications.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{oneshot, Notify};

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(5);

type Pending = Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>;

/// The test side of an LSP connection.
pub struct TestClient {
    writer: Arc<tokio::sync::Mutex<Box<dyn tokio::io::AsyncWrite + Send + Unpin>>>,
    pending: Pending,
    next_id: i64,
    /// Notifications and server requests not yet consumed by a wait.
    inbox: Arc<Mutex<Vec<Value>>>,
    arrived: Arc<Notify>,
    server: Option<tokio::task::JoinHandle<()>>,
    /// Settings returned to `workspace/configuration`.
    pub settings: Arc<Mutex<Value>>,
}

/// A `file://` URI for a path.
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// The text of a seed article shipped in the repository.
pub fn seed(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name);
    std::fs::read_to_string(path).expect("seed exists")
}

/// Client capabilities of a capable editor (VS Code-like, push diagnostics).
pub fn capabilities(utf8: bool) -> Value {
    let encodings = if utf8 {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "foldingRange": {"lineFoldingOnly": true, "foldingRange": {"collapsedText": true}},
            "publishDiagnostics": {"versionSupport": true, "relatedInformation": true},
            "semanticTokens": {
                "requests": {"full": true, "range": true},
                "tokenTypes": ["class", "namespace", "struct", "enum", "number", "string"],
                "tokenModifiers": [], "formats": ["relative"]
            }
        },
        "workspace": {
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "configuration": true
        },
        "window": {"workDoneProgress": true}
    })
}

impl TestClient {
    /// Starts a server in-process and connects to it (not yet initialized).
    pub fn start() -> Self {
        let (client_io, server_io) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_io);
        let server = tokio::spawn(dateline::lsp::serve(server_read, server_write));
        let (read, write) = tokio::io::split(client_io);
        Self::connect(Box::new(read), Box::new(write), Some(server))
    }

    /// Connects to a server over the given streams.
    pub fn connect(
        read: Box<dyn tokio::io::AsyncRead + Send + Unpin>,
        write: Box<dyn tokio::io::AsyncWrite + Send + Unpin>,
        server: Option<tokio::task::JoinHandle<()>>,
    ) -> Self {
        let writer = Arc::new(tokio::sync::Mutex::new(write));
        let pending: Pending = Arc::default();
        let inbox: Arc<Mutex<Vec<Value>>> = Arc::default();
        let arrived = Arc::new(Notify::new());
        let settings = Arc::new(Mutex::new(Value::Null));
        tokio::spawn(read_loop(
            read,
            writer.clone(),
            pending.clone(),
            inbox.clone(),
            arrived.clone(),
            settings.clone(),
        ));
        TestClient {
            writer,
            pending,
            next_id: 1,
            inbox,
            arrived,
            server,
            settings,
        }
    }

    /// `initialize` + `initialized`; returns the initialize result.
    pub async fn initialize(
        &mut self,
        capabilities: Value,
        root: Option<&std::path::Path>,
        options: Value,
    ) -> Value {
        let folders = root
            .map(|r| json!([{"uri": file_uri(r), "name": "root"}]))
            .unwrap_or(Value::Null);
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root.map(file_uri),
                    "capabilities": capabilities,
                    "workspaceFolders": folders,
                    "initializationOptions": options,
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// Sends a request and waits for its result (panics on an error response).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response.get("result").cloned().unwrap_or(Value::Null)
    }

    /// Sends a request and returns the whole response message.
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        tokio::time::timeout(TIMEOUT, rx)
            .await
            .unwrap_or_else(|_| panic!("no response to {method} within {TIMEOUT:?}"))
            .expect("connection closed")
    }

    /// Sends a notification.
    pub async fn notify(&self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Opens a document.
    pub async fn open(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        )
        .await;
    }

    /// Waits for (and consumes) the first message from the server with this
    /// method whose params satisfy `pred`.
    pub async fn wait_for(&self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait(method, pred, true).await
    }

    /// Waits for a message like [`wait_for`](Self::wait_for) but leaves it
    /// in the inbox (for checks on the order of everything received).
    pub async fn wait_keep(&self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait(method, pred, false).await
    }

    async fn wait(&self, method: &str, pred: impl Fn(&Value) -> bool, consume: bool) -> Value {
        let found = tokio::time::timeout(TIMEOUT, async {
            loop {
                let notified = self.arrived.notified();
                {
                    let mut inbox = self.inbox.lock().unwrap();
                    let hit = inbox
                        .iter()
                        .position(|m| m["method"] == method && pred(&m["params"]));
                    if let Some(i) = hit {
                        if consume {
                            return inbox.remove(i)["params"].clone();
                        }
                        return inbox[i]["params"].clone();
                    }
                }
                notified.await;
            }
        })
        .await;
        found.unwrap_or_else(|_| {
            let seen: Vec<String> = self
                .inbox
                .lock()
                .unwrap()
                .iter()
                .map(|m| m["method"].to_string())
                .collect();
            panic!("no {method} within {TIMEOUT:?}; unconsumed messages: {seen:?}")
        })
    }

    /// Waits for the diagnostics of `uri` that satisfy `pred`.
    pub async fn diagnostics(&self, uri: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && pred(p)
        })
        .await
    }

    /// Every unconsumed message with this method, in arrival order, without
    /// consuming them.
    pub fn peek(&self, method: &str) -> Vec<Value> {
        let inbox = self.inbox.lock().unwrap();
        inbox
            .iter()
            .filter(|m| m["method"] == method)
            .map(|m| m["params"].clone())
            .collect()
    }

    /// Every unconsumed message with this method, consuming them.
    pub fn drain(&self, method: &str) -> Vec<Value> {
        let mut inbox = self.inbox.lock().unwrap();
        let (hits, rest): (Vec<Value>, Vec<Value>) =
            inbox.drain(..).partition(|m| m["method"] == method);
        *inbox = rest;
        hits.into_iter().map(|m| m["params"].clone()).collect()
    }

    /// `shutdown` then `exit`; waits for the server to stop.
    pub async fn shutdown(mut self) {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null).await;
        if let Some(server) = self.server.take() {
            tokio::time::timeout(TIMEOUT, server)
                .await
                .expect("server stops after exit")
                .expect("server task did not panic");
        }
    }

    async fn send(&self, message: Value) {
        send(&self.writer, &message).await;
    }
}

async fn send(
    writer: &tokio::sync::Mutex<Box<dyn tokio::io::AsyncWrite + Send + Unpin>>,
    message: &Value,
) {
    let body = serde_json::to_string(message).unwrap();
    let mut w = writer.lock().await;
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    // The server may be gone (after exit): tests decide what that means.
    let _ = w.write_all(frame.as_bytes()).await;
    let _ = w.flush().await;
}

async fn read_loop(
    read: Box<dyn tokio::io::AsyncRead + Send + Unpin>,
    writer: Arc<tokio::sync::Mutex<Box<dyn tokio::io::AsyncWrite + Send + Unpin>>>,
    pending: Pending,
    inbox: Arc<Mutex<Vec<Value>>>,
    arrived: Arc<Notify>,
    settings: Arc<Mutex<Value>>,
) {
    let mut reader = BufReader::new(read);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("Content-Length header")];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("server sends JSON");
        let is_request = message.get("method").is_some() && message.get("id").is_some();
        if let (Some(id), None) = (
            message.get("id").and_then(Value::as_i64),
            message.get("method"),
        ) {
            if let Some(tx) = pending.lock().unwrap().remove(&id) {
                let _ = tx.send(message);
            }
            continue;
        }
        if is_request {
            // Answer the server's requests like an editor would.
            let result = match message["method"].as_str() {
                Some("workspace/configuration") => {
                    let n = message["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![settings.lock().unwrap().clone(); n])
                }
                Some("workspace/applyEdit") => json!({"applied": true}),
                _ => Value::Null,
            };
            send(
                &writer,
                &json!({"jsonrpc": "2.0", "id": message["id"], "result": result}),
            )
            .await;
        }
        inbox.lock().unwrap().push(message);
        arrived.notify_waiters();
    }
}

/// The text an LSP range (UTF-16 columns) covers, computed independently of
/// the server: lines split at `\n`, `\r\n` and `\r`.
pub fn slice_utf16<'a>(text: &'a str, range: &Value) -> &'a str {
    let offset = |p: &Value| -> usize {
        let (line, col) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let start = starts[line];
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= col || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    &text[offset(&range["start"])..offset(&range["end"])]
}
