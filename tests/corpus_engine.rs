//! Corpus behaviour: incremental updates, configuration of rules, hovers and
//! the timeline.

mod corpus_support;

use std::sync::Arc;

use chrono::NaiveDate;
use corpus_support::{analyse, corpus, corpus_findings, Doc};
use dateline::engine::config::Config;
use dateline::engine::corpus::timeline::{self, timeline};
use dateline::engine::entities::EntityType;
use dateline::engine::finding::Severity;
use dateline::engine::ide;

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn person(names: &[&str]) -> Vec<(String, EntityType)> {
    names
        .iter()
        .map(|n| (n.to_string(), EntityType::Person))
        .collect()
}

fn docs() -> Vec<Doc> {
    vec![
        Doc {
            key: "a.txt".into(),
            text: " date 2020-10-09 MOSCOW -- Nikol Pashinian spoke to reporters.\n\nAccording to the Nagorno-Karabakh military, 376 of its servicemen have been killed.\n".into(),
            date: day("2020-10-09"),
            entities: person(&["Nikol Pashinian"]),
            times: Vec::new(),
        },
        Doc {
            key: "b.txt".into(),
            text: " date 2020-10-09 YEREVAN -- Nikol Pashinyan said talks would go on.\n\nThe Armenian side has acknowledged 350 military deaths.\n".into(),
            date: day("2020-10-09"),
            entities: person(&["Nikol Pashinyan"]),
            times: Vec::new(),
        },
        Doc {
            key: "c.txt".into(),
            text: " date 2020-10-09 PARIS -- Emmanuel Macron called for a truce.\n".into(),
            date: day("2020-10-09"),
            entities: person(&["Emmanuel Macron"]),
            times: Vec::new(),
        },
    ]
}

/// The finding of `rule` in `doc`; `why` says what its absence means.
fn finding(
    corpus: &dateline::engine::Corpus,
    doc: &str,
    rule: &str,
    why: &str,
) -> dateline::engine::Finding {
    corpus_findings(corpus, doc)
        .into_iter()
        .find(|f| f.rule == rule)
        .expect(why)
}

fn rules_of(corpus: &dateline::engine::Corpus, key: &str) -> Vec<&'static str> {
    corpus_findings(corpus, key)
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn upsert_returns_only_the_articles_it_touches() {
    let config = Config::default();
    let docs = docs();
    let mut corpus = corpus(&docs, &config);
    assert_eq!(
        rules_of(&corpus, "b.txt"),
        ["spelling-variant", "conflicting-figure"]
    );

    // Fix the spelling and the figure in b: a and b change, c does not.
    let mut b = docs[1].clone();
    b.text = b
        .text
        .replace("Pashinyan", "Pashinian")
        .replace("350", "376");
    b.entities = person(&["Nikol Pashinian"]);
    let affected = corpus.insert_analysis("b.txt", Arc::new(analyse(&b, &config)));
    assert_eq!(affected, ["a.txt", "b.txt"]);
    assert!(corpus_findings(&corpus, "a.txt").is_empty(), "a refreshed");
    assert!(corpus_findings(&corpus, "b.txt").is_empty());

    // An article sharing nothing touches only itself.
    let c = docs[2].clone();
    let affected = corpus.insert_analysis("c.txt", Arc::new(analyse(&c, &config)));
    assert_eq!(affected, ["c.txt"]);

    // Removing b changes a (its partner) and b.
    let affected = corpus.remove("b.txt");
    assert_eq!(affected, ["a.txt", "b.txt"]);
    assert!(corpus.findings("b.txt").is_empty());
    assert!(corpus.remove("b.txt").is_empty());
}

#[test]
fn an_edit_that_only_moves_text_touches_only_the_articles_citing_it() {
    let config = Config::default();
    let mut docs = docs();
    // d names Macron as c does, spelled alike.
    docs.push(Doc {
        key: "d.txt".into(),
        text: " date 2020-10-10 PARIS -- Emmanuel Macron met the press.\n".into(),
        date: day("2020-10-10"),
        entities: person(&["Emmanuel Macron"]),
        times: Vec::new(),
    });
    let mut corpus = corpus(&docs, &config);
    // Words typed in b before its figure: a cites b (spelling, figure) and
    // must be republished with b's new positions; c cites nothing of b.
    let mut b = docs[1].clone();
    b.text = b.text.replace("said talks", "said that the talks");
    let new_b = b.text.clone();
    let affected = corpus.insert_analysis("b.txt", Arc::new(analyse(&b, &config)));
    assert_eq!(affected, ["a.txt", "b.txt"]);
    let figure = finding(
        &corpus,
        "a.txt",
        "conflicting-figure",
        "a still conflicts with b",
    );
    let cited = &figure.related[0];
    assert_eq!(cited.doc, "b.txt");
    assert!(
        cited.span.text(&new_b).contains("350"),
        "related span follows b's text: {:?}",
        cited.span.text(&new_b)
    );
    let spelling = finding(&corpus, "b.txt", "spelling-variant", "b still misspells");
    assert_eq!(spelling.span.text(&new_b), "Nikol Pashinyan");

    // A figure changed in b (names unchanged): the articles sharing its key
    // see the new figure at once.
    b.text = b.text.replace("350", "340");
    let affected = corpus.insert_analysis("b.txt", Arc::new(analyse(&b, &config)));
    assert_eq!(affected, ["a.txt", "b.txt"]);
    let figure = finding(
        &corpus,
        "a.txt",
        "conflicting-figure",
        "a still conflicts with b",
    );
    assert!(figure.message.contains("340"), "{}", figure.message);

    // c shares Macron with d, but nobody misspells him and c's claims are
    // nobody's: c touches only itself (d's findings cannot cite c).
    let mut c = docs[2].clone();
    c.text = c.text.replace("called for", "called today for");
    let affected = corpus.insert_analysis("c.txt", Arc::new(analyse(&c, &config)));
    assert_eq!(affected, ["c.txt"]);
    // A name changed in c is a change d must see.
    c.text = c.text.replace("Emmanuel Macron", "Emanuel Macron");
    c.entities = person(&["Emanuel Macron"]);
    let affected = corpus.insert_analysis("c.txt", Arc::new(analyse(&c, &config)));
    assert_eq!(affected, ["c.txt", "d.txt"]);
    // Only the changed name's entity is re-checked: e also names Borrell,
    // whom f names too, but f does not depend on Macron's spelling.
    let e = |macron: &str| Doc {
        key: "e.txt".into(),
        text: format!(" date 2020-10-10 PARIS -- {macron} met Josep Borrell.\n"),
        date: day("2020-10-10"),
        entities: person(&[macron, "Josep Borrell"]),
        times: Vec::new(),
    };
    let f = Doc {
        key: "f.txt".into(),
        text: " date 2020-10-10 BRUSSELS -- Josep Borrell spoke.\n".into(),
        date: day("2020-10-10"),
        entities: person(&["Josep Borrell"]),
        times: Vec::new(),
    };
    corpus.insert_analysis("e.txt", Arc::new(analyse(&e("Emmanuel Macron"), &config)));
    corpus.insert_analysis("f.txt", Arc::new(analyse(&f, &config)));
    let affected =
        corpus.insert_analysis("e.txt", Arc::new(analyse(&e("Emmanuel Macronn"), &config)));
    assert!(affected.contains(&"d.txt".to_string()), "{affected:?}");
    assert!(!affected.contains(&"f.txt".to_string()), "{affected:?}");
}

#[test]
fn insert_reports_old_and_new_partners() {
    let config = Config::default();
    let docs = docs();
    let mut corpus = corpus(&docs, &config);
    // b now speaks of Macron instead: a loses its partner, c gains one.
    let mut b = docs[1].clone();
    b.text = " date 2020-10-09 YEREVAN -- Emmanuel Macron said talks would go on.\n".into();
    b.entities = person(&["Emmanuel Macron"]);
    let affected = corpus.insert_analysis("b.txt", Arc::new(analyse(&b, &config)));
    assert_eq!(affected, ["a.txt", "b.txt", "c.txt"]);
    assert!(corpus_findings(&corpus, "a.txt").is_empty());
}

#[test]
fn rules_can_be_relevelled_or_switched_off() {
    let config =
        Config::parse("[rules]\nspelling-variant = \"error\"\nconflicting-figure = \"off\"\n")
            .unwrap();
    let corpus = corpus(&docs(), &config);
    let findings = corpus_findings(&corpus, "b.txt");
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].rule, findings[0].severity),
        ("spelling-variant", Severity::Error)
    );
}

#[test]
fn spelling_fixes_replace_here_and_everywhere() {
    let corpus = corpus(&docs(), &Config::default());
    let f = corpus_findings(&corpus, "b.txt")
        .into_iter()
        .find(|f| f.rule == "spelling-variant")
        .unwrap();
    assert_eq!(f.fixes.len(), 2);
    assert!(f.fixes[0].preferred);
    assert_eq!(f.fixes[0].replacements[0].new_text, "Nikol Pashinian");
    assert!(f.fixes[1]
        .replacements
        .iter()
        .all(|r| r.doc == "b.txt" && r.new_text == "Nikol Pashinian"));
    let actions = ide::code_actions(&corpus, "b.txt", f.span);
    assert!(actions.iter().any(|a| a.title.contains("Nikol Pashinian")));
    assert_eq!(f.data.as_ref().unwrap()["canonical"], "Nikol Pashinian");
}

#[test]
fn hover_on_a_figure_lists_other_reports() {
    let corpus = corpus(&docs(), &Config::default());
    let a = corpus.get("a.txt").unwrap();
    let offset = a.text.find("376").unwrap();
    let hover = ide::corpus::hover(&corpus, "a.txt", offset).expect("hover");
    assert!(
        hover.markdown.contains("killed/military/armen"),
        "{}",
        hover.markdown
    );
    assert!(
        hover.markdown.contains("350 military deaths"),
        "{}",
        hover.markdown
    );
}

#[test]
fn hover_on_an_entity_lists_articles_and_spellings() {
    let corpus = corpus(&docs(), &Config::default());
    let b = corpus.get("b.txt").unwrap();
    let offset = b.text.find("Pashinyan").unwrap();
    let report = corpus.entity_report("b.txt", offset).expect("report");
    assert_eq!(report.canonical, "Nikol Pashinian");
    assert_eq!(report.articles.len(), 2);
    let md = ide::corpus::entity_section(&corpus, "b.txt", offset).unwrap();
    assert!(
        md.contains("\"Nikol Pashinyan\" ×1") && md.contains("\"Nikol Pashinian\" ×1"),
        "{md}"
    );
    let m = b
        .entities
        .mentions
        .iter()
        .position(|m| m.span.contains_offset(offset))
        .unwrap();
    assert_eq!(
        corpus.canonical_name("b.txt", m).as_deref(),
        Some("Nikol Pashinian")
    );
}

#[test]
fn timeline_is_in_date_order_with_sources() {
    let docs = vec![
        Doc {
            key: "x.txt".into(),
            text: " date 2020-10-13 YEREVAN -- Sergei Lavrov met Zohrab Mnatsakanian in Moscow on October 12.\n\nThe fighting began on September 27.\n".into(),
            date: day("2020-10-13"),
            entities: person(&["Sergei Lavrov", "Zohrab Mnatsakanian"]),
            times: vec![("October 12".into(), "2020-10-12".into()), ("September 27".into(), "2020-09-27".into())],
        },
        Doc {
            key: "y.txt".into(),
            text: " date 2020-10-08 BAKU -- Mnatsakanian would visit Moscow on October 12.\n".into(),
            date: day("2020-10-08"),
            entities: person(&["Mnatsakanian"]),
            times: vec![("October 12".into(), "2020-10-12".into())],
        },
    ];
    let corpus = corpus(&docs, &Config::default());
    let events = timeline(&corpus);
    let summary: Vec<(&str, &str, bool, usize)> = events
        .iter()
        .map(|e| (e.date.as_str(), e.doc.as_str(), e.planned, e.line))
        .collect();
    assert_eq!(
        summary,
        [
            ("2020-09-27", "x.txt", false, 3),
            ("2020-10-12", "x.txt", false, 1),
            ("2020-10-12", "y.txt", true, 1)
        ]
    );
    assert_eq!(events[1].who, ["Sergei Lavrov", "Zohrab Mnatsakanian"]);
    assert!(timeline::to_markdown(&events).lines().count() == 5);
    assert_eq!(timeline::to_csv(&events).lines().count(), 4);
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    const FRAGMENTS: &[&str] = &[
        "killed",
        "376",
        "99999999999999999999999",
        "18446744073709551615",
        "some",
        "more than",
        "dozens of",
        "hundreds of thousands of",
        "servicemen",
        "civilians",
        "Armenian",
        "the Armenian side",
        "its",
        "According to the",
        "Nagorno-Karabakh",
        "military",
        "since",
        "Sept. 27",
        "as of",
        "wounded",
        "Pashinyan",
        "Nikol Pashinian",
        "Borell",
        "Josep Borrell",
        "Öztürk",
        "é",
        "’s",
        "'s",
        "both sides blaming the other",
        "launched an attack",
        "met",
        "began",
        "\n\n",
        "<!-- dateline-ignore",
        "-->",
        ",",
        ".",
        "\"",
        "“",
        "”",
        " ",
        " ",
        " ",
        "-",
        "—",
        "revised",
        "toll rose to",
        "a dozen",
        "1994",
        "8:00",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(FRAGMENTS).prop_map(String::from),
                "\\PC{0,6}"
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

        #[test]
        fn corpus_never_panics(a in text(), b in text()) {
            let declare = |t: &str| -> Vec<(String, EntityType)> {
                t.split_whitespace()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .take(6)
                    .map(|w| (w.to_string(), EntityType::Person))
                    .collect()
            };
            let times = vec![("Sept. 27".to_string(), "2020-09-27".to_string()), ("1994".to_string(), "1994".to_string())];
            let docs = vec![
                Doc { key: "a".into(), text: a.clone(), date: day("2020-10-09"), entities: declare(&a), times: times.clone() },
                Doc { key: "b".into(), text: b.clone(), date: day("2020-10-10"), entities: declare(&b), times },
            ];
            let corpus = corpus(&docs, &Config::default());
            for key in ["a", "b"] {
                let text = &corpus.get(key).unwrap().text;
                for f in corpus.findings(key) {
                    prop_assert!(text.get(f.span.range()).is_some());
                    for r in &f.related {
                        let other = &corpus.get(&r.doc).unwrap().text;
                        prop_assert!(other.get(r.span.range()).is_some());
                    }
                }
                for offset in (0..=text.len()).step_by(7) {
                    let _ = ide::hover(&corpus, key, offset);
                    let _ = corpus.entity_report(key, offset);
                }
            }
            let events = timeline(&corpus);
            let _ = (timeline::to_markdown(&events), timeline::to_csv(&events), timeline::to_json(&events));
        }
    }
}

/// Bulk loading (indexing, the CLI) gives exactly the findings of loading
/// the articles one by one.
#[test]
fn insert_many_equals_one_by_one() {
    use dateline::engine::analysis::{analyze, AnalysisOptions};
    use std::sync::Arc;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let options = AnalysisOptions::default();
    let items: Vec<(String, Arc<_>)> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                Arc::new(analyze(&text, &options)),
            )
        })
        .collect();
    let mut one = dateline::engine::Corpus::new(options.clone());
    for (key, a) in &items {
        one.insert_analysis(key, a.clone());
    }
    let mut bulk = dateline::engine::Corpus::new(options);
    bulk.insert_many(items.clone());
    let mut total = 0;
    for (key, _) in &items {
        let a = one.findings(key);
        total += a.len();
        assert_eq!(a, bulk.findings(key), "{key}");
    }
    assert!(total >= 10, "the seeds have cross-article findings");
}

/// Edits applied one by one (memo tables patched or dropped as the corpus
/// decides) leave every article with the findings a corpus built from
/// scratch gives, and every article whose findings changed is among those
/// `insert_analysis` returns. The edits move text in front of names (so
/// spelling witnesses in other articles must move too), add and remove a
/// mention of a known name, misspell a name, and add a figure.
#[test]
fn incremental_edits_equal_a_rebuild() {
    use dateline::engine::analysis::{analyze, AnalysisOptions};
    use std::collections::BTreeMap;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut texts: BTreeMap<String, String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let key = p.file_name().unwrap().to_string_lossy().to_string();
            (key, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let options = AnalysisOptions::default();
    let all =
        |corpus: &dateline::engine::Corpus| -> BTreeMap<String, Vec<dateline::engine::Finding>> {
            corpus
                .keys()
                .map(|k| (k.to_string(), corpus.findings(k)))
                .collect()
        };
    let mut live = dateline::engine::Corpus::new(options.clone());
    live.insert_many(
        texts
            .iter()
            .map(|(k, t)| (k.clone(), Arc::new(analyze(t, &options)))),
    );
    let mut before = all(&live);
    let target = texts.keys().nth(1).unwrap().clone();
    let body_start = |t: &str| t.find("\n\n").map_or(0, |i| i + 2);
    type Edit = Box<dyn Fn(&str) -> String>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "text moved",
            Box::new(move |t: &str| {
                let at = body_start(t);
                format!("{}The talks went on for hours. {}", &t[..at], &t[at..])
            }),
        ),
        (
            "text moved again",
            Box::new(move |t: &str| {
                let at = body_start(t);
                format!("{}It rained. {}", &t[..at], &t[at..])
            }),
        ),
        (
            "a known name added",
            Box::new(|t: &str| format!("{t}\nNikol Pashinyan spoke again later.\n")),
        ),
        (
            "a name misspelt",
            Box::new(|t: &str| format!("{t}\nNikol Pashinian said the same.\n")),
        ),
        (
            "a figure added",
            Box::new(|t: &str| {
                format!("{t}\nAt least 400 soldiers have been killed, officials said.\n")
            }),
        ),
        (
            "the misspelling moved",
            Box::new(move |t: &str| {
                let at = body_start(t);
                format!("{}Nothing else was said. {}", &t[..at], &t[at..])
            }),
        ),
    ];
    for (what, edit) in &edits {
        let text = edit(&texts[&target]);
        texts.insert(target.clone(), text.clone());
        let affected = live.insert_analysis(&target, Arc::new(analyze(&text, &options)));
        let after = all(&live);
        let mut fresh = dateline::engine::Corpus::new(options.clone());
        fresh.insert_many(
            texts
                .iter()
                .map(|(k, t)| (k.clone(), Arc::new(analyze(t, &options)))),
        );
        assert_eq!(
            after,
            all(&fresh),
            "after '{what}': incremental differs from a rebuild"
        );
        for (key, findings) in &after {
            if before.get(key) != Some(findings) {
                assert!(
                    affected.contains(key),
                    "after '{what}': {key} changed but was not reported"
                );
            }
        }
        before = after;
    }
}
