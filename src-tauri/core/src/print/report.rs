//! The report of one incident, good enough to hand to an insurer or a partner: what happened,
//! how bad and why, who was called, what customers were told, and what was learned.

use super::html::{field, markup, p, para, Doc, Html};
use super::{Context, Printout};
use crate::error::CoreResult;
use crate::incidents::team::{CheckIn, Handoff};
use crate::incidents::words::{event_text, team_words};
use crate::incidents::{Happened, Incident};
use crate::store::Store;
use crate::vocabulary::Choice;

pub(super) fn render(store: &Store, cx: &Context<'_>, id: i64) -> CoreResult<Printout> {
    let incident = store.incident(id, cx.now)?;
    let affected = affected_names(cx, &incident);
    let mut doc = Doc::default();
    cover(cx, &mut doc, &incident, &affected);
    summary(cx, &mut doc, &incident, &affected);
    severity(cx, &mut doc, &incident);
    downtime_per_service(cx, &mut doc, &incident);
    calls(cx, &mut doc, &incident);
    notices(cx, &mut doc, &incident);
    workarounds(cx, &mut doc, &incident);
    team(cx, &mut doc, &store.check_ins(id)?, &store.handoffs(id)?);
    review(cx, &mut doc, &incident);
    timeline(cx, &mut doc, &incident);
    let w = cx.words;
    let title = format!("{} {}", w.report_title, incident_number(&incident));
    // A drill's record says so on every page: its title is the running head of each sheet.
    let title = if incident.drill {
        format!("{} · {title}", w.drill.mark)
    } else {
        title
    };
    Ok(cx.finish(doc, &title))
}

/// The title, what failed, and whether the outage is still open.
fn cover(cx: &Context<'_>, doc: &mut Doc, incident: &Incident, affected: &[String]) {
    let w = cx.words;
    let title = if incident.summary.is_empty() {
        affected.join(", ")
    } else {
        incident.summary.clone()
    };
    let mut head = markup!(
        "<h1>{}</h1><p class=\"cover-title\">{}</p>",
        Html::text(w.report_title),
        Html::text(&title)
    );
    if incident.drill {
        head.push(markup!(
            "<p class=\"box\"><strong>{}</strong></p>",
            Html::text(w.drill.notice)
        ));
    }
    if incident.resolved_at.is_none() {
        head.push(markup!(
            "<p class=\"box\"><strong>{}</strong></p>",
            Html::text(w.open_still)
        ));
    }
    doc.block(head);
}

/// When, how long, what, why, how many customers.
fn summary(cx: &Context<'_>, doc: &mut Doc, incident: &Incident, affected: &[String]) {
    let w = cx.words;
    let when = |at| cx.local_time(at);
    doc.heading(2, w.summary, false);
    let end = incident.resolved_at.unwrap_or(cx.now);
    let mut summary = field(w, w.started, &when(incident.started_at));
    summary.push(match incident.resolved_at {
        Some(at) => field(w, w.resolved, &when(at)),
        None => field(w, w.resolved, w.open_still),
    });
    summary.push(field(
        w,
        w.total_downtime,
        &w.duration((end - incident.started_at).num_minutes()),
    ));
    summary.push(field(w, w.service, &affected.join(", ")));
    if !incident.summary.is_empty() {
        summary.push(field(w, w.what_failed, &incident.summary));
    }
    summary.push(field(w, w.cause, w.cause(incident.cause)));
    summary.push(field(
        w,
        w.danger,
        if incident.danger { w.yes } else { w.no },
    ));
    let customers = incident
        .customers_affected
        .or(incident.estimated_customers)
        .map_or(w.unknown.to_owned(), |n| n.to_string());
    summary.push(field(w, w.customers_affected, &customers));
    let expected = incident
        .expected_minutes
        .map_or(w.unknown.to_owned(), |m| w.duration(i64::from(m)));
    summary.push(field(w, w.expected_downtime, &expected));
    doc.block(summary);
}

/// The severity and the reasons for it, and who set it.
fn severity(cx: &Context<'_>, doc: &mut Doc, incident: &Incident) {
    let w = cx.words;
    doc.heading(2, w.severity, false);
    let mut severity = markup!(
        "<p class=\"label\">{}</p>",
        Html::text(w.severity(incident.severity))
    );
    if incident.severity_override.is_some() {
        severity.push(markup!(
            "<p>{}</p><p>{}</p>",
            Html::text(
                &w.severity_set_by_hand
                    .replace("{reason}", &incident.override_reason)
            ),
            Html::text(
                &w.plan_said
                    .replace("{severity}", w.severity(incident.assessment.severity))
            ),
        ));
    }
    let reasons: Html = incident
        .reasons
        .iter()
        .map(|reason| {
            markup!(
                "<li>{}{} {}</li>",
                Html::text(w.severity(reason.level)),
                Html::text(w.colon),
                Html::text(&reason.text)
            )
        })
        .collect();
    severity.push(markup!("<ul>{}</ul>", reasons));
    doc.block(severity);
}

/// How long each service was down, against how long it could be.
fn downtime_per_service(cx: &Context<'_>, doc: &mut Doc, incident: &Incident) {
    let w = cx.words;
    let when = |at| cx.local_time(at);
    doc.heading(2, w.downtime_per_service, false);
    for service in &incident.services {
        let back = service.restored_at.or(incident.resolved_at);
        let mut html = markup!("<h4>{}</h4>", Html::text(&service.name));
        html.push(field(w, w.priority, w.priority(service.priority)));
        html.push(field(
            w,
            w.tolerable_downtime,
            &w.duration(i64::from(service.max_downtime_minutes)),
        ));
        match back {
            Some(at) => {
                html.push(field(w, w.back_at, &when(at)));
                html.push(field(
                    w,
                    w.down_for,
                    &w.duration((at - incident.started_at).num_minutes()),
                ));
            }
            None => html.push(field(
                w,
                w.down_for,
                &format!(
                    "{} ({})",
                    w.duration((cx.now - incident.started_at).num_minutes()),
                    w.still_down
                ),
            )),
        }
        doc.block(html);
    }
    if !incident.something_else.is_empty() {
        doc.block(field(w, w.something_else, &incident.something_else));
    }
}

/// Every call made, with what the provider said.
fn calls(cx: &Context<'_>, doc: &mut Doc, incident: &Incident) {
    let w = cx.words;
    let when = |at| cx.local_time(at);
    doc.heading(2, w.calls, false);
    if incident.calls.is_empty() {
        doc.block(p(w.no_calls));
    }
    for call in &incident.calls {
        let mut html = markup!(
            "<h4>{} · {}</h4>",
            Html::text(&when(call.called_at)),
            Html::text(&call.contact_name)
        );
        for (label, value) in [
            (w.ticket, call.ticket.clone()),
            (w.spoke_to, call.spoke_to.clone()),
            (w.eta, call.eta.map(when).unwrap_or_default()),
            (w.call_back, call.call_back_at.map(when).unwrap_or_default()),
            (w.notes, call.notes.clone()),
        ] {
            if !value.is_empty() {
                html.push(field(w, label, &value));
            }
        }
        doc.block(html);
    }
}

/// The notices sent, in full.
fn notices(cx: &Context<'_>, doc: &mut Doc, incident: &Incident) {
    let w = cx.words;
    doc.heading(2, w.notices_sent, false);
    if incident.notices.is_empty() {
        doc.block(p(w.no_notices));
    }
    for notice in &incident.notices {
        doc.block_with(
            "box",
            markup!(
                "<p class=\"label\">{} · {} · {}</p>{}",
                Html::text(&cx.local_time(notice.sent_at)),
                Html::text(w.stage(notice.stage)),
                Html::text(w.channel(notice.channel)),
                para(&notice.text)
            ),
        );
    }
}

/// The workarounds put to use, and when.
fn workarounds(cx: &Context<'_>, doc: &mut Doc, incident: &Incident) {
    let w = cx.words;
    doc.heading(2, w.workarounds_used, false);
    if incident.activations.is_empty() {
        doc.block(p(w.no_workarounds_used));
    }
    for activation in &incident.activations {
        doc.block(markup!(
            "<p>{} · {}</p>",
            Html::text(&cx.local_time(activation.activated_at)),
            Html::text(&activation.title)
        ));
    }
}

/// The team: who was reached when (each check-in), and who did what (each task handed
/// over). Left out when nobody of the team was marked or given anything.
fn team(cx: &Context<'_>, doc: &mut Doc, check_ins: &[CheckIn], handoffs: &[Handoff]) {
    if check_ins.is_empty() && handoffs.is_empty() {
        return;
    }
    let language = cx.language();
    let w = team_words(language);
    doc.heading(2, &w.heading, false);
    if !check_ins.is_empty() {
        doc.heading(3, &w.reached, false);
    }
    for check_in in check_ins {
        let mut line = markup!(
            "{} · {} · {}",
            Html::text(&cx.local_time(check_in.at)),
            Html::text(&check_in.name),
            Html::text(check_in.state.label(language))
        );
        if let Some(arrival) = check_in.arrival_at {
            line.push(markup!(
                " ({})",
                Html::text(&w.arriving.replace("{time}", &cx.local_time(arrival)))
            ));
        }
        doc.block(markup!("<p>{}</p>", line));
    }
    if !handoffs.is_empty() {
        doc.heading(3, &w.did, false);
    }
    for handoff in handoffs {
        doc.block(markup!(
            "<p>{} · {}</p>",
            Html::text(&cx.local_time(handoff.at)),
            Html::text(&event_text(
                &Happened::HandedOff {
                    task: handoff.task.clone(),
                    label: handoff.label.clone(),
                    person: Some(handoff.name.clone()),
                },
                language
            ))
        ));
    }
}

/// What was learned: the root cause, whether it could recur, and the actions to take.
fn review(cx: &Context<'_>, doc: &mut Doc, incident: &Incident) {
    let w = cx.words;
    doc.heading(2, w.review, false);
    if incident.reviewed_at.is_none() {
        doc.block(p(w.not_reviewed));
        return;
    }
    let mut html = Html::default();
    if !incident.root_cause.is_empty() {
        html.push(markup!(
            "<p class=\"label\">{}</p>{}",
            Html::text(w.root_cause),
            para(&incident.root_cause)
        ));
    }
    html.push(field(
        w,
        w.could_recur,
        w.could_recur_answer(incident.could_recur),
    ));
    doc.block(html);
    if !incident.actions.is_empty() {
        doc.heading(3, w.actions, false);
    }
    for action in &incident.actions {
        let mut line = Html::text(&action.text);
        if !action.owner.is_empty() {
            line.push(markup!(
                " — {} {}",
                Html::text(w.action_owner),
                Html::text(&action.owner)
            ));
        }
        if let Some(due) = action.due_on {
            line.push(markup!(
                " — {} {}",
                Html::text(w.action_due),
                Html::text(&w.date(due))
            ));
        }
        doc.block(markup!("<p class=\"tick\">{}</p>", line));
    }
}

/// The record, line by line, on pages of its own.
pub(super) fn timeline(cx: &Context<'_>, doc: &mut Doc, incident: &Incident) {
    doc.heading(2, cx.words.timeline, true);
    // The ticks of the step checklists are working notes, not part of the record.
    for event in incident.timeline.iter().filter(|e| !e.happened.is_tick()) {
        doc.block_with(
            "event",
            markup!(
                "<p><span class=\"label\">{}</span> {}</p>",
                Html::text(&cx.local_time(event.at)),
                Html::text(&event.text)
            ),
        );
    }
}

/// "#12", as the incident is known in the history.
fn incident_number(incident: &Incident) -> String {
    format!("#{}", incident.id)
}

fn affected_names(cx: &Context<'_>, incident: &Incident) -> Vec<String> {
    let mut names: Vec<String> = incident.services.iter().map(|s| s.name.clone()).collect();
    if !incident.something_else.is_empty() {
        names.push(incident.something_else.clone());
    }
    if names.is_empty() {
        names.push(cx.words.something_else.to_owned());
    }
    names
}
