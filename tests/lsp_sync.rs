//! Document synchronisation under load: edits applied in order, stale
//! versions ignored, and the last diagnostics carry the last version.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::{capabilities, TestClient};

/// An independent model of the client's buffer: lines split at `\n` only,
/// columns in UTF-16 code units.
fn offset(text: &str, line: usize, col16: usize) -> usize {
    let start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
    let line_text = text[start..].split('\n').next().unwrap();
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= col16 {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line_text.len()
}

/// A deterministic pseudo-random generator (no dependency, same edits every run).
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

/// A random edit of `text`: (range as LSP JSON, new text), applied to the model.
fn random_edit(rng: &mut Lcg, text: &mut String) -> (Value, String) {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = rng.next(lines.len());
    let chars: Vec<char> = lines[line].chars().collect();
    let a = rng.next(chars.len() + 1);
    let b = if rng.next(3) == 0 {
        (a + rng.next(4)).min(chars.len())
    } else {
        a
    };
    let col = |n: usize| chars[..n].iter().map(|c| c.len_utf16()).sum::<usize>();
    let (c0, c1) = (col(a), col(b));
    let inserts = ["x", "é", "😀", "“q”", "\n", "漢", "e\u{301}", " Putin "];
    let new_text = if rng.next(4) == 0 && b > a {
        String::new()
    } else {
        inserts[rng.next(inserts.len())].to_string()
    };
    let (s, e) = (offset(text, line, c0), offset(text, line, c1));
    text.replace_range(s..e, &new_text);
    let range =
        json!({"start": {"line": line, "character": c0}, "end": {"line": line, "character": c1}});
    (range, new_text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_rapid_edits_arrive_in_order() {
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), None, json!({"debounceMs": 30}))
        .await;
    let uri = "file:///nonexistent/dateline-test/rapid.txt";
    let mut text = String::from("“Putin” met Zelensky in Kyiv.\nThe café closed on Thursday.\n");
    client.open(uri, 1, &text).await;
    let mut rng = Lcg(42);
    for version in 2..=501 {
        let (range, new_text) = random_edit(&mut rng, &mut text);
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": range, "text": new_text}]
                }),
            )
            .await;
    }
    let held = client
        .request("dateline/documentText", json!({"uri": uri}))
        .await;
    assert_eq!(held["version"], 501);
    assert_eq!(
        held["text"].as_str().unwrap(),
        text,
        "server text diverged from the client's"
    );

    client
        .wait_keep("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == 501
        })
        .await;
    // Let any straggler arrive, then check the order of what was published.
    tokio::time::sleep(Duration::from_millis(150)).await;
    let versions: Vec<i64> = client
        .peek("textDocument/publishDiagnostics")
        .iter()
        .filter(|p| p["uri"] == uri)
        .map(|p| p["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "versions out of order: {versions:?}"
    );
    assert_eq!(
        versions.last(),
        Some(&501),
        "the last diagnostics carry the last version: {versions:?}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_order_versions_are_ignored() {
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), None, json!({"debounceMs": 10}))
        .await;
    let uri = "file:///nonexistent/dateline-test/versions.txt";
    client.open(uri, 1, "abc").await;
    let change = |version: i32, text: &str| {
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": text}]
        })
    };
    client
        .notify("textDocument/didChange", change(3, "X"))
        .await;
    client
        .notify("textDocument/didChange", change(2, "Y"))
        .await;
    client
        .notify("textDocument/didChange", change(3, "Z"))
        .await;
    let held = client
        .request("dateline/documentText", json!({"uri": uri}))
        .await;
    assert_eq!(held, json!({"version": 3, "text": "Xabc"}));
    let log = client
        .wait_for("window/logMessage", |p| {
            p["message"]
                .as_str()
                .unwrap_or("")
                .contains("didChange ignored")
        })
        .await;
    assert_eq!(log["type"], 2, "logged as a warning: {log}");
    // A full-text change replaces everything.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": "new\r\ntext"}]}),
        )
        .await;
    let held = client
        .request("dateline/documentText", json!({"uri": uri}))
        .await;
    assert_eq!(held, json!({"version": 4, "text": "new\r\ntext"}));
    client.diagnostics(uri, |p| p["version"] == 4).await;
    client.shutdown().await;
}
