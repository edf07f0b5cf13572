//! Time expressions through the real server (in-process, real framing):
//! inlay hints and hover on a seed, the `weekday-mismatch` quick fixes as
//! edits a client applies, and `impossible-date` as an error diagnostic.

mod support;

use serde_json::{json, Value};
use support::{capabilities, seed, TestClient};

const SEED: &str = "file:///nonexistent/dateline-time/004.txt";
const ARTICLE: &str = "file:///nonexistent/dateline-time/hearing.txt";

/// An LSP position (UTF-8 columns, as negotiated) for a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let column = offset - before.rfind('\n').map_or(0, |n| n + 1);
    json!({"line": line, "character": column})
}

/// The byte offset of an LSP position (UTF-8 columns).
fn offset(text: &str, p: &Value) -> usize {
    let line = p["line"].as_u64().unwrap() as usize;
    let column = p["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + column
}

/// The text after applying one code action's edits to `uri`'s `text`.
fn apply(text: &str, action: &Value, uri: &str) -> String {
    let edit = &action["edit"];
    let mut edits: Vec<Value> = match edit.get("documentChanges") {
        Some(changes) => changes
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().unwrap().clone())
            .collect(),
        None => edit["changes"][uri].as_array().unwrap().clone(),
    };
    assert!(!edits.is_empty(), "no edit of {uri} in {action}");
    // Apply from the end so earlier offsets stay valid.
    edits.sort_by_key(|e| std::cmp::Reverse(offset(text, &e["range"]["start"])));
    let mut out = text.to_owned();
    for e in edits {
        let (start, end) = (
            offset(text, &e["range"]["start"]),
            offset(text, &e["range"]["end"]),
        );
        out.replace_range(start..end, e["newText"].as_str().unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_and_hover_resolve_relative_times_of_a_seed() {
    let text = seed("004_5276c77493c331da.txt");
    let mut client = TestClient::start();
    client
        .initialize(capabilities(true), None, json!({"debounceMs": 10}))
        .await;
    client.open(SEED, 1, &text).await;
    client.diagnostics(SEED, |p| p["version"] == 1).await;

    let end = position(&text, text.len());
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": SEED},
                   "range": {"start": {"line": 0, "character": 0}, "end": end}}),
        )
        .await;
    let hints = hints.as_array().expect("inlay hints");
    let label_after = |surface: &str| {
        let at = position(&text, text.find(surface).expect("surface") + surface.len());
        hints
            .iter()
            .find(|h| h["position"] == at)
            .map(|h| h["label"].as_str().unwrap().trim().to_owned())
    };
    assert_eq!(
        label_after("late last month").as_deref(),
        Some("Sep 2020 (late)")
    );
    assert_eq!(label_after("this week").as_deref(), Some("2020-W41"));
    assert_eq!(label_after("tomorrow").as_deref(), Some("Sat 10 Oct 2020"));
    // An absolute date needs no hint.
    assert_eq!(label_after("October 8, 2020"), None);

    // Hover on `tomorrow`: value, weekday, place relative to publication, how.
    let at = text.find("tomorrow").unwrap() + 2;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": SEED}, "position": position(&text, at)}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().expect("markdown hover");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(md.contains("DATE `2020-10-10`"), "{md}");
    assert!(md.contains("Saturday"), "weekday: {md}");
    assert!(md.contains("1 day after publication"), "{md}");
    assert!(md.contains("resolved against Fri 9 Oct 2020"), "{md}");
    assert!(md.contains("rule `deictic-day`"), "{md}");
    let start = text.find("tomorrow").unwrap();
    assert_eq!(
        hover["range"],
        json!({"start": position(&text, start), "end": position(&text, start + 8)})
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weekday_mismatch_quick_fixes_and_impossible_dates() {
    let text = "Paris, March 20, 2024\n\n\
                The hearing took place on Tuesday, March 14, 2024, in Paris. \
                The appeal is due on 31 April.\n";
    let mut client = TestClient::start();
    client
        .initialize(capabilities(true), None, json!({"debounceMs": 10}))
        .await;
    client.open(ARTICLE, 1, text).await;
    let published = client
        .diagnostics(ARTICLE, |p| {
            p["version"] == 1
                && p["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.iter().any(|d| d["code"] == "weekday-mismatch"))
        })
        .await;
    let diagnostics = published["diagnostics"].as_array().unwrap();

    let impossible = diagnostics
        .iter()
        .find(|d| d["code"] == "impossible-date")
        .unwrap_or_else(|| panic!("no impossible-date in {published}"));
    assert_eq!(impossible["severity"], 1, "an error");
    let at = text.find("31 April").unwrap();
    assert_eq!(
        impossible["range"],
        json!({"start": position(text, at), "end": position(text, at + 8)})
    );

    let mismatch = diagnostics
        .iter()
        .find(|d| d["code"] == "weekday-mismatch")
        .unwrap()
        .clone();
    assert_eq!(mismatch["severity"], 2, "a warning");
    assert!(
        mismatch["message"].as_str().unwrap().contains("Thursday"),
        "{mismatch}"
    );
    let at = text.find("Tuesday, March 14, 2024").unwrap();
    assert_eq!(
        mismatch["range"],
        json!({"start": position(text, at), "end": position(text, at + 23)})
    );

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": ARTICLE}, "range": mismatch["range"],
                   "context": {"diagnostics": [mismatch]}}),
        )
        .await;
    let actions = actions.as_array().expect("code actions");
    let fixes: Vec<&Value> = actions
        .iter()
        .filter(|a| {
            a["kind"] == "quickfix"
                && a["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.iter().any(|d| d["code"] == "weekday-mismatch"))
        })
        .collect();
    let results: Vec<String> = fixes.iter().map(|a| apply(text, a, ARTICLE)).collect();
    // The right weekday for the date ...
    let weekday_fixed = text.replace("Tuesday, March 14", "Thursday, March 14");
    // ... or the date (the nearest) that is a Tuesday.
    let date_fixed = text.replace("Tuesday, March 14", "Tuesday, March 12");
    assert!(
        results.contains(&weekday_fixed),
        "no weekday fix among {actions:?}"
    );
    assert!(
        results.contains(&date_fixed),
        "no date fix among {actions:?}"
    );
    client.shutdown().await;
}
