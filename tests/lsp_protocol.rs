//! The server end to end over an in-process pipe with real framing:
//! lifecycle, capabilities, and every document feature on a seed article.

mod support;

use serde_json::{json, Value};
use support::{capabilities, seed, TestClient};

const URI: &str = "file:///nonexistent/dateline-test/000.txt";

fn assert_valid_range(range: &Value, lines: usize) {
    let (sl, sc) = (
        range["start"]["line"].as_u64().unwrap(),
        range["start"]["character"].as_u64().unwrap(),
    );
    let (el, ec) = (
        range["end"]["line"].as_u64().unwrap(),
        range["end"]["character"].as_u64().unwrap(),
    );
    assert!((sl, sc) <= (el, ec), "inverted range {range}");
    assert!(
        (el as usize) < lines.max(1) + 1,
        "range {range} beyond {lines} lines"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_on_a_seed_article() {
    let text = seed("000_100eb50afdd972d1.txt");
    let lines = text.split('\n').count();
    let mut client = TestClient::start();
    let init = client
        .initialize(capabilities(true), None, json!({"debounceMs": 10}))
        .await;
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["dateline.timeline", "dateline.reindex"])
    );
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "push diagnostics for a client without pull support"
    );
    // The client does not list dateline's token types: standard fallback.
    assert_eq!(
        caps["semanticTokensProvider"]["legend"]["tokenTypes"],
        json!(["class", "namespace", "struct", "enum", "number", "string"])
    );
    assert_eq!(init["serverInfo"]["name"], "dateline");

    client.open(URI, 1, &text).await;
    let published = client.diagnostics(URI, |_| true).await;
    assert_eq!(published["version"], 1);
    for d in published["diagnostics"].as_array().unwrap() {
        assert_eq!(d["source"], "dateline");
        assert!(d["code"].is_string(), "rule id as code: {d}");
        assert_valid_range(&d["range"], lines);
    }

    let doc = json!({"textDocument": {"uri": URI}});
    let symbols = client
        .request("textDocument/documentSymbol", doc.clone())
        .await;
    for s in symbols.as_array().expect("hierarchical symbols") {
        assert_valid_range(&s["range"], lines);
        assert!(
            s["selectionRange"]["start"]["line"].as_u64() >= s["range"]["start"]["line"].as_u64()
        );
    }
    let folds = client
        .request("textDocument/foldingRange", doc.clone())
        .await;
    for f in folds.as_array().expect("folding ranges") {
        assert!(f["endLine"].as_u64() > f["startLine"].as_u64(), "{f}");
    }
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 3}}),
        )
        .await;
    if !hover.is_null() {
        assert_eq!(hover["contents"]["kind"], "markdown");
    }
    let tokens = client
        .request("textDocument/semanticTokens/full", doc.clone())
        .await;
    assert_eq!(tokens["data"].as_array().expect("token data").len() % 5, 0);
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}});
    let tokens = client
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": URI}, "range": range}),
        )
        .await;
    assert!(tokens["data"].is_array());
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": range}),
        )
        .await;
    assert!(hints.is_array(), "inlay hints: {hints}");
    let completion = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 5}}),
        )
        .await;
    assert!(completion.is_array());
    let timeline = client
        .request(
            "workspace/executeCommand",
            json!({"command": "dateline.timeline"}),
        )
        .await;
    assert!(timeline.is_array(), "timeline: {timeline}");
    let unknown = client
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "dateline.nope"}),
        )
        .await;
    assert!(unknown.get("error").is_some());

    // The server logs to the client, never to stdout (the pipe would break).
    let logs = client.drain("window/logMessage");
    assert!(
        logs.iter()
            .any(|l| l["message"].as_str().unwrap_or("").contains("ready")),
        "{logs:?}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf16_is_the_default_and_custom_token_types_can_be_requested() {
    let mut client = TestClient::start();
    let init = client
        .initialize(capabilities(false), None, json!({"customTokenTypes": true}))
        .await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"],
        json!([
            "person",
            "organization",
            "place",
            "group",
            "date",
            "time",
            "duration",
            "set"
        ])
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dateless_text_gets_the_missing_date_note_with_its_version() {
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), None, json!({"debounceMs": 10}))
        .await;
    let uri = "file:///nonexistent/dateline-test/dateless.txt";
    client
        .open(
            uri,
            7,
            "The minister said on Thursday that talks would resume.\n",
        )
        .await;
    let published = client.diagnostics(uri, |_| true).await;
    assert_eq!(published["version"], 7);
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert!(
        codes.contains(&&json!("missing-publication-date")),
        "{published}"
    );

    // The rule can be switched off from the editor settings.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"dateline": {"rules": {"missing-publication-date": "off"}}}}),
        )
        .await;
    let cleared = client
        .diagnostics(uri, |p| {
            p["diagnostics"].as_array().is_some_and(|d| d.is_empty())
        })
        .await;
    assert_eq!(cleared["diagnostics"], json!([]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_when_the_client_supports_them() {
    let mut caps = capabilities(false);
    caps["textDocument"]["diagnostic"] = json!({"relatedDocumentSupport": false});
    let mut client = TestClient::start();
    let init = client
        .initialize(caps, None, json!({"debounceMs": 10}))
        .await;
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["interFileDependencies"],
        true
    );
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"],
        true
    );
    let uri = "file:///nonexistent/dateline-test/pull.txt";
    client.open(uri, 1, "Talks resumed on Thursday.\n").await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    let codes: Vec<Value> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert!(
        codes.contains(&json!("missing-publication-date")),
        "{report}"
    );
    let all = client
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let items = all["items"].as_array().unwrap();
    assert!(
        items.iter().any(|i| i["uri"] == uri && i["version"] == 1),
        "{all}"
    );
    assert!(
        client.drain("textDocument/publishDiagnostics").is_empty(),
        "no push in pull mode"
    );
    client.shutdown().await;
}
