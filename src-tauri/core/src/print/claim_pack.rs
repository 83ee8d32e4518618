//! The claim pack of one real outage: what an insurer, a utility or a provider asks for, with
//! every figure traced to what was entered — the timeline with every call, ticket and
//! promised time (those missed marked), downtime per service, the loss line by line as
//! [`Store::loss`] counts it, the temperatures read and the stock thrown away, the extra
//! expenses, what may be claimed, and ready letters. A figure not entered is said missing.

use chrono::{DateTime, Utc};

use super::html::{markup, p, Doc, Html};
use super::{Context, Printout};
use crate::costs::claims::{words as claim_words, Claims, PackWords};
use crate::costs::{IncidentCosts, Loss, Money};
use crate::error::{CoreError, CoreResult};
use crate::incidents::{CallLogEntry, Incident};
use crate::store::Store;
use crate::vocabulary::Choice;

/// A temperature read during the outage (`cold_readings`, read as the table keeps it).
struct Reading {
    store: String,
    at: DateTime<Utc>,
    tenths: i64,
}

pub(super) fn render(store: &Store, cx: &Context<'_>, id: i64) -> CoreResult<Printout> {
    let incident = store.incident(id, cx.now)?;
    if incident.drill {
        // A drill has no costs and nothing to claim.
        return Err(CoreError::NotFound(format!("incident {id}")));
    }
    let loss = store.loss(id, cx.now, cx.local)?;
    let costs = store.incident_costs(id)?;
    let claims = store.claims(id, cx.now, cx.local)?;
    let settings = store.cost_settings()?;
    let readings = readings(store, id)?;
    let providers_back = providers_back(store, &incident)?;
    let pw = &claim_words(cx.language()).pack;
    let pack = Pack {
        cx,
        w: pw,
        incident: &incident,
        loss: &loss,
        costs: &costs,
        claims: &claims,
        providers_back: &providers_back,
        letters_begun: std::cell::Cell::new(false),
    };
    let mut doc = Doc::default();
    pack.cover(&mut doc);
    pack.calls(&mut doc);
    pack.downtime(&mut doc);
    pack.loss(&mut doc);
    pack.readings(&mut doc, &readings);
    pack.spoiled(&mut doc);
    pack.expenses(&mut doc);
    pack.what_to_claim(&mut doc);
    pack.letters(&mut doc, &settings.utility);
    super::report::timeline(cx, &mut doc, &incident);
    let title = format!("{} #{}", pw.title, incident.id);
    Ok(cx.finish(doc, &title))
}

/// For each provider of the plan, when the last of the outage's services it serves came back
/// (`None`: one is still down). A provider's promise is measured against its own services, not
/// against the whole outage: the internet back at 14:00 met a 15:00 promise even if the power
/// came back at 18:00.
fn providers_back(
    store: &Store,
    incident: &Incident,
) -> CoreResult<std::collections::HashMap<i64, Option<DateTime<Utc>>>> {
    let mut back = std::collections::HashMap::new();
    let mut stmt = store
        .conn
        .prepare_cached("SELECT contact_id FROM service_contacts WHERE service_id = ?1")?;
    for service in &incident.services {
        let Some(service_id) = service.service_id else {
            continue;
        };
        let restored = service.restored_at.or(incident.resolved_at);
        let contacts: Vec<i64> = stmt
            .query_map([service_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for contact in contacts {
            let entry = back.entry(contact).or_insert(restored);
            *entry = match (*entry, restored) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
        }
    }
    Ok(back)
}

fn readings(store: &Store, id: i64) -> CoreResult<Vec<Reading>> {
    Ok(store
        .conn
        .prepare_cached(
            "SELECT store_name, at, tenths FROM cold_readings WHERE incident_id = ?1
             ORDER BY at, id",
        )?
        .query_map([id], |r| {
            Ok(Reading {
                store: r.get(0)?,
                at: crate::moments::utc_at(r, 1)?,
                tenths: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

struct Pack<'a> {
    cx: &'a Context<'a>,
    w: &'static PackWords,
    incident: &'a Incident,
    loss: &'a Loss,
    costs: &'a IncidentCosts,
    claims: &'a Claims,
    /// When each provider's own services were back (see [`providers_back`]).
    providers_back: &'a std::collections::HashMap<i64, Option<DateTime<Utc>>>,
    letters_begun: std::cell::Cell<bool>,
}

/// A table: a header row of words, and rows of cells already made.
fn table(head: &[&str], rows: Vec<Vec<Html>>) -> Html {
    let head: Html = head
        .iter()
        .map(|h| markup!("<th>{}</th>", Html::text(h)))
        .collect();
    let body: Html = rows
        .into_iter()
        .map(|row| {
            let cells: Html = row.into_iter().map(|c| markup!("<td>{}</td>", c)).collect();
            markup!("<tr>{}</tr>", cells)
        })
        .collect();
    markup!(
        "<table class=\"claim-table\"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        head,
        body
    )
}

fn line(label: &str, value: &str) -> Html {
    markup!(
        "<tr><td>{}</td><td class=\"amount\">{}</td></tr>",
        Html::text(label),
        Html::text(value)
    )
}

impl Pack<'_> {
    fn money(&self, amount: Money) -> String {
        amount.format(self.loss.currency, self.cx.language())
    }

    fn when(&self, at: DateTime<Utc>) -> String {
        self.cx.local_time(at)
    }

    fn duration(&self, minutes: i64) -> String {
        self.cx.words.duration(minutes)
    }

    /// When everything was back: the outage's end, or now while it goes on.
    fn back(&self) -> DateTime<Utc> {
        self.incident.resolved_at.unwrap_or(self.cx.now)
    }

    /// When what `call`'s provider serves was back: its own services' last return, else (a
    /// provider the plan does not link to a service down) the outage's end; now while down.
    fn back_for(&self, call: &CallLogEntry) -> DateTime<Utc> {
        match call.contact_id.and_then(|id| self.providers_back.get(&id)) {
            Some(back) => back.unwrap_or(self.cx.now),
            None => self.back(),
        }
    }

    fn field(&self, label: &str, value: &str) -> Html {
        super::html::field(self.cx.words, label, value)
    }

    fn cover(&self, doc: &mut Doc) {
        let (w, incident) = (self.w, self.incident);
        let mut head = markup!(
            "<h1>{}</h1><p class=\"cover-title\">{}</p><p>{}</p>",
            Html::text(&w.title),
            Html::text(&incident.title),
            Html::text(&w.intro)
        );
        if incident.resolved_at.is_none() {
            head.push(markup!(
                "<p class=\"box\"><strong>{}</strong></p>",
                Html::text(&w.still_open)
            ));
        }
        doc.block(head);
        doc.heading(2, &w.summary, false);
        let mut summary = self.field(&w.started, &self.when(incident.started_at));
        summary.push(match incident.resolved_at {
            Some(at) => self.field(&w.ended, &self.when(at)),
            None => self.field(&w.ended, &w.still_open),
        });
        summary.push(self.field(
            &w.lasted,
            &self.duration(i64::from(self.claims.lasted_minutes)),
        ));
        summary.push(self.field(&w.cause, self.cx.words.cause(incident.cause)));
        if self.claims.planned {
            summary.push(p(&w.planned));
        }
        doc.block(summary);
    }

    /// Every call, with its ticket and promised time; a promised time that passed before
    /// everything was back is marked as missed.
    fn calls(&self, doc: &mut Doc) {
        let w = self.w;
        doc.heading(2, &w.calls, false);
        if self.incident.calls.is_empty() {
            doc.block(p(&w.no_calls));
            return;
        }
        let mut missed = 0;
        let rows = self
            .incident
            .calls
            .iter()
            .map(|call| {
                let promised = match call.eta {
                    None => Html::text(&w.none_given),
                    Some(eta) if eta < self.back_for(call) => {
                        missed += 1;
                        markup!(
                            "{} <strong>{}</strong>",
                            Html::text(&self.when(eta)),
                            Html::text(&w.missed)
                        )
                    }
                    Some(eta) => {
                        markup!("{} ({})", Html::text(&self.when(eta)), Html::text(&w.met))
                    }
                };
                vec![
                    Html::text(&self.when(call.called_at)),
                    Html::text(&call.contact_name),
                    Html::text(if call.ticket.is_empty() {
                        &w.none_given
                    } else {
                        &call.ticket
                    }),
                    promised,
                ]
            })
            .collect();
        let mut html = table(&[&w.when, &w.who, &w.ticket, &w.promised], rows);
        if missed > 0 {
            html.push(markup!(
                "<p><strong>{}</strong></p>",
                Html::text(&w.missed_count.replace("{n}", &missed.to_string()))
            ));
        }
        doc.block(html);
    }

    fn downtime(&self, doc: &mut Doc) {
        let w = self.w;
        doc.heading(2, &w.downtime, false);
        let rows = self
            .loss
            .services
            .iter()
            .map(|s| {
                let back = match s.down_to {
                    Some(at) => self.when(at),
                    None => w.still_down.clone(),
                };
                vec![
                    Html::text(&s.name),
                    Html::text(&self.when(s.down_from)),
                    Html::text(&back),
                    Html::text(&self.duration(i64::from(s.down_minutes))),
                ]
            })
            .collect();
        doc.block(table(
            &[&w.service, &w.down_from, &w.back_at, &w.down_for],
            rows,
        ));
    }

    /// The loss as [`Store::loss`] counted it: each service's stretches, what was counted
    /// once, staff, expenses, stock, the total; and what could not be counted.
    fn loss(&self, doc: &mut Doc) {
        let (w, loss) = (self.w, self.loss);
        doc.heading(2, &w.loss, false);
        for service in &loss.services {
            let mut html = markup!(
                "<h4>{}</h4>",
                Html::text(&w.service_lost.replace("{name}", &service.name))
            );
            if service.segments.is_empty() {
                html.push(p(&w.no_segments));
            } else {
                let rows = service
                    .segments
                    .iter()
                    .map(|s| {
                        let mut rate = Html::text(&self.money(s.per_hour));
                        if s.own_takings {
                            rate.push(markup!(" ({})", Html::text(&w.own_takings)));
                        }
                        vec![
                            Html::text(&self.when(s.from)),
                            Html::text(&self.when(s.to)),
                            Html::text(&s.minutes.to_string()),
                            rate,
                            Html::text(&format!("{} %", s.kept_percent)),
                            Html::text(&self.money(s.amount)),
                        ]
                    })
                    .collect();
                html.push(table(
                    &[&w.from, &w.to, &w.minutes, &w.per_hour, &w.kept, &w.amount],
                    rows,
                ));
            }
            html.push(markup!(
                "<table class=\"claim-sum\">{}</table>",
                line(&w.amount, &self.money(service.lost))
            ));
            doc.block(html);
        }
        let mut sum = Html::default();
        if loss.counted_once != Money::ZERO {
            sum.push(line(
                &w.counted_once,
                &format!("− {}", self.money(loss.counted_once)),
            ));
        }
        sum.push(line(&w.lost_takings, &self.money(loss.lost_takings)));
        match loss.staff_per_hour {
            Some(rate) => sum.push(line(
                &w.staff
                    .replace("{minutes}", &self.duration(i64::from(loss.staff_minutes)))
                    .replace("{rate}", &self.money(rate)),
                &self.money(loss.staff_cost),
            )),
            None => sum.push(line(&w.staff_missing, &w.not_entered)),
        }
        sum.push(line(&w.expenses, &self.money(loss.expenses)));
        sum.push(line(&w.spoiled, &self.money(loss.spoiled)));
        sum.push(markup!(
            "<tr class=\"total\"><td><strong>{}</strong></td><td class=\"amount\"><strong>{}</strong></td></tr>",
            Html::text(&w.total),
            Html::text(&self.money(loss.total))
        ));
        let mut html = markup!("<table class=\"claim-sum\">{}</table>", sum);
        if !loss.missing.is_empty() {
            let items: Html = loss
                .missing
                .iter()
                .map(|m| markup!("<li>{}</li>", Html::text(m.label(self.cx.language()))))
                .collect();
            html.push(markup!(
                "<p class=\"label\">{}</p><ul>{}</ul>",
                Html::text(&w.missing),
                items
            ));
        }
        doc.block(html);
    }

    fn readings(&self, doc: &mut Doc, readings: &[Reading]) {
        let w = self.w;
        doc.heading(2, &w.cold, false);
        if readings.is_empty() {
            doc.block(p(&w.no_readings));
            return;
        }
        let decimal = match self.cx.language() {
            crate::business::Language::Fr => ",",
            crate::business::Language::En => ".",
        };
        let rows = readings
            .iter()
            .map(|r| {
                let sign = if r.tenths < 0 { "−" } else { "" };
                let abs = r.tenths.unsigned_abs();
                vec![
                    Html::text(&r.store),
                    Html::text(&self.when(r.at)),
                    Html::text(&format!("{sign}{}{decimal}{} °C", abs / 10, abs % 10)),
                ]
            })
            .collect();
        doc.block(table(&[&w.store, &w.at, &w.temperature], rows));
    }

    fn spoiled(&self, doc: &mut Doc) {
        let w = self.w;
        doc.heading(2, &w.spoiled, false);
        if self.costs.spoiled.is_empty() {
            doc.block(p(&w.no_spoiled));
            return;
        }
        let language = self.cx.language();
        let rows = self
            .costs
            .spoiled
            .iter()
            .map(|s| {
                let quantity = format!(
                    "{} {}",
                    crate::costs::money::format_quantity(s.quantity_milli, language),
                    s.unit
                );
                vec![
                    Html::text(&s.item),
                    Html::text(quantity.trim()),
                    Html::text(&self.money(s.unit_cost)),
                    Html::text(&self.money(s.total)),
                    Html::text(&self.when(s.thrown_at)),
                    Html::text(&s.why),
                ]
            })
            .collect();
        let mut html = table(
            &[
                &w.item,
                &w.quantity,
                &w.unit_cost,
                &w.line_total,
                &w.thrown_at,
                &w.why,
            ],
            rows,
        );
        html.push(markup!(
            "<table class=\"claim-sum\">{}</table>",
            line(&w.total, &self.money(self.loss.spoiled))
        ));
        doc.block(html);
    }

    fn expenses(&self, doc: &mut Doc) {
        let w = self.w;
        doc.heading(2, &w.expenses, false);
        if self.costs.expenses.is_empty() {
            doc.block(p(&w.no_expenses));
            return;
        }
        let rows = self
            .costs
            .expenses
            .iter()
            .map(|e| {
                vec![
                    Html::text(&e.what),
                    Html::text(
                        &e.spent_on
                            .map(|d| self.cx.words.date(d))
                            .unwrap_or_default(),
                    ),
                    Html::text(&self.money(e.amount)),
                ]
            })
            .collect();
        let mut html = table(&[&w.what, &w.spent_on, &w.spent], rows);
        html.push(markup!(
            "<table class=\"claim-sum\">{}</table>",
            line(&w.total, &self.money(self.loss.expenses))
        ));
        doc.block(html);
    }

    fn what_to_claim(&self, doc: &mut Doc) {
        let (w, claims) = (self.w, self.claims);
        doc.heading(2, &w.claims, true);
        if claims.rules.is_empty() {
            doc.block(p(&w.no_rules));
        }
        for rule in &claims.rules {
            let mut html = markup!(
                "<h4>{}</h4><p class=\"label\">{}</p>",
                Html::text(&rule.title),
                Html::text(if rule.applies {
                    &w.applies
                } else {
                    &w.does_not_apply
                })
            );
            let why: Html = rule
                .why
                .iter()
                .map(|line| markup!("<li>{}</li>", Html::text(line)))
                .collect();
            html.push(markup!("<ul>{}</ul>", why));
            if rule.applies {
                html.push(p(&rule.estimate_text));
            }
            html.push(
                self.field(
                    &w.deadline,
                    &rule
                        .deadline
                        .map_or_else(|| w.no_deadline.clone(), |d| self.cx.words.date(d)),
                ),
            );
            html.push(self.field(&w.send, &rule.send));
            html.push(self.field(&w.send_to, &rule.to));
            if let Some(sent) = rule.sent_on {
                html.push(p(&w.sent_on.replace("{date}", &self.cx.words.date(sent))));
            }
            html.push(markup!(
                "<p class=\"source\">{}</p>",
                Html::text(
                    &w.source
                        .replace("{url}", &rule.source)
                        .replace("{date}", &self.cx.words.date(rule.checked_on))
                )
            ));
            doc.block(html);
        }
        let insurance = &claims.insurance;
        let mut html = markup!("<h4>{}</h4>", Html::text(&insurance.title));
        html.push(self.field(&w.insurer, self.or_missing(&insurance.insurer)));
        html.push(self.field(&w.policy, self.or_missing(&insurance.policy_number)));
        html.push(p(&insurance.why));
        let documents: Html = insurance
            .documents
            .iter()
            .map(|d| markup!("<li>{}</li>", Html::text(d)))
            .collect();
        html.push(markup!(
            "<p class=\"label\">{}</p><ul>{}</ul>",
            Html::text(&w.documents),
            documents
        ));
        doc.block(html);
    }

    fn or_missing<'v>(&'v self, value: &'v str) -> &'v str {
        if value.trim().is_empty() {
            &self.w.not_entered
        } else {
            value
        }
    }

    /// A letter: who to, the subject, the paragraphs, and the business as sender.
    /// Each letter starts a page of its own, the first one under the section's heading.
    fn letter(&self, doc: &mut Doc, title: &str, to: &str, subject: &str, body: Vec<Html>) {
        let w = self.w;
        let first = !self.letters_begun.replace(true);
        doc.heading(3, title, !first);
        let mut html = self.field(&w.letter_from, &self.cx.business.name);
        html.push(self.field(&w.letter_to, self.or_missing(to)));
        html.push(markup!("<p><strong>{}</strong></p>", Html::text(subject)));
        html.push(p(&w.dear));
        for part in body {
            html.push(part);
        }
        html.push(p(&w.regards));
        html.push(p(&self.cx.business.name));
        doc.block_with("letter", html);
    }

    fn letters(&self, doc: &mut Doc, utility: &str) {
        let (w, incident, loss) = (self.w, self.incident, self.loss);
        doc.heading(2, &w.letters, true);
        let from = self.when(incident.started_at);
        let to = match incident.resolved_at {
            Some(at) => self.when(at),
            None => w.still_open.clone(),
        };
        let lasted = self.duration(i64::from(self.claims.lasted_minutes));
        let date = self.cx.words.date(self.cx.local_date(incident.started_at));
        let fill = |text: &str| {
            text.replace("{from}", &from)
                .replace("{to}", &to)
                .replace("{lasted}", &lasted)
                .replace("{date}", &date)
        };
        // One complaint to each provider called, listing its tickets and promised times.
        let mut providers: Vec<&str> = Vec::new();
        for call in &incident.calls {
            if !providers.contains(&call.contact_name.as_str()) {
                providers.push(&call.contact_name);
            }
        }
        for provider in providers {
            let lines: Html = incident
                .calls
                .iter()
                .filter(|c| c.contact_name == provider)
                .map(|c| {
                    let promised = match c.eta {
                        None => w.none_given.clone(),
                        Some(eta) if eta < self.back_for(c) => {
                            format!("{} — {}", self.when(eta), w.missed)
                        }
                        Some(eta) => self.when(eta),
                    };
                    let ticket = if c.ticket.is_empty() {
                        w.none_given.as_str()
                    } else {
                        c.ticket.as_str()
                    };
                    markup!(
                        "<li>{}</li>",
                        Html::text(
                            &w.isp_ticket_line
                                .replace("{when}", &self.when(c.called_at))
                                .replace("{promised}", &promised)
                                .replace("{ticket}", ticket)
                        )
                    )
                })
                .collect();
            self.letter(
                doc,
                &w.isp_title.replace("{provider}", provider),
                provider,
                &fill(&w.isp_subject),
                vec![
                    p(&fill(&w.isp_body)),
                    markup!("<ul>{}</ul>", lines),
                    p(&w.isp_ask),
                ],
            );
        }
        // To the utility, when the power went.
        if matches!(
            incident.cause,
            crate::vocabulary::Cause::Power | crate::vocabulary::Cause::Weather
        ) {
            let mut body = vec![p(&fill(&w.utility_body))];
            for rule in self.claims.rules.iter().filter(|r| r.applies) {
                body.push(p(&w
                    .utility_rule
                    .replace("{title}", &rule.title)
                    .replace("{estimate}", &rule.estimate_text)));
            }
            if loss.spoiled != Money::ZERO {
                body.push(p(&w
                    .utility_spoiled
                    .replace("{spoiled}", &self.money(loss.spoiled))));
            }
            body.push(p(&w.utility_ask));
            self.letter(
                doc,
                &w.utility_title,
                utility,
                &fill(&w.utility_subject),
                body,
            );
        }
        // To the insurer: a notice of loss with the policy number.
        let insurance = &self.claims.insurance;
        // The policy number is what the insurer files the claim under: always printed here.
        let policy = self.or_missing(&insurance.policy_number).to_owned();
        let staff = match loss.staff_per_hour {
            Some(_) => self.money(loss.staff_cost),
            None => w.not_entered.clone(),
        };
        let with_policy = |text: &str| {
            fill(text)
                .replace("{cause}", self.cx.words.cause(incident.cause))
                .replace("{policy}", &policy)
        };
        self.letter(
            doc,
            &w.insurer_title,
            &insurance.insurer,
            &with_policy(&w.insurer_subject),
            vec![
                p(&with_policy(&w.insurer_body)),
                p(&w.insurer_loss
                    .replace("{lost}", &self.money(loss.lost_takings))
                    .replace("{staff}", &staff)
                    .replace("{expenses}", &self.money(loss.expenses))
                    .replace("{spoiled}", &self.money(loss.spoiled))
                    .replace("{total}", &self.money(loss.total))),
                p(&w.insurer_ask),
            ],
        );
    }
}

#[cfg(test)]
#[path = "claim_pack_tests.rs"]
mod tests;
