//! Hostile files in a workspace, through the CLI (`dateline check <dir>`)
//! and through the language server (a workspace folder full of them): each
//! is skipped (or refused) with a message naming it, memory stays bounded,
//! nothing hangs, and the ordinary article beside it is still analysed.

mod support;

use std::io::Write;

use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// An ordinary article without a date: checking it yields exactly one
/// `missing-publication-date` note, which proves it was analysed.
const GOOD: &str =
    "Talks resume in Geneva\n\nDiplomats met on Thursday to discuss the ceasefire.\n";

/// What one run of `dateline check --format json` gave.
struct Run {
    code: i32,
    json: Value,
    stderr: String,
    elapsed: Duration,
    /// Highest resident set seen (VmHWM, kB), when the process lived long
    /// enough to be sampled.
    peak_kb: Option<u64>,
}

impl Run {
    /// Paths of the articles that produced findings.
    fn finding_paths(&self) -> Vec<String> {
        self.json["findings"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f["path"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn articles(&self) -> u64 {
        self.json["articles"].as_u64().unwrap_or(u64::MAX)
    }
}

/// Runs `dateline check --format json <args>` with a deadline, sampling the
/// child's peak memory from /proc while it runs.
fn check(args: &[&Path], deadline: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dateline");
    let status_path = format!("/proc/{}/status", child.id());
    let start = Instant::now();
    let mut peak_kb = None;
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_path)
            .ok()
            .and_then(|s| vm_field(&s, "VmHWM:"))
        {
            peak_kb = Some(kb);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dateline check {args:?} still running after {deadline:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    Run {
        code: status.code().unwrap_or(-1),
        json,
        stderr,
        elapsed,
        peak_kb,
    }
}

fn vm_field(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with(name))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// A temporary workspace holding `good.txt`.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::write(root.join("good.txt"), GOOD).unwrap();
    (dir, root)
}

/// The good article was analysed and nothing else produced findings.
fn assert_only_good_checked(run: &Run) {
    assert_eq!(run.articles(), 1, "articles checked: {}", run.json);
    let paths = run.finding_paths();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("good.txt"), "{paths:?}");
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

#[test]
fn a_50_mb_file_is_skipped_without_being_read_into_memory() {
    let (_dir, root) = workspace();
    let big = root.join("big.txt");
    let mut f = std::fs::File::create(&big).unwrap();
    let line = "Diplomats met on Thursday in Geneva, officials said on Friday.\n".repeat(1000);
    while f.metadata().unwrap().len() < 50 * 1024 * 1024 {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);
    let run = check(&[&root], Duration::from_secs(20));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("big.txt") && run.stderr.contains("skipped"),
        "no message naming the skipped file: {}",
        run.stderr
    );
    assert_only_good_checked(&run);
    if let Some(kb) = run.peak_kb {
        assert!(
            kb < 40 * 1024,
            "peak memory {kb} kB: the 50 MB file was read whole before being skipped"
        );
    }
    // Named explicitly it is an error (exit 2), still bounded.
    let run = check(&[&big], Duration::from_secs(20));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("big.txt"), "{}", run.stderr);
    if let Some(kb) = run.peak_kb {
        assert!(kb < 40 * 1024, "peak memory {kb} kB");
    }
}

#[test]
fn binary_and_invalid_utf8_files_are_skipped_with_a_message() {
    let (_dir, root) = workspace();
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    binary.extend((0..=255u8).cycle().take(64 * 1024));
    std::fs::write(root.join("binary.txt"), &binary).unwrap();
    std::fs::write(
        root.join("latin1.txt"),
        b"Caf\xe9 owners met on Thursday in Montr\xe9al.\n",
    )
    .unwrap();
    // A UTF-16 file (BOM + NULs): binary by our test, not analysed as text.
    let utf16: Vec<u8> = "\u{feff}Talks on Thursday"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(root.join("utf16.txt"), utf16).unwrap();
    let run = check(&[&root], Duration::from_secs(20));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (name, why) in [
        ("binary.txt", "binary"),
        ("latin1.txt", "not UTF-8"),
        ("utf16.txt", "binary"),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(why)),
            "no `{why}` message for {name}: {}",
            run.stderr
        );
    }
    assert_only_good_checked(&run);
}

#[test]
fn symlink_loops_terminate_and_are_not_followed() {
    let (_dir, root) = workspace();
    std::os::unix::fs::symlink("self.txt", root.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("b.txt", root.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", root.join("b.txt")).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("sub/root")).unwrap();
    let run = check(&[&root], Duration::from_secs(20));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_only_good_checked(&run);
}

#[test]
fn symlinks_out_of_the_workspace_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), GOOD).unwrap();
    let (_dir, root) = workspace();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("elsewhere")).unwrap();
    let run = check(&[&root], Duration::from_secs(20));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_only_good_checked(&run);
    let all = format!("{} {}", run.json, run.stderr);
    assert!(
        !all.contains("secret.txt"),
        "followed a link outside: {all}"
    );
}

#[test]
fn fifos_and_device_files_do_not_block() {
    let (_dir, root) = workspace();
    let fifo = root.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // In a folder: not a regular file, so not an article.
    let run = check(&[&root], Duration::from_secs(20));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_only_good_checked(&run);
    // Named explicitly: refused with a message, without blocking on open.
    let good = root.join("good.txt");
    let run = check(&[&good, &fifo], Duration::from_secs(10));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("pipe.txt"), "{}", run.stderr);
    assert_only_good_checked(&run);
    // An endless device: refused, not read until memory runs out.
    let run = check(&[&good, Path::new("/dev/zero")], Duration::from_secs(10));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("/dev/zero"), "{}", run.stderr);
    assert_only_good_checked(&run);
}

#[test]
fn unreadable_files_are_reported_and_do_not_stop_the_others() {
    let (_dir, root) = workspace();
    let locked = root.join("locked.txt");
    std::fs::write(&locked, GOOD).unwrap();
    if is_root() {
        // Root reads through mode 000; a directory named like an article is
        // the unreadable-as-a-file case we can still make.
        eprintln!("running as root: chmod 000 cannot make a file unreadable; testing a directory named locked2.txt instead");
        std::fs::remove_file(&locked).unwrap();
        std::fs::create_dir(root.join("locked2.txt")).unwrap();
        let run = check(&[&root], Duration::from_secs(20));
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_only_good_checked(&run);
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = check(&[&root], Duration::from_secs(20));
    assert!(
        run.stderr.contains("locked.txt") && run.stderr.contains("cannot read"),
        "{}",
        run.stderr
    );
    assert_eq!(run.articles(), 1);
}

#[test]
fn odd_file_names_and_deep_folders_are_handled() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let (_dir, root) = workspace();
    // A file name that is not UTF-8, holding a good article: still checked.
    std::fs::write(root.join(OsStr::from_bytes(b"caf\xe9.txt")), GOOD).unwrap();
    // 60 nested folders.
    let mut deep = root.clone();
    for i in 0..60 {
        deep.push(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.txt"), GOOD).unwrap();
    let run = check(&[&root], Duration::from_secs(20));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.articles(), 3, "{}", run.json);
    assert_eq!(run.finding_paths().len(), 3);
}

#[test]
fn megabyte_articles_are_analysed_in_bounded_time() {
    let (_dir, root) = workspace();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/001_406014d11440a5bc.txt"
    ))
    .unwrap();
    let mut text = String::new();
    while text.len() + seed.len() < 1024 * 1024 {
        text.push_str(&seed);
    }
    std::fs::write(root.join("long.txt"), &text).unwrap();
    // One line of ~1 MB without a break, and one of 1 MB of digits.
    let one_line: String = text.chars().filter(|&c| c != '\n' && c != '\r').collect();
    std::fs::write(root.join("oneline.txt"), one_line).unwrap();
    std::fs::write(root.join("digits.txt"), "9".repeat(1024 * 1024)).unwrap();
    // Generous: a debug build on a loaded machine; a hang is what this catches.
    let run = check(&[&root], Duration::from_secs(180));
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.articles(), 4, "{}", run.json);
    eprintln!(
        "4 articles (3 of ~1 MB) in {:?}, peak {:?} kB",
        run.elapsed, run.peak_kb
    );
}

/// Article-like text of at least `bytes`: the seed articles one after the
/// other, cycled.
fn seeds_text(bytes: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let seeds: Vec<String> = seeds
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut text = String::new();
    for seed in seeds.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(seed);
        text.push_str("\n\n");
    }
    text
}

/// The time `analyze` takes on one article of 0.5, 1, 2 and 4 MB (the
/// seeds concatenated): close to linear, so a big file costs its size, not
/// its square. Measured in release:
///
/// ```text
/// cargo test --release --test hostile_files -- --ignored --nocapture analysis_time
/// DATELINE_SCALING_KB=2048 cargo test --release ...   # one size, e.g. under `perf record`
/// ```
#[test]
#[ignore = "timing: run in release, see the doc comment"]
fn analysis_time_grows_about_linearly_with_the_size_of_one_article() {
    use dateline::engine::{analyze, AnalysisOptions};
    let options = AnalysisOptions::default();
    // Loads the entity model and the lexicons, so the first size does not pay for them.
    analyze(&seeds_text(1), &options);
    let mut per_mb = Vec::new();
    // `DATELINE_SCALING_KB=2048` measures one size (for a profiler).
    let sizes: Vec<usize> = std::env::var("DATELINE_SCALING_KB")
        .ok()
        .map(|v| v.split(',').filter_map(|k| k.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![512, 1024, 2048, 4096]);
    for &kb in &sizes {
        let text = seeds_text(kb * 1024);
        let started = Instant::now();
        let analysis = analyze(&text, &options);
        let secs = started.elapsed().as_secs_f64();
        let mb = text.len() as f64 / (1024.0 * 1024.0);
        eprintln!(
            "{mb:.2} MB: {secs:.2} s ({:.2} s/MB), {} bytes of clean text",
            secs / mb,
            analysis.text.len()
        );
        per_mb.push(secs / mb);
    }
    let (first, last) = (per_mb[0], per_mb[per_mb.len() - 1]);
    assert!(
        last <= 3.0 * first.max(0.05),
        "superlinear: {first:.2} s/MB at 0.5 MB, {last:.2} s/MB at 4 MB"
    );
}

// ---- through the language server ------------------------------------------

use support::{capabilities, file_uri, TestClient};

fn has_diagnostics(p: &Value) -> bool {
    p["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
}

/// Log messages the server sent so far, as one string.
fn log_text(client: &TestClient) -> String {
    client
        .peek("window/logMessage")
        .iter()
        .map(|p| p["message"].as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_indexes_a_hostile_workspace_and_keeps_serving() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), GOOD).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("good.txt"), GOOD).unwrap();
    let mut big = std::fs::File::create(root.join("big.txt")).unwrap();
    let line = "Diplomats met on Thursday in Geneva.\n".repeat(1000);
    while big.metadata().unwrap().len() < 50 * 1024 * 1024 {
        big.write_all(line.as_bytes()).unwrap();
    }
    drop(big);
    std::fs::write(root.join("latin1.txt"), b"Caf\xe9 on Thursday.\n").unwrap();
    std::os::unix::fs::symlink("loop.txt", root.join("loop.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("elsewhere")).unwrap();
    let _ = Command::new("mkfifo").arg(root.join("pipe.txt")).status();

    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({"debounceMs": 10}))
        .await;
    let good = file_uri(&root.join("good.txt"));
    client.diagnostics(&good, has_diagnostics).await;
    client
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    // The skipped files are named in the log, with the reason.
    client
        .wait_keep("window/logMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("not UTF-8") && m.contains("latin1.txt"))
        })
        .await;
    client
        .wait_keep("window/logMessage", |p| {
            p["message"].as_str().is_some_and(|m| {
                m.contains("big.txt") && m.contains("skipped") && m.contains("limit")
            })
        })
        .await;
    // Nothing outside the workspace; skipped files get only the note saying why.
    let only_skip_note = |p: &Value| {
        p["diagnostics"].as_array().is_some_and(|d| {
            d.len() == 1 && d[0]["code"] == "skipped-file" && d[0]["severity"] == 3
        })
    };
    let published: Vec<String> = client
        .peek("textDocument/publishDiagnostics")
        .iter()
        .filter(|p| has_diagnostics(p) && !only_skip_note(p))
        .map(|p| p["uri"].as_str().unwrap().to_string())
        .collect();
    for uri in &published {
        assert!(
            uri == &good,
            "diagnostics for {uri}: only good.txt is an article ({})",
            log_text(&client)
        );
    }

    // A FIFO announced by the file watcher must not block the server.
    let fifo = root.join("pipe2.txt");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        client
            .notify(
                "workspace/didChangeWatchedFiles",
                json!({"changes": [{"uri": file_uri(&fifo), "type": 1}]}),
            )
            .await;
    }
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": good}}),
        )
        .await;
    assert!(symbols.is_array(), "{symbols}");

    // A file deleted while open: the buffer wins; after closing, it leaves.
    let text = "Deleted while open\n\nDiplomats met on Thursday.\n";
    client.open(&good, 1, text).await;
    std::fs::remove_file(root.join("good.txt")).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": good, "type": 3}]}),
        )
        .await;
    let held = client
        .request("dateline/documentText", json!({"uri": good}))
        .await;
    assert_eq!(held["text"], text);
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": good}}),
        )
        .await;
    assert!(
        symbols.to_string().contains("Deleted while open"),
        "{symbols}"
    );
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": good}}),
        )
        .await;
    client.diagnostics(&good, |p| !has_diagnostics(p)).await;

    // Renamed on disk (delete + create events): the article moves.
    std::fs::write(root.join("old.txt"), GOOD).unwrap();
    let old = file_uri(&root.join("old.txt"));
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": old, "type": 1}]}),
        )
        .await;
    client.diagnostics(&old, has_diagnostics).await;
    std::fs::rename(root.join("old.txt"), root.join("new.txt")).unwrap();
    let new = file_uri(&root.join("new.txt"));
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": old, "type": 3}, {"uri": new, "type": 1}]}),
        )
        .await;
    client.diagnostics(&new, has_diagnostics).await;
    client.diagnostics(&old, |p| !has_diagnostics(p)).await;
    // A change event for a file that vanished before it could be read.
    let ghost = file_uri(&root.join("ghost.txt"));
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": ghost, "type": 2}]}),
        )
        .await;
    client
        .request("workspace/symbol", json!({"query": ""}))
        .await;
    client.shutdown().await;
}

/// A 50 MB buffer opened in the editor is not analysed (it is above
/// `max_file_bytes`): it gets the skipped-file note at once, memory stays
/// bounded, other documents are served, and it is analysed again once it
/// shrinks below the limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_50_mb_buffer_is_not_analysed_and_blocks_nothing() {
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), None, json!({"debounceMs": 10}))
        .await;
    let big_uri = "file:///nonexistent/dateline-hostile/big.txt";
    let good_uri = "file:///nonexistent/dateline-hostile/good.txt";
    let mut big = "Diplomats met on Thursday in Geneva.\n".repeat(1000);
    big = big.repeat(50 * 1024 * 1024 / big.len() + 1);
    let started = Instant::now();
    client.open(big_uri, 1, &big).await;
    drop(big);
    client.open(good_uri, 1, GOOD).await;
    // Moving 50 MB through the pipe and two JSON parsers takes seconds in a
    // debug build on a loaded machine: a longer wait than the client's.
    let mut note = Value::Null;
    for _ in 0..600 {
        let published = client.peek("textDocument/publishDiagnostics");
        if let Some(p) = published
            .into_iter()
            .find(|p| p["uri"] == big_uri && p["version"] == 1 && has_diagnostics(p))
        {
            note = p;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let d = &note["diagnostics"][0];
    assert_eq!(d["code"], "skipped-file", "{note}");
    assert!(
        d["message"].as_str().unwrap().contains("max_file_bytes"),
        "{note}"
    );
    client.diagnostics(good_uri, has_diagnostics).await;
    // Requests on the big buffer answer (with nothing) at once.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": big_uri}}),
        )
        .await;
    assert_eq!(symbols, Value::Null);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
    // The whole test process (client, pipe and server) holds the text a few
    // times over, not the gigabytes an analysis of it would take.
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(kb) = vm_field(&status, "VmHWM:") {
        assert!(kb < 1024 * 1024, "peak {kb} kB");
        eprintln!("50 MB buffer: skipped in {elapsed:?}, peak {kb} kB");
    }
    // Shrunk below the limit: analysed again, the note goes away.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": big_uri, "version": 2},
                   "contentChanges": [{"text": GOOD}]}),
        )
        .await;
    let p = client
        .diagnostics(big_uri, |p| p["version"] == 2 && has_diagnostics(p))
        .await;
    assert_ne!(p["diagnostics"][0]["code"], "skipped-file", "{p}");
    client.shutdown().await;
}

/// A skipped workspace file gets one information diagnostic saying why,
/// besides the log line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skipped_files_get_an_information_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("latin1.txt"), b"Caf\xe9 on Thursday.\n").unwrap();
    let mut client = TestClient::start();
    client
        .initialize(capabilities(false), Some(&root), json!({}))
        .await;
    let uri = file_uri(&root.join("latin1.txt"));
    let p = client.diagnostics(&uri, has_diagnostics).await;
    assert_eq!(p["diagnostics"][0]["severity"], 3, "{p}");
}
