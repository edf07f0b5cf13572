//! The article model over the seeds (checked against the gold file) and over
//! hand-written fixtures for every header and furniture form.

use dateline::engine::analysis::{analyze, AnalysisOptions, MISSING_DATE_RULE};
use dateline::engine::article::{parse_article, Article, DateSource, ParagraphKind};
use serde_json::Value;

fn seed(name: &str) -> String {
    std::fs::read_to_string(format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/articles/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn gold() -> Value {
    serde_json::from_str(include_str!("fixtures/seeds.gold.json")).unwrap()
}

fn date(article: &Article) -> Option<String> {
    article
        .publication_date
        .as_ref()
        .map(|d| d.date.format("%Y-%m-%d").to_string())
}

fn places(article: &Article) -> Vec<String> {
    article.dateline.iter().map(|f| f.value.clone()).collect()
}

#[test]
fn seeds_match_gold_dates_and_datelines() {
    let gold = gold();
    for (id, file) in gold["files"].as_object().unwrap() {
        let article = parse_article(&seed(file.as_str().unwrap()));
        assert_eq!(
            date(&article).as_deref(),
            gold["publication_date"][id].as_str(),
            "publication date of {id}"
        );
        let expected: Vec<String> = gold["dateline_places"][id]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        assert_eq!(places(&article), expected, "dateline of {id}");
    }
}

#[test]
fn seed_001_body_excludes_all_furniture() {
    let gold = gold();
    let text = seed("001_406014d11440a5bc.txt");
    let article = parse_article(&text);
    let marker = gold["boilerplate"]["001"]["body_ends_before"]
        .as_str()
        .unwrap();
    let cut = text.find(marker).unwrap();
    assert!(article.body.end <= cut, "body runs into furniture");
    assert!(text[article.body.range()].ends_with("coordinating its efforts with the Kremlin."));
    // Nothing after the marker survives in the clean text the analysis reads.
    assert!(article.clean[cut..].trim().is_empty());
    for example in gold["boilerplate"]["001"]["examples_not_entities"]
        .as_array()
        .unwrap()
    {
        assert!(
            !article.clean.contains(example.as_str().unwrap()),
            "{example} is analysable"
        );
    }
    for stamp in gold["boilerplate"]["001"]["no_dates_from"]
        .as_array()
        .unwrap()
    {
        assert!(
            !article.clean.contains(stamp.as_str().unwrap()),
            "{stamp} is analysable"
        );
    }
    assert!(!article.clean.contains("Please ensure Javascript"));
    assert!(!article.clean.contains("gvw_ap_news"));
    assert_eq!(
        article.title.as_ref().unwrap().value,
        "Russia Seeks Cease-Fire Talks in Armenia - Azerbaijan Conflict"
    );
    assert_eq!(article.byline.as_ref().unwrap().value, "Associated Press");
    let headings: Vec<&str> = article
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Heading)
        .map(|p| &text[p.span.range()])
        .collect();
    assert_eq!(
        headings,
        [
            "Fighting Began Sept. 27",
            "Shelling Continued Overnight",
            "Armenia Says Syrian Mercenaries are Fighting for Azerbaijan"
        ]
    );
}

#[test]
fn seed_004_markup_metadata_and_embed() {
    let text = seed("004_5276c77493c331da.txt");
    let article = parse_article(&text);
    assert_eq!(article.clean.len(), text.len());
    for markup in [
        "**",
        "<u>",
        "</u>",
        "Original url:",
        "themoscowtimes.com",
        "Embed:",
        "pic.twitter.com",
    ] {
        assert!(!article.clean.contains(markup), "{markup} is analysable");
    }
    assert!(article.clean.contains("Kremlin.ru"));
    assert!(article.clean.contains("Shushi"));
    assert_eq!(article.byline.as_ref().unwrap().value, "Hervé Bar");
    assert_eq!(article.outlet.as_ref().unwrap().value, "AFP");
    let embeds: Vec<_> = article
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Embed)
        .collect();
    assert_eq!(embeds.len(), 2);
    assert!(embeds
        .iter()
        .all(|p| p.anchor.map(|d| d.to_string()) == Some("2020-10-08".into())));
}

#[test]
fn credits_list_agencies() {
    let article = parse_article(&seed("000_100eb50afdd972d1.txt"));
    let credits: Vec<&str> = article.credits.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(credits, ["AFP", "dpa", "Interfax", "TASS", "Reuters"]);
    assert!(!article
        .body_paragraphs()
        .filter(|p| p.kind.is_body())
        .any(|p| p.kind == ParagraphKind::Credits));
}

#[test]
fn front_matter_markdown() {
    let text = fixture("front_matter.md");
    let article = parse_article(&text);
    let pd = article.publication_date.as_ref().unwrap();
    assert_eq!(
        (pd.date.to_string(), pd.source),
        ("2024-03-16".into(), DateSource::FrontMatter)
    );
    assert_eq!(
        article.title.as_ref().unwrap().value,
        "Quake Hits Eastern Turkey"
    );
    assert_eq!(article.byline.as_ref().unwrap().value, "Ana Ruiz");
    assert_eq!(article.outlet.as_ref().unwrap().value, "Example Wire");
    assert!(!article.clean.contains("title:"));
    assert!(
        !article.clean.contains("**")
            && !article.clean.contains("<em>")
            && !article.clean.contains("https://")
    );
    assert!(
        article.clean.contains("magnitude 5.9") && article.clean.contains("the disaster agency")
    );
}

#[test]
fn posted_line_and_wire_dateline() {
    let article = parse_article(&fixture("posted_wire.txt"));
    let pd = article.publication_date.as_ref().unwrap();
    assert_eq!(
        (pd.date.to_string(), pd.time),
        ("2024-03-16".into(), Some((9, 40)))
    );
    assert_eq!(places(&article), ["Van"]);
    assert_eq!(
        article.title.as_ref().unwrap().value,
        "Quake rattles Van province"
    );
}

#[test]
fn date_from_original_url() {
    let article = parse_article(&fixture("url_only.txt"));
    let pd = article.publication_date.as_ref().unwrap();
    assert_eq!(
        (pd.date.to_string(), pd.source),
        ("2020-10-09".into(), DateSource::Url)
    );
    assert!(!article.clean.contains("example.com"));
}

#[test]
fn published_ago_is_furniture_and_the_date_below_it_counts() {
    let text = fixture("published_ago.txt");
    let article = parse_article(&text);
    assert_eq!(date(&article).as_deref(), Some("2020-10-09"));
    assert_eq!(
        article.title.as_ref().unwrap().value,
        "Council Votes on Budget"
    );
    for gone in [
        "4 years ago",
        "JavaScript",
        "Share",
        "Local Team",
        "Storm Expected",
        "11 hours ago",
        "1 day ago",
        "Help continue",
        "Send this",
    ] {
        assert!(!article.clean.contains(gone), "{gone} is analysable");
    }
    let body = &text[article.body.range()];
    assert!(
        body.starts_with("The city council") && body.ends_with("in the spring."),
        "{body}"
    );
}

#[test]
fn missing_date_gives_an_information_finding() {
    let analysis = analyze(&fixture("no_date.txt"), &AnalysisOptions::default());
    assert!(analysis.article.publication_date.is_none());
    let f = analysis
        .findings
        .iter()
        .find(|f| f.rule == MISSING_DATE_RULE)
        .unwrap();
    assert_eq!(f.severity, dateline::engine::Severity::Information);
    assert!(
        f.message.contains("date: 2020-10-08"),
        "the message says how to add a date"
    );
    let with_option = analyze(
        &fixture("no_date.txt"),
        &AnalysisOptions {
            publication_date: chrono::NaiveDate::from_ymd_opt(2021, 1, 2),
            ..Default::default()
        },
    );
    assert!(with_option
        .findings
        .iter()
        .all(|f| f.rule != MISSING_DATE_RULE));
}

#[test]
fn crlf_files_keep_exact_offsets() {
    let text = fixture("crlf.txt");
    let article = parse_article(&text);
    assert_eq!(date(&article).as_deref(), Some("2020-10-08"));
    assert_eq!(places(&article), ["Baku", "Yerevan"]);
    for p in &article.paragraphs {
        assert!(
            !text[p.span.range()].contains('\r'),
            "paragraph spans exclude line breaks"
        );
    }
    assert_eq!(
        &text[article.paragraphs[0].span.range()],
        "The situation remains tense."
    );
    assert_eq!(article.credits.len(), 2);
}

#[test]
fn wrapped_lines_form_one_paragraph() {
    let text = fixture("wrapped.txt");
    let article = parse_article(&text);
    assert_eq!(date(&article).as_deref(), Some("2021-10-12"));
    let body: Vec<_> = article
        .paragraphs
        .iter()
        .filter(|p| p.kind.is_body())
        .collect();
    assert_eq!(body.len(), 2, "{:?}", article.paragraphs);
    assert!(text[body[0].span.range()].ends_with("collapsed last year."));
}

#[test]
fn parser_never_panics_and_spans_fit() {
    let inputs = [
        "",
        "\n",
        "\r",
        "---",
        "---\ntitle: x\n",
        " date ",
        " date 2020-13-45 X --",
        "By",
        "By \u{1F600}",
        "é\r\né",
        "**",
        "<",
        "[a](",
        "Original url:\nhttps://x/2020/02/30/",
        "Embed:\n\n— x (@y) October 8, 2020",
        "DON'T MISS",
        "\u{feff}text",
    ];
    for input in inputs {
        let article = parse_article(input);
        assert_eq!(article.clean.len(), input.len());
        for p in &article.paragraphs {
            assert!(input.get(p.span.range()).is_some(), "{input:?}");
        }
    }
}

#[test]
fn news_site_page_with_menus_standfirst_and_tags() {
    let text = fixture("news_site.txt");
    let article = parse_article(&text);
    assert_eq!(date(&article).as_deref(), Some("2020-10-10"));
    assert_eq!(
        article.title.as_ref().unwrap().value,
        "Armenia and Azerbaijan agree ceasefire after Moscow talks"
    );
    for gone in [
        "Skip to main",
        "Opinion",
        "Europe",
        "Sign in",
        "Share on",
        "Photograph",
        "Advertisement",
        "Topics",
        "Reuse",
        "Most popular",
        "Man charged",
    ] {
        assert!(!article.clean.contains(gone), "{gone} is analysable");
    }
    let body = &text[article.body.range()];
    assert!(
        body.starts_with("Truce to take effect"),
        "the standfirst opens the body: {body}"
    );
    assert_eq!(article.byline.as_ref().unwrap().value, "Andrew Roth");
    assert!(body.ends_with("those killed."), "{body}");
}

#[test]
fn a_wire_dateline_dates_an_article_without_other_date() {
    let text = fixture("wire_dated.txt");
    let analysis = analyze(&text, &AnalysisOptions::default());
    let pd = analysis.article.publication_date.as_ref().unwrap();
    assert_eq!(
        (pd.date.to_string(), pd.source),
        ("1989-10-30".into(), DateSource::Header)
    );
    assert_eq!(pd.span.map(|s| &text[s.range()]), Some("October 30, 1989"));
    assert_eq!(places(&analysis.article), ["New York"]);
    // Relative expressions resolve against it (a Monday).
    let value = |surface: &str| {
        analysis
            .times
            .iter()
            .find(|t| &text[t.span.range()] == surface)
            .map(|t| t.value.clone())
    };
    assert_eq!(value("Friday").as_deref(), Some("1989-10-27"));
    assert_eq!(value("yesterday").as_deref(), Some("1989-10-29"));
    assert_eq!(value("next week").as_deref(), Some("1989-W45"));
    // Any other source wins over the dateline.
    let dated = format!("Posted: 2020-10-09\n\n{text}");
    let article = parse_article(&dated);
    assert_eq!(date(&article).as_deref(), Some("2020-10-09"));
}
