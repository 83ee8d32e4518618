//! The disclosure check: before a notice reaches customers, flag what could help someone
//! exploit the outage or alarm customers for nothing — provider names, account and ticket
//! numbers, the internal root cause, addresses, hostnames, versions, staff names and
//! alarming security words — each with safer wording. It never blocks: the owner decides.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::fields::fold_for_search;

/// What the notice must not give away, gathered from the plan and the incident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisclosureContext {
    /// The business's own name: never flagged.
    pub business: String,
    pub providers: Vec<String>,
    /// Account, meter, customer and ticket numbers.
    pub identifiers: Vec<String>,
    /// The internal root-cause note.
    pub root_cause: String,
    pub staff: Vec<String>,
    /// The owner's own notes that are not for customers: an announced outage's label and
    /// where the announcement came from ("Street works, Enedis planned cut — bring the
    /// thermometer"). The names in them, their numbers and any three words in a row from
    /// them are flagged.
    #[serde(default)]
    pub internal_notes: Vec<String>,
    /// Where an announcement came from ("Enedis letter"): the names in it are taken for the
    /// provider's, first word included.
    #[serde(default)]
    pub announced_by: Vec<String>,
    /// What Steady itself writes into this notice (what is down, when, the workaround): a
    /// match from the owner's notes that lies within it is Steady's wording, not a leak
    /// ("Sunday 6 December" in a label and in the notice's date).
    #[serde(default)]
    pub filled: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum WarningKind {
    ProviderName,
    Identifier,
    RootCause,
    InternalNote,
    IpAddress,
    Hostname,
    SoftwareVersion,
    StaffName,
    AlarmingWord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub kind: WarningKind,
    /// The text as it stands in the notice.
    pub matched: String,
    /// Where, in UTF-16 units (as the UI's strings count).
    pub start: u32,
    pub end: u32,
    /// What to say instead; empty means leave it out.
    pub suggestion: String,
}

/// A character of the notice, folded for matching, with where it sits in UTF-16 units.
struct Folded {
    chars: Vec<char>,
    folded: Vec<char>,
    utf16: Vec<u32>,
    /// Every word of the notice as written, and folded: a name whose first word is not
    /// among them cannot be in the notice, so most of a long plan's names are ruled out at
    /// the cost of one lookup.
    words: HashSet<String>,
    folded_words: HashSet<String>,
}

/// The maximal runs of word characters in `chars`.
fn word_runs(chars: &[char]) -> impl Iterator<Item = String> + '_ {
    chars
        .split(|c| !Folded::is_word(*c))
        .filter(|run| !run.is_empty())
        .map(|run| run.iter().collect())
}

impl Folded {
    fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let folded: Vec<char> = chars
            .iter()
            .map(|c| fold_for_search(&c.to_string()).chars().next().unwrap_or(*c))
            .collect();
        let mut utf16 = Vec::with_capacity(chars.len() + 1);
        let mut at = 0u32;
        for c in &chars {
            utf16.push(at);
            at += u32::try_from(c.len_utf16()).unwrap_or(1);
        }
        utf16.push(at);
        let words = word_runs(&chars).collect();
        let folded_words = word_runs(&folded).collect();
        Self {
            chars,
            folded,
            utf16,
            words,
            folded_words,
        }
    }

    fn is_word(c: char) -> bool {
        c.is_alphanumeric()
    }

    /// Every place `needle` stands as whole words; `exact_case` compares unfolded.
    fn find_words(&self, needle: &str, exact_case: bool) -> Vec<(usize, usize)> {
        let needle: Vec<char> = if exact_case {
            needle.chars().collect()
        } else {
            fold_for_search(needle).chars().collect()
        };
        let hay = if exact_case {
            &self.chars
        } else {
            &self.folded
        };
        let mut found = Vec::new();
        if needle.is_empty() || needle.len() > hay.len() {
            return found;
        }
        // A match starts at a word boundary, so the needle's first word is a whole word of
        // the notice.
        if Self::is_word(needle[0]) {
            let first: String = needle.iter().take_while(|c| Self::is_word(**c)).collect();
            let words = if exact_case {
                &self.words
            } else {
                &self.folded_words
            };
            if !words.contains(&first) {
                return found;
            }
        }
        for start in 0..=hay.len() - needle.len() {
            let end = start + needle.len();
            let boundary_before = start == 0 || !Self::is_word(hay[start - 1]);
            let boundary_after = end == hay.len() || !Self::is_word(hay[end]);
            if boundary_before && boundary_after && hay[start..end] == needle[..] {
                found.push((start, end));
            }
        }
        found
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// Runs of non-space characters with their char ranges.
    fn tokens(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in self.chars.iter().enumerate() {
            let inside = !c.is_whitespace();
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, self.chars.len()));
        }
        // Trailing punctuation is not part of an address or a version.
        out.into_iter()
            .map(|(s, mut e)| {
                while e > s
                    && matches!(
                        self.chars[e - 1],
                        '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\''
                    )
                {
                    e -= 1;
                }
                let mut s = s;
                while s < e && matches!(self.chars[s], '(' | '"' | '\'') {
                    s += 1;
                }
                (s, e)
            })
            .filter(|(s, e)| s < e)
            .collect()
    }
}

fn alarming_words(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::En => &[
            ("hacked", "affected by a technical problem"),
            ("hackers", "a technical problem"),
            ("hacker", "a technical problem"),
            ("hack", "technical problem"),
            ("breach", "incident"),
            ("data breach", "incident"),
            ("passwords", "login details"),
            ("password", "login details"),
            ("vulnerability", "technical issue"),
            ("vulnerabilities", "technical issues"),
            ("malware", "technical problem"),
            ("ransomware", "technical problem"),
            ("virus", "technical problem"),
            ("cyberattack", "technical problem"),
            ("cyber attack", "technical problem"),
            ("attack", "technical problem"),
            ("attacked", "affected by a technical problem"),
            ("exploit", "technical issue"),
            ("compromised", "affected"),
            ("stolen", "affected"),
            ("leak", "incident"),
        ],
        Language::Fr => &[
            ("piraté", "touché par un problème technique"),
            ("piratée", "touchée par un problème technique"),
            ("piratés", "touchés par un problème technique"),
            ("piratage", "problème technique"),
            ("pirates", "un problème technique"),
            ("hacké", "touché par un problème technique"),
            ("fuite de données", "incident"),
            ("fuite", "incident"),
            ("mot de passe", "identifiants"),
            ("mots de passe", "identifiants"),
            ("faille", "problème technique"),
            ("vulnérabilité", "problème technique"),
            ("virus", "problème technique"),
            ("rançongiciel", "problème technique"),
            ("logiciel malveillant", "problème technique"),
            ("cyberattaque", "problème technique"),
            ("attaque", "problème technique"),
            ("compromis", "touchés"),
            ("volées", "concernées"),
            ("volés", "concernés"),
        ],
    }
}

fn neutral(language: Language, what: &str) -> &'static str {
    match (language, what) {
        (Language::En, "provider") => "our provider",
        (Language::Fr, "provider") => "notre prestataire",
        (Language::En, "cause") => "a technical problem",
        (Language::Fr, "cause") => "un problème technique",
        (Language::En, "staff") => "our team",
        (Language::Fr, "staff") => "notre équipe",
        _ => "",
    }
}

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "our", "was", "were", "has", "had", "les", "des", "est", "une", "pour",
    "dans", "avec", "que", "qui", "pas", "sur", "nos", "notre",
];

/// Every run of three words of `text`, folded, that does not begin or end on a small word.
fn three_words_in_a_row(text: &str) -> Vec<String> {
    let words: Vec<String> = fold_for_search(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let weak = |w: &String| STOPWORDS.contains(&w.as_str()) || w.chars().count() < 3;
    words
        .windows(3)
        .filter(|window| !weak(&window[0]) && !weak(&window[2]))
        .map(|window| window.join(" "))
        .collect()
}

/// Whether a capitalised word of a note is one the notice's own "when" writes (a day or a
/// month, in English) or a 12-hour clock's AM and PM: never a name.
fn never_a_name(word: &str) -> bool {
    use crate::vocabulary::{month, weekday};
    let days = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ];
    matches!(word, "AM" | "PM")
        || (0..12).any(|m| month(Language::En, m) == word)
        || days.iter().any(|d| weekday(Language::En, *d) == word)
}

/// The words that start where an announcement came from without naming anyone ("Letter from
/// Enedis", "Courrier d’Enedis").
const SAID_IN: &[&str] = &[
    "letter",
    "email",
    "mail",
    "website",
    "site",
    "web",
    "message",
    "sms",
    "text",
    "notice",
    "flyer",
    "note",
    "call",
    "phone",
    "post",
    "page",
    "app",
    "courrier",
    "lettre",
    "courriel",
    "avis",
    "appel",
    "téléphone",
    "affiche",
    "from",
    "by",
    "the",
    "par",
    "une",
    "des",
];

/// The proper names in an owner's note, as written: a capitalised word of three letters or
/// more that does not start the note ("Street works on Rue de la Paix, Enedis planned cut"
/// names Rue, Paix and Enedis), a word all in capitals ("EDF works"), or the note itself
/// when it is one word ("Enedis").
pub fn names_in(note: &str) -> Vec<String> {
    names_from(note, false)
}

/// The names in where an announcement came from: as [`names_in`], and its first word too
/// unless it says how it came ("Enedis letter" names Enedis; "Letter from Orange", Orange).
pub fn names_in_source(source: &str) -> Vec<String> {
    names_from(source, true)
}

fn names_from(note: &str, first_too: bool) -> Vec<String> {
    let words: Vec<&str> = note
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut names: Vec<String> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let mut chars = word.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase);
        let all_caps = letters >= 2 && word.chars().all(|c| !c.is_lowercase());
        let first_counts =
            words.len() == 1 || (first_too && !SAID_IN.contains(&fold_for_search(word).as_str()));
        let name = (letters >= 3 && capitalised && (i > 0 || first_counts)) || all_caps;
        if name && !never_a_name(word) && !names.iter().any(|n| n == word) {
            names.push((*word).to_owned());
        }
    }
    names
}

/// The numbers in an owner's note that look like an account, meter or ticket number: four
/// digits or more, letters allowed ("PDL 14 2345 6789" gives 2345 and 6789).
fn numbers_in(note: &str) -> Vec<String> {
    note.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().filter(char::is_ascii_digit).count() >= 4)
        .map(str::to_owned)
        .collect()
}

/// Every warning for `text`, in order of position.
pub fn check(text: &str, context: &DisclosureContext, language: Language) -> Vec<Warning> {
    let doc = Folded::new(text);
    let mut raw: Vec<(WarningKind, usize, usize, String)> = Vec::new();
    let business_spans = doc.find_words(&context.business, false);
    let in_business =
        |s: usize, e: usize| business_spans.iter().any(|(bs, be)| s >= *bs && e <= *be);

    let names = |list: &[String], kind: WarningKind, suggestion: &str, raw: &mut Vec<_>| {
        for name in list {
            let name = name.trim();
            if name.chars().count() < 2 {
                continue;
            }
            // One-word names are matched as written, so "Free" the provider is not "free".
            let exact = !name.contains(char::is_whitespace);
            for (s, e) in doc.find_words(name, exact) {
                if !in_business(s, e) {
                    raw.push((kind, s, e, suggestion.to_owned()));
                }
            }
        }
    };
    names(
        &context.providers,
        WarningKind::ProviderName,
        neutral(language, "provider"),
        &mut raw,
    );
    let staff_words: Vec<String> = context
        .staff
        .iter()
        .flat_map(|n| n.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    names(
        &staff_words,
        WarningKind::StaffName,
        neutral(language, "staff"),
        &mut raw,
    );

    for id in &context.identifiers {
        let id = id.trim();
        if id.chars().count() >= 4 {
            for (s, e) in doc.find_words(id, false) {
                raw.push((WarningKind::Identifier, s, e, String::new()));
            }
        }
    }

    // The root cause: any three words in a row from it.
    for phrase in three_words_in_a_row(&context.root_cause) {
        for (s, e) in doc.find_words(&phrase, false) {
            raw.push((
                WarningKind::RootCause,
                s,
                e,
                neutral(language, "cause").to_owned(),
            ));
        }
    }

    // The owner's notes: the names and numbers in them, and any three words in a row —
    // except within what Steady itself wrote into the notice, or the business's name.
    let mut from_notes: Vec<(WarningKind, usize, usize, String)> = Vec::new();
    for source in &context.announced_by {
        let found = names_in_source(source);
        names(
            &found,
            WarningKind::ProviderName,
            neutral(language, "provider"),
            &mut from_notes,
        );
    }
    for note in &context.internal_notes {
        names(
            &names_in(note),
            WarningKind::InternalNote,
            "",
            &mut from_notes,
        );
        for number in numbers_in(note) {
            for (s, e) in doc.find_words(&number, false) {
                from_notes.push((WarningKind::Identifier, s, e, String::new()));
            }
        }
        for phrase in three_words_in_a_row(note) {
            for (s, e) in doc.find_words(&phrase, false) {
                from_notes.push((WarningKind::InternalNote, s, e, String::new()));
            }
        }
    }
    let filled: Vec<(usize, usize)> = context
        .filled
        .iter()
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .flat_map(|text| doc.find_words(text, false))
        .collect();
    let ours = |s: usize, e: usize| {
        in_business(s, e) || filled.iter().any(|(fs, fe)| s >= *fs && e <= *fe)
    };
    raw.extend(from_notes.into_iter().filter(|(_, s, e, _)| !ours(*s, *e)));

    for (word, suggestion) in alarming_words(language) {
        for (s, e) in doc.find_words(word, false) {
            raw.push((WarningKind::AlarmingWord, s, e, (*suggestion).to_owned()));
        }
    }

    let business_folded = fold_for_search(&context.business);
    for (s, e) in doc.tokens() {
        let token = doc.text(s, e);
        if let Some(kind) = technical_kind(&token) {
            let own_site = kind == WarningKind::Hostname
                && fold_for_search(&token)
                    .split(['.', '-'])
                    .any(|part| part.len() >= 3 && business_folded.replace(' ', "").contains(part));
            if !own_site {
                raw.push((kind, s, e, String::new()));
            }
        }
    }

    // Longest match first at each place; no overlaps.
    raw.sort_by_key(|(_, s, e, _)| (*s, std::cmp::Reverse(*e)));
    let mut warnings: Vec<Warning> = Vec::new();
    let mut covered_to = 0usize;
    for (kind, s, e, suggestion) in raw {
        if s < covered_to {
            // Overlapping runs of the root cause, or of a note, read as one passage.
            if let Some(last) = warnings.last_mut() {
                if matches!(kind, WarningKind::RootCause | WarningKind::InternalNote)
                    && last.kind == kind
                    && e > covered_to
                {
                    last.matched = doc.text(
                        doc.utf16.iter().position(|u| *u == last.start).unwrap_or(s),
                        e,
                    );
                    last.end = doc.utf16[e];
                    covered_to = e;
                }
            }
            continue;
        }
        covered_to = e;
        warnings.push(Warning {
            kind,
            matched: doc.text(s, e),
            start: doc.utf16[s],
            end: doc.utf16[e],
            suggestion,
        });
    }
    warnings
}

/// An IP address, a software version or a hostname, judged from one token.
fn technical_kind(token: &str) -> Option<WarningKind> {
    let parts: Vec<&str> = token.split('.').collect();
    let numeric = |p: &str| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit());
    if parts.len() == 4
        && parts
            .iter()
            .all(|p| numeric(p) && p.parse::<u16>().is_ok_and(|n| n <= 255))
    {
        return Some(WarningKind::IpAddress);
    }
    let version = token.strip_prefix(['v', 'V']).unwrap_or(token);
    let version_parts: Vec<&str> = version.split('.').collect();
    let numeric_parts = version_parts.len() >= 2
        && version_parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    // "v4.2" or "2.13.1" — but not a dotted phone number ("01.23.45.67.89") or a date
    // ("12.05.24", "12.05.2024").
    let prefixed = version.len() < token.len();
    let date_like =
        version_parts.iter().all(|p| p.len() == 2) || version_parts.iter().any(|p| p.len() > 3);
    let is_version = numeric_parts && (prefixed || (version_parts.len() == 3 && !date_like));
    if is_version {
        return Some(WarningKind::SoftwareVersion);
    }
    let host_parts: Vec<&str> = token
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split('/')
        .next()?
        .split('.')
        .collect();
    let tld = host_parts.last()?;
    let is_host = host_parts.len() >= 2
        && host_parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && host_parts[0].chars().any(|c| c.is_ascii_alphabetic());
    is_host.then_some(WarningKind::Hostname)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Folded;

    /// Every place `needle` stands as whole words, found the slow way.
    fn by_brute_force(doc: &Folded, needle: &str, exact_case: bool) -> Vec<(usize, usize)> {
        let needle: Vec<char> = if exact_case {
            needle.chars().collect()
        } else {
            crate::fields::fold_for_search(needle).chars().collect()
        };
        let hay = if exact_case { &doc.chars } else { &doc.folded };
        (0..hay.len())
            .filter(|&start| {
                let end = start + needle.len();
                !needle.is_empty()
                    && end <= hay.len()
                    && hay[start..end] == needle[..]
                    && (start == 0 || !Folded::is_word(hay[start - 1]))
                    && (end == hay.len() || !Folded::is_word(hay[end]))
            })
            .map(|start| (start, start + needle.len()))
            .collect()
    }

    proptest! {
        /// Ruling names out by their first word never loses a match.
        #[test]
        fn the_first_word_shortcut_finds_what_a_full_scan_finds(
            text in "[aAbÉé1 .-]{0,40}",
            needle in "[aAbÉé1 .-]{1,6}",
            exact_case: bool,
        ) {
            let doc = Folded::new(&text);
            prop_assert_eq!(
                doc.find_words(&needle, exact_case),
                by_brute_force(&doc, &needle, exact_case)
            );
        }
    }
}
