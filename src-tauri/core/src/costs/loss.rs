//! The loss of one outage, line by line: takings lost per service while it was down and the
//! business open (less what a running workaround still sold), counted once where services
//! were down together, staff paid to wait, what the outage made the owner spend, and the
//! stock thrown away.
//!
//! Time is cut where anything changes (a service goes down or comes back, a workaround
//! starts, the shop opens or closes); between two cuts every rate is constant, so each piece
//! is one multiplication, exact in thousandths of a cent-second, and each figure shown is
//! rounded once from that.
//!
//! The rules, as the owner reads them on the claim pack:
//! - a service's takings are its own figure for the weekday, else the business's;
//! - a running workaround keeps its share of its service's takings (the best one, if several);
//! - services counted at the business's takings are never counted twice for the same time:
//!   the worst of them counts; a service with its own takings adds to that; and the whole
//!   never exceeds the business's takings for that hour when the plan says them;
//! - staff are paid to wait while the business is open and a service is down with no
//!   workaround running for it.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{minutes_of, CostSettings, Currency, Money};
use crate::error::CoreResult;
use crate::incidents::{Incident, IncidentService};
use crate::store::Store;
use crate::text_enum;

/// The longest stretch of one outage Steady counts: past it, an outage left open is not
/// turned into an ever-growing figure.
pub const COUNTED_DAYS_MAX: i64 = 60;

/// Seconds in an hour times percent: the denominator of every exact piece.
const PER_HOUR_PERCENT: i128 = 3600 * 100;

text_enum! {
    /// What Steady could not count, for want of a figure in the plan.
    pub enum Missing {
        OpeningHours = "opening_hours",
        Takings = "takings",
        StaffCost = "staff_cost",
        WorkaroundShare = "workaround_share",
    }
}

/// A stretch of a service's downtime with one rate: the same day, takings and workaround.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LossSegment {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub minutes: u32,
    pub per_hour: Money,
    /// Percent of the takings still made (by a workaround); 0 without one.
    pub kept_percent: u8,
    /// Whether `per_hour` is the service's own figure, not the business's.
    pub own_takings: bool,
    pub amount: Money,
}

/// What one service's downtime cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceLoss {
    #[ts(type = "number | null")]
    pub service_id: Option<i64>,
    pub name: String,
    pub down_from: DateTime<Utc>,
    /// `None` while it is still down.
    pub down_to: Option<DateTime<Utc>>,
    pub down_minutes: u32,
    /// Of which the business was open.
    pub open_minutes: u32,
    pub segments: Vec<LossSegment>,
    /// Its takings lost, less what its workaround kept.
    pub lost: Money,
    /// What its workaround still sold.
    pub kept: Money,
}

/// What an outage cost so far (or in all, once resolved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Loss {
    pub currency: Currency,
    /// Still going: the figures grow.
    pub ongoing: bool,
    pub services: Vec<ServiceLoss>,
    /// Taken off the services' sum: the same takings lost by services down together.
    pub counted_once: Money,
    pub lost_takings: Money,
    pub staff_per_hour: Option<Money>,
    pub staff_minutes: u32,
    pub staff_cost: Money,
    pub expenses: Money,
    pub spoiled: Money,
    pub total: Money,
    pub missing: Vec<Missing>,
}

impl Loss {
    /// The loss of what costs nothing: a drill.
    fn nothing(currency: Currency, ongoing: bool) -> Self {
        Self {
            currency,
            ongoing,
            services: Vec::new(),
            counted_once: Money::ZERO,
            lost_takings: Money::ZERO,
            staff_per_hour: None,
            staff_minutes: 0,
            staff_cost: Money::ZERO,
            expenses: Money::ZERO,
            spoiled: Money::ZERO,
            total: Money::ZERO,
            missing: Vec::new(),
        }
    }
}

/// The plan's opening hours of one weekday, in minutes since midnight, and its takings. A day
/// that closes at or before it opens closes after midnight (a bar open 18:00 to 02:00): its
/// night runs into the next weekday, on its own hours and takings.
#[derive(Clone, Copy)]
struct Day {
    opens: u32,
    closes: u32,
    takings: Option<Money>,
}

impl Day {
    fn overnight(self) -> bool {
        self.closes <= self.opens
    }
}

/// The opening a moment falls in, as its weekday (1 = Monday) and hours: that day's own, or
/// the night of the day before when it closes after midnight (at 01:00 on Saturday, a bar
/// open Friday 18:00 to 02:00 is open on Friday's takings).
fn open_day(days: &[Option<Day>; 7], weekday: usize, minute: u32) -> Option<(usize, Day)> {
    let today =
        days[weekday - 1].filter(|d| d.opens <= minute && (d.overnight() || minute < d.closes));
    if let Some(day) = today {
        return Some((weekday, day));
    }
    let before = if weekday == 1 { 7 } else { weekday - 1 };
    days[before - 1]
        .filter(|d| d.overnight() && minute < d.closes)
        .map(|d| (before, d))
}

/// One service down: from when to when, its own takings by weekday, and the workarounds
/// started for it with what they keep.
struct Down {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    own: [Option<Money>; 7],
    /// (started at, kept percent; `None`: not said).
    workarounds: Vec<(DateTime<Utc>, Option<u8>)>,
}

/// A workaround started during an outage: when, the plan service it stands in for, and the
/// percent of that service's takings it keeps (`None`: not said).
pub type Activation = (DateTime<Utc>, i64, Option<u8>);

/// A stretch of one service's downtime at one rate, before rounding.
#[derive(Clone)]
struct Piece {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    seconds: i64,
    rate: Money,
    kept: u8,
    own: bool,
    exact: i128,
}

/// The pieces of a loss, before rounding: sums of `rate × (100 − kept) × seconds`.
struct Exact {
    per_service: Vec<i128>,
    kept_per_service: Vec<i128>,
    segments: Vec<Vec<Piece>>,
    open_seconds: Vec<i64>,
    combined: i128,
    staff_seconds: i64,
    missing: Vec<Missing>,
}

impl Store {
    /// What the outage `id` cost up to `now` (or its end), with `local` the shop's UTC offset
    /// at a given time. A drill costs nothing: its loss is empty.
    pub fn loss(
        &self,
        id: i64,
        now: DateTime<Utc>,
        local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<Loss> {
        let incident = self.incident(id, now)?;
        let settings = self.cost_settings()?;
        if incident.drill {
            return Ok(Loss::nothing(
                settings.currency,
                incident.resolved_at.is_none(),
            ));
        }
        let costs = self.incident_costs(id)?;
        let activations = self.activation_shares(id)?;
        let expenses = costs.expenses.iter().map(|e| e.amount).sum();
        let spoiled = costs.spoiled.iter().map(|s| s.total).sum();
        Ok(compute(
            &incident,
            &settings,
            &activations,
            expenses,
            spoiled,
            now,
            local,
        ))
    }

    /// For each workaround started in outage `id`: when, the service it stands in for, and
    /// what it keeps.
    fn activation_shares(&self, id: i64) -> CoreResult<Vec<Activation>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT a.activated_at, w.service_id, s.kept_percent
                 FROM workaround_activations a
                 JOIN workarounds w ON w.id = a.workaround_id
                 LEFT JOIN workaround_sales s ON s.workaround_id = w.id
                 WHERE a.incident_id = ?1",
            )?
            .query_map([id], |r| {
                Ok((crate::moments::utc_at(r, 0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?)
    }
}

/// What the loss needs of an outage: when it started and ended, and its services down (the
/// year's view reads only this of each outage, not the whole incident).
pub struct Outage<'a> {
    pub started_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub services: &'a [IncidentService],
}

/// The loss of `incident` as `settings` count it; `activations` are its workarounds started
/// (when, for which plan service, what they keep).
pub fn compute(
    incident: &Incident,
    settings: &CostSettings,
    activations: &[Activation],
    expenses: Money,
    spoiled: Money,
    now: DateTime<Utc>,
    local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> Loss {
    let outage = Outage {
        started_at: incident.started_at,
        resolved_at: incident.resolved_at,
        services: &incident.services,
    };
    compute_outage(
        &outage,
        settings,
        activations,
        expenses,
        spoiled,
        now,
        local,
    )
}

/// As [`compute`], of an outage read by its times and services only.
pub fn compute_outage(
    incident: &Outage<'_>,
    settings: &CostSettings,
    activations: &[Activation],
    expenses: Money,
    spoiled: Money,
    now: DateTime<Utc>,
    local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> Loss {
    let mut days: [Option<Day>; 7] = [None; 7];
    for day in &settings.days {
        if let (Some(opens), Some(closes), Some(slot)) = (
            minutes_of(&day.opens),
            minutes_of(&day.closes),
            days.get_mut(usize::from(day.weekday).wrapping_sub(1)),
        ) {
            *slot = Some(Day {
                opens,
                closes,
                takings: day.takings_per_hour,
            });
        }
    }
    let end_of_all = incident.resolved_at.unwrap_or(now).min(now);
    let cap = incident.started_at + Duration::days(COUNTED_DAYS_MAX);
    let downs: Vec<Down> = incident
        .services
        .iter()
        .map(|s| {
            let to = s.restored_at.unwrap_or(end_of_all).min(end_of_all).min(cap);
            let own = settings
                .services
                .iter()
                .find(|c| Some(c.service_id) == s.service_id)
                .map(|c| {
                    let mut own = [None; 7];
                    for (slot, value) in own.iter_mut().zip(&c.takings) {
                        *slot = *value;
                    }
                    own
                })
                .unwrap_or([None; 7]);
            Down {
                from: incident.started_at,
                to: to.max(incident.started_at),
                own,
                workarounds: activations
                    .iter()
                    .filter(|(_, service, _)| Some(*service) == s.service_id)
                    .map(|(at, _, kept)| (*at, *kept))
                    .collect(),
            }
        })
        .collect();
    let exact = exact(&downs, &days, local);

    let mut services = Vec::with_capacity(downs.len());
    for (i, (s, down)) in incident.services.iter().zip(&downs).enumerate() {
        let segments = exact.segments[i]
            .iter()
            .map(|piece| LossSegment {
                from: piece.from,
                to: piece.to,
                minutes: minutes(piece.seconds),
                per_hour: piece.rate,
                kept_percent: piece.kept,
                own_takings: piece.own,
                amount: Money::rounded(piece.exact, PER_HOUR_PERCENT),
            })
            .collect();
        services.push(ServiceLoss {
            service_id: s.service_id,
            name: s.name.clone(),
            down_from: down.from,
            down_to: s.restored_at.or(incident.resolved_at),
            down_minutes: minutes((down.to - down.from).num_seconds()),
            open_minutes: minutes(exact.open_seconds[i]),
            segments,
            lost: Money::rounded(exact.per_service[i], PER_HOUR_PERCENT),
            kept: Money::rounded(exact.kept_per_service[i], PER_HOUR_PERCENT),
        });
    }
    let lost_takings = Money::rounded(exact.combined, PER_HOUR_PERCENT);
    let services_sum: Money = services.iter().map(|s| s.lost).sum();
    let counted_once = services_sum - lost_takings;
    let staff_cost = settings.staff_per_hour.map_or(Money::ZERO, |rate| {
        Money::rounded(
            i128::from(rate.minor()) * i128::from(exact.staff_seconds),
            3600,
        )
    });
    let mut missing = exact.missing;
    if settings.days.is_empty() {
        missing.retain(|m| *m != Missing::Takings);
        missing.insert(0, Missing::OpeningHours);
    }
    if settings.staff_per_hour.is_none() && !missing.contains(&Missing::StaffCost) {
        missing.push(Missing::StaffCost);
    }
    Loss {
        currency: settings.currency,
        ongoing: incident.resolved_at.is_none(),
        services,
        counted_once,
        lost_takings,
        staff_per_hour: settings.staff_per_hour,
        staff_minutes: minutes(exact.staff_seconds),
        staff_cost,
        expenses,
        spoiled,
        total: lost_takings + staff_cost + expenses + spoiled,
        missing,
    }
}

fn minutes(seconds: i64) -> u32 {
    u32::try_from((seconds + 30) / 60).unwrap_or(u32::MAX)
}

/// The moments where anything may change: each service's start and end, each workaround's
/// start, and the shop's opening and closing on every day in between.
fn cuts(
    downs: &[Down],
    days: &[Option<Day>; 7],
    local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> Vec<DateTime<Utc>> {
    let Some(start) = downs.iter().map(|d| d.from).min() else {
        return Vec::new();
    };
    let end = downs.iter().map(|d| d.to).max().unwrap_or(start);
    let mut cuts = vec![start, end];
    for down in downs {
        cuts.push(down.to);
        cuts.extend(down.workarounds.iter().map(|(at, _)| *at));
    }
    let first_day = start.with_timezone(&local(start)).date_naive() - chrono::Days::new(1);
    let last_day = end.with_timezone(&local(end)).date_naive();
    let mut day = first_day;
    while day <= last_day {
        let weekday = day.weekday().number_from_monday() as usize;
        if let Some(hours) = days[weekday - 1] {
            // A night that closes after midnight closes on the next day.
            let closes = hours.closes + if hours.overnight() { 24 * 60 } else { 0 };
            for minute in [hours.opens, closes] {
                let naive = day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute));
                let noon = naive
                    .date()
                    .and_hms_opt(12, 0, 0)
                    .unwrap_or(naive)
                    .and_utc();
                if let Some(at) = local(noon).from_local_datetime(&naive).single() {
                    cuts.push(at.with_timezone(&Utc));
                }
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    cuts.retain(|at| *at >= start && *at <= end);
    cuts.sort();
    cuts.dedup();
    cuts
}

fn exact(
    downs: &[Down],
    days: &[Option<Day>; 7],
    local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> Exact {
    let n = downs.len();
    let mut out = Exact {
        per_service: vec![0; n],
        kept_per_service: vec![0; n],
        segments: vec![Vec::new(); n],
        open_seconds: vec![0; n],
        combined: 0,
        staff_seconds: 0,
        missing: Vec::new(),
    };
    let note = |missing: &mut Vec<Missing>, m: Missing| {
        if !missing.contains(&m) {
            missing.push(m);
        }
    };
    let cuts = cuts(downs, days, local);
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let seconds = (to - from).num_seconds();
        if seconds <= 0 {
            continue;
        }
        let here = from.with_timezone(&local(from));
        let minute = here.time().num_seconds_from_midnight() / 60;
        let today = here.weekday().number_from_monday() as usize;
        // The weekday whose opening this is: its takings count, the night after it too.
        let Some((weekday, day)) = open_day(days, today, minute) else {
            continue;
        };
        let mut shared_worst: i128 = 0;
        let mut own_sum: i128 = 0;
        let mut idle = false;
        for (i, down) in downs.iter().enumerate() {
            if !(down.from <= from && from < down.to) {
                continue;
            }
            out.open_seconds[i] += seconds;
            let running: Vec<Option<u8>> = down
                .workarounds
                .iter()
                .filter(|(at, _)| *at <= from)
                .map(|(_, kept)| *kept)
                .collect();
            if running.iter().any(Option::is_none) {
                note(&mut out.missing, Missing::WorkaroundShare);
            }
            if running.is_empty() {
                idle = true;
            }
            let kept = running.iter().flatten().copied().max().unwrap_or(0);
            let (rate, own) = match down.own[weekday - 1] {
                Some(rate) => (Some(rate), true),
                None => (day.takings, false),
            };
            let Some(rate) = rate else {
                note(&mut out.missing, Missing::Takings);
                continue;
            };
            let whole = i128::from(rate.minor()) * i128::from(seconds);
            let piece = whole * i128::from(100 - kept);
            out.per_service[i] += piece;
            out.kept_per_service[i] += whole * i128::from(kept);
            push_piece(
                &mut out.segments[i],
                Piece {
                    from,
                    to,
                    seconds,
                    rate,
                    kept,
                    own,
                    exact: piece,
                },
            );
            if own {
                own_sum += piece;
            } else {
                shared_worst = shared_worst.max(piece);
            }
        }
        let mut combined = shared_worst + own_sum;
        if let Some(takings) = day.takings {
            combined = combined.min(i128::from(takings.minor()) * i128::from(seconds) * 100);
        }
        out.combined += combined;
        if idle {
            out.staff_seconds += seconds;
        }
    }
    out
}

/// Adds a piece to a service's stretches, joined to the last one when it continues it at the
/// same rate (the same takings and workaround).
fn push_piece(pieces: &mut Vec<Piece>, piece: Piece) {
    if let Some(last) = pieces.last_mut() {
        if last.to == piece.from
            && last.rate == piece.rate
            && last.kept == piece.kept
            && last.own == piece.own
        {
            last.to = piece.to;
            last.seconds += piece.seconds;
            last.exact += piece.exact;
            return;
        }
    }
    pieces.push(piece);
}
