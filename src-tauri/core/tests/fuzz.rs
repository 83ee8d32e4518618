//! Generated hostile input for everything that reads what Steady did not write itself or what
//! the owner types freely: the plan-file importer (mutated exports, and hostile shapes —
//! repetitions, nesting, repeated keys — that a tree-building reader pays for in memory), the
//! vCard reader and the planner that matches its cards against the contacts, the notice
//! renderer and the disclosure check. None may panic; each either answers or refuses with a
//! reason. (What a hostile file costs in memory is measured by `tests/import_memory.rs` and,
//! at full size, by `make bench`.)
//!
//! `cargo test -p steady-core --test fuzz` runs a short round (`make test`); `make fuzz` runs
//! at least 1,000,000 inputs in all (`FUZZ_CASES` per target).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use steady_core::business::Language;
use steady_core::contacts::vcard;
use steady_core::export::PlanFile;
use steady_core::incidents::severity::Severity;
use steady_core::incidents::CouldRecur;
use steady_core::notices::disclosure::{check, DisclosureContext};
use steady_core::notices::{render, Channel, NoticeFacts, Stage};
use steady_core::{CoreError, Store};

fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

/// A runner for `default` cases (or `FUZZ_CASES`), which says how many it ran.
fn runner(name: &str, default: u32) -> TestRunner {
    eprintln!("fuzz: {} generated inputs for {name}", cases(default));
    TestRunner::new(Config {
        cases: cases(default),
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    })
}

/// Text that mixes what breaks parsers: separators, escapes, quotes, control characters,
/// accents, emoji, right-to-left marks and very long runs.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ":",
        ";",
        ",",
        "\\",
        "\\n",
        "\r\n",
        "\n ",
        "=",
        "=0D=0A",
        "=C3=A9",
        "\"",
        "{",
        "}",
        "[",
        "]",
        "{business}",
        "{what}",
        "{eta}",
        "[ACCOUNT]",
        "é",
        "😀",
        "\u{202e}",
        "\u{0}",
        "\t",
        "BEGIN:VCARD",
        "END:VCARD",
        "TEL;TYPE=CELL:",
        "tel:+33-6-00-00-00-01",
        ";ext=",
        ";phone-context=+33",
        ";phone-context=example.com",
        "CATEGORIES:",
        "EDF",
        "sip:x@y",
        "item1.",
        "ENCODING=QUOTED-PRINTABLE",
        "CHARSET=ISO-8859-1",
        "VERSION:2.1",
        "+33 1 23 45 67 89",
        "INC-4711",
        "192.168.0.1",
        "v2.3.1",
        "hack",
        "Orange",
        "a@b.fr",
        " ",
        "x",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat()),
        ".{0,200}",
        prop::collection::vec(any::<char>(), 0..300).prop_map(|c| c.into_iter().collect()),
    ]
}

/// A plan export to start mutations from, made once.
fn export() -> &'static String {
    static EXPORT: OnceLock<String> = OnceLock::new();
    EXPORT.get_or_init(|| {
        let mut store = Store::open_in_memory().unwrap();
        store
            .save_business(
                &steady_core::business::BusinessInput {
                    name: "Corner Café".into(),
                    business_type: steady_core::business::BusinessType::CafeRestaurant,
                    language: Language::En,
                    country: None,
                },
                chrono::Utc::now(),
            )
            .unwrap();
        store
            .apply_starter_plan(
                steady_core::business::BusinessType::CafeRestaurant,
                Language::En,
                chrono::Utc::now(),
            )
            .unwrap();
        store.export_plan(chrono::Utc::now()).unwrap()
    })
}

/// A mutated export: bytes flipped, cut, or one value replaced by something else.
fn plan_file() -> impl Strategy<Value = Vec<u8>> {
    let bytes = export().as_bytes().to_vec();
    let len = bytes.len();
    let flips = {
        let bytes = bytes.clone();
        prop::collection::vec((0..len, any::<u8>()), 1..8).prop_map(move |flips| {
            let mut b = bytes.clone();
            for (at, value) in flips {
                b[at] = value;
            }
            b
        })
    };
    let cut = {
        let bytes = bytes.clone();
        (0..len).prop_map(move |at| bytes[..at].to_vec())
    };
    let replaced = {
        let root: serde_json::Value = serde_json::from_str(export()).unwrap();
        let json = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(|f| serde_json::json!(f)),
            nasty_text().prop_map(serde_json::Value::from),
            Just(serde_json::json!([])),
            Just(serde_json::json!({})),
        ];
        (
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            json,
        )
            .prop_map(move |(table, row, value)| {
                let mut root = root.clone();
                let tables = root["tables"].as_object_mut().unwrap();
                let names: Vec<String> = tables.keys().cloned().collect();
                let name = table.get(&names).clone();
                if let Some(rows) = tables[&name].as_array_mut().filter(|r| !r.is_empty()) {
                    let i = row.index(rows.len());
                    if let Some(object) = rows[i].as_object_mut() {
                        let keys: Vec<String> = object.keys().cloned().collect();
                        let key = row.get(&keys).clone();
                        object.insert(key, value);
                    } else {
                        rows[i] = value;
                    }
                } else {
                    tables.insert(name, value);
                }
                serde_json::to_vec(&root).unwrap()
            })
    };
    prop_oneof![
        1 => flips,
        1 => cut,
        5 => replaced,
        1 => nasty_text().prop_map(String::into_bytes),
    ]
}

#[test]
fn the_plan_importer_answers_or_refuses_every_file() {
    let store = Store::open_in_memory().unwrap();
    runner("the plan importer", 300)
        .run(&plan_file(), |bytes| {
            let read = PlanFile::read(&bytes, chrono::Utc::now());
            match read.and_then(|file| store.preview_import(&file)) {
                Ok(_) | Err(CoreError::BadFile(_)) => {}
                Err(other) => panic!("not a file problem: {other:?}"),
            }
            Ok(())
        })
        .unwrap();
}

/// A property line as exports write them, with a hostile value (or a folded continuation).
fn vcard_line() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "TEL",
        "FN",
        "N",
        "ORG",
        "EMAIL",
        "URL",
        "NOTE",
        "item1.TEL",
        "item1.X-ABLabel",
        "PHOTO",
        "X-STEADY-KIND",
        "X-STEADY-ACCOUNT-NUMBER",
        "CATEGORIES",
        "ADR",
        "LABEL",
        "BEGIN",
    ]);
    let params = prop::collection::vec(
        prop::sample::select(vec![
            ";TYPE=CELL",
            ";CELL",
            ";type=pref",
            ";ENCODING=QUOTED-PRINTABLE",
            ";QUOTED-PRINTABLE",
            ";CHARSET=UTF-8",
            ";CHARSET=ISO-8859-1",
            ";ENCODING=BASE64",
            ";VALUE=uri",
            ";X-SERVICE-TYPE=x",
            ";TYPE=\"work,voice\"",
            ";VALUE=uri;TYPE=\"voice,cell\"",
        ]),
        0..3,
    );
    prop_oneof![
        // Mostly one line, so the reading goes past the line structure into the values.
        9 => (name.clone(), params.clone(), nasty_text())
            .prop_map(|(n, p, v)| format!("{n}{}:{}", p.concat(), v.replace(['\r', '\n'], ""))),
        3 => (name, params, nasty_text()).prop_map(|(n, p, v)| format!("{n}{}:{v}", p.concat())),
        2 => nasty_text().prop_map(|v| format!(" {v}")),
        1 => nasty_text(),
    ]
}

fn vcard_file() -> impl Strategy<Value = Vec<u8>> {
    let lines = prop::collection::vec(vcard_line(), 0..10).prop_map(|lines| {
        let mut text = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n");
        for line in lines {
            text.push_str(&line);
            text.push_str("\r\n");
        }
        text.push_str("END:VCARD\r\n");
        text.into_bytes()
    });
    prop_oneof![
        6 => lines,
        1 => nasty_text().prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..400),
    ]
}

#[test]
fn the_vcard_reader_answers_or_refuses_every_file() {
    runner("the vCard reader", 2_000)
        .run(&vcard_file(), |bytes| {
            match vcard::parse(&bytes, Language::Fr) {
                Ok(cards) => {
                    // What it read is what Steady would accept when typed.
                    for card in cards {
                        assert!(card.details.validated().is_ok());
                    }
                }
                Err(CoreError::BadFile(_)) => {}
                Err(other) => panic!("not a file problem: {other:?}"),
            }
            Ok(())
        })
        .unwrap();
}

/// A plan file shaped to cost a tree-building reader: a unit repeated many times somewhere
/// in a real envelope, possibly past a cap.
fn hostile_plan_shape() -> impl Strategy<Value = Vec<u8>> {
    let place = prop::sample::select(vec![
        ("{\"padding\": [", "]}"),
        ("{\"tables\": {\"contacts\": [", "]}}"),
        ("{\"tables\": {\"contact_phones\": [", "]}}"),
        ("{\"tables\": {\"contact_phones\": [{", "}]}}"),
        ("{\"tables\": {", "}}"),
        ("{\"format\": ", "}"),
    ]);
    let unit = prop::sample::select(vec![
        "0,",
        "{},",
        "[],",
        "[[[[[[[[",
        "\"label\": \"\",",
        "\"contact_id\": 1,",
        "{\"contact_id\": 1, \"position\": 0, \"label\": \"\", \"number\": \"1\"},",
        "\"x\",",
        "\"songs\": [],",
        "\"contacts\": [],",
    ]);
    (place, unit, 0usize..5_000, any::<bool>()).prop_map(|((head, tail), unit, count, envelope)| {
        let mut text = String::new();
        if envelope {
            text.push_str("{\"format\": \"steady-plan\", \"format_version\": 1, \"schema_version\": 1, \"x\": ");
        }
        text.push_str(head);
        text.push_str(&unit.repeat(count));
        text.push_str(tail.trim_start_matches(','));
        if envelope {
            text.push('}');
        }
        text.into_bytes()
    })
}

#[test]
fn the_plan_importer_answers_or_refuses_every_hostile_shape() {
    runner("the plan importer's hostile shapes", 300)
        .run(&hostile_plan_shape(), |bytes| {
            match PlanFile::read(&bytes, chrono::Utc::now()) {
                Ok(_) | Err(CoreError::BadFile(_)) => {}
                Err(other) => panic!("not a file problem: {other:?}"),
            }
            Ok(())
        })
        .unwrap();
}

/// A store with contacts that generated cards can match by name and by number.
fn contacts() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let cards = vcard::parse(
        b"BEGIN:VCARD\r\nFN:Ana\r\nTEL:+33 1 23 45 67 89\r\nEND:VCARD\r\n\
          BEGIN:VCARD\r\nORG:Orange\r\nTEL:0800 123 456\r\nNOTE:x\r\nEND:VCARD\r\n",
        Language::En,
    )
    .unwrap();
    for card in cards {
        store
            .create_contact(&card.details, chrono::Utc::now())
            .unwrap();
    }
    store
}

#[test]
fn the_vcard_planner_accounts_for_every_card() {
    let store = contacts();
    runner("the vCard planner", 1_000)
        .run(&vcard_file(), |bytes| {
            let Ok(cards) = vcard::parse(&bytes, Language::En) else {
                return Ok(());
            };
            match store.preview_vcard(&cards) {
                Ok(preview) => {
                    prop_assert_eq!(preview.cards.len(), cards.len());
                    let counted = preview.added + preview.updated + preview.unchanged;
                    prop_assert_eq!(counted as usize, cards.len());
                    for card in &preview.cards {
                        // Set aside within the cap, never without end.
                        prop_assert!(card.set_aside.len() <= steady_core::fields::LIST_MAX);
                    }
                }
                Err(CoreError::BadFile(_)) => {}
                Err(other) => panic!("not a file problem: {other:?}"),
            }
            Ok(())
        })
        .unwrap();
}

fn language() -> impl Strategy<Value = Language> {
    prop::sample::select(Language::ALL.to_vec())
}

#[test]
fn the_notice_renderer_fills_any_template_with_any_facts() {
    let facts = (
        nasty_text(),
        prop::collection::vec(nasty_text(), 0..4),
        prop::option::of(0u32..100_000),
        prop::option::of(0u32..1_000_000),
        prop::option::of(nasty_text()),
        prop::option::of(nasty_text()),
    );
    let input = (
        prop::sample::select(Stage::ALL.to_vec()),
        prop::sample::select(Channel::ALL.to_vec()),
        language(),
        prop::option::of(nasty_text()),
        nasty_text(),
        facts,
        prop::sample::select(Severity::ALL.to_vec()),
    );
    runner("the notice renderer", 2_000)
        .run(
            &input,
            |(stage, channel, language, subject, body, facts, severity)| {
                let (business, what, customers, minutes, workaround, next) = facts;
                let facts = NoticeFacts {
                    business,
                    what,
                    severity,
                    customers_affected: customers,
                    expected_minutes: minutes,
                    workaround,
                    when: next.clone(),
                    next_update: next,
                    could_recur: CouldRecur::Unsure,
                };
                let _ = render(stage, channel, language, subject.as_deref(), &body, &facts);
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn the_disclosure_check_points_inside_any_text() {
    let input = (
        nasty_text(),
        nasty_text(),
        prop::collection::vec(nasty_text(), 0..4),
        prop::collection::vec(nasty_text(), 0..4),
        nasty_text(),
        prop::collection::vec(nasty_text(), 0..3),
        prop::collection::vec(nasty_text(), 0..3),
        language(),
    );
    runner("the disclosure check", 2_000)
        .run(
            &input,
            |(text, business, providers, identifiers, root_cause, staff, notes, language)| {
                let context = DisclosureContext {
                    business,
                    providers,
                    identifiers,
                    root_cause,
                    staff,
                    announced_by: notes.clone(),
                    filled: notes.iter().map(|n| n.chars().rev().collect()).collect(),
                    internal_notes: notes,
                };
                let units = text.encode_utf16().count() as u32;
                for warning in check(&text, &context, language) {
                    prop_assert!(warning.start <= warning.end && warning.end <= units);
                }
                Ok(())
            },
        )
        .unwrap();
}
