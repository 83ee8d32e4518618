//! Customer notices: a ready draft for every stage, channel and language, filled from the
//! incident, with the channel's length limits — and a check that nothing in it helps an
//! attacker or alarms customers for nothing.

pub mod disclosure;
pub mod incident;
pub mod length;
pub mod templates;

#[cfg(test)]
pub(crate) mod tests;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::error::{CoreError, CoreResult};
use crate::qr::{codes_for, Payload, QrImage};
pub use crate::vocabulary::{marker, unfilled_markers, Channel, Stage};
use crate::vocabulary::{CouldRecur, PerLanguage, Severity};

/// The notices' words in every language, as data (`notices/<language>.json`).
static TEXTS: PerLanguage<Texts> = PerLanguage::new(&[
    (Language::En, include_str!("../../notices/en.json")),
    (Language::Fr, include_str!("../../notices/fr.json")),
]);

/// What a notice can say, gathered from the incident and the plan. Anything `None` is either
/// said honestly ("we do not know yet") or left as a marker for the owner to fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeFacts {
    pub business: String,
    /// What customers will notice, in their terms ("card payments").
    pub what: Vec<String>,
    pub severity: Severity,
    pub customers_affected: Option<u32>,
    /// `None`: nobody knows yet.
    pub expected_minutes: Option<u32>,
    /// What customers can do meanwhile; `None`: there is no alternative.
    pub workaround: Option<String>,
    /// The local time of the next update, already formatted ("10:30"); `None`: when fixed.
    pub next_update: Option<String>,
    pub could_recur: CouldRecur,
    /// For a planned outage: when, in words ("on Friday 27 November from 09:00 to 13:00").
    pub when: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    pub stage: Stage,
    pub channel: Channel,
    pub language: Language,
    /// Only for email.
    pub subject: Option<String>,
    pub body: String,
    /// The markers left for the owner to fill (`[HOW MANY CUSTOMERS]`).
    pub unfilled: Vec<String>,
}

#[derive(Deserialize)]
pub(crate) struct Texts {
    /// Between the last two names of a list (" and ").
    and: String,
    impact: HashMap<Severity, String>,
    eta_known: String,
    eta_unknown: String,
    no_workaround: String,
    next_update_at: String,
    next_update_when_fixed: String,
    affected: String,
    follow_up: HashMap<CouldRecur, String>,
    templates: HashMap<Stage, HashMap<Channel, Template>>,
}

#[derive(Deserialize)]
struct Template {
    subject: Option<String>,
    body: String,
}

/// Every way a notice writes what is down from `names`: each name as it is and mid-sentence,
/// and the list joined in each language, mid-sentence and starting one.
pub fn names_as_written(names: &[String]) -> Vec<String> {
    let mut written: Vec<String> = Vec::new();
    for name in names {
        written.push(name.clone());
        written.push(mid_sentence(name));
    }
    let mid: Vec<String> = names.iter().map(|n| mid_sentence(n)).collect();
    for language in Language::ALL {
        let joined = join_names(&mid, *language);
        written.push(sentence_start(&joined));
        written.push(joined);
    }
    written
}

impl NoticeFacts {
    /// The texts Steady fills into a notice from these facts, as a notice may write them.
    pub fn filled(&self) -> Vec<String> {
        let mut filled = names_as_written(&self.what);
        filled.extend(self.when.clone());
        filled.extend(self.workaround.clone());
        filled.extend(self.next_update.clone());
        filled
    }
}

/// A notice as the owner sends it: an email's subject, a blank line, then its body, each
/// part as it was checked (spaces around them count toward no limit); without a subject, the
/// body as it is. The window's `wholeText` follows the same rule.
pub fn whole_text(subject: Option<&str>, body: &str) -> String {
    match subject.map(str::trim).filter(|s| !s.is_empty()) {
        Some(subject) => format!("{subject}\n\n{}", body.trim()),
        None => body.to_owned(),
    }
}

impl Draft {
    /// The draft as the owner would send it (see [`whole_text`]).
    pub fn whole_text(&self) -> String {
        whole_text(self.subject.as_deref(), &self.body)
    }
}

impl Default for NoticeFacts {
    fn default() -> Self {
        Self {
            business: String::new(),
            what: Vec::new(),
            severity: Severity::Major,
            customers_affected: None,
            expected_minutes: None,
            workaround: None,
            next_update: None,
            could_recur: CouldRecur::Unsure,
            when: None,
        }
    }
}

fn texts(language: Language) -> CoreResult<&'static Texts> {
    Ok(TEXTS.get(language))
}

fn join_names(names: &[String], language: Language) -> String {
    let and = &TEXTS.get(language).and;
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// "Card payments" reads "card payments" mid-sentence; "SMS" or "SumUp" stay as written.
pub(crate) fn mid_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

fn sentence_start(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Hours or days as customers say them ("2 hours", "1 jour").
fn duration_words(minutes: u32, language: Language) -> String {
    crate::vocabulary::duration_in_one_unit(i64::from(minutes), language)
}

/// `text` with each placeholder replaced by its value.
fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_owned();
    for (placeholder, value) in values {
        out = out.replace(placeholder, value);
    }
    // Lines and sentences left empty by an empty value read as one space, not two.
    out.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("\n\n\n", "\n\n")
        .trim()
        .to_owned()
}

/// A template with the incident's facts left as blanks, for a printed script the owner fills
/// in by hand when the computer is down.
pub fn blank_script(language: Language, business: &str, body: &str) -> CoreResult<String> {
    const BLANK: &str = "______________";
    const SHORT: &str = "________";
    let texts = texts(language)?;
    let values: [(&str, String); 10] = [
        ("{business}", business.to_owned()),
        ("{What}", BLANK.to_owned()),
        ("{what}", BLANK.to_owned()),
        (
            "{impact}",
            texts
                .impact
                .get(&Severity::Major)
                .cloned()
                .unwrap_or_default(),
        ),
        ("{affected}", texts.affected.replace("{count}", SHORT)),
        ("{eta}", texts.eta_known.replace("{duration}", SHORT)),
        ("{workaround}", format!("{BLANK}{BLANK}")),
        (
            "{next_update}",
            texts.next_update_at.replace("{time}", SHORT),
        ),
        (
            "{follow_up}",
            texts
                .follow_up
                .get(&CouldRecur::Unsure)
                .cloned()
                .unwrap_or_default(),
        ),
        ("{when}", format!("{SHORT}{SHORT}")),
    ];
    Ok(fill(body, &values))
}

/// The placeholders a template may use.
pub const PLACEHOLDERS: [&str; 10] = [
    "{business}",
    "{What}",
    "{what}",
    "{impact}",
    "{affected}",
    "{eta}",
    "{workaround}",
    "{next_update}",
    "{follow_up}",
    "{when}",
];

/// The default template for one stage, channel and language.
pub fn default_template(
    stage: Stage,
    channel: Channel,
    language: Language,
) -> CoreResult<(Option<String>, String)> {
    let texts = texts(language)?;
    let template = texts
        .templates
        .get(&stage)
        .and_then(|by_channel| by_channel.get(&channel))
        .ok_or_else(|| CoreError::Corrupt(format!("no template for {stage:?} {channel:?}")))?;
    Ok((template.subject.clone(), template.body.clone()))
}

/// The draft for one stage, channel and language from the default template.
pub fn draft(
    stage: Stage,
    channel: Channel,
    language: Language,
    facts: &NoticeFacts,
) -> CoreResult<Draft> {
    let (subject, body) = default_template(stage, channel, language)?;
    render(stage, channel, language, subject.as_deref(), &body, facts)
}

/// Fills a template (the default or the owner's) from `facts`.
pub fn render(
    stage: Stage,
    channel: Channel,
    language: Language,
    subject: Option<&str>,
    body: &str,
    facts: &NoticeFacts,
) -> CoreResult<Draft> {
    let texts = texts(language)?;
    let names: Vec<String> = facts.what.iter().map(|n| mid_sentence(n)).collect();
    let what = if names.is_empty() {
        marker(language, "what")
    } else {
        join_names(&names, language)
    };
    let eta = match facts.expected_minutes {
        Some(minutes) => texts
            .eta_known
            .replace("{duration}", &duration_words(minutes, language)),
        None => texts.eta_unknown.clone(),
    };
    let workaround = facts
        .workaround
        .clone()
        .unwrap_or_else(|| texts.no_workaround.clone());
    let next_update = match &facts.next_update {
        Some(time) => texts.next_update_at.replace("{time}", time),
        None => texts.next_update_when_fixed.clone(),
    };
    let affected = match facts.customers_affected {
        Some(count) => texts.affected.replace("{count}", &count.to_string()),
        None => texts
            .affected
            .replace("{count}", &marker(language, "count")),
    };
    let when = facts
        .when
        .clone()
        .unwrap_or_else(|| marker(language, "when"));
    let values: [(&str, String); 10] = [
        ("{business}", facts.business.clone()),
        ("{What}", sentence_start(&what)),
        ("{what}", what),
        (
            "{impact}",
            texts
                .impact
                .get(&facts.severity)
                .cloned()
                .unwrap_or_default(),
        ),
        ("{affected}", affected),
        ("{eta}", eta),
        ("{workaround}", workaround),
        ("{next_update}", next_update),
        (
            "{follow_up}",
            texts
                .follow_up
                .get(&facts.could_recur)
                .cloned()
                .unwrap_or_default(),
        ),
        ("{when}", when),
    ];
    let fill_in = |text: &str| fill(text, &values);
    let subject = subject.map(fill_in);
    let body = fill_in(body);
    let mut unfilled = unfilled_markers(&body);
    if let Some(subject) = &subject {
        unfilled.extend(unfilled_markers(subject));
    }
    Ok(Draft {
        stage,
        channel,
        language,
        subject,
        body,
        unfilled,
    })
}

/// The codes that carry a notice to the owner's phone: for an SMS, one that opens the phone's
/// messaging app with the text filled in; for any other channel, the text to paste where it
/// goes. A text too long for one readable code comes in parts, read in order.
pub fn phone_codes(channel: Channel, text: &str) -> CoreResult<Vec<QrImage>> {
    let mut p = crate::fields::Problems::default();
    p.text(
        crate::field_paths::PhoneCodesField::Text,
        text,
        crate::fields::NOTICE_TEXT_MAX,
    );
    p.into_result().map_err(CoreError::Validation)?;
    let payload = match channel {
        Channel::Sms => Payload::Sms,
        _ => Payload::Text,
    };
    Ok(codes_for(text, payload))
}
