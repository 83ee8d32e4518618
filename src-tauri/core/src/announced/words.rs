//! An announced outage's own words in each language, as data (`announced/<language>.json` at
//! the crate root): its name when the owner gave none, what customers will notice when no
//! service is ticked, each phase's checklist and the calendar file's name.

use std::collections::HashMap;

use serde::Deserialize;

use super::AnnouncedWhat;
use crate::business::Language;
use crate::vocabulary::{fill, PerLanguage};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Words {
    /// By kind: "Power cut".
    untitled: HashMap<String, String>,
    /// By kind, to stand wherever a notice names what will be unavailable.
    customers_notice: HashMap<String, String>,
    /// `{day}`: the day it starts, as `2026-11-27`.
    calendar_file: String,
    /// By item key (`day_before.tell`).
    checklist: HashMap<String, String>,
}

static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../announced/en.json")),
    (Language::Fr, include_str!("../../announced/fr.json")),
]);

pub(super) fn words(language: Language) -> &'static Words {
    WORDS.get(language)
}

impl Words {
    pub(super) fn untitled(&self, what: AnnouncedWhat) -> &str {
        word(&self.untitled, what.as_str())
    }

    pub(super) fn customers_notice(&self, what: AnnouncedWhat) -> &str {
        word(&self.customers_notice, what.as_str())
    }

    pub(super) fn item(&self, key: &str) -> &str {
        word(&self.checklist, key)
    }

    pub(super) fn calendar_file(&self, day: &str) -> String {
        fill(&self.calendar_file, &[("day", day)])
    }
}

/// The tests hold every file to a word for every key, so none is ever missing.
fn word<'a>(words: &'a HashMap<String, String>, key: &str) -> &'a str {
    words.get(key).map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::super::checklist::ITEMS;
    use super::*;

    #[test]
    fn every_language_words_every_kind_and_item_and_nothing_else() {
        let kinds: Vec<&str> = AnnouncedWhat::ALL.iter().map(|w| w.as_str()).collect();
        let items: Vec<String> = ITEMS
            .iter()
            .map(|(phase, key)| format!("{}.{key}", phase.as_str()))
            .collect();
        for (language, json) in WORDS.files() {
            let words: Words = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("{language:?}: the data does not read: {e}"));
            for (what, table, expected) in [
                ("untitled", &words.untitled, &kinds),
                ("customers_notice", &words.customers_notice, &kinds),
            ] {
                let mut keys: Vec<&str> = table.keys().map(String::as_str).collect();
                keys.sort_unstable();
                let mut expected = expected.clone();
                expected.sort_unstable();
                assert_eq!(keys, expected, "{language:?}: {what}");
            }
            let mut keys: Vec<&String> = words.checklist.keys().collect();
            keys.sort();
            let mut expected: Vec<&String> = items.iter().collect();
            expected.sort();
            assert_eq!(keys, expected, "{language:?}: checklist");
            let blank = words
                .untitled
                .values()
                .chain(words.customers_notice.values())
                .chain(words.checklist.values())
                .any(|w| w.trim().is_empty());
            assert!(!blank, "{language:?}: a word is blank");
            assert!(words.calendar_file("2026-11-27").contains("2026-11-27"));
        }
    }
}
