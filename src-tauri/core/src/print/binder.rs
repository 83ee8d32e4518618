//! The recovery-plan binder: everything in the plan, written out so it works on paper.

use std::collections::HashMap;

use super::html::{field, markup, p, para, qr_svg, tick, Doc, Html};
use super::words::Words;
use super::{Context, Printout};
use crate::business::Country;
use crate::contacts::{Contact, ContactFilter, ContactKind};
use crate::error::CoreResult;
use crate::fields::international_tel_link;
use crate::notices::blank_script;
use crate::plan::health::stand_ins;
use crate::plan::runbooks::Runbook;
use crate::plan::safety::SafetyDetails;
use crate::plan::services::CriticalService;
use crate::qr::QrImage;
use crate::starter::placeholder_notes;
use crate::store::Store;
use crate::vocabulary::{Channel, Stage};

/// The notice scripts printed for filling in by hand.
const SCRIPT_STAGES: [Stage; 3] = [Stage::Initial, Stage::Update, Stage::Resolved];
const SCRIPT_CHANNELS: [Channel; 3] = [Channel::Phone, Channel::Door, Channel::Sms];

pub(super) fn render(store: &Store, cx: &Context<'_>) -> CoreResult<Printout> {
    let contacts = store.list_contacts(&ContactFilter::default())?;
    let services = store.list_services()?;
    let runbooks = store.list_runbooks()?;
    let safety = store.safety_plan()?.details;
    let team = store.team(cx.language())?;
    let mut doc = Doc::default();
    cover(cx, &mut doc, !team.roles.is_empty());
    steps(cx, &mut doc);
    people_and_safety(cx, &mut doc, &safety, &contacts);
    super::roles::who_does_what(cx, &mut doc, &team);
    contacts_by_kind(cx, &mut doc, &contacts);
    services_and_runbooks(cx, &mut doc, &contacts, &services, &runbooks);
    scripts(store, cx, &mut doc)?;
    Ok(cx.finish(doc, cx.words.binder_title))
}

/// The business, what the binder is, when it was printed, and its contents.
fn cover(cx: &Context<'_>, doc: &mut Doc, has_roles: bool) {
    let w = cx.words;
    let mut cover = markup!(
        "<h1>{}</h1><p class=\"cover-title\">{}</p><p>{}</p><p>{}</p><p class=\"box\"><strong>{}</strong></p>",
        Html::text(&cx.business.name),
        Html::text(w.binder_title),
        Html::text(w.binder_intro),
        Html::text(&w.printed_on.replace("{date}", &w.date(cx.local_date(cx.now)))),
        Html::text(w.keep_copies),
    );
    if !cx.options.include_sensitive {
        cover.push(p(w.sensitive_left_out));
    }
    let team = has_roles.then_some(w.who_does_what);
    let sections: Html = [w.during_outage, w.safety]
        .into_iter()
        .chain(team)
        .chain([w.contacts, w.services, w.scripts])
        .map(|section| markup!("<li>{}</li>", Html::text(section)))
        .collect();
    cover.push(markup!(
        "<h3>{}</h3><ol>{}</ol>",
        Html::text(w.contents),
        sections
    ));
    doc.block(cover);
}

/// The five steps during an outage.
fn steps(cx: &Context<'_>, doc: &mut Doc) {
    let w = cx.words;
    doc.heading(2, w.during_outage, false);
    for (number, (step, says)) in w.binder_steps().enumerate() {
        doc.block(markup!(
            "<p><span class=\"label\">{}. {}</span> — {}</p>",
            Html::text(&(number + 1).to_string()),
            Html::text(step),
            Html::text(&says)
        ));
    }
}

/// Where to gather, whom to call for help, what to check, and who calls whom.
fn people_and_safety(
    cx: &Context<'_>,
    doc: &mut Doc,
    safety: &SafetyDetails,
    contacts: &[Contact],
) {
    let w = cx.words;
    doc.heading(2, w.safety, true);
    doc.heading(3, w.assembly_point, false);
    assembly_point(w, doc, &safety.assembly_point);
    doc.heading(3, w.emergency_numbers, false);
    let emergency: Vec<&Contact> = contacts
        .iter()
        .filter(|c| c.details.kind == ContactKind::Emergency)
        .collect();
    if let Some(line) = super::emergency_line(cx, contacts) {
        doc.block(line);
    }
    for contact in &emergency {
        doc.block(phones_line(w, contact));
    }
    if !safety.checklist.is_empty() {
        doc.heading(3, w.safety_checklist, false);
        for item in &safety.checklist {
            doc.block(tick(item));
        }
    }
    if !safety.call_tree.is_empty() {
        doc.heading(3, w.call_tree, false);
        let by_id: HashMap<i64, &Contact> = contacts.iter().map(|c| (c.id, c)).collect();
        let tree = safety
            .call_tree
            .iter()
            .filter_map(|entry| Some((entry, *by_id.get(&entry.contact_id)?)));
        for (number, (entry, contact)) in tree.enumerate() {
            let caller = match entry
                .caller_id
                .and_then(|id| by_id.get(&id))
                .map(|c| c.details.display_name())
            {
                Some(name) => format!("{} {name}", w.called_by),
                None => w.called_by_owner.to_owned(),
            };
            doc.block(markup!(
                "<p class=\"tick\">{}. {} ({})</p>{}",
                Html::text(&(number + 1).to_string()),
                Html::text(contact.details.display_name()),
                Html::text(&caller),
                phones(w, contact)
            ));
        }
    }
}

/// Every contact written out in full, grouped by kind.
fn contacts_by_kind(cx: &Context<'_>, doc: &mut Doc, contacts: &[Contact]) {
    let w = cx.words;
    let to_do_notes = placeholder_notes();
    doc.heading(2, w.contacts, true);
    if contacts.is_empty() {
        doc.block(p(w.no_contacts));
    } else if contacts.iter().any(|c| !c.details.phones.is_empty()) {
        doc.block(p(w.scan_to_call));
    }
    for kind in ContactKind::ALL {
        let group: Vec<&Contact> = contacts
            .iter()
            .filter(|c| c.details.kind == *kind)
            .collect();
        if group.is_empty() {
            continue;
        }
        doc.heading(3, w.kind(*kind), false);
        for contact in group {
            doc.block_with("contact", contact_html(cx, contact, to_do_notes));
        }
    }
}

/// Critical services, each with its workarounds and runbooks; then the runbooks of no service.
fn services_and_runbooks(
    cx: &Context<'_>,
    doc: &mut Doc,
    contacts: &[Contact],
    services: &[CriticalService],
    runbooks: &[Runbook],
) {
    let w = cx.words;
    let by_id: HashMap<i64, &Contact> = contacts.iter().map(|c| (c.id, c)).collect();
    let service_name: HashMap<i64, &str> = services
        .iter()
        .map(|s| (s.id, s.details.name.as_str()))
        .collect();
    // A provider without a number is named by the contact of its kind that has one.
    let stood_in: HashMap<i64, i64> = stand_ins(contacts, services)
        .iter()
        .map(|s| (s.placeholder.id, s.contact.id))
        .collect();
    let provider_name = |id: &i64| {
        by_id
            .get(stood_in.get(id).unwrap_or(id))
            .map(|c| c.details.display_name().to_owned())
    };
    doc.heading(2, w.services, true);
    if services.is_empty() {
        doc.block(p(w.no_services));
    }
    for service in services {
        service_html(cx, doc, service, &provider_name, &service_name);
        for runbook in runbooks
            .iter()
            .filter(|r| r.details.service_id == Some(service.id))
        {
            runbook_html(cx, doc, runbook);
        }
    }
    let unattached: Vec<&Runbook> = runbooks
        .iter()
        .filter(|r| {
            r.details
                .service_id
                .is_none_or(|id| !service_name.contains_key(&id))
        })
        .collect();
    if !unattached.is_empty() {
        doc.heading(2, w.runbooks, true);
        for runbook in unattached {
            runbook_html(cx, doc, runbook);
        }
    }
}

/// Blank notice scripts, in the owner's own wording where they changed it.
fn scripts(store: &Store, cx: &Context<'_>, doc: &mut Doc) -> CoreResult<()> {
    let w = cx.words;
    doc.heading(2, w.scripts, true);
    doc.block(p(w.scripts_intro));
    for stage in SCRIPT_STAGES {
        doc.heading(3, w.stage(stage), false);
        for channel in SCRIPT_CHANNELS {
            let template = store.notice_template(stage, channel, cx.language())?;
            let text = blank_script(cx.language(), &cx.business.name, &template.body)?;
            doc.block_with(
                "box script",
                markup!(
                    "<p class=\"label\">{}</p>{}",
                    Html::text(w.channel(channel)),
                    para(&text)
                ),
            );
        }
    }
    Ok(())
}

/// Where everyone gathers, boxed; a line to write it on when it is not decided yet.
pub(super) fn assembly_point(w: &Words, doc: &mut Doc, point: &str) {
    if point.is_empty() {
        doc.block(markup!(
            "<p>{} <span class=\"blank\"></span></p>",
            Html::text(w.none_written)
        ));
    } else {
        doc.block(markup!(
            "<p class=\"box\"><strong>{}</strong></p>",
            Html::text(point)
        ));
    }
}

/// Every phone number of a contact, in full.
pub(super) fn phones(w: &Words, contact: &Contact) -> Html {
    if contact.details.phones.is_empty() {
        // Room to write the number in by hand.
        return markup!("<p>☎ <span class=\"blank\"></span></p>");
    }
    contact
        .details
        .phones
        .iter()
        .map(|phone| {
            let label = if phone.label.is_empty() {
                Html::default()
            } else {
                markup!("{}{} ", Html::text(&phone.label), Html::text(w.colon))
            };
            markup!(
                "<p>{}<span class=\"phone\">{}</span></p>",
                label,
                Html::text(&phone.number)
            )
        })
        .collect()
}

/// Every phone number of a contact, with a code for each beside them that a phone's camera
/// reads to call it (in international form, so it dials from anywhere), the number written
/// under its code so that each code says which it is.
pub(super) fn phones_with_codes(cx: &Context<'_>, contact: &Contact) -> Html {
    match codes_for(cx, contact) {
        Some(codes) => markup!(
            "<div class=\"with-codes\"><div>{}</div><div class=\"codes\">{}</div></div>",
            phones(cx.words, contact),
            codes
        ),
        None => phones(cx.words, contact),
    }
}

/// A code for each of a contact's numbers, the number under it; `None` when codes are off
/// or no number makes one.
pub(super) fn codes_for(cx: &Context<'_>, contact: &Contact) -> Option<Html> {
    if !cx.codes {
        return None;
    }
    let region = cx.business.country.and_then(Country::phone_region);
    let codes: Html = contact
        .details
        .phones
        .iter()
        .filter_map(|phone| {
            let link = international_tel_link(&phone.number, region)?;
            let code = QrImage::for_paper(&link)?;
            Some(markup!(
                "<figure class=\"code\">{}<figcaption>{}</figcaption></figure>",
                qr_svg(
                    &code,
                    &format!("{link} — {}", contact.details.display_name())
                ),
                Html::text(&phone.number)
            ))
        })
        .collect();
    (!codes.is_empty()).then_some(codes)
}

/// The contact's name and numbers on one short block.
fn phones_line(w: &Words, contact: &Contact) -> Html {
    markup!(
        "<p class=\"label\">{}</p>{}",
        Html::text(contact.details.display_name()),
        phones(w, contact)
    )
}

/// A contact written out in full; `to_do_notes` are the starter plan's "fill this in" notes,
/// left off the paper.
fn contact_html(cx: &Context<'_>, contact: &Contact, to_do_notes: &[String]) -> Html {
    let w = cx.words;
    let d = &contact.details;
    let mut out = if !d.organisation.is_empty() && !d.person.is_empty() {
        markup!(
            "<h4>{} — {}</h4>",
            Html::text(&d.organisation),
            Html::text(&d.person)
        )
    } else {
        markup!("<h4>{}</h4>", Html::text(d.display_name()))
    };
    out.push(phones_with_codes(cx, contact));
    for (label, value, sensitive) in [
        (w.account_number, &d.account_number, true),
        (w.customer_id, &d.customer_id, true),
        (w.email, &d.email, false),
        (w.outage_page, &d.outage_page, false),
        (w.status_page, &d.status_page, false),
        (w.website, &d.website, false),
        (w.support_hours, &d.support_hours, false),
    ] {
        if !value.is_empty() {
            let value = if sensitive {
                cx.sensitive(value)
            } else {
                value
            };
            out.push(field(w, label, value));
        }
    }
    if !d.notes.is_empty() && !to_do_notes.contains(&d.notes) {
        out.push(markup!(
            "<p><span class=\"label\">{}{}</span></p>{}",
            Html::text(w.what_to_say),
            Html::text(w.colon),
            para(&d.notes)
        ));
    }
    out
}

fn service_html(
    cx: &Context<'_>,
    doc: &mut Doc,
    service: &CriticalService,
    name_of: &dyn Fn(&i64) -> Option<String>,
    service_name: &HashMap<i64, &str>,
) {
    let w = cx.words;
    let d = &service.details;
    doc.heading(3, &d.name, false);
    let reach = if d.customer_facing {
        w.customer_facing
    } else {
        w.behind_the_scenes
    };
    let mut about = field(
        w,
        w.priority,
        &format!("{} ({reach})", w.priority(d.priority)),
    );
    about.push(field(
        w,
        w.tolerable_downtime,
        &w.duration(i64::from(d.max_downtime_minutes)),
    ));
    if let Some(count) = d.customers_affected {
        about.push(field(
            w,
            w.customers,
            &w.customers_per(count, d.customers_per),
        ));
    }
    let depends = distinct(d.contact_ids.iter().filter_map(name_of));
    if !depends.is_empty() {
        about.push(field(w, w.depends_on, &depends.join(", ")));
    }
    if !d.notes.is_empty() {
        about.push(field(w, w.notes, &d.notes));
    }
    if d.no_workaround || service.workarounds.is_empty() {
        about.push(markup!(
            "<p class=\"box\"><strong>{}</strong></p>",
            Html::text(w.no_workaround)
        ));
    }
    doc.block(about);
    for workaround in &service.workarounds {
        let wd = &workaround.details;
        doc.block_with(
            "keep-with-next",
            markup!(
                "<h4>{}{} {}</h4>",
                Html::text(w.workaround),
                Html::text(w.colon),
                Html::text(&wd.title)
            ),
        );
        for step in wd.step_list() {
            doc.block(tick(step));
        }
        let mut after = Html::default();
        if !wd.customer_message.is_empty() {
            after.push(field(w, w.tell_customers, &wd.customer_message));
        }
        if !wd.limits.is_empty() {
            after.push(field(w, w.limits, &wd.limits));
        }
        let needs = distinct(
            wd.contact_ids.iter().filter_map(name_of).chain(
                wd.service_ids
                    .iter()
                    .filter_map(|id| service_name.get(id).map(|name| (*name).to_owned())),
            ),
        );
        if !needs.is_empty() {
            after.push(field(w, w.also_needs, &needs.join(", ")));
        }
        if !after.is_empty() {
            doc.block(after);
        }
    }
}

/// The names in their order, each once (a placeholder and the contact standing in for it
/// are one name).
fn distinct(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn runbook_html(cx: &Context<'_>, doc: &mut Doc, runbook: &Runbook) {
    doc.block_with(
        "keep-with-next",
        markup!(
            "<h4>{}{} {}</h4>",
            Html::text(cx.words.runbook),
            Html::text(cx.words.colon),
            Html::text(&runbook.details.title)
        ),
    );
    for (number, step) in runbook.details.steps.iter().enumerate() {
        doc.block(tick(&format!("{}. {step}", number + 1)));
    }
}
