//! The scenarios a drill rehearses, as data: which service of the plan each is about (by the
//! starter plan's key, a kind of provider, or its name), its cause, and its surprises with the
//! minute each comes and the choices it offers (`drills/scenarios.json`); their words in each
//! language (`drills/<language>.json`), filled with the plan's own names — the real service,
//! a provider linked to it, someone of the team, its workaround — or a plain word where the
//! plan has none, so no marker and no missing service is ever left.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Inject, InjectChoice, Scenario};
use crate::business::Language;
use crate::contacts::ContactKind;
use crate::error::CoreResult;
use crate::fields::fold_for_search;
use crate::incidents::Cause;
use crate::store::Store;
use crate::vocabulary::PerLanguage;

/// One scenario as the chooser shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioChoice {
    pub scenario: Scenario,
    pub title: String,
    pub situation: String,
    /// The plan's service it is about (`None`: none matched; for `own`, the owner picks).
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    /// Whether it can be started on this plan (a scenario about a service the plan lacks
    /// cannot; `own` needs a service in the plan).
    pub available: bool,
}

#[derive(Deserialize)]
pub(crate) struct ScenarioData {
    /// Starter-plan keys of the service it is about, the likeliest first.
    services: Vec<String>,
    /// Kinds of provider it is about, the likeliest first.
    contacts: Vec<ContactKind>,
    pub(crate) cause: Cause,
    /// Whether it cannot run without a service of the plan (else it runs on "something
    /// else", named in its words).
    pub(crate) needs_service: bool,
    pub(crate) injects: Vec<InjectData>,
}

#[derive(Deserialize)]
pub(crate) struct InjectData {
    pub(crate) key: String,
    pub(crate) minute: u32,
    pub(crate) choices: Vec<String>,
}

static STRUCTURE: LazyLock<HashMap<Scenario, ScenarioData>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../drills/scenarios.json")).unwrap_or_default()
});

/// A scenario's data (every scenario has some: see the tests).
pub(crate) fn data(scenario: Scenario) -> &'static ScenarioData {
    static EMPTY: ScenarioData = ScenarioData {
        services: Vec::new(),
        contacts: Vec::new(),
        cause: Cause::Unknown,
        needs_service: false,
        injects: Vec::new(),
    };
    STRUCTURE.get(&scenario).unwrap_or(&EMPTY)
}

/// The cause a scenario rehearses (what a careful Assess step would say).
pub fn scenario_cause(scenario: Scenario) -> Cause {
    data(scenario).cause
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    generic: Generic,
    /// A drill's notification title: `{title}` marked as a drill ("DRILL: …").
    titled: String,
    pub(crate) inject_body: String,
    scenarios: HashMap<Scenario, ScenarioWords>,
    injects: HashMap<String, InjectWords>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Generic {
    service: String,
    provider: String,
    person: String,
    workaround: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioWords {
    title: String,
    situation: String,
    /// What is down when the plan has no service for it.
    something_else: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InjectWords {
    text: String,
    choices: HashMap<String, String>,
}

static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../drills/en.json")),
    (Language::Fr, include_str!("../../drills/fr.json")),
]);

pub(crate) fn words(language: Language) -> &'static Words {
    WORDS.get(language)
}

impl Words {
    /// A notification's title marked as a drill's.
    pub(crate) fn titled(&self, title: &str) -> String {
        self.titled.replace("{title}", title)
    }

    /// What [`Words::titled`] marked, without the mark.
    pub(crate) fn untitled<'a>(&self, titled: &'a str) -> &'a str {
        let (before, after) = self.titled.split_once("{title}").unwrap_or(("", ""));
        titled
            .strip_prefix(before)
            .and_then(|t| t.strip_suffix(after))
            .unwrap_or(titled)
    }
}

/// The plan's names a scenario's words are filled with; `None`: the plan has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cast {
    pub(crate) service_id: Option<i64>,
    pub(crate) service: Option<String>,
    pub(crate) provider: Option<String>,
    pub(crate) person: Option<String>,
    pub(crate) workaround: Option<String>,
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Cast {
    /// `text` with the plan's names (or the plain words) in place of its placeholders.
    pub(crate) fn fill(&self, text: &str, language: Language) -> String {
        let g = &words(language).generic;
        let pick = |name: &Option<String>, generic: &str| -> String {
            name.as_deref()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(generic)
                .to_owned()
        };
        let service = pick(&self.service, &g.service);
        let workaround = pick(&self.workaround, &g.workaround);
        text.replace("{service_capital}", &capital(&service))
            .replace("{service}", &service)
            .replace("{provider}", &pick(&self.provider, &g.provider))
            .replace("{person}", &pick(&self.person, &g.person))
            .replace("{workaround_capital}", &capital(&workaround))
            .replace("{workaround}", &workaround)
    }
}

/// A scenario's title and situation in `language`, filled from `cast`.
pub(crate) fn title_and_situation(
    scenario: Scenario,
    cast: &Cast,
    language: Language,
) -> (String, String) {
    match words(language).scenarios.get(&scenario) {
        Some(w) => (
            cast.fill(&w.title, language),
            cast.fill(&w.situation, language),
        ),
        None => (scenario.as_str().to_owned(), String::new()),
    }
}

/// What is down when the plan has no service for the scenario.
pub(crate) fn something_else(scenario: Scenario, language: Language) -> String {
    words(language).scenarios.get(&scenario).map_or_else(
        || scenario.as_str().to_owned(),
        |w| w.something_else.clone(),
    )
}

/// One surprise's words and choices in `language`, filled from `cast`; its state left empty.
pub(crate) fn inject(inject: &InjectData, cast: &Cast, language: Language) -> Inject {
    let w = words(language).injects.get(&inject.key);
    Inject {
        key: inject.key.clone(),
        at_minute: inject.minute,
        text: w.map_or_else(|| inject.key.clone(), |w| cast.fill(&w.text, language)),
        choices: inject
            .choices
            .iter()
            .map(|key| InjectChoice {
                key: key.clone(),
                text: w
                    .and_then(|w| w.choices.get(key))
                    .map_or_else(|| key.clone(), |t| cast.fill(t, language)),
            })
            .collect(),
        fired_at: None,
        answer: None,
        answered_at: None,
    }
}

impl Store {
    /// The plan's names for `scenario`: the service given, or the one the scenario is about
    /// (by starter key, then a provider of its kind, then its name); a provider linked to it;
    /// someone of the team (who runs its workaround, else any role holder, else any staff);
    /// its first workaround.
    pub(crate) fn drill_cast(
        &self,
        scenario: Scenario,
        service_id: Option<i64>,
        language: Language,
    ) -> CoreResult<Cast> {
        let data = data(scenario);
        let services = self.list_services()?;
        let contacts = self.list_contacts(&crate::contacts::ContactFilter::default())?;
        let kind_of = |id: i64| contacts.iter().find(|c| c.id == id).map(|c| c.details.kind);
        let service = match service_id {
            Some(id) => services.iter().find(|s| s.id == id),
            None if scenario == Scenario::Own => None,
            None => {
                let mut found = None;
                for key in &data.services {
                    let id: Option<i64> = self
                        .conn
                        .query_row(
                            "SELECT id FROM services WHERE starter_key = ?1",
                            [key],
                            |r| r.get(0),
                        )
                        .ok();
                    if let Some(id) = id {
                        found = services.iter().find(|s| s.id == id);
                        if found.is_some() {
                            break;
                        }
                    }
                }
                if found.is_none() {
                    found = services.iter().find(|s| {
                        s.details
                            .contact_ids
                            .iter()
                            .any(|c| kind_of(*c).is_some_and(|k| data.contacts.contains(&k)))
                    });
                }
                if found.is_none() {
                    let word = fold_for_search(&something_else(scenario, language));
                    found = services
                        .iter()
                        .find(|s| fold_for_search(&s.details.name).contains(&word));
                }
                found
            }
        };
        let name_of = |id: i64| {
            contacts
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.details.display_name().to_owned())
                .filter(|n| !n.trim().is_empty())
        };
        let provider = match service {
            Some(s) => {
                let linked = &s.details.contact_ids;
                let of_kind = data.contacts.iter().find_map(|kind| {
                    linked
                        .iter()
                        .find(|id| kind_of(**id) == Some(*kind))
                        .and_then(|id| name_of(*id))
                });
                of_kind.or_else(|| {
                    linked
                        .iter()
                        .filter(|id| {
                            !matches!(
                                kind_of(**id),
                                Some(ContactKind::Staff | ContactKind::Emergency)
                            )
                        })
                        .find_map(|id| name_of(*id))
                })
            }
            None => data.contacts.iter().find_map(|kind| {
                contacts
                    .iter()
                    .filter(|c| c.details.kind == *kind)
                    .find_map(|c| name_of(c.id))
            }),
        };
        let team = self.team(language)?;
        let holder =
            |role: &crate::team::Role| role.details.holder_ids.iter().find_map(|id| name_of(*id));
        let person = service
            .and_then(|s| {
                team.roles
                    .iter()
                    .filter(|r| r.details.service_ids.contains(&s.id))
                    .find_map(holder)
            })
            .or_else(|| team.roles.iter().find_map(holder))
            .or_else(|| {
                team.people
                    .iter()
                    .map(|p| p.contact.details.display_name().to_owned())
                    .find(|n| !n.trim().is_empty())
            });
        Ok(Cast {
            service_id: service.map(|s| s.id),
            service: service.map(|s| s.details.name.clone()),
            provider,
            person,
            workaround: service
                .and_then(|s| s.workarounds.first())
                .map(|w| w.details.title.clone()),
        })
    }

    /// The scenarios, in the order the chooser offers them, with the plan's names.
    pub fn drill_scenarios(&self, language: Language) -> CoreResult<Vec<ScenarioChoice>> {
        let any_service = !self.list_services()?.is_empty();
        let mut out = Vec::new();
        for scenario in Scenario::ALL {
            let cast = self.drill_cast(*scenario, None, language)?;
            let (title, situation) = title_and_situation(*scenario, &cast, language);
            let available = match scenario {
                Scenario::Own => any_service,
                _ => cast.service_id.is_some() || !data(*scenario).needs_service,
            };
            out.push(ScenarioChoice {
                scenario: *scenario,
                title,
                situation,
                service_id: cast.service_id,
                available,
            });
        }
        Ok(out)
    }
}
