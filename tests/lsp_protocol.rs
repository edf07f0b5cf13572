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
    let symbols = symbols.as_array().expect("hierarchical symbols");
    for s in symbols {
        assert_valid_range(&s["range"], lines);
        assert!(
            s["selectionRange"]["start"]["line"].as_u64() >= s["range"]["start"]["line"].as_u64()
        );
    }
    // ` date 2020-10-08 BAKU/YEREVAN -- `: the publication date and dateline.
    let date = symbols
        .iter()
        .find(|s| s["kind"] == 24)
        .expect("a publication-date (event) symbol");
    assert_eq!(date["name"], "Thursday 8 October 2020");
    assert_eq!(
        date["range"],
        json!({"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 16}})
    );
    let dateline = symbols
        .iter()
        .find(|s| s["kind"] == 20)
        .expect("a dateline (key) symbol");
    assert_eq!(dateline["name"], "Baku / Yerevan");
    assert!(
        symbols.iter().filter(|s| s["kind"] == 15).count() > 5,
        "paragraphs as string symbols"
    );

    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 10}}),
        )
        .await;
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Published Thursday 8 October 2020"),
        "{hover}"
    );
    assert_eq!(hover["range"], date["range"]);

    // A saved web page: furniture folds collapsed (as `imports`, labelled),
    // sections as regions.
    let page = "file:///nonexistent/dateline-test/001.txt";
    client
        .open(page, 1, &seed("001_406014d11440a5bc.txt"))
        .await;
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": page}}),
        )
        .await;
    let folds = folds.as_array().expect("folding ranges");
    for f in folds {
        assert!(f["endLine"].as_u64() > f["startLine"].as_u64(), "{f}");
    }
    let furniture = folds
        .iter()
        .find(|f| f["kind"] == "imports")
        .expect("a collapsed furniture fold");
    assert_eq!(furniture["collapsedText"], "page furniture");
    assert!(
        folds.iter().filter(|f| f["kind"] == "region").count() >= 2,
        "{folds:?}"
    );
    // "on October 7" in the first line: a date token (standard legend:
    // `number`, index 4) and an inlay hint resolving it.
    let tokens = client
        .request("textDocument/semanticTokens/full", doc.clone())
        .await;
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .expect("token data")
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    let october7 = text.find("October 7").unwrap();
    let mut absolute = Vec::new();
    let (mut line, mut col) = (0, 0);
    for t in data.chunks(5) {
        col = if t[0] == 0 { col + t[1] } else { t[1] };
        line += t[0];
        absolute.push((line, col, t[2], t[3]));
    }
    assert!(
        absolute.contains(&(0, october7 as u64, 9, 4)),
        "the date on line 0 as `number` (UTF-8 columns): {absolute:?}"
    );
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}});
    let in_range = client
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": URI}, "range": range}),
        )
        .await;
    let in_range = in_range["data"].as_array().unwrap().len();
    assert!(
        in_range >= 5 && in_range < data.len(),
        "a range request returns fewer tokens"
    );
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": range}),
        )
        .await;
    let first = &hints[0];
    assert_eq!(
        first["position"],
        json!({"line": 0, "character": october7 + 9}),
        "{hints}"
    );
    assert!(
        first["label"].as_str().unwrap().contains("7 Oct 2020"),
        "{first}"
    );
    // Switched off in the settings: no hints.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"dateline": {"inlayHints": false}}}),
        )
        .await;
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": range}),
        )
        .await;
    assert_eq!(hints, json!([]));
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
    let entries = timeline.as_array().expect("timeline entries");
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "in date order: {dates:?}"
    );
    // "would visit Geneva on October 8": a planned meeting, reported in 000.
    let visit_line = text
        .lines()
        .position(|l| l.contains("would visit Geneva"))
        .unwrap();
    let visit = entries
        .iter()
        .find(|e| e["uri"] == URI && e["text"].as_str().unwrap().contains("would visit Geneva"))
        .unwrap_or_else(|| panic!("no Geneva visit in {timeline}"));
    assert_eq!(visit["date"], "2020-10-08");
    assert_eq!(visit["class"], "meet");
    assert_eq!(visit["planned"], true);
    assert_eq!(visit["range"]["start"]["line"], visit_line as u64);
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
async fn pull_only_clients_without_refresh_get_pushed_diagnostics() {
    // Neovim 0.11: textDocument/diagnostic but no workspace refresh.
    let mut caps = capabilities(false);
    caps["textDocument"]["diagnostic"] = json!({"relatedDocumentSupport": false});
    let mut client = TestClient::start();
    let init = client
        .initialize(caps, None, json!({"debounceMs": 10}))
        .await;
    assert!(
        init["capabilities"]
            .get("diagnosticProvider")
            .is_none_or(|d| d.is_null()),
        "{init}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_when_the_client_supports_them() {
    let mut caps = capabilities(false);
    caps["textDocument"]["diagnostic"] = json!({"relatedDocumentSupport": false});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
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

/// The byline `By Hervé Bar for AFP` ends one unit earlier in UTF-16 than in
/// UTF-8 (é is two bytes, one UTF-16 unit).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ranges_follow_the_negotiated_encoding() {
    let text = seed("004_5276c77493c331da.txt");
    let mut ends = Vec::new();
    for utf8 in [true, false] {
        let mut client = TestClient::start();
        client.initialize(capabilities(utf8), None, json!({})).await;
        let uri = "file:///nonexistent/dateline-test/004.txt";
        client.open(uri, 1, &text).await;
        let symbols = client
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        let byline = symbols
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "By Hervé Bar for AFP")
            .cloned();
        let byline = byline.unwrap_or_else(|| panic!("no byline symbol in {symbols}"));
        assert_eq!(byline["range"]["start"], json!({"line": 5, "character": 0}));
        ends.push(byline["range"]["end"]["character"].as_u64().unwrap());
        client.shutdown().await;
    }
    assert_eq!(ends, [21, 20]);
}
