//! The workspace side: indexing a folder with progress, watched files,
//! `dateline.toml` (broken, fixed, silencing a finding), and diagnostics for
//! files that are not open.

mod support;

use std::path::Path;

use serde_json::{json, Value};
use support::{capabilities, file_uri, TestClient};

/// An article the engine can find no publication date in (so it always has
/// at least the `missing-publication-date` finding).
const DATELESS: &str =
    "Talks resumed on Thursday, officials in Baku said.\n\nNo agreement was reached.\n";

fn write(root: &Path, rel: &str, content: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn has_missing_date(p: &Value) -> bool {
    codes(p).iter().any(|c| c == "missing-publication-date")
}

fn is_empty(p: &Value) -> bool {
    p["diagnostics"].as_array().is_some_and(|d| d.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indexing_watching_and_a_broken_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root, "dateless.txt", DATELESS.as_bytes());
    write(&root, "sub/also.md", DATELESS.as_bytes());
    write(&root, "node_modules/pkg/readme.txt", DATELESS.as_bytes());
    write(&root, "binary.txt", &[0xff, 0xfe, 0xfd, b'\n']);
    write(
        &root,
        "dateline.toml",
        b"[rules]\nmissing-publication-date = \"loud\"\n",
    );
    let (a, b) = (
        file_uri(&root.join("dateless.txt")),
        file_uri(&root.join("sub/also.md")),
    );
    let config_uri = file_uri(&root.join("dateline.toml"));

    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({"debounceMs": 10}))
        .await;

    // File watchers are registered for the include globs and the config.
    let registration = client.wait_for("client/registerCapability", |_| true).await;
    let watchers = &registration["registrations"][0]["registerOptions"]["watchers"];
    let globs: Vec<&str> = watchers
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(globs, ["**/*.txt", "**/*.md", "**/dateline.toml"]);

    // The broken config: an error at the bad value, and a log message.
    let config = client.diagnostics(&config_uri, |p| !is_empty(p)).await;
    let error = &config["diagnostics"][0];
    assert_eq!(error["severity"], 1);
    assert_eq!(
        error["range"]["start"]["line"], 1,
        "at the bad value: {error}"
    );
    assert!(
        error["message"].as_str().unwrap().contains("dateline.toml"),
        "{error}"
    );
    client
        .wait_for("window/logMessage", |p| {
            p["type"] == 1
                && p["message"]
                    .as_str()
                    .unwrap()
                    .contains("previous configuration")
        })
        .await;

    // Indexing: progress from begin to end, diagnostics for unopened files.
    client
        .wait_for("window/workDoneProgress/create", |_| true)
        .await;
    client
        .wait_for("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    client
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    let pa = client.diagnostics(&a, has_missing_date).await;
    assert_eq!(pa["version"], Value::Null, "a file on disk has no version");
    client.diagnostics(&b, has_missing_date).await;
    client
        .wait_for("window/logMessage", |p| {
            p["message"].as_str().unwrap().contains("not UTF-8")
        })
        .await;
    let stray = client.peek("textDocument/publishDiagnostics");
    assert!(
        stray
            .iter()
            .all(|p| !p["uri"].as_str().unwrap().contains("node_modules")),
        "{stray:?}"
    );

    // The server keeps serving with the last good (default) configuration.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": a}}),
        )
        .await;
    assert!(symbols.is_array());
    client
        .request("workspace/symbol", json!({"query": ""}))
        .await;

    // Fixing the file clears its error and applies it (the note becomes a warning).
    write(
        &root,
        "dateline.toml",
        b"[rules]\nmissing-publication-date = \"warning\"\n",
    );
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    client.diagnostics(&config_uri, is_empty).await;
    let warned = client
        .diagnostics(&a, |p| p["diagnostics"][0]["severity"] == 2)
        .await;
    assert!(has_missing_date(&warned));

    // A file created and deleted outside the editor.
    write(&root, "new.txt", DATELESS.as_bytes());
    let c = file_uri(&root.join("new.txt"));
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": c, "type": 1}]}),
        )
        .await;
    client.diagnostics(&c, has_missing_date).await;
    std::fs::remove_file(root.join("new.txt")).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": c, "type": 3}]}),
        )
        .await;
    client.diagnostics(&c, is_empty).await;

    // Opening a file found on disk makes it the same article, now versioned.
    client.open(&a, 5, DATELESS).await;
    client.diagnostics(&a, |p| p["version"] == 5).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silencing_a_finding_edits_dateline_toml() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root, "dateless.txt", DATELESS.as_bytes());
    let a = file_uri(&root.join("dateless.txt"));
    let config_uri = file_uri(&root.join("dateline.toml"));
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({"debounceMs": 10}))
        .await;
    client.open(&a, 1, DATELESS).await;
    let published = client
        .diagnostics(&a, |p| p["version"] == 1 && has_missing_date(p))
        .await;
    let diagnostic = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "missing-publication-date")
        .unwrap()
        .clone();

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": a}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        )
        .await;
    let silence = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Silence this finding")
        })
        .unwrap_or_else(|| panic!("no silence action in {actions}"));
    assert_eq!(silence["kind"], "quickfix");
    assert_eq!(
        silence["diagnostics"][0]["code"],
        "missing-publication-date"
    );
    // No dateline.toml yet: the edit creates it, then fills it.
    let ops = silence["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], config_uri);
    let new_text = ops[1]["edits"][0]["newText"].as_str().unwrap();
    let config = dateline::engine::Config::parse(new_text).unwrap();
    let silenced = &config.ignore["missing-publication-date"];
    assert_eq!(silenced.len(), 1);
    assert!(DATELESS.contains(silenced[0].as_str()), "{silenced:?}");

    // The client applies it and saves: the finding disappears.
    std::fs::write(root.join("dateline.toml"), new_text).unwrap();
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": config_uri}, "text": new_text}),
        )
        .await;
    let cleared = client.diagnostics(&a, |p| !has_missing_date(p)).await;
    assert_eq!(cleared["version"], 1);

    // With the file present, the next silence edit replaces its content.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": a}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        )
        .await;
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Silence")),
        "already silenced: {actions}"
    );
    client.shutdown().await;
}

/// The seeds as a workspace: every diagnostic and timeline entry points at
/// the text it is about, in every file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_of_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts = std::collections::HashMap::new();
    for entry in std::fs::read_dir(seeds).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), root.join(entry.file_name())).unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        texts.insert(file_uri(&root.join(entry.file_name())), text);
    }
    assert_eq!(texts.len(), 5);
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({"debounceMs": 10}))
        .await;
    let end = client
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    assert_eq!(end["value"]["message"], "5 articles");

    for published in client.drain("textDocument/publishDiagnostics") {
        let text = &texts[published["uri"].as_str().unwrap()];
        for d in published["diagnostics"].as_array().unwrap() {
            assert!(!support::slice_utf16(text, &d["range"]).is_empty(), "{d}");
            for related in d["relatedInformation"].as_array().into_iter().flatten() {
                let other = &texts[related["location"]["uri"].as_str().unwrap()];
                support::slice_utf16(other, &related["location"]["range"]);
            }
        }
    }
    let timeline = client
        .request(
            "workspace/executeCommand",
            json!({"command": "dateline.timeline"}),
        )
        .await;
    let entries = timeline.as_array().unwrap();
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "in date order: {dates:?}"
    );
    assert!(entries.len() > 5, "{timeline}");
    // Each event's range is the claim inside the sentence given as `text`.
    for e in entries {
        let text = &texts[e["uri"].as_str().unwrap()];
        let claim: Vec<&str> = support::slice_utf16(text, &e["range"])
            .split_whitespace()
            .collect();
        let sentence = e["text"].as_str().unwrap();
        assert!(!claim.is_empty(), "{e}");
        assert!(
            sentence.contains(&claim.join(" ")) || sentence.ends_with('…'),
            "{e}"
        );
    }
    client.shutdown().await;
}

/// Changing `[workspace] include` re-registers the watchers and re-indexes:
/// files no longer included leave the corpus (their diagnostics clear).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_include_globs_reindexes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root, "a.txt", DATELESS.as_bytes());
    write(&root, "b.md", DATELESS.as_bytes());
    let (a, b) = (file_uri(&root.join("a.txt")), file_uri(&root.join("b.md")));
    let config_uri = file_uri(&root.join("dateline.toml"));
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({"debounceMs": 10}))
        .await;
    client.wait_for("client/registerCapability", |_| true).await;
    client.diagnostics(&a, has_missing_date).await;
    client.diagnostics(&b, has_missing_date).await;

    write(
        &root,
        "dateline.toml",
        b"[workspace]\ninclude = [\"**/*.md\"]\n",
    );
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 1}]}),
        )
        .await;
    client
        .wait_for("client/unregisterCapability", |_| true)
        .await;
    let registration = client.wait_for("client/registerCapability", |_| true).await;
    let watchers = &registration["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/*.md");
    client.diagnostics(&a, is_empty).await;
    assert!(client
        .drain("textDocument/publishDiagnostics")
        .iter()
        .all(|p| p["uri"] != b || !is_empty(p)));
    client.shutdown().await;
}

/// `dateline.toml` open in the editor is checked as it is typed, and applied
/// when saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_buffer_is_checked_while_typing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root, "a.txt", DATELESS.as_bytes());
    let a = file_uri(&root.join("a.txt"));
    let config_uri = file_uri(&root.join("dateline.toml"));
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({"debounceMs": 10}))
        .await;
    let first = client.diagnostics(&a, has_missing_date).await;
    assert_eq!(
        first["diagnostics"][0]["severity"], 3,
        "information by default"
    );

    client.open(&config_uri, 1, "[rules]\n").await;
    client
        .diagnostics(&config_uri, |p| p["version"] == 1 && is_empty(p))
        .await;
    let typo = json!({
        "textDocument": {"uri": config_uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                            "text": "missing-publication-date = \"eror\"\n"}]
    });
    client.notify("textDocument/didChange", typo).await;
    let error = client
        .diagnostics(&config_uri, |p| p["version"] == 2 && !is_empty(p))
        .await;
    assert_eq!(error["diagnostics"][0]["range"]["start"]["line"], 1);
    let fix = json!({
        "textDocument": {"uri": config_uri, "version": 3},
        "contentChanges": [{"range": {"start": {"line": 1, "character": 28}, "end": {"line": 1, "character": 32}},
                            "text": "error"}]
    });
    client.notify("textDocument/didChange", fix).await;
    client
        .diagnostics(&config_uri, |p| p["version"] == 3 && is_empty(p))
        .await;
    let held = client
        .request("dateline/documentText", json!({"uri": config_uri}))
        .await;
    let text = held["text"].as_str().unwrap().to_string();
    assert_eq!(text, "[rules]\nmissing-publication-date = \"error\"\n");
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": config_uri}, "text": text}),
        )
        .await;
    client
        .diagnostics(&a, |p| p["diagnostics"][0]["severity"] == 1)
        .await;
    client.shutdown().await;
}

/// A workspace of seeds 001 and 004 (and whatever `root` holds), indexed; returns
/// the client, the first cross-article finding, the article it is in
/// (`here`) and the other article (`there`), opened in the editor with the
/// line of the related claim deleted (version 2), which removes the finding.
async fn delete_a_related_claim(
    root: &Path,
    debounce_ms: u64,
) -> (TestClient, Value, String, String) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for name in ["001_406014d11440a5bc.txt", "004_5276c77493c331da.txt"] {
        std::fs::copy(seeds.join(name), root.join(name)).unwrap();
    }
    let mut client = TestClient::start();
    client
        .initialize(
            capabilities(false),
            Some(root),
            json!({"debounceMs": debounce_ms}),
        )
        .await;
    let is_cross = |d: &Value| {
        d["relatedInformation"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    };
    let first = client
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["diagnostics"].as_array().unwrap().iter().any(&is_cross)
        })
        .await;
    let finding = first["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| is_cross(d))
        .unwrap()
        .clone();
    let here = first["uri"].as_str().unwrap().to_string();
    let there = finding["relatedInformation"][0]["location"].clone();
    let there_uri = there["uri"].as_str().unwrap().to_string();
    assert_ne!(here, there_uri);
    let path = there_uri
        .strip_prefix("file://")
        .unwrap()
        .replace("%20", " ");
    let text = std::fs::read_to_string(&path).unwrap();
    // Delete the related claim's whole line in the editor.
    let line = there["range"]["start"]["line"].as_u64().unwrap();
    client.open(&there_uri, 1, &text).await;
    let edit = json!({
        "textDocument": {"uri": there_uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}}, "text": ""}]
    });
    client.notify("textDocument/didChange", edit).await;
    (client, finding, here, there_uri)
}

/// Waits until `here` is published (as a file not open) without `finding`.
async fn republished_without(client: &TestClient, here: &str, finding: &Value) {
    let code = finding["code"].clone();
    let message = finding["message"].clone();
    let republished = client
        .diagnostics(here, |p| {
            p["version"].is_null()
                && !p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["code"] == code && d["message"] == message)
        })
        .await;
    assert_eq!(republished["uri"], here);
}

/// A cross-article finding: editing one article republishes the diagnostics
/// of the other (not open) article when its findings change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_one_article_republishes_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (client, finding, here, _) = delete_a_related_claim(&root, 10).await;
    republished_without(&client, &here, &finding).await;
    client.shutdown().await;
}

/// Other articles' diagnostics yield to keystrokes but are never lost: a
/// burst of edits in a third article right after the edit that changes
/// another article's findings (which may interrupt that article's publish,
/// depending on timing) still ends with both the changed article and the
/// last typed version published.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_articles_are_published_after_a_burst_of_edits() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    // An article sharing nothing with the seeds, where the typing goes on.
    let aside = root.join("aside.txt");
    let aside_text = " date 2020-10-09 OSLO -- The weather was mild and the ferries ran.\n";
    std::fs::write(&aside, aside_text).unwrap();
    let aside_uri = file_uri(&aside);
    let (client, finding, here, _) = delete_a_related_claim(&root, 0).await;
    // Keep typing in the other article (a space in, a space out): its
    // edits may stop the batch that would publish `here`.
    client.open(&aside_uri, 1, aside_text).await;
    for version in 2..40 {
        let change = if version % 2 == 1 {
            json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": " "})
        } else {
            json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "text": ""})
        };
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": aside_uri, "version": version}, "contentChanges": [change]}),
            )
            .await;
    }
    republished_without(&client, &here, &finding).await;
    // The typed-in article's last version is published too.
    client.diagnostics(&aside_uri, |p| p["version"] == 39).await;
    client.shutdown().await;
}

/// The cross-article spelling finding in seed 004 offers quick fixes: use the
/// canonical spelling here, and in every article (a WorkspaceEdit that the
/// client applies; the server writes nothing).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spelling_variant_quick_fixes_edit_here_and_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for name in ["001_406014d11440a5bc.txt", "004_5276c77493c331da.txt"] {
        std::fs::copy(seeds.join(name), root.join(name)).unwrap();
    }
    let uri = file_uri(&root.join("004_5276c77493c331da.txt"));
    let text = std::fs::read_to_string(root.join("004_5276c77493c331da.txt")).unwrap();
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({"debounceMs": 10}))
        .await;
    client.open(&uri, 1, &text).await;
    let is_pashinyan = |d: &Value| {
        d["code"] == "spelling-variant"
            && d["message"]
                .as_str()
                .is_some_and(|m| m.contains("Pashinian"))
    };
    let published = client
        .diagnostics(&uri, |p| {
            p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(is_pashinyan)
        })
        .await;
    let finding = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| is_pashinyan(d))
        .unwrap()
        .clone();
    assert!(support::slice_utf16(&text, &finding["range"]).contains("Pashinyan"));
    let related = &finding["relatedInformation"][0]["location"];
    assert!(related["uri"]
        .as_str()
        .unwrap()
        .ends_with("001_406014d11440a5bc.txt"));
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": finding["range"],
                "context": {"diagnostics": [finding]},
            }),
        )
        .await;
    let actions = actions.as_array().expect("code actions");
    let edits_of = |a: &Value| -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (doc, edits) in a["edit"]["changes"].as_object().into_iter().flatten() {
            for e in edits.as_array().unwrap() {
                out.push((doc.clone(), e["newText"].as_str().unwrap().to_string()));
            }
        }
        for change in a["edit"]["documentChanges"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for e in change["edits"].as_array().into_iter().flatten() {
                let doc = change["textDocument"]["uri"].as_str().unwrap().to_string();
                out.push((doc, e["newText"].as_str().unwrap().to_string()));
            }
        }
        out
    };
    let fixes: Vec<Vec<(String, String)>> = actions
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .map(edits_of)
        .filter(|e| !e.is_empty())
        .collect();
    assert!(
        fixes.iter().any(|e| e
            .iter()
            .all(|(doc, new)| doc == &uri && new.contains("Pashinian"))),
        "a fix for this article: {actions:?}"
    );
    assert!(
        fixes
            .iter()
            .any(|e| e.len() >= 2 && e.iter().all(|(_, new)| new.contains("Pashinian"))),
        "a fix for every article: {actions:?}"
    );
    // The server never writes the files itself.
    assert_eq!(
        std::fs::read_to_string(root.join("004_5276c77493c331da.txt")).unwrap(),
        text
    );
    client.shutdown().await;
}
