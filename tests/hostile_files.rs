//! Hostile files in a workspace, through the CLI (`dateline check <dir>`):
//! each is skipped (or refused) with a message naming it, memory stays
//! bounded, nothing hangs, and the ordinary article beside it is still
//! checked.

use std::io::Write;
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
fn an_article_just_under_the_size_limit_is_analysed_in_bounded_time() {
    let (_dir, root) = workspace();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/001_406014d11440a5bc.txt"
    ))
    .unwrap();
    let mut text = String::new();
    while text.len() + seed.len() < 2 * 1024 * 1024 - 16 {
        text.push_str(&seed);
    }
    std::fs::write(root.join("long.txt"), &text).unwrap();
    // One line of 1.9 MB without a break, and one of 1.9 MB digits.
    let one_line: String = text.chars().filter(|&c| c != '\n' && c != '\r').collect();
    std::fs::write(root.join("oneline.txt"), one_line).unwrap();
    std::fs::write(root.join("digits.txt"), "9".repeat(2 * 1024 * 1024 - 16)).unwrap();
    let run = check(&[&root], Duration::from_secs(60));
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.articles(), 4, "{}", run.json);
    eprintln!(
        "4 articles (3 of ~2 MB) in {:?}, peak {:?} kB",
        run.elapsed, run.peak_kb
    );
}
