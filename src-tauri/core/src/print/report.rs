//! The report of one incident, good enough to hand to an insurer or a partner: what happened,
//! how bad and why, who was called, what customers were told, and what was learned.

use super::html::{esc, field, para, Doc};
use super::{Context, Printout};
use crate::error::CoreResult;
use crate::incidents::Incident;
use crate::store::Store;

pub(super) fn render(store: &Store, cx: &Context<'_>, id: i64) -> CoreResult<Printout> {
    let w = cx.words;
    let incident = store.incident(id, cx.now)?;
    let when = |at| cx.local_time(at);
    let mut doc = Doc::default();

    let affected = affected_names(cx, &incident);
    let title = if incident.summary.is_empty() {
        affected.join(", ")
    } else {
        incident.summary.clone()
    };
    let mut head = format!(
        "<h1>{}</h1><p class=\"cover-title\">{}</p>",
        esc(w.report_title),
        esc(&title)
    );
    if incident.resolved_at.is_none() {
        head.push_str(&format!(
            "<p class=\"box\"><strong>{}</strong></p>",
            esc(w.open_still)
        ));
    }
    doc.block(&head);

    // Summary.
    doc.heading(2, w.summary, false);
    let end = incident.resolved_at.unwrap_or(cx.now);
    let mut summary = field(w, w.started, &when(incident.started_at));
    summary.push_str(&match incident.resolved_at {
        Some(at) => field(w, w.resolved, &when(at)),
        None => field(w, w.resolved, w.open_still),
    });
    summary.push_str(&field(
        w,
        w.total_downtime,
        &w.duration((end - incident.started_at).num_minutes()),
    ));
    summary.push_str(&field(w, w.service, &affected.join(", ")));
    if !incident.summary.is_empty() {
        summary.push_str(&field(w, w.what_failed, &incident.summary));
    }
    summary.push_str(&field(w, w.cause, w.cause(incident.cause)));
    summary.push_str(&field(
        w,
        w.danger,
        if incident.danger { w.yes } else { w.no },
    ));
    let customers = incident
        .customers_affected
        .or(incident.estimated_customers)
        .map_or(w.unknown.to_owned(), |n| n.to_string());
    summary.push_str(&field(w, w.customers_affected, &customers));
    let expected = incident
        .expected_minutes
        .map_or(w.unknown.to_owned(), |m| w.duration(i64::from(m)));
    summary.push_str(&field(w, w.expected_downtime, &expected));
    doc.block(&summary);

    // Severity and why.
    doc.heading(2, w.severity, false);
    let mut severity = format!(
        "<p class=\"label\">{}</p>",
        esc(w.severity(incident.severity))
    );
    if incident.severity_override.is_some() {
        severity.push_str(&format!(
            "<p>{}</p><p>{}</p>",
            esc(&w
                .severity_set_by_hand
                .replace("{reason}", &incident.override_reason)),
            esc(&w
                .plan_said
                .replace("{severity}", w.severity(incident.assessment.severity))),
        ));
    }
    severity.push_str("<ul>");
    for reason in &incident.reasons {
        severity.push_str(&format!(
            "<li>{}{} {}</li>",
            esc(w.severity(reason.level)),
            w.colon,
            esc(&reason.text)
        ));
    }
    severity.push_str("</ul>");
    doc.block(&severity);

    // Downtime per service.
    doc.heading(2, w.downtime_per_service, false);
    for service in &incident.services {
        let back = service.restored_at.or(incident.resolved_at);
        let mut html = format!("<h4>{}</h4>", esc(&service.name));
        html.push_str(&field(w, w.priority, w.priority(service.priority)));
        html.push_str(&field(
            w,
            w.tolerable_downtime,
            &w.duration(i64::from(service.max_downtime_minutes)),
        ));
        match back {
            Some(at) => {
                html.push_str(&field(w, w.back_at, &when(at)));
                html.push_str(&field(
                    w,
                    w.down_for,
                    &w.duration((at - incident.started_at).num_minutes()),
                ));
            }
            None => html.push_str(&field(
                w,
                w.down_for,
                &format!(
                    "{} ({})",
                    w.duration((cx.now - incident.started_at).num_minutes()),
                    w.still_down
                ),
            )),
        }
        doc.block(&html);
    }
    if !incident.something_else.is_empty() {
        doc.block(&field(w, w.something_else, &incident.something_else));
    }

    // Calls.
    doc.heading(2, w.calls, false);
    if incident.calls.is_empty() {
        doc.block(&format!("<p>{}</p>", esc(w.no_calls)));
    }
    for call in &incident.calls {
        let mut html = format!(
            "<h4>{} · {}</h4>",
            esc(&when(call.called_at)),
            esc(&call.contact_name)
        );
        for (label, value) in [
            (w.ticket, call.ticket.clone()),
            (w.spoke_to, call.spoke_to.clone()),
            (w.eta, call.eta.map(when).unwrap_or_default()),
            (w.call_back, call.call_back_at.map(when).unwrap_or_default()),
            (w.notes, call.notes.clone()),
        ] {
            if !value.is_empty() {
                html.push_str(&field(w, label, &value));
            }
        }
        doc.block(&html);
    }

    // Notices, in full.
    doc.heading(2, w.notices_sent, false);
    if incident.notices.is_empty() {
        doc.block(&format!("<p>{}</p>", esc(w.no_notices)));
    }
    for notice in &incident.notices {
        doc.block_with(
            "box",
            &format!(
                "<p class=\"label\">{} · {} · {}</p>{}",
                esc(&when(notice.sent_at)),
                esc(w.stage(notice.stage)),
                esc(w.channel(notice.channel)),
                para(&notice.text)
            ),
        );
    }

    // Workarounds.
    doc.heading(2, w.workarounds_used, false);
    if incident.activations.is_empty() {
        doc.block(&format!("<p>{}</p>", esc(w.no_workarounds_used)));
    }
    for activation in &incident.activations {
        doc.block(&format!(
            "<p>{} · {}</p>",
            esc(&when(activation.activated_at)),
            esc(&activation.title)
        ));
    }

    // Review.
    doc.heading(2, w.review, false);
    if incident.reviewed_at.is_none() {
        doc.block(&format!("<p>{}</p>", esc(w.not_reviewed)));
    } else {
        let mut html = String::new();
        if !incident.root_cause.is_empty() {
            html.push_str(&format!(
                "<p class=\"label\">{}</p>{}",
                esc(w.root_cause),
                para(&incident.root_cause)
            ));
        }
        html.push_str(&field(
            w,
            w.could_recur,
            w.could_recur_answer(incident.could_recur),
        ));
        doc.block(&html);
        if !incident.actions.is_empty() {
            doc.heading(3, w.actions, false);
        }
        for action in &incident.actions {
            let mut line = esc(&action.text);
            if !action.owner.is_empty() {
                line.push_str(&format!(
                    " — {} {}",
                    esc(w.action_owner),
                    esc(&action.owner)
                ));
            }
            if let Some(due) = action.due_on {
                line.push_str(&format!(" — {} {}", esc(w.action_due), esc(&w.date(due))));
            }
            doc.block(&format!("<p class=\"tick\">{line}</p>"));
        }
    }

    // Timeline.
    doc.heading(2, w.timeline, true);
    // The ticks of the step checklists are working notes, not part of the record.
    for event in incident.timeline.iter().filter(|e| !e.happened.is_tick()) {
        doc.block_with(
            "event",
            &format!(
                "<p><span class=\"label\">{}</span> {}</p>",
                esc(&when(event.at)),
                esc(&event.text)
            ),
        );
    }

    Ok(cx.finish(
        doc,
        &format!("{} {}", w.report_title, incident_number(&incident)),
    ))
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
