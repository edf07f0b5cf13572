//! Soak test: scripted editing of the seed articles against the stdio
//! server, with the server's memory sampled from /proc/<pid>/status.
//!
//! Ignored by default (it runs for minutes). Run it with
//!
//! ```text
//! cargo test --release --test soak -- --ignored --nocapture            # 30 minutes
//! DATELINE_SOAK_SECS=60 cargo test --release --test soak -- --ignored --nocapture
//! ```
//!
//! Every ~20 ms one edit (insert a token, delete or replace a range, paste a
//! paragraph; now and then a whole-text reset so documents stay bounded),
//! every 10th tick a request (outline, hover, folding, semantic tokens,
//! inlay hints, code actions), every few seconds a close/reopen and a check
//! that the server's text equals the model. Fails when the text drifts, a
//! request errors, the server dies, or resident memory at the end exceeds
//! twice that after warm-up plus 64 MB.

use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

mod stdio_support;
use stdio_support::{frame, pump};

const SEEDS: [(&str, &str); 5] = [
    ("000.txt", include_str!("../seeds/000_100eb50afdd972d1.txt")),
    ("001.txt", include_str!("../seeds/001_406014d11440a5bc.txt")),
    ("002.txt", include_str!("../seeds/002_b56c73ee0fe4b283.txt")),
    ("003.txt", include_str!("../seeds/003_b328b101f975b17c.txt")),
    ("004.txt", include_str!("../seeds/004_5276c77493c331da.txt")),
];

const TOKENS: [&str; 16] = [
    "Thursday ",
    "last month ",
    "on October 9, 2020 ",
    "Nikol Pashinyan ",
    "Azerbaijan ",
    "30,000 ",
    "said ",
    "“quoted” ",
    "é",
    "😀",
    "漢字 ",
    "\n",
    "\r\n",
    "\n\n",
    "**bold** ",
    "By Jane Doe\n",
];

const PARAGRAPH: &str = "\n\nOfficials said on Tuesday that 1,200 people had left Stepanakert since last week, three days after the ceasefire.\n";

/// A deterministic pseudo-random sequence (the run is reproducible).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(root: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dateline lsp starts");
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || pump(stdout, tx, Some(replies)));
        let mut s = Server {
            child,
            stdin,
            rx,
            next_id: 0,
        };
        let uri = format!("file://{}", root.display());
        let r = s.request(
            "initialize",
            json!({"processId": null, "rootUri": uri,
                   "workspaceFolders": [{"uri": uri, "name": "soak"}],
                   "capabilities": {"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}}),
        );
        assert!(r.get("result").is_some(), "{r}");
        s.notify("initialized", json!({}));
        s
    }

    fn send(&self, message: &Value) {
        let mut stdin = self.stdin.lock().unwrap();
        stdin
            .write_all(&frame(message))
            .and_then(|()| stdin.flush())
            .expect("the server is alive");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method} within 30 s"));
            if m["id"] == id && m.get("method").is_none() {
                return m;
            }
        }
    }

    fn status(&self, field: &str) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with(field))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The UTF-16 LSP position of byte `offset` (a char boundary) in `text`.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let mut line = 0;
    let mut start = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')) {
            line += 1;
            start = i + 1;
        }
    }
    let character: usize = before[start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// The char boundary at or before `at` that is not inside a CRLF pair.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at)
        || (at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n'))
    {
        at -= 1;
    }
    at
}

/// A random char boundary of `text` that is not inside a CRLF pair.
fn boundary(text: &str, rng: &mut Lcg) -> usize {
    floor(text, rng.next(text.len() + 1))
}

#[test]
#[ignore = "soak: minutes long; see the module doc"]
fn soak_scripted_editing_keeps_text_and_memory_bounded() {
    let secs: u64 = std::env::var("DATELINE_SOAK_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1800);
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in SEEDS {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut server = Server::start(dir.path());
    let uris: Vec<String> = SEEDS
        .iter()
        .map(|(name, _)| format!("file://{}", dir.path().join(name).display()))
        .collect();
    let mut models: Vec<String> = SEEDS.iter().map(|(_, t)| t.to_string()).collect();
    let mut versions = vec![1i64; SEEDS.len()];
    let mut open = vec![false; SEEDS.len()];
    let mut rng = Lcg(0x5eed);
    let started = Instant::now();
    let (mut edits, mut requests, mut checks, mut reopens) = (0u64, 0u64, 0u64, 0u64);
    let mut samples: Vec<(u64, u64)> = Vec::new();
    let mut next_sample = Instant::now();
    let mut warm_rss = 0;
    let mut tick = 0u64;
    while started.elapsed() < Duration::from_secs(secs) {
        tick += 1;
        let d = rng.next(SEEDS.len());
        if !open[d] {
            versions[d] += 1;
            server.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uris[d], "languageId": "plaintext",
                       "version": versions[d], "text": models[d]}}),
            );
            open[d] = true;
        }
        // One edit.
        let text = &models[d];
        let (a, b, new) = match rng.next(20) {
            0 => (0, text.len(), SEEDS[d].1.to_string()),
            1..=3 => {
                let a = boundary(text, &mut rng);
                let b = floor(text, a + 1 + rng.next(40)).max(a);
                (a, b, String::new())
            }
            4 => {
                let a = boundary(text, &mut rng);
                (a, a, PARAGRAPH.to_string())
            }
            _ => {
                let a = boundary(text, &mut rng);
                (a, a, TOKENS[rng.next(TOKENS.len())].to_string())
            }
        };
        // Keep documents bounded: past 64 KB, reset.
        let (a, b, new) = if text.len() > 64 * 1024 {
            (0, text.len(), SEEDS[d].1.to_string())
        } else {
            (a, b, new)
        };
        let range = json!({"start": position(text, a), "end": position(text, b)});
        versions[d] += 1;
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uris[d], "version": versions[d]},
                   "contentChanges": [{"range": range, "text": new}]}),
        );
        models[d].replace_range(a..b, &new);
        edits += 1;
        // Now and then a request, as an editor makes them while typing.
        if tick % 10 == 0 {
            let at = position(&models[d], boundary(&models[d], &mut rng));
            let doc = json!({"uri": uris[d]});
            let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 100000, "character": 0}});
            let (method, params) = match rng.next(6) {
                0 => ("textDocument/documentSymbol", json!({"textDocument": doc})),
                1 => (
                    "textDocument/hover",
                    json!({"textDocument": doc, "position": at}),
                ),
                2 => ("textDocument/foldingRange", json!({"textDocument": doc})),
                3 => (
                    "textDocument/semanticTokens/full",
                    json!({"textDocument": doc}),
                ),
                4 => (
                    "textDocument/inlayHint",
                    json!({"textDocument": doc, "range": whole}),
                ),
                _ => (
                    "textDocument/codeAction",
                    json!({"textDocument": doc, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
                ),
            };
            let r = server.request(method, params);
            let code = r["error"]["code"].as_i64();
            assert!(
                code.is_none() || code == Some(-32601),
                "{method} failed after {edits} edits: {r}"
            );
            requests += 1;
        }
        // Every ~500 ticks: check a document's text, and close/reopen one.
        if tick % 500 == 0 {
            let r = server.request("dateline/documentText", json!({"uri": uris[d]}));
            assert_eq!(r["result"]["version"], versions[d]);
            assert!(
                r["result"]["text"] == models[d].as_str(),
                "text of {} drifted after {edits} edits",
                uris[d]
            );
            checks += 1;
            let c = rng.next(SEEDS.len());
            if open[c] {
                server.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uris[c]}}),
                );
                open[c] = false;
                reopens += 1;
            }
        }
        if Instant::now() >= next_sample {
            let rss = server.status("VmRSS:");
            assert!(rss > 0, "the server died after {edits} edits");
            samples.push((started.elapsed().as_secs(), rss));
            if warm_rss == 0
                && started.elapsed() >= Duration::from_secs(secs / 10).max(Duration::from_secs(5))
            {
                warm_rss = rss;
            }
            next_sample += Duration::from_secs(1);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // Final check of every open document.
    for d in 0..SEEDS.len() {
        if open[d] {
            let r = server.request("dateline/documentText", json!({"uri": uris[d]}));
            assert!(
                r["result"]["text"] == models[d].as_str(),
                "text of {} drifted",
                uris[d]
            );
            checks += 1;
        }
    }
    let end_rss = server.status("VmRSS:");
    let peak = server.status("VmHWM:");
    let start_rss = samples.first().map_or(0, |s| s.1);
    let max_rss = samples.iter().map(|s| s.1).max().unwrap_or(0);
    eprintln!(
        "soak {secs} s: {edits} edits, {requests} requests, {checks} text checks, {reopens} close/reopen; \
         RSS start {start_rss} kB, after warm-up {warm_rss} kB, end {end_rss} kB, max sampled {max_rss} kB, VmHWM {peak} kB"
    );
    let every = (samples.len() / 12).max(1);
    for (t, rss) in samples.iter().step_by(every) {
        eprintln!("  t={t:>5} s  RSS {rss} kB");
    }
    let r = server.request("shutdown", Value::Null);
    assert!(r.get("error").is_none());
    server.notify("exit", Value::Null);
    assert!(
        end_rss <= 2 * warm_rss + 64 * 1024,
        "memory grew: {warm_rss} kB after warm-up, {end_rss} kB at the end"
    );
}
