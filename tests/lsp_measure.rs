//! Measurements of the server (ignored by default; run with
//! `cargo test --release --test lsp_measure -- --ignored --nocapture`):
//! indexing time for a folder of articles, edit-to-diagnostics latency with
//! the default debounce, and hover latency.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{capabilities, TestClient};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run explicitly, in release mode"]
async fn indexing_and_edit_latency() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let seeds_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let seeds: Vec<_> = std::fs::read_dir(seeds_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let n = 500;
    for i in 0..n {
        std::fs::copy(&seeds[i % seeds.len()], root.join(format!("a{i:04}.txt"))).unwrap();
    }
    let mut client = TestClient::start();
    let start = Instant::now();
    client
        .initialize(capabilities(false), Some(&root), json!({}))
        .await;
    let end = client
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    let indexing = start.elapsed();
    assert_eq!(end["value"]["message"], format!("{n} articles"));
    println!("indexing {n} files: {indexing:?}");

    let uri = support::file_uri(&root.join("a0000.txt"));
    let text = std::fs::read_to_string(root.join("a0000.txt")).unwrap();
    client.open(&uri, 1, &text).await;
    client.diagnostics(&uri, |p| p["version"] == 1).await;
    let mut latencies = Vec::new();
    for version in 2..12 {
        let start = Instant::now();
        let edit = json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "x"}]
        });
        client.notify("textDocument/didChange", edit).await;
        client.diagnostics(&uri, |p| p["version"] == version).await;
        latencies.push(start.elapsed().as_millis());
    }
    println!("edit → diagnostics (debounce 150 ms), ms: {latencies:?}");
    assert!(latencies.iter().all(|&ms| ms < 1150), "{latencies:?}");

    let start = Instant::now();
    for _ in 0..100 {
        let position =
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 150}});
        client.request("textDocument/hover", position).await;
    }
    let per_hover = start.elapsed() / 100;
    println!("hover round trip: {per_hover:?}");
    assert!(per_hover < Duration::from_millis(100));
    client.shutdown().await;
}
