//! The `dateline` binary: exit codes, output formats, the annotate record.

use std::process::Command;

use serde_json::Value;

fn dateline(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run dateline");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
        .collect()
}

#[test]
fn annotate_gives_the_five_publication_dates_in_path_order() {
    let (code, out, err) = dateline(&["annotate", "--format", "json", "seeds"]);
    assert_eq!(code, 0, "{err}");
    let recs = records(&out);
    let dates: Vec<&str> = recs
        .iter()
        .map(|r| r["publication_date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2020-10-08",
            "2020-10-09",
            "2020-10-29",
            "2020-10-13",
            "2020-10-09"
        ]
    );
    for r in &recs {
        for field in [
            "schema",
            "path",
            "publication_date",
            "publication_date_source",
            "dateline",
            "title",
            "body",
            "entities",
            "times",
            "findings",
        ] {
            assert!(r.get(field).is_some(), "missing {field}");
        }
        assert_eq!(r["schema"], 1);
        assert!(r["entities"].is_array() && r["times"].is_array() && r["findings"].is_array());
    }
    let keys: Vec<&String> = recs[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys[..3],
        ["schema", "path", "publication_date"],
        "fields keep the documented order"
    );
}

#[test]
fn annotate_body_of_001_stops_before_furniture() {
    let (_, out, _) = dateline(&["annotate", "seeds/001_406014d11440a5bc.txt"]);
    let rec = &records(&out)[0];
    let text = std::fs::read_to_string(format!(
        "{}/seeds/001_406014d11440a5bc.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let end = rec["body"][1].as_u64().unwrap() as usize;
    assert!(end <= text.find("RELATED TOPICS:").unwrap());
    for list in ["entities", "times", "findings"] {
        for item in rec[list].as_array().unwrap() {
            assert!(
                (item["start"].as_u64().unwrap() as usize) < end,
                "{list} item in furniture: {item}"
            );
        }
    }
}

#[test]
fn publication_date_option_overrides_the_header() {
    let (code, out, _) = dateline(&[
        "annotate",
        "--publication-date",
        "2021-01-02",
        "seeds/000_100eb50afdd972d1.txt",
    ]);
    assert_eq!(code, 0);
    let rec = &records(&out)[0];
    assert_eq!(rec["publication_date"], "2021-01-02");
    assert_eq!(rec["publication_date_source"], "option");
    let (code, _, err) = dateline(&["annotate", "--publication-date", "9 Oct", "seeds"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn check_exit_codes() {
    let (code, out, _) = dateline(&["check", "tests/fixtures/articles/no_date.txt"]);
    assert_eq!(
        code, 0,
        "an information note does not fail the default --deny warning"
    );
    assert!(out.contains("missing-publication-date"), "{out}");
    assert!(
        out.contains("tests/fixtures/articles/no_date.txt:1:1"),
        "rustc-style location: {out}"
    );
    assert!(out.contains("1 article checked: 1 note"), "{out}");
    let (code, _, _) = dateline(&[
        "check",
        "--deny",
        "information",
        "tests/fixtures/articles/no_date.txt",
    ]);
    assert_eq!(code, 1);
    let (code, _, err) = dateline(&["check", "no/such/path"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
    let (code, _, _) = dateline(&["check", "--format", "yaml", "seeds"]);
    assert_eq!(code, 2, "usage errors exit 2");
}

#[test]
fn check_json_lists_findings_with_positions() {
    let (code, out, _) = dateline(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/articles/no_date.txt",
    ]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["articles"], 1);
    let f = &doc["findings"][0];
    assert_eq!(f["rule"], "missing-publication-date");
    assert_eq!(f["severity"], "information");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn check_on_seeds_prints_a_summary() {
    let (code, out, err) = dateline(&["check", "seeds"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("5 articles checked:"),
        "{out}"
    );
}

#[test]
fn broken_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dateline.toml"),
        "[rules]\nspelling-variant = \"loud\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "Text.\n").unwrap();
    let (code, _, err) = dateline(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("dateline.toml:2"), "{err}");
}

#[test]
fn unreadable_files_in_folders_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        " date 2020-10-08 BAKU -- Text.\n",
    )
    .unwrap();
    let (code, out, err) = dateline(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("bad.txt: skipped"), "{err}");
    assert!(out.contains("1 article checked"), "{out}");
}

#[test]
fn help_and_version_and_completions() {
    let (code, out, _) = dateline(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Examples:") && out.contains("check") && out.contains("annotate"));
    let (code, out, _) = dateline(&["check", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Exit status"));
    let (code, out, _) = dateline(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("dateline "));
    let (code, out, _) = dateline(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(out.contains("_dateline"));
}

#[test]
fn timeline_orders_events_in_every_format() {
    let (code, out, err) = dateline(&["timeline", "seeds"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("| Date | What | Who | Source |"), "{out}");
    let dates: Vec<&str> = out
        .lines()
        .skip(2)
        .filter_map(|l| l.split('|').nth(1))
        .map(str::trim)
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "events are in date order");
    assert!(
        out.contains("2020-09-27") && out.contains("seeds/002_b56c73ee0fe4b283.txt:"),
        "{out}"
    );
    let (code, out, _) = dateline(&["timeline", "--format", "csv", "seeds"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("date,class,what,who,place,planned,doc,line,start,end\n"));
    let (code, out, _) = dateline(&["timeline", "--format", "json", "seeds"]);
    assert_eq!(code, 0);
    let events: Value = serde_json::from_str(&out).unwrap();
    assert!(events.as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn check_reports_cross_article_findings_with_both_locations() {
    let (code, out, _) = dateline(&["check", "seeds"]);
    assert_eq!(
        code, 1,
        "the seeds hold warnings (conflicting figures, a misspelling)"
    );
    let block = out
        .split("\n\n")
        .find(|b| b.contains("warning[conflicting-figure]") && b.contains("001_"))
        .expect(&out);
    assert!(
        block.contains("--> seeds/001_406014d11440a5bc.txt:"),
        "{block}"
    );
    assert!(
        block.contains("::: seeds/004_5276c77493c331da.txt:"),
        "the other article is shown too: {block}"
    );
}

#[test]
fn eval_timeml_scores_the_committed_sample() {
    let (code, out, err) = dateline(&["eval", "timeml", "tests/fixtures/time/meantime"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("relF1") && out.contains("ALL"), "{out}");
}

#[test]
fn eval_entities_scores_the_committed_sample() {
    let dir = format!("{}/tests/fixtures/entities", env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = dateline(&["eval", "entities", &dir]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("micro"), "{out}");
}

#[test]
fn check_sarif_is_a_sarif_log() {
    let (code, out, _) = dateline(&["check", "--format", "sarif", "seeds"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "conflicting-figure"
        && r["relatedLocations"]
            .as_array()
            .is_some_and(|l| !l.is_empty())));
}
