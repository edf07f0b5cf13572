//! LSP framing for the tests that drive the real binary over pipes
//! (`lsp_stdio`, `lsp_torture`, `soak`).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::ChildStdin;
use std::sync::{mpsc, Arc, Mutex};

use serde_json::{json, Value};

/// One message with its `Content-Length` header.
pub fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Reads one message; `None` when the stream ends (also mid-frame). Panics
/// on a line that is not a header: stdout must carry only the protocol.
pub fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("stdout carried a non-header line: {line:?}"));
        if name.eq_ignore_ascii_case("Content-Length") {
            length = Some(value.parse::<usize>().expect("a numeric Content-Length"));
        }
    }
    let mut body = vec![0; length.expect("Content-Length")];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("a JSON body"))
}

/// Forwards every message from the server's stdout to `tx` until the stream
/// ends; with `replies`, answers the server's own requests (`null`, and one
/// `null` per item of `workspace/configuration`).
pub fn pump(stdout: impl Read, tx: mpsc::Sender<Value>, replies: Option<Arc<Mutex<ChildStdin>>>) {
    let mut reader = BufReader::new(stdout);
    while let Some(message) = read_frame(&mut reader) {
        if let Some(stdin) = &replies {
            if message.get("method").is_some() && message.get("id").is_some() {
                let result = if message["method"] == "workspace/configuration" {
                    json!([null])
                } else {
                    Value::Null
                };
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": result});
                let mut stdin = stdin.lock().unwrap_or_else(|e| e.into_inner());
                let _ = stdin.write_all(&frame(&reply));
                let _ = stdin.flush();
            }
        }
        if tx.send(message).is_err() {
            return;
        }
    }
}
