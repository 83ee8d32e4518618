//! A drill's after-action report: how the drill went objective by objective, the surprises
//! and what was decided, what to fix in the plan, and the record, line by line. Marked as a
//! drill on every page (its title, so the running head of each sheet, says so).

use super::html::{field, markup, p, Doc, Html};
use super::{report, Context, Printout};
use crate::drills::{Drill, PlanAction};
use crate::error::CoreResult;
use crate::store::Store;
use crate::vocabulary::{label, Choice};

pub(super) fn render(store: &Store, cx: &Context<'_>, id: i64) -> CoreResult<Printout> {
    let drill = store.drill(id, cx.now)?;
    let card = store.drill_scorecard(id, cx.language(), cx.now)?;
    let incident = store.incident(drill.incident_id, cx.now)?;
    let actions: Vec<PlanAction> = store
        .plan_actions()?
        .into_iter()
        .filter(|a| a.drill_id == Some(id))
        .collect();
    let w = cx.words;
    let d = &w.drill;
    let mut doc = Doc::default();
    doc.block(markup!(
        "<h1>{}</h1><p class=\"cover-title\">{}</p><p class=\"box\"><strong>{}</strong></p>",
        Html::text(&format!("{} · {}", d.mark, d.after_action_title)),
        Html::text(&drill.title),
        Html::text(d.notice)
    ));
    summary(cx, &mut doc, &drill, card.drill_minutes);

    doc.heading(2, d.scorecard, false);
    for objective in &card.objectives {
        let mut html = markup!(
            "<p><strong>{}</strong> — {}</p><p>{}</p>",
            Html::text(&objective.name),
            Html::text(objective.rating.label(cx.language())),
            Html::text(&objective.sentence)
        );
        if !objective.fix.is_empty() {
            html.push(field(w, d.what_to_fix, &objective.fix));
        }
        if let Some(before) = objective.previous {
            html.push(p(&d
                .last_time
                .replace("{rating}", before.label(cx.language()))));
        }
        doc.block(html);
    }

    doc.heading(2, d.decisions, false);
    for inject in &drill.injects {
        let answer = match (&inject.answer, inject.fired_at) {
            (Some(key), _) => inject
                .choices
                .iter()
                .find(|c| &c.key == key)
                .map_or(key.as_str(), |c| c.text.as_str()),
            (None, Some(_)) => d.no_decision,
            (None, None) => d.not_come,
        };
        let when = inject
            .fired_at
            .map(|at| format!("{} — ", cx.local_time(at)))
            .unwrap_or_default();
        doc.block(markup!(
            "<p>{}{}</p><p class=\"tick\">→ {}</p>",
            Html::text(&when),
            Html::text(&inject.text),
            Html::text(answer)
        ));
    }

    doc.heading(2, d.actions, false);
    if actions.is_empty() {
        doc.block(p(d.no_actions));
    }
    for action in &actions {
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
        if action.done_at.is_some() {
            line.push(markup!(" — {}", Html::text(d.done)));
        }
        doc.block(markup!("<p class=\"tick\">{}</p>", line));
    }

    report::timeline(cx, &mut doc, &incident);
    Ok(cx.finish(
        doc,
        &format!("{} · {} #{}", d.mark, d.after_action_title, drill.id),
    ))
}

/// The scenario, when, how fast, how it ended, how long in drill time.
fn summary(cx: &Context<'_>, doc: &mut Doc, drill: &Drill, minutes: u32) {
    let w = cx.words;
    let d = &w.drill;
    doc.heading(2, w.summary, false);
    let language = cx.language();
    let mut html = field(w, d.scenario, label(language, drill.scenario));
    html.push(field(w, w.started, &cx.local_time(drill.started_at)));
    html.push(field(w, d.speed, label(language, drill.speed)));
    let outcome = drill
        .outcome
        .map_or(d.running, |outcome| label(language, outcome));
    html.push(field(w, d.outcome, outcome));
    html.push(field(w, d.drill_time, &w.duration(i64::from(minutes))));
    doc.block(html);
}

#[cfg(test)]
mod tests;
