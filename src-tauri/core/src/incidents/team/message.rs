//! The message to the team during an outage: what happened, where to go, who does what, and
//! the providers' tickets — an SMS and a longer text, written from the incident and the team
//! plan in each language (`team/<language>.json` at the crate root).
//!
//! It is for the team only: it names providers, tickets and people, so it never goes through
//! the customer notices' disclosure check — and nothing of it becomes a customer notice
//! without that check (the notice composer checks whatever text is in it).

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::error::{CoreError, CoreResult};
use crate::incidents::team::TeamState;
use crate::incidents::words::event_text;
use crate::incidents::{Happened, Incident};
use crate::store::Store;
use crate::vocabulary::{day_of_month, duration, fill, label, month, Clock, PerLanguage};

/// The message to the team, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamMessage {
    pub language: Language,
    /// Short, for a text message.
    pub sms: String,
    /// Everything: what happened, where to go, who does what, the tickets, the owner's number.
    pub text: String,
}

/// The message's words in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    /// Between the last two names of a list (" and ").
    and: String,
    title: String,
    happened: String,
    happened_over: String,
    summary: String,
    expected: String,
    expected_unknown: String,
    /// A time on another day than today: `{day} {month}, {time}`.
    on_day: String,
    where_title: String,
    #[serde(rename = "where")]
    where_normal: String,
    where_danger: String,
    where_danger_nowhere: String,
    where_over: String,
    who_title: String,
    role: String,
    stand_in: String,
    nobody: String,
    handed_title: String,
    /// Where the people marked on the Team panel stand.
    standing_title: String,
    /// `{state}: {people}`, the state as the vocabulary says it.
    state_line: String,
    /// Someone on the way and when they expect to arrive.
    arrives: String,
    tickets_title: String,
    ticket: String,
    ticket_eta: String,
    owner: String,
    sms_head: String,
    sms_over: String,
    sms_expected: String,
    sms_where: String,
    sms_danger: String,
    sms_danger_nowhere: String,
    sms_ticket: String,
    sms_on_the_way: String,
}

pub(crate) static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../../team/en.json")),
    (Language::Fr, include_str!("../../../team/fr.json")),
]);

impl Store {
    /// The message to the team about `incident_id`, in `language`, with times in `offset`
    /// (the shop's local time). Reads only.
    pub fn team_message(
        &self,
        incident_id: i64,
        language: Language,
        now: DateTime<Utc>,
        offset: FixedOffset,
    ) -> CoreResult<TeamMessage> {
        let business = self
            .business()?
            .ok_or_else(|| CoreError::NotFound("business".into()))?;
        let incident = self.incident(incident_id, now)?;
        let team = self.team(language)?;
        let assembly_point = self.safety_plan()?.details.assembly_point;
        let handoffs = self
            .handoffs(incident_id)?
            .into_iter()
            .map(|h| {
                let person = team
                    .person(h.contact_id.unwrap_or_default())
                    .map_or(h.name, |p| p.contact.details.display_name().to_owned());
                event_text(
                    &Happened::HandedOff {
                        task: h.task,
                        label: h.label,
                        person: Some(person),
                    },
                    language,
                )
            })
            .collect();
        let clock = Clock::of(business.country, language);
        let standing = self
            .incident_team(incident_id, now)?
            .people
            .into_iter()
            .map(|p| (p.name, p.state, p.arrival_at))
            .collect();
        let facts = Facts {
            business: &business.name,
            incident: &incident,
            assembly_point: assembly_point.trim(),
            roles: team
                .roles
                .iter()
                .map(|role| {
                    let name = |id: i64| {
                        team.person(id)
                            .map(|p| p.contact.details.display_name().to_owned())
                    };
                    (
                        role.title.clone(),
                        role.details
                            .holder_ids
                            .iter()
                            .filter_map(|id| name(*id))
                            .collect(),
                        role.details.stand_in_id.and_then(name),
                    )
                })
                .collect(),
            handoffs,
            standing,
            owner: (
                team.settings.owner_name.trim().to_owned(),
                team.settings.owner_phone.trim().to_owned(),
            ),
            time: &|at: DateTime<Utc>| {
                let local = at.with_timezone(&offset);
                let time = clock.time(local);
                if local.date_naive() == now.with_timezone(&offset).date_naive() {
                    time
                } else {
                    use chrono::Datelike;
                    fill(
                        &WORDS.get(language).on_day,
                        &[
                            ("day", &day_of_month(language, local.day())),
                            ("month", month(language, local.month0())),
                            ("time", &time),
                        ],
                    )
                }
            },
        };
        Ok(write(&facts, language))
    }
}

/// What the message is written from.
struct Facts<'a> {
    business: &'a str,
    incident: &'a Incident,
    assembly_point: &'a str,
    /// Each role's name, its people and its stand-in, in the plan's order.
    roles: Vec<(String, Vec<String>, Option<String>)>,
    /// The tasks handed to a person, each as the timeline says it ("Karim calls Ouest Power").
    handoffs: Vec<String>,
    /// Each person of the team, where they stand and, on the way, when they expect to arrive.
    standing: Vec<(String, TeamState, Option<DateTime<Utc>>)>,
    /// The owner's name and number.
    owner: (String, String),
    /// A time as the team reads it: the time alone today, with its day otherwise.
    time: &'a dyn Fn(DateTime<Utc>) -> String,
}

/// Who stands where, for the states the team needs to know (here, on the way with their
/// arrival, safe, can't come), in that order; a state nobody is in is left out.
fn standing(facts: &Facts<'_>, words: &Words) -> Vec<(TeamState, Vec<String>)> {
    [
        TeamState::Here,
        TeamState::OnTheWay,
        TeamState::Safe,
        TeamState::CantCome,
    ]
    .into_iter()
    .map(|state| {
        let people = facts
            .standing
            .iter()
            .filter(|(_, s, _)| *s == state)
            .map(|(name, _, arrival)| match arrival {
                Some(at) if state == TeamState::OnTheWay => fill(
                    &words.arrives,
                    &[("name", name), ("time", &(facts.time)(*at))],
                ),
                _ => name.clone(),
            })
            .collect();
        (state, people)
    })
    .filter(|(_, people): &(TeamState, Vec<String>)| !people.is_empty())
    .collect()
}

/// `names` as a sentence lists them: "a, b and c".
fn join(names: &[String], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

fn write(facts: &Facts<'_>, language: Language) -> TeamMessage {
    let words = WORDS.get(language);
    let incident = facts.incident;
    let mut what = incident.what_is_down();
    if what.is_empty() {
        what.push(incident.title.clone());
    }
    let what = join(&what, &words.and);
    let since = (facts.time)(incident.started_at);
    let until = incident.resolved_at.map(|at| (facts.time)(at));
    let danger = incident.danger && until.is_none();
    let place = facts.assembly_point;
    let expected = incident
        .expected_minutes
        .map(|m| duration(i64::from(m), language));
    let tickets: Vec<(String, String, Option<String>)> = incident
        .calls
        .iter()
        .filter(|c| !c.ticket.trim().is_empty())
        .map(|c| {
            (
                c.contact_name.clone(),
                c.ticket.trim().to_owned(),
                c.eta.map(|at| (facts.time)(at)),
            )
        })
        .collect();

    // The longer text.
    let mut text = vec![
        fill(&words.title, &[("business", facts.business)]),
        String::new(),
    ];
    text.push(match &until {
        Some(until) => fill(
            &words.happened_over,
            &[("what", &what), ("since", &since), ("until", until)],
        ),
        None => fill(&words.happened, &[("what", &what), ("since", &since)]),
    });
    if !incident.summary.trim().is_empty() {
        text.push(fill(
            &words.summary,
            &[("summary", incident.summary.trim())],
        ));
    }
    if until.is_none() {
        text.push(match &expected {
            Some(d) => fill(&words.expected, &[("duration", d)]),
            None => words.expected_unknown.clone(),
        });
    }
    text.push(String::new());
    text.push(words.where_title.clone());
    text.push(if until.is_some() {
        words.where_over.clone()
    } else if danger && !place.is_empty() {
        fill(&words.where_danger, &[("place", place)])
    } else if danger {
        words.where_danger_nowhere.clone()
    } else {
        words.where_normal.clone()
    });
    let roles: Vec<String> = facts
        .roles
        .iter()
        .filter(|(_, people, stand_in)| !people.is_empty() || stand_in.is_some())
        .map(|(role, people, stand_in)| {
            let people = if people.is_empty() {
                words.nobody.clone()
            } else {
                join(people, &words.and)
            };
            let people = match stand_in {
                Some(stand_in) => fill(
                    &words.stand_in,
                    &[("people", &people), ("stand_in", stand_in)],
                ),
                None => people,
            };
            format!(
                "- {}",
                fill(&words.role, &[("role", role), ("people", &people)])
            )
        })
        .collect();
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            text.push(String::new());
            text.push(title.to_owned());
            text.extend(lines);
        }
    };
    section(&words.who_title, roles);
    section(
        &words.handed_title,
        facts.handoffs.iter().map(|h| format!("- {h}")).collect(),
    );
    let standing = standing(facts, words);
    if until.is_none() {
        section(
            &words.standing_title,
            standing
                .iter()
                .map(|(state, people)| {
                    let line = fill(
                        &words.state_line,
                        &[
                            ("state", label(language, *state)),
                            ("people", &join(people, &words.and)),
                        ],
                    );
                    format!("- {line}")
                })
                .collect(),
        );
    }
    section(
        &words.tickets_title,
        tickets
            .iter()
            .map(|(provider, ticket, eta)| {
                let line = match eta {
                    Some(time) => fill(
                        &words.ticket_eta,
                        &[("provider", provider), ("ticket", ticket), ("time", time)],
                    ),
                    None => fill(&words.ticket, &[("provider", provider), ("ticket", ticket)]),
                };
                format!("- {line}")
            })
            .collect(),
    );
    let (owner, phone) = &facts.owner;
    if !phone.is_empty() {
        text.push(String::new());
        text.push(fill(&words.owner, &[("name", owner), ("phone", phone)]));
    }

    // The SMS: what, since when, how long, where to go, the tasks handed over, the tickets.
    let mut sms = Vec::new();
    if danger {
        // In danger, staying out comes before anything else.
        sms.push(if place.is_empty() {
            words.sms_danger_nowhere.clone()
        } else {
            fill(&words.sms_danger, &[("place", place)])
        });
    }
    sms.push(match &until {
        Some(until) => fill(
            &words.sms_over,
            &[
                ("business", facts.business),
                ("what", &what),
                ("until", until),
            ],
        ),
        None => fill(
            &words.sms_head,
            &[
                ("business", facts.business),
                ("what", &what),
                ("since", &since),
            ],
        ),
    });
    if until.is_none() {
        sms.extend(
            expected
                .as_ref()
                .map(|d| fill(&words.sms_expected, &[("duration", d)])),
        );
        if !danger {
            sms.push(words.sms_where.clone());
        }
        sms.extend(facts.handoffs.iter().map(|h| format!("{h}.")));
        sms.extend(
            standing
                .iter()
                .filter(|(state, _)| *state == TeamState::OnTheWay)
                .map(|(_, people)| {
                    fill(
                        &words.sms_on_the_way,
                        &[("people", &join(people, &words.and))],
                    )
                }),
        );
        sms.extend(tickets.iter().map(|(provider, ticket, _)| {
            fill(
                &words.sms_ticket,
                &[("provider", provider), ("ticket", ticket)],
            )
        }));
    }
    let (mut sms, mut text) = (sms.join(" "), text.join("\n"));
    if incident.drill {
        // A drill's message must never be taken for the real thing, wherever it is pasted.
        let mark = crate::vocabulary::NOTICE_MARK;
        sms = format!("{mark} — {sms}");
        text = format!("{mark}\n\n{text}");
    }
    TeamMessage {
        language,
        sms,
        text,
    }
}

#[cfg(test)]
mod tests;
