//! Claims extraction tables: sentence in, claims out.

use chrono::NaiveDate;

use super::*;
use crate::engine::article::{parse_article, DateSource, PublicationDate};
use crate::engine::time::TimexType;

/// A hand-made time expression over `surface` (first occurrence) in `text`.
fn timex(text: &str, surface: &str, value: &str) -> Timex {
    let start = text.find(surface).expect("surface in text");
    Timex {
        span: Span::new(start, start + surface.len()),
        kind: TimexType::Date,
        value: value.to_string(),
        modifier: None,
        day: NaiveDate::parse_from_str(value, "%Y-%m-%d").ok(),
        absolute: false,
        anchor: None,
        rule: "test",
        tense: crate::engine::time::Tense::Unknown,
    }
}

fn claims_of(text: &str, times: &[(&str, &str)]) -> Vec<Claim> {
    let mut article = parse_article(text);
    article.publication_date = Some(PublicationDate {
        date: NaiveDate::from_ymd_opt(2020, 10, 9).unwrap(),
        time: None,
        source: DateSource::Option,
        span: None,
    });
    let times: Vec<Timex> = times.iter().map(|(s, v)| timex(text, s, v)).collect();
    extract(
        &article,
        &Segmentation::default(),
        &times,
        &Entities::default(),
    )
}

fn quantities(text: &str, times: &[(&str, &str)]) -> Vec<(String, Quantity)> {
    claims_of(text, times)
        .into_iter()
        .filter_map(|c| {
            let q = c.quantity()?.clone();
            Some((c.span.text(text).to_string(), q))
        })
        .collect()
}

/// (sentence, claim text, key, low, high, cumulative)
type QuantityRow = (
    &'static str,
    &'static str,
    &'static str,
    u64,
    Option<u64>,
    bool,
);

#[test]
fn quantity_table() {
    // (sentence, claim text, key, low, high, cumulative)
    let table: &[QuantityRow] = &[
        (
            "According to the Nagorno-Karabakh military, 376 of its servicemen have been killed since Sept. 27.",
            "376 of its servicemen have been killed",
            "killed/military/armen",
            376,
            Some(376),
            true,
        ),
        (
            "Dozens of civilians have been confirmed killed and the Armenian side has acknowledged 350 military deaths, while Azerbaijan has not admitted to any fatalities.",
            "350 military deaths",
            "killed/military/armen",
            350,
            Some(350),
            true,
        ),
        (
            "Renewed fighting over Karabakh has claimed some 400 lives and forced thousands of people from their homes.",
            "some 400 lives",
            "killed/people/-",
            360,
            Some(440),
            true,
        ),
        (
            "Hundreds of soldiers and civilians have been killed since the fighting broke out.",
            "Hundreds of soldiers and civilians have been killed",
            "killed/people/-",
            100,
            Some(1999),
            true,
        ),
        (
            "The attack left more than 20 dead and wounded.",
            "more than 20 dead and wounded",
            "casualties/people/-",
            21,
            None,
            false,
        ),
        (
            "More shelling wounded two Russian journalists.",
            "wounded two Russian journalists",
            "wounded/journalists/russ",
            2,
            Some(2),
            false,
        ),
        (
            "Police said 12 people were killed in Stepanakert on Tuesday.",
            "12 people were killed",
            "killed/people/-/in:stepanakert",
            12,
            Some(12),
            false,
        ),
        (
            "The death toll rose to 500, officials said.",
            "toll rose to 500",
            "killed/people/-",
            500,
            Some(500),
            true,
        ),
        (
            "Nearly 90 Azerbaijani soldiers were killed.",
            "Nearly 90 Azerbaijani soldiers were killed",
            "killed/military/azerb",
            81,
            Some(90),
            false,
        ),
    ];
    for (sentence, span, key, low, high, cumulative) in table {
        let qs = quantities(sentence, &[]);
        let found = qs.iter().find(|(t, _)| t == span);
        let Some((_, q)) = found else {
            panic!(
                "{sentence:?}: no claim {span:?} in {:?}",
                qs.iter().map(|(t, _)| t).collect::<Vec<_>>()
            );
        };
        let claims = claims_of(sentence, &[]);
        let claim = claims
            .iter()
            .find(|c| c.span.text(sentence) == *span)
            .unwrap();
        assert_eq!(claim.key, *key, "{sentence}");
        assert_eq!((q.low, q.high), (*low, *high), "{sentence}");
        assert_eq!(q.cumulative, *cumulative, "{sentence}");
    }
}

#[test]
fn non_counts_are_not_quantities() {
    for sentence in [
        "The war ended in 1994 with an uneasy cease-fire.",
        "The talks lasted some six hours.",
        "The region lies 20 kilometers from the border.",
        "Armenian forces occupied 20 percent of the territory.",
        "Fighting raged for nearly two weeks.",
        "It displaced around half of Karabakh's 140,000 residents.",
        "On October 9, 2020 the ministers met.",
        "Three units of military equipment were lost.",
    ] {
        assert!(
            quantities(sentence, &[]).is_empty(),
            "{sentence}: {:?}",
            quantities(sentence, &[])
        );
    }
}

#[test]
fn since_and_as_of_are_read_from_timexes() {
    let text = "According to the ministry, 376 of its servicemen have been killed since Sept. 27.";
    let qs = quantities(text, &[("Sept. 27", "2020-09-27")]);
    assert_eq!(qs[0].1.since.as_deref(), Some("2020-09-27"));
    assert_eq!(qs[0].1.as_of.as_deref(), Some("2020-10-09"));
    assert_eq!(qs[0].1.source.as_deref(), Some("the ministry"));

    let text = "As of October 5, 200 civilians had been killed.";
    let qs = quantities(text, &[("October 5", "2020-10-05")]);
    assert_eq!(qs[0].1.as_of.as_deref(), Some("2020-10-05"));

    let text = "They fought a war that ended in 1994 with an estimated 30,000 killed.";
    let qs = quantities(text, &[("1994", "1994")]);
    assert_eq!(qs[0].1.as_of.as_deref(), Some("1994"));
    assert_eq!(qs[0].1.value, 30_000);
}

#[test]
fn correction_language_is_noted() {
    let qs = quantities(
        "The ministry revised down the toll to 300 soldiers killed.",
        &[],
    );
    assert!(qs.iter().any(|(_, q)| q.correction));
}

#[test]
fn events_with_dates() {
    let text = "The latest outburst of fighting between Azerbaijani and Armenian forces began Sept. 27 and marked the biggest escalation.";
    let claims = claims_of(text, &[("Sept. 27", "2020-09-27")]);
    let e = claims.iter().find_map(Claim::event).expect("event");
    assert_eq!((e.class, e.object), ("start", Some("fighting")));
    assert!(!e.modal && !e.attributed && !e.disputed);

    let text = "Foreign Minister Zohrab Mnatsakanian would visit Moscow on October 12 but gave no details.";
    let claims = claims_of(text, &[("October 12", "2020-10-12")]);
    let e = claims.iter().find_map(Claim::event).expect("event");
    assert_eq!(e.class, "visit");
    assert!(e.modal);

    let text = "The heavy clashes erupted late last month, with both sides blaming the other for the biggest outbreak in violence.";
    let claims = claims_of(text, &[("late last month", "2020-09")]);
    let e = claims.iter().find_map(Claim::event).expect("event");
    assert!(e.disputed);
    assert_eq!(e.class, "start");
    assert_eq!(
        e.dispute.map(|s| s.text(text)),
        Some("both sides blaming the other")
    );

    let text = "Armenian Armed Forces launched a large-scale military attack on positions of the Azerbaijani army on Sept. 27.";
    let claims = claims_of(text, &[("Sept. 27", "2020-09-27")]);
    let e = claims.iter().find_map(Claim::event).expect("event");
    assert_eq!(e.class, "attack");
    assert_eq!(e.agent_side.as_deref(), Some("armen"));
    assert_eq!(
        e.assertion.text(text),
        "Armenian Armed Forces launched a large-scale military attack"
    );
    assert!(!e.attributed && !e.disputed);
}

#[test]
fn statements_name_their_speaker() {
    let text = "\"The only solution is to go back to the negotiation table,\" Borell told the European Parliament.";
    let claims = claims_of(text, &[]);
    let s = claims
        .iter()
        .find_map(|c| match &c.kind {
            ClaimKind::Statement(s) => Some(s.clone()),
            _ => None,
        })
        .expect("statement");
    assert_eq!(s.speaker.as_deref(), Some("Borell"));
    assert!(s.quote.is_some());
}

#[test]
fn side_keys_group_demonyms_countries_and_parties() {
    assert_eq!(side_key("Armenian"), side_key("Armenia"));
    assert_eq!(side_key("Nagorno-Karabakh"), side_key("Armenia"));
    assert_eq!(side_key("Azerbaijani"), side_key("Azerbaijan"));
    assert_eq!(side_key("Ukrainian"), side_key("Ukraine"));
    assert_eq!(side_key("Israeli"), side_key("Israel"));
    assert_ne!(side_key("Armenian"), side_key("Azerbaijani"));
    assert_ne!(side_key("Iran"), side_key("Iraq"));
}

#[test]
fn sentence_split_keeps_abbreviations() {
    let text = "Fighting began Sept. 27 in the region. Then U.S. officials spoke. \"Go,\" he said.";
    let spans = split_sentences(text, 0);
    let parts: Vec<&str> = spans.iter().map(|s| s.text(text)).collect();
    assert_eq!(
        parts,
        [
            "Fighting began Sept. 27 in the region.",
            "Then U.S. officials spoke.",
            "\"Go,\" he said."
        ]
    );
}

#[test]
fn hostile_numbers_do_not_panic() {
    let text = "Some 99999999999999999999999 soldiers were killed and 1e400 people died, 18446744073709551615 million wounded.";
    let _ = quantities(text, &[]);
}
