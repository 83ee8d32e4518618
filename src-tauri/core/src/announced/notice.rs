//! What an announced outage tells customers: the slot in words, the planned-outage notice
//! for every channel and language, and what its check keeps from them (the owner's own
//! label and source).

use chrono::{DateTime, FixedOffset, Utc};

use super::{Announced, AnnouncedWhat};
use crate::business::Language;
use crate::contacts::ContactFilter;
use crate::error::CoreResult;
use crate::notices::disclosure::DisclosureContext;
use crate::notices::incident::NoticeDraft;
use crate::notices::{marker, Channel, NoticeFacts, Stage};
use crate::plan::services::{CriticalService, WorkaroundDetails};
use crate::store::Store;
use crate::vocabulary::Clock;

/// The local date and time span of an announced outage as a notice says it: "on Thursday
/// 3 December from 09:00 to 13:00" / "le jeudi 3 décembre de 09:00 à 13:00".
pub fn when_words(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    language: Language,
    clock: Clock,
    offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> String {
    use crate::vocabulary::{month, weekday};
    use chrono::Datelike;
    // Each at its own offset: a clock change may fall before the outage, or during it.
    let (start, end) = (
        start.with_timezone(&offset_at(start)),
        end.with_timezone(&offset_at(end)),
    );
    let day = |at: chrono::DateTime<FixedOffset>| {
        format!(
            "{} {} {}",
            weekday(language, at.weekday()),
            at.day(),
            month(language, at.month0())
        )
    };
    let time = |at: chrono::DateTime<FixedOffset>| clock.time(at);
    let same_day = start.date_naive() == end.date_naive();
    match (language, same_day) {
        (Language::En, true) => format!("on {} from {} to {}", day(start), time(start), time(end)),
        (Language::En, false) => format!(
            "from {} at {} to {} at {}",
            day(start),
            time(start),
            day(end),
            time(end)
        ),
        (Language::Fr, true) => format!("le {} de {} à {}", day(start), time(start), time(end)),
        (Language::Fr, false) => format!(
            "du {} à {} au {} à {}",
            day(start),
            time(start),
            day(end),
            time(end)
        ),
    }
}

impl Store {
    /// The plan's services an announced outage of this kind takes down, ticked for the owner
    /// until they say: those that depend on a provider of that kind (a power cut, the
    /// services linked to the electricity supplier).
    pub fn services_taken_down_by(&self, what: AnnouncedWhat) -> CoreResult<Vec<i64>> {
        let Some(kind) = what.provider_kind() else {
            return Ok(Vec::new());
        };
        let providers: Vec<i64> = self
            .list_contacts(&ContactFilter::default())?
            .into_iter()
            .filter(|c| c.details.kind == kind)
            .map(|c| c.id)
            .collect();
        Ok(self
            .list_services()?
            .into_iter()
            .filter(|s| s.details.contact_ids.iter().any(|c| providers.contains(c)))
            .map(|s| s.id)
            .collect())
    }

    /// What the planned-outage notice says, in `language`: what customers will notice (the
    /// customer-facing services it takes down, else a plain wording from its kind), when,
    /// and what they can do meanwhile. Never the owner's label or the announcement's source.
    fn planned_facts(
        &self,
        announced: &Announced,
        language: Language,
        offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<NoticeFacts> {
        let down = &announced.details.service_ids;
        let services = self.list_services()?;
        let taken: Vec<&CriticalService> =
            services.iter().filter(|s| down.contains(&s.id)).collect();
        let providers: Vec<i64> = taken
            .iter()
            .flat_map(|s| s.details.contact_ids.iter().copied())
            .collect();
        let missed: Vec<&CriticalService> = taken
            .iter()
            .copied()
            .filter(|s| s.details.customer_facing)
            .collect();
        let what = if missed.is_empty() {
            vec![announced.details.what.customer_words(language).to_owned()]
        } else {
            missed.iter().map(|s| s.details.name.clone()).collect()
        };
        // What customers can do instead: each missed service's workarounds that work
        // without what is taken down, in the words the owner wrote for customers. What
        // only the business misses is its own affair.
        let usable: Vec<&WorkaroundDetails> = missed
            .iter()
            .flat_map(|s| &s.workarounds)
            .map(|w| &w.details)
            .filter(|w| w.works_without(down, &providers))
            .collect();
        let mut said: Vec<String> = Vec::new();
        for message in usable.iter().map(|w| w.customer_message.trim()) {
            if !message.is_empty() && !said.iter().any(|m| m == message) {
                said.push(message.to_owned());
            }
        }
        let workaround = if missed.is_empty() || (said.is_empty() && !usable.is_empty()) {
            // Steady cannot know what customers will do: the owner says, rather than a
            // "no alternative" that may be untrue.
            Some(marker(language, "workaround"))
        } else if said.is_empty() {
            None
        } else {
            Some(said.join(" "))
        };
        let clock = Clock::of(self.country()?, language);
        Ok(NoticeFacts {
            business: self.business_name()?,
            what,
            expected_minutes: Some(announced.details.expected_minutes),
            workaround,
            when: Some(when_words(
                announced.details.starts_at,
                announced.ends_at,
                language,
                clock,
                offset_at,
            )),
            ..NoticeFacts::default()
        })
    }

    /// The planned-outage notice for one channel and language (the owner's template if they
    /// changed it), with its check against the plan and the announcement.
    pub fn draft_planned_notice(
        &self,
        id: i64,
        channel: Channel,
        language: Language,
        now: DateTime<Utc>,
        offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<NoticeDraft> {
        let announced = self.announced(id, now)?;
        let facts = self.planned_facts(&announced, language, offset_at)?;
        let context = self.planned_disclosure_context(id, language, now, offset_at)?;
        self.drafted(Stage::Planned, channel, language, &facts, &context)
    }

    /// What a planned-outage notice in `language` must not give away: what the plan holds,
    /// and the announcement's label and source (the owner's notes; whoever announced it is
    /// most often the provider) — unless within what Steady itself writes into the notice.
    pub fn planned_disclosure_context(
        &self,
        id: i64,
        language: Language,
        now: DateTime<Utc>,
        offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<DisclosureContext> {
        let announced = self.announced(id, now)?;
        let facts = self.planned_facts(&announced, language, offset_at)?;
        let mut context = self.plan_disclosure_context()?;
        let (label, source) = (announced.details.label, announced.details.source);
        context.announced_by = vec![source.clone()];
        context.internal_notes = vec![label, source];
        context.filled = facts.filled();
        Ok(context)
    }
}
