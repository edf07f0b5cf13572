//! Keystroke-to-diagnostics latency of `dateline lsp` over stdio, and the
//! cost of indexing the workspace.
//!
//! ```text
//! cargo build --release && cargo run --release --example lsp_latency -- \
//!     [--articles 1000] [--words 600] [--big-words 10000] [--edits 300] \
//!     [--server target/release/dateline] [--workspace DIR]
//! ```
//!
//! Generates a workspace (seeds only, reproducible) unless `--workspace` names
//! one, spawns the server with `debounceMs: 0` in `initializationOptions`,
//! waits for the indexing progress to end, opens a 10,000-word article and
//! sends single-character `didChange` edits one at a time, timing each until
//! the `publishDiagnostics` carrying that version. Prints indexing time,
//! p50/p90/p99/max latency and the server's peak resident memory (VmHWM).

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Args {
    articles: usize,
    words: usize,
    big_words: usize,
    edits: usize,
    server: PathBuf,
    workspace: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        articles: 1000,
        words: 600,
        big_words: 10_000,
        edits: 300,
        server: PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/target/release/dateline"
        )),
        workspace: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--articles" => a.articles = value.parse().unwrap_or(a.articles),
            "--words" => a.words = value.parse().unwrap_or(a.words),
            "--big-words" => a.big_words = value.parse().unwrap_or(a.big_words),
            "--edits" => a.edits = value.parse().unwrap_or(a.edits),
            "--server" => a.server = PathBuf::from(value),
            "--workspace" => a.workspace = Some(PathBuf::from(value)),
            other => eprintln!("ignoring {other}"),
        }
    }
    a
}

fn main() {
    let a = args();
    let tmp;
    let root = match &a.workspace {
        Some(dir) => dir.canonicalize().expect("workspace folder"),
        None => {
            tmp = std::env::temp_dir().join(format!("dateline-lsp-latency-{}", std::process::id()));
            generate(&tmp, &a);
            tmp.clone()
        }
    };
    let big_path = root.join("big.txt");
    if !big_path.exists() {
        let sources = corpus_gen::Sources::load(Path::new(env!("CARGO_MANIFEST_DIR")), None);
        std::fs::write(&big_path, corpus_gen::big_article(&sources, a.big_words, 7)).unwrap();
    }
    let big = std::fs::read_to_string(&big_path).unwrap();

    let mut child = Command::new(&a.server)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the server (cargo build --release first)");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let inbox = reader(child.stdout.take().unwrap());
    let root_uri = format!("file://{}", root.display());
    let big_uri = format!("file://{}", big_path.display());

    let started = Instant::now();
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null,
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "bench"}],
            "capabilities": {"window": {"workDoneProgress": true}},
            "initializationOptions": {"dateline": {"debounceMs": 0}}
        }}),
    );
    wait_for(&inbox, &mut stdin, |m| {
        m.get("id") == Some(&json!(1)) && m.get("result").is_some()
    });
    let init = started.elapsed();
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    // Indexing ends with a `$/progress` `end`.
    let indexing_start = Instant::now();
    wait_for(&inbox, &mut stdin, |m| {
        m.get("method") == Some(&json!("$/progress"))
            && m.pointer("/params/value/kind") == Some(&json!("end"))
    });
    let indexing = indexing_start.elapsed();
    std::thread::sleep(Duration::from_millis(300));
    let after_index_hwm = vm_hwm(pid);

    let open_start = Instant::now();
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": big_uri, "languageId": "plaintext", "version": 1, "text": big}
        }}),
    );
    wait_diagnostics(&inbox, &mut stdin, &big_uri, 1);
    let open = open_start.elapsed();

    // Keystrokes land at the start of a line in the middle of the article.
    let line = big.lines().count() / 2;
    let mut times = Vec::with_capacity(a.edits);
    for i in 0..a.edits {
        let version = i as i64 + 2;
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let t = Instant::now();
        send(
            &mut stdin,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": big_uri, "version": version},
                "contentChanges": [change]
            }}),
        );
        wait_diagnostics(&inbox, &mut stdin, &big_uri, version);
        times.push(t.elapsed());
    }
    let final_hwm = vm_hwm(pid);
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    wait_for(&inbox, &mut stdin, |m| m.get("id") == Some(&json!(2)));
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();

    times.sort();
    let n = times.len().max(1);
    let at = |q: f64| {
        times
            .get(((n as f64 * q) as usize).min(n - 1))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "workspace: {} ({} files)",
        root.display(),
        count_files(&root)
    );
    println!(
        "initialize: {init:.2?}; indexing: {indexing:.2?}; VmHWM after indexing: {after_index_hwm}"
    );
    println!("didOpen (10k words) to diagnostics: {open:.2?}");
    println!(
        "didChange to publishDiagnostics over {} edits: p50 {:.2?}  p90 {:.2?}  p99 {:.2?}  max {:.2?}",
        times.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        times.last().copied().unwrap_or_default()
    );
    println!("server VmHWM at the end: {final_hwm}");
    if a.workspace.is_none() {
        let _ = std::fs::remove_dir_all(&root);
    }
}

fn generate(dir: &Path, a: &Args) {
    let sources = corpus_gen::Sources::load(Path::new(env!("CARGO_MANIFEST_DIR")), None);
    let articles = corpus_gen::generate(
        &sources,
        &corpus_gen::Options {
            articles: a.articles.saturating_sub(1),
            words: a.words,
            seed: 3,
        },
    );
    for article in articles {
        let path = dir.join(&article.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, article.text).unwrap();
    }
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("big.txt"),
        corpus_gen::big_article(&sources, a.big_words, 7),
    )
    .unwrap();
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        count_files(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn vm_hwm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// Reads framed messages on a thread.
fn reader(stdout: impl Read + Send + 'static) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            if let Ok(v) = serde_json::from_slice(&body) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

/// Receives until `done` holds, answering the server's requests meanwhile
/// (progress tokens, registrations, configuration).
fn wait_for(
    inbox: &Receiver<Value>,
    stdin: &mut ChildStdin,
    done: impl Fn(&Value) -> bool,
) -> Value {
    loop {
        let m = inbox
            .recv_timeout(Duration::from_secs(300))
            .expect("the server answered in time");
        if let (Some(id), Some(method)) = (m.get("id"), m.get("method")) {
            let result = if method == "workspace/configuration" {
                json!([{"debounceMs": 0}])
            } else {
                Value::Null
            };
            send(
                stdin,
                &json!({"jsonrpc": "2.0", "id": id, "result": result}),
            );
        }
        if done(&m) {
            return m;
        }
    }
}

fn wait_diagnostics(inbox: &Receiver<Value>, stdin: &mut ChildStdin, uri: &str, version: i64) {
    wait_for(inbox, stdin, |m| {
        m.get("method") == Some(&json!("textDocument/publishDiagnostics"))
            && m.pointer("/params/uri").and_then(Value::as_str) == Some(uri)
            && m.pointer("/params/version").and_then(Value::as_i64) == Some(version)
    });
}
