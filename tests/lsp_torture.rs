//! Protocol abuse against the real binary over stdio (`dateline lsp`):
//! malformed frames, wrong Content-Length, unknown methods, requests out of
//! lifecycle order, hostile positions, edits to unopened documents, stale
//! versions, cancel storms and 10,000 rapid edits. After each, the server
//! still answers correctly (document text as the edits say, outline of the
//! article), stdout carries only protocol frames, and `exit` ends it cleanly.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

mod stdio_support;
use stdio_support::{frame, pump};

/// How long one answer may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);

const ARTICLE: &str = "Ceasefire talks resume in Geneva\n\nBy Jane Doe\n\nOctober 9, 2020\n\nDiplomats met on Thursday to discuss the ceasefire, officials said.\n\nThe talks will continue next week.\n";

/// The server process and the test's side of its pipes.
struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    rx: mpsc::Receiver<Value>,
    /// Messages received while waiting for something else.
    inbox: Vec<Value>,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .arg("lsp")
            .env("RUST_LOG", "info")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dateline lsp starts");
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || pump(stdout, tx, Some(replies)));
        let stderr = Arc::new(Mutex::new(String::new()));
        let log = stderr.clone();
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Server {
            child,
            stdin,
            rx,
            inbox: Vec::new(),
            next_id: 1000,
            stderr,
        }
    }

    /// Writes bytes to the server; a server that has exited shows up as a
    /// missing answer later, with its log.
    fn raw(&self, bytes: &[u8]) {
        let mut stdin = self.stdin.lock().unwrap();
        let _ = stdin.write_all(bytes).and_then(|()| stdin.flush());
    }

    fn send(&self, message: &Value) {
        self.raw(&frame(message));
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting.
    fn request_async(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (the whole message).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response(id)
    }

    fn response(&mut self, id: i64) -> Value {
        self.wait(&format!("response {id}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return self.inbox.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(message) = self.rx.recv_timeout(left) else {
                panic!(
                    "no {what} within {TIMEOUT:?}; server log:\n{}",
                    self.stderr.lock().unwrap()
                );
            };
            if pred(&message) {
                return message;
            }
            self.inbox.push(message);
        }
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    /// The server's copy of an open document: (version, text).
    fn text(&mut self, uri: &str) -> Option<(i64, String)> {
        let r = self.request("dateline/documentText", json!({"uri": uri}));
        let result = &r["result"];
        if result.is_null() {
            return None;
        }
        Some((
            result["version"].as_i64().unwrap(),
            result["text"].as_str().unwrap().to_string(),
        ))
    }

    /// Names of the top-level outline entries.
    fn outline(&mut self, uri: &str) -> Vec<String> {
        let r = self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        r["result"]
            .as_array()
            .unwrap_or_else(|| panic!("documentSymbol answered {r}"))
            .iter()
            .map(|s| s["name"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// `shutdown` + `exit`; the process must end with status 0.
    fn exit_cleanly(mut self) -> String {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                self.child.kill().ok();
                panic!("no exit within {TIMEOUT:?} of `exit`");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(status.success(), "exit status {status}");
        let log = self.stderr.lock().unwrap().clone();
        log
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn error_code(response: &Value) -> Option<i64> {
    response["error"]["code"].as_i64()
}

fn change(uri: &str, version: i64, range: Value, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "version": version},
           "contentChanges": [{"range": range, "text": text}]})
}

fn range(l0: u64, c0: u64, l1: u64, c1: u64) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

#[test]
fn lifecycle_abuse_is_answered_with_errors_and_the_server_recovers() {
    let mut s = Server::start();
    // Before `initialize`: requests get "server not initialized".
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&r), Some(-32002), "{r}");
    s.notify("textDocument/didOpen", json!({"textDocument": {"uri": "file:///early.txt", "languageId": "plaintext", "version": 1, "text": "x"}}));
    let init = s.initialize(json!({}));
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    // A second `initialize` is refused.
    let again = s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert!(again.get("error").is_some(), "{again}");
    // Unknown methods: requests get "method not found"; notifications are ignored.
    let r = s.request("dateline/noSuchThing", json!({}));
    assert_eq!(error_code(&r), Some(-32601), "{r}");
    s.notify("$/noSuchNotification", json!({"x": 1}));
    s.notify("workspace/noSuchNotification", json!(null));
    // Wrong parameter shapes: an error answer, not a crash.
    let r = s.request("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    let r = s.request("textDocument/documentSymbol", json!([1, 2, 3]));
    assert!(r.get("error").is_some(), "{r}");
    let uri = "file:///torture/a.txt";
    s.open(uri, 1, ARTICLE);
    assert_eq!(s.text(uri), Some((1, ARTICLE.to_string())));
    assert!(s.outline(uri).iter().any(|n| n.contains("Ceasefire")));
    // After `shutdown`: requests are refused, `exit` ends the process with 0.
    let r = s.request("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    let r = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    s.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    while s.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "no exit after `exit`");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(s.child.try_wait().unwrap().unwrap().success());
}

/// A fresh server that gets `bad` bytes after `initialize` and an open
/// document: does it still answer a request sent afterwards?
fn survives(bad: &[u8]) -> Result<(), String> {
    let mut s = Server::start();
    s.initialize(json!({}));
    let uri = "file:///torture/frames.txt";
    s.open(uri, 1, ARTICLE);
    s.raw(bad);
    // Twice: a frame swallowed by a too-long Content-Length may take the first.
    for _ in 0..2 {
        let id = s.request_async("dateline/documentText", json!({"uri": uri}));
        let deadline = Instant::now() + Duration::from_millis(1500);
        while let Ok(m) =
            s.rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if m["id"] == id {
                return if m["result"]["text"] == ARTICLE {
                    Ok(())
                } else {
                    Err(format!("wrong answer {m}"))
                };
            }
        }
    }
    let log = s.stderr.lock().unwrap().clone();
    let last = log
        .lines()
        .rev()
        .find(|l| l.contains("ERROR"))
        .unwrap_or("");
    Err(format!("no answer afterwards ({})", last.trim()))
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut msg = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    msg.extend_from_slice(body);
    msg
}

#[test]
fn odd_but_valid_frames_are_served() {
    let ping = json!({"jsonrpc": "2.0", "method": "$/ping"}).to_string();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("content type with charset", format!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {}\r\n\r\n{ping}", ping.len()).into_bytes()),
        ("string ids and null params", frame(&json!({"jsonrpc": "2.0", "id": "abc", "method": "dateline/noSuchThing", "params": null}))),
        ("a frame split in many writes", frame(&json!({"jsonrpc": "2.0", "method": "$/ping"}))),
        ("an empty body", framed(b"")),
        ("extra whitespace around the JSON", framed(format!("  \n{ping}\n  ").as_bytes())),
    ];
    let mut failures = Vec::new();
    for (name, bytes) in cases {
        if let Err(e) = survives(&bytes) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// tower-lsp-server's reader stops at the first frame it cannot decode, so
/// `src/lsp/framing.rs` checks every frame before the codec: bad ones are
/// dropped and the reader resynchronises at the next header.
#[test]
fn malformed_frames_do_not_stop_the_server() {
    let ping = json!({"jsonrpc": "2.0", "method": "$/ping"}).to_string();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not JSON", framed(b"{not json")),
        ("a JSON array", framed(b"[]")),
        ("a JSON number", framed(b"42")),
        (
            "jsonrpc 1.0",
            framed(br#"{"jsonrpc": "1.0", "id": 5, "method": "shutdown"}"#),
        ),
        (
            "an object id",
            framed(br#"{"jsonrpc": "2.0", "id": {"nested": true}, "method": "x"}"#),
        ),
        ("a body that is not UTF-8", framed(b"\xff\xfe\xfd{}")),
        (
            "three headers",
            format!(
                "X-A: 1\r\nX-B: 2\r\nContent-Length: {}\r\n\r\n{ping}",
                ping.len()
            )
            .into_bytes(),
        ),
        (
            "Content-Length too short",
            format!("Content-Length: {}\r\n\r\n{ping}", ping.len() - 5).into_bytes(),
        ),
        (
            "Content-Length too long",
            format!("Content-Length: {}\r\n\r\n{ping}", ping.len() + 40).into_bytes(),
        ),
        (
            "Content-Length not a number",
            b"Content-Length: -1\r\n\r\n".to_vec(),
        ),
        (
            "Content-Length overflowing",
            b"Content-Length: 99999999999999999999999\r\n\r\n".to_vec(),
        ),
        (
            "a lower-case header name",
            format!("content-length: {}\r\n\r\n{ping}", ping.len()).into_bytes(),
        ),
        ("no Content-Length", format!("\r\n\r\n{ping}").into_bytes()),
        ("garbage between frames", b"hello\r\n\r\n".to_vec()),
    ];
    let mut failures = Vec::new();
    for (name, bytes) in cases {
        if let Err(e) = survives(&bytes) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn hostile_positions_versions_and_unopened_documents() {
    let mut s = Server::start();
    s.initialize(json!({"general": {"positionEncodings": ["utf-16"]}}));
    let uri = "file:///torture/pos.txt";
    let text = "“Putin” said 😀 on Thursday\r\nin Baku\rand Yerevan\n";
    s.open(uri, 5, text);
    let max = u64::from(u32::MAX);
    for (line, character) in [
        (0, 0),
        (0, 1),
        (0, 15),
        (0, 16),
        (0, 9999),
        (1, 2),
        (3, 0),
        (9999, 0),
        (max, max),
    ] {
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/references",
            "textDocument/completion",
            "textDocument/prepareRename",
        ] {
            let r = s.request(
                method,
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character},
                       "context": {"includeDeclaration": true, "triggerKind": 1}}),
            );
            assert!(
                r.get("error").is_none() || error_code(&r) == Some(-32601),
                "{method} at {line}:{character} -> {r}"
            );
        }
        let r = s.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range(line, character, 0, 0)}),
        );
        assert!(
            r.get("error").is_none() || error_code(&r) == Some(-32601),
            "{r}"
        );
    }
    // Positions beyond u32 and negative: invalid params, not a crash.
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": -1, "character": 1u64 << 40}}),
    );
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    // Edits with hostile ranges clamp: reversed, past the end, inside a surrogate pair.
    s.notify(
        "textDocument/didChange",
        change(uri, 6, range(max, max, max, max), "!"),
    );
    s.notify(
        "textDocument/didChange",
        change(uri, 7, range(0, 15, 0, 14), "x"),
    );
    let (version, now) = s.text(uri).unwrap();
    assert_eq!(version, 7);
    // Column 15 is the space after 😀 (UTF-16 units 13..15) and column 14,
    // inside it, snaps back to 13: the reversed range is swapped and
    // replaces the emoji.
    let expect = format!("{text}!").replacen('😀', "x", 1);
    assert_eq!(now, expect);
    // Duplicate and out-of-order versions are ignored.
    s.notify(
        "textDocument/didChange",
        change(uri, 7, range(0, 0, 0, 0), "DUP"),
    );
    s.notify(
        "textDocument/didChange",
        change(uri, 3, range(0, 0, 0, 0), "OLD"),
    );
    s.notify(
        "textDocument/didChange",
        change(uri, i32::MIN.into(), range(0, 0, 0, 0), "MIN"),
    );
    assert_eq!(s.text(uri), Some((7, expect.clone())));
    // Changes to documents never opened, or closed, are ignored.
    let ghost = "file:///torture/ghost.txt";
    s.notify(
        "textDocument/didChange",
        change(ghost, 2, range(0, 0, 0, 0), "boo"),
    );
    assert_eq!(s.text(ghost), None);
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": ghost}}),
    );
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": ghost}}),
    );
    let r = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": ghost}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    // Odd URIs.
    for odd in [
        "untitled:Untitled-1",
        "file:///torture/with%20space%E2%80%9C.txt",
        "file://host/share/x.txt",
        "not a uri",
        "",
    ] {
        s.notify("textDocument/didOpen", json!({"textDocument": {"uri": odd, "languageId": "plaintext", "version": 1, "text": ARTICLE}}));
        let _ = s.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": odd}}),
        );
    }
    // Reopening an open document replaces it.
    s.open(uri, 1, ARTICLE);
    assert_eq!(s.text(uri).map(|t| t.1), Some(ARTICLE.to_string()));
    assert!(s.outline(uri).iter().any(|n| n.contains("Ceasefire")));
    let log = s.exit_cleanly();
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn ten_thousand_rapid_edits_and_a_cancel_storm() {
    let mut s = Server::start();
    s.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    let uri = "file:///torture/storm.txt";
    s.open(uri, 1, ARTICLE);
    let mut model = ARTICLE.to_string();
    let mut line0_len = ARTICLE.find('\n').unwrap();
    let mut version = 1;
    // Write every frame into one buffer and send it in a few large writes,
    // as a fast client would.
    let mut burst = Vec::new();
    let words = [
        "Thursday ",
        "Baku ",
        "é",
        "😀",
        "\n",
        "\r\n",
        "said ",
        "30,000 ",
    ];
    for i in 0..10_000usize {
        version += 1;
        // Alternate inserts at the end of line 0 and deletions at its start
        // (line 0 grows to ~30 KB; its length is tracked, not searched for).
        let (start, end, text) = if i % 3 == 2 && line0_len > 0 {
            let first = model[..line0_len].chars().next().unwrap().len_utf8();
            line0_len -= first;
            (0, first, "")
        } else {
            let word = words[i % words.len()];
            let at = line0_len;
            if !word.contains('\n') {
                line0_len += word.len();
            }
            (at, at, word)
        };
        burst.extend(frame(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": change(uri, version, range(0, start as u64, 0, end as u64), text)}),
        ));
        // `remove`/`insert_str` memmove; `replace_range` is slow unoptimised.
        if end > start {
            model.remove(start);
        } else {
            model.insert_str(start, text);
        }
        if i % 500 == 0 {
            // A request in flight, then cancelled (with a storm of cancels for ids never sent).
            let id = 100_000 + i as i64;
            burst.extend(frame(
                &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
                "params": {"textDocument": {"uri": uri}}}),
            ));
            for k in 0..20 {
                burst.extend(frame(
                    &json!({"jsonrpc": "2.0", "method": "$/cancelRequest",
                    "params": {"id": id + k}}),
                ));
            }
            burst.extend(frame(&json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": "no-such-id"}})));
            burst.extend(frame(
                &json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {}}),
            ));
        }
        if burst.len() > 256 * 1024 {
            s.raw(&burst);
            burst.clear();
        }
    }
    s.raw(&burst);
    let started = Instant::now();
    let (v, text) = s.text(uri).expect("still open");
    assert_eq!(v, version);
    assert_eq!(text, model, "the server's text drifted from the edits sent");
    // Every cancelled request got an answer (a result or "request cancelled").
    for i in (0..10_000).step_by(500) {
        let r = s.response(100_000 + i as i64);
        assert!(
            r.get("result").is_some() || error_code(&r) == Some(-32800),
            "{r}"
        );
    }
    // A whole-text change back to the article: the outline is right again
    // (analysing the ~40 KB storm text in a debug build under load can take
    // longer than the answer timeout, so the outline is checked on this).
    version += 1;
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version},
               "contentChanges": [{"text": ARTICLE}]}),
    );
    assert!(s.outline(uri).iter().any(|n| n.contains("Ceasefire")));
    eprintln!(
        "10,000 edits verified {:?} after the last was sent",
        started.elapsed()
    );
    let log = s.exit_cleanly();
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn a_huge_buffer_does_not_block_other_documents() {
    let mut s = Server::start();
    s.initialize(json!({}));
    let small = "file:///torture/small.txt";
    s.open(small, 1, ARTICLE);
    assert!(s.outline(small).iter().any(|n| n.contains("Ceasefire")));
    // 4 MB in the editor (no size limit applies to open buffers): its
    // analysis runs off the request path.
    let huge = "file:///torture/huge.txt";
    let text = ARTICLE.repeat(4 * 1024 * 1024 / ARTICLE.len());
    s.open(huge, 1, &text);
    let started = Instant::now();
    assert!(s.outline(small).iter().any(|n| n.contains("Ceasefire")));
    let (_, held) = s.text(huge).unwrap();
    assert_eq!(held.len(), text.len());
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(5),
        "requests on a small document waited {waited:?} behind a huge one"
    );
    let log = s.exit_cleanly();
    assert!(!log.contains("panicked"), "{log}");
}
