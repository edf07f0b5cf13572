//! `dateline lsp` as an editor runs it: the built binary over real pipes.
//! stdout must carry only protocol frames, and the process must exit with
//! status 0 after `shutdown` + `exit` even though stdin stays open.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

mod stdio_support;
use stdio_support::{frame, pump};

const TIMEOUT: Duration = Duration::from_secs(10);

fn wait_for(rx: &mpsc::Receiver<Value>, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no {what} within {TIMEOUT:?}"));
        if pred(&message) {
            return message;
        }
    }
}

#[test]
fn the_binary_serves_stdio_and_exits_cleanly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || pump(stdout, tx, None));

    let mut send = |m: Value| {
        stdin.write_all(&frame(&m)).unwrap();
        stdin.flush().unwrap();
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    let init = wait_for(&rx, "initialize response", |m| m["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = "file:///nonexistent/dateline-stdio/a.txt";
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 3, "text": "Talks resumed on Thursday, officials said.\n"}}}),
    );
    let diags = wait_for(&rx, "diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    assert_eq!(diags["params"]["uri"], uri);
    assert_eq!(diags["params"]["version"], 3);
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    let shutdown = wait_for(&rx, "shutdown response", |m| m["id"] == 2);
    assert_eq!(shutdown["result"], Value::Null);
    send(json!({"jsonrpc": "2.0", "method": "exit"}));

    // stdin stays open: the server must not wait for EOF.
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("the server did not exit within {TIMEOUT:?} after `exit`");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status}");
    drop(stdin);
    reader.join().expect("stdout held only protocol frames");
}
