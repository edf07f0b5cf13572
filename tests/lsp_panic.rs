//! A panic inside the analysis is contained, over the real protocol: the
//! server runs a pipeline that panics on documents containing `PANIC` (the
//! `serve_with` seam), and must answer the request that ran into it with an
//! error, log the input that caused it, and go on serving.

mod support;

use dateline::engine::analysis::analyze_cached;
use dateline::engine::cache::AnalysisCache;
use dateline::engine::{Analysis, AnalysisOptions};
use serde_json::{json, Value};
use support::{capabilities, seed, TestClient};

const BAD: &str = "file:///nonexistent/dateline-panic/bad.txt";
const GOOD: &str = "file:///nonexistent/dateline-panic/good.txt";

/// The engine's pipeline, except that it panics on text containing `PANIC`.
fn fragile(text: &str, options: &AnalysisOptions, cache: &mut AnalysisCache) -> Analysis {
    assert!(!text.contains("PANIC"), "the analysis blew up on purpose");
    analyze_cached(text, options, cache)
}

fn start() -> TestClient {
    let (client_io, server_io) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_io);
    let server = tokio::spawn(dateline::lsp::serve_with(
        server_read,
        server_write,
        fragile,
    ));
    let (read, write) = tokio::io::split(client_io);
    TestClient::connect(Box::new(read), Box::new(write), Some(server))
}

fn insert(uri: &str, version: i32, line: u32, text: &str) -> Value {
    let at = json!({"line": line, "character": 0});
    json!({"textDocument": {"uri": uri, "version": version},
           "contentChanges": [{"range": {"start": at, "end": at}, "text": text}]})
}

fn symbols(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}})
}

/// Asserts an error response with `code` and returns its message.
fn error_of(response: &Value, code: i64) -> String {
    assert!(
        response.get("result").is_none(),
        "an error, not a result: {response}"
    );
    assert_eq!(response["error"]["code"], code, "{response}");
    response["error"]["message"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_analysis_panics_gets_an_error_and_the_server_keeps_serving() {
    let mut client = start();
    // A long debounce: edits wait for the next request to be analysed, so
    // the panic happens inside that request.
    client
        .initialize(capabilities(true), None, json!({"debounceMs": 60000}))
        .await;
    let bad_text = "GENEVA — Talks resumed on Monday.\n\nThe ministers met for three hours.\n";
    client.open(BAD, 1, bad_text).await;
    client
        .open(GOOD, 1, &seed("000_100eb50afdd972d1.txt"))
        .await;
    client.diagnostics(BAD, |p| p["version"] == 1).await;
    client.diagnostics(GOOD, |p| p["version"] == 1).await;

    client
        .notify(
            "textDocument/didChange",
            insert(BAD, 2, 2, "PANIC in the newsroom. "),
        )
        .await;
    let hover = json!({"textDocument": {"uri": BAD}, "position": {"line": 2, "character": 3}});
    let response = client.request_raw("textDocument/hover", hover).await;
    let message = error_of(&response, -32603);
    assert!(message.contains("textDocument/hover"), "{message}");
    assert!(message.contains("blew up on purpose"), "{message}");

    // The log names the input: URI, version, the request's params and the
    // text around its position.
    let logged = client
        .wait_for("window/logMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("textDocument/hover failed"))
        })
        .await;
    assert_eq!(logged["type"], 1, "an error: {logged}");
    let line = logged["message"].as_str().unwrap();
    for needle in [
        BAD,
        "version=2",
        r#""position":{"line":2,"character":3}"#,
        "PANIC in the newsroom",
        "blew up on purpose",
    ] {
        assert!(line.contains(needle), "{needle:?} not in the log: {line}");
    }
    // The analysis itself was logged too, with the text of the last edit.
    let analysis = client
        .wait_for("window/logMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("analysis failed") && m.contains(BAD))
        })
        .await;
    assert!(
        analysis["message"]
            .as_str()
            .unwrap()
            .contains("PANIC in the newsroom"),
        "{analysis}"
    );

    // Another document is served normally.
    let good = client
        .request("textDocument/documentSymbol", symbols(GOOD))
        .await;
    assert!(
        good.as_array().is_some_and(|s| !s.is_empty()),
        "symbols of the good document: {good}"
    );

    // Every analysing request on the broken version says it failed (no retry,
    // no silent empty answer).
    let at = json!({"line": 0, "character": 1});
    let doc = json!({"uri": BAD});
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}});
    for (method, params) in [
        ("textDocument/documentSymbol", symbols(BAD)),
        ("textDocument/foldingRange", symbols(BAD)),
        ("textDocument/semanticTokens/full", symbols(BAD)),
        (
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": whole}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": doc, "position": at, "context": {"includeDeclaration": true}}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": doc, "position": at, "newName": "Bern"}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": at}),
        ),
        (
            "textDocument/definition",
            json!({"textDocument": doc, "position": at}),
        ),
    ] {
        let response = client.request_raw(method, params).await;
        let message = error_of(&response, -32803);
        assert!(
            message.contains(BAD) && message.contains("blew up"),
            "{method}: {message}"
        );
    }

    // Fixing the text brings the document back.
    let fix = json!({"textDocument": {"uri": BAD, "version": 3},
        "contentChanges": [{"range": {"start": {"line": 2, "character": 0},
                                      "end": {"line": 2, "character": 23}}, "text": ""}]});
    client.notify("textDocument/didChange", fix).await;
    let text = client
        .request("dateline/documentText", json!({"uri": BAD}))
        .await;
    assert_eq!(text["text"], bad_text);
    let fixed = client
        .request("textDocument/documentSymbol", symbols(BAD))
        .await;
    assert!(fixed.is_array(), "{fixed}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_whose_analysis_panics_does_not_stop_the_server() {
    let mut client = start();
    client
        .initialize(capabilities(true), None, json!({"debounceMs": 5}))
        .await;
    client.open(BAD, 1, "Talks resumed on Monday.\n").await;
    client.open(GOOD, 1, "Talks resumed on Tuesday.\n").await;
    client.diagnostics(BAD, |p| p["version"] == 1).await;
    client.diagnostics(GOOD, |p| p["version"] == 1).await;
    // The debounced analysis of the edit (a notification: nobody to answer)
    // panics; it is logged with the document and the text of the edit.
    client
        .notify("textDocument/didChange", insert(BAD, 2, 0, "PANIC now. "))
        .await;
    let logged = client
        .wait_for("window/logMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("analysis failed") && m.contains(BAD))
        })
        .await;
    let line = logged["message"].as_str().unwrap();
    assert!(
        line.contains("version=2") && line.contains("PANIC now."),
        "{line}"
    );
    // Edits keep applying and other documents keep being analysed.
    client
        .notify("textDocument/didChange", insert(GOOD, 2, 0, "Again: "))
        .await;
    client.diagnostics(GOOD, |p| p["version"] == 2).await;
    let good = client
        .request("textDocument/foldingRange", symbols(GOOD))
        .await;
    assert!(good.is_array(), "{good}");
    // Undoing the edit: analysed and published again.
    let undo = json!({"textDocument": {"uri": BAD, "version": 3},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                      "end": {"line": 0, "character": 11}}, "text": ""}]});
    client.notify("textDocument/didChange", undo).await;
    client.diagnostics(BAD, |p| p["version"] == 3).await;
    client.shutdown().await;
}
