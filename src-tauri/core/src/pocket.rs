//! The pocket plan: one self-contained HTML file for the owner's phone (or any browser, with
//! no network): the emergency card, every contact with links that call or write, the five
//! steps, each service's workarounds and, during an outage, where it stands and the notices
//! ready to send. Inline style, no script, and no reference to anything outside the file
//! but `tel:` and `mailto:` links.

use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backups::write_file_durably;
use crate::business::{Business, Country};
use crate::contacts::{Contact, ContactFilter};
use crate::error::{CoreError, CoreResult};
use crate::fields::international_tel_link;
use crate::home::OutageAtAGlance;
use crate::links::mailto_link;
use crate::plan::safety::{emergency_numbers, EmergencyFrom};
use crate::plan::services::CriticalService;
use crate::print::html::{field, markup, p, Html};
use crate::print::roles::role_cards;
use crate::print::words::{words, Words};
use crate::print::{card_contacts, file_name_with};
use crate::store::Store;
use crate::vocabulary::{Channel, Clock, Stage};

/// Whether the pocket plan is kept up to date in a file, and whether that file was reached.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PocketStatus {
    /// The file written again after every change, if the owner asked for it.
    pub kept_at: Option<String>,
    /// The last time it was due, the file could not be written (the USB stick is out, the
    /// folder is gone or full).
    pub unreachable: bool,
    /// Whether the kept file carries the account numbers and customer IDs.
    pub sensitive: bool,
}

/// Writes the pocket plan to `path` atomically. The folder must already be there: a USB stick
/// that was taken out is said as such, never stood in for by a new empty folder of that name.
pub fn write_file(path: &Path, html: &str) -> CoreResult<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if folder.is_some_and(|folder| !folder.is_dir()) {
        return Err(CoreError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the pocket plan's folder is not there",
        )));
    }
    write_file_durably(path, html.as_bytes())
}

/// Writes the pocket plan to the file kept up to date, as [`write_file`] does — and only on
/// the disk it was chosen on: another USB stick of the same label mounted in its place is
/// said to be out, as an unplugged one is, never given the plan.
pub fn write_kept(kept: &crate::datafolder::Kept, html: &str) -> CoreResult<()> {
    if !kept.on_its_disk() {
        return Err(CoreError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the disk the pocket plan was saved on is not there",
        )));
    }
    write_file(&kept.path, html)
}

/// The channels whose drafts the pocket plan carries: what is sent or read from a phone.
const DRAFT_CHANNELS: [Channel; 4] = [
    Channel::Sms,
    Channel::Email,
    Channel::Social,
    Channel::Phone,
];

const POCKET_CSS: &str = "\
:root{color-scheme:light}\
body{margin:0;padding:12px;font:16px/1.45 sans-serif;color:#111;background:#fff;\
max-width:44rem;margin-inline:auto;overflow-wrap:anywhere}\
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.4rem 0 .4rem;\
border-bottom:2px solid #111}h3{font-size:1.05rem;margin:1rem 0 .3rem}\
p,li{unicode-bidi:plaintext}\
nav a{display:inline-block;margin:0 .6rem .4rem 0}\
.contact,.draft,.outage{border:1px solid #999;border-radius:8px;padding:.6rem .8rem;margin:.5rem 0}\
.outage{border:3px solid #b00020}\
a.tel{display:inline-block;font-weight:bold;font-size:1.15rem;padding:.35rem .7rem;\
margin:0 .4rem 0 0;border:2px solid #0b57d0;border-radius:8px;color:#0b57d0;\
text-decoration:none}\
.label{font-weight:bold}.muted{color:#555}.warn{color:#8a1c1c;font-weight:bold}\
pre{white-space:pre-wrap;font:inherit;margin:.3rem 0;background:#f3f3f3;padding:.5rem;\
border-radius:6px}";

/// The pocket plan as it reads now; `local` gives the shop's UTC offset at a given time.
fn render(
    store: &Store,
    business: &Business,
    now: DateTime<Utc>,
    local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    sensitive: bool,
) -> CoreResult<String> {
    let w = words(business.language);
    let region = business.country.and_then(Country::phone_region);
    let clock = Clock::of(business.country, business.language);
    let when = |at: DateTime<Utc>| w.date_time(at, local(at), clock);
    let mut body = header(w, business, &when(now));
    if let Some(id) = store.open_incident_id()? {
        body.push(outage_now(store, w, business, id, now, local, &when)?);
    }
    body.push(card(store, w, business, region, sensitive)?);
    body.push(role_cards_html(store, w, business, sensitive)?);
    body.push(steps(w));
    let contacts = store.list_contacts(&ContactFilter::default())?;
    body.push(contacts_html(w, &contacts, region, sensitive));
    body.push(services_html(w, &store.list_services()?));
    Ok(markup!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" \
         content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"format-detection\" content=\"telephone=no\">\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}\n\
         </body>\n</html>\n",
        Html::text(business.language.as_str()),
        Html::text(&format!("{} · {}", business.name, w.pocket_title)),
        Html::from_source(POCKET_CSS),
        body,
    )
    .into_string())
}

/// The business, when the file was saved, and links to its sections.
fn header(w: &Words, business: &Business, saved: &str) -> Html {
    markup!(
        "<h1>{}</h1><p>{}</p><p class=\"muted\">{}</p>\
         <nav><a href=\"#card\">{}</a><a href=\"#roles\">{}</a><a href=\"#steps\">{}</a><a href=\"#contacts\">{}</a>\
         <a href=\"#services\">{}</a></nav>",
        Html::text(&business.name),
        Html::text(w.pocket_title),
        Html::text(&w.pocket_saved.replace("{date}", saved)),
        Html::text(w.card_title),
        Html::text(w.role_cards_title),
        Html::text(w.during_outage),
        Html::text(w.contacts),
        Html::text(w.services)
    )
}

/// During an outage: where it stands, and the notices ready to send from the phone.
fn outage_now(
    store: &Store,
    w: &Words,
    business: &Business,
    id: i64,
    now: DateTime<Utc>,
    local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    when: &dyn Fn(DateTime<Utc>) -> String,
) -> CoreResult<Html> {
    let incident = store.incident(id, now)?;
    let glance = crate::home::at_a_glance(&incident, now, business.language);
    let mut out = outage_html(w, &glance, when);
    let stage = if incident.notices.is_empty() {
        Stage::Initial
    } else {
        Stage::Update
    };
    out.push(markup!("<h3>{}</h3>", Html::text(w.pocket_drafts)));
    for channel in DRAFT_CHANNELS {
        let ready = store.draft_notice(id, stage, channel, business.language, now, local(now))?;
        let text = ready.draft.whole_text();
        out.push(markup!(
            "<div class=\"draft\"><p class=\"label\">{}</p><pre>{}</pre>",
            Html::text(w.channel(channel)),
            Html::text(&text)
        ));
        // What the window would not let out as it is: said beside it, never hidden.
        if !ready.check.unfilled.is_empty() {
            let words = ready.check.unfilled.join(", ");
            out.push(markup!(
                "<p class=\"warn\">{}</p>",
                Html::text(&w.pocket_fill_in.replace("{words}", &words))
            ));
        }
        if !ready.check.warnings.is_empty() {
            let flagged: Vec<&str> = ready
                .check
                .warnings
                .iter()
                .map(|warning| warning.matched.as_str())
                .collect();
            out.push(markup!(
                "<p class=\"warn\">{}</p>",
                Html::text(&w.pocket_check.replace("{words}", &flagged.join(", ")))
            ));
        }
        out.push(markup!("</div>"));
    }
    Ok(out)
}

/// The emergency card: the country's numbers when the plan lists none, the card's contacts
/// and the assembly point.
fn card(
    store: &Store,
    w: &Words,
    business: &Business,
    region: Option<phonenumber::country::Id>,
    sensitive: bool,
) -> CoreResult<Html> {
    let mut out = markup!("<h2 id=\"card\">{}</h2>", Html::text(w.card_title));
    let card = card_contacts(store)?;
    let to_call = emergency_numbers(&card, business.country, business.language);
    if to_call.from != EmergencyFrom::Plan {
        for number in &to_call.numbers {
            let Some(link) = international_tel_link(&number.number, region) else {
                continue;
            };
            out.push(markup!(
                "<p><a class=\"tel\" href=\"{}\">☎ {}</a> {}</p>",
                Html::text(&link),
                Html::text(&number.number),
                Html::text(&number.label)
            ));
        }
    }
    for contact in &card {
        out.push(contact_html(w, contact, region, sensitive));
    }
    let safety = store.safety_plan()?.details;
    if !safety.assembly_point.is_empty() {
        out.push(field(w, w.assembly_point, &safety.assembly_point));
    }
    Ok(out)
}

/// Each person's role card, in their language: their roles, the first steps, the numbers they
/// need (account numbers only where their role calls providers, their card may carry them,
/// and this file does), whom to call when the owner cannot be reached.
fn role_cards_html(
    store: &Store,
    w: &Words,
    business: &Business,
    sensitive: bool,
) -> CoreResult<Html> {
    let all = role_cards(store, business, sensitive)?;
    let mut out = markup!("<h2 id=\"roles\">{}</h2>", Html::text(w.role_cards_title));
    if all.cards.is_empty() {
        out.push(p(w.nobody_yet));
        return Ok(out);
    }
    let tel = |link: &Option<String>, number: &str| match link {
        Some(link) => markup!(
            "<a class=\"tel\" href=\"{}\">☎ {}</a>",
            Html::text(link),
            Html::text(number)
        ),
        None => Html::text(number),
    };
    for card in &all.cards {
        let cw = words(card.language);
        out.push(markup!(
            "<div class=\"contact role-card\" id=\"role-card-{}\" lang=\"{}\"><h3>{}</h3>",
            Html::text(&card.contact_id.to_string()),
            Html::text(card.language.as_str()),
            Html::text(&card.name)
        ));
        if !card.roles.is_empty() {
            out.push(markup!(
                "<p class=\"label\">{}</p>",
                Html::text(&card.roles.join(" · "))
            ));
        }
        if !card.stands_in_for.is_empty() {
            out.push(field(cw, cw.stands_in_for, &card.stands_in_for.join(", ")));
        }
        out.push(markup!(
            "<p class=\"label\">{}</p>",
            Html::text(cw.first_things)
        ));
        if card.steps.is_empty() {
            out.push(p(cw.no_duties));
        } else {
            let steps: Html = card
                .steps
                .iter()
                .map(|step| markup!("<li>{}</li>", Html::text(step)))
                .collect();
            out.push(markup!("<ol>{}</ol>", steps));
        }
        if card.more_steps {
            out.push(markup!(
                "<p class=\"muted\">{}</p>",
                Html::text(cw.more_steps)
            ));
        }
        if !card.numbers.is_empty() {
            out.push(markup!(
                "<p class=\"label\">{}</p>",
                Html::text(cw.numbers_you_need)
            ));
        }
        for number in &card.numbers {
            let phone = number
                .number
                .as_deref()
                .map(|n| tel(&number.tel, n))
                .unwrap_or_default();
            out.push(markup!("<p>{} {}</p>", Html::text(&number.name), phone));
            for (label, value) in [
                (cw.account_number, &number.account_number),
                (cw.customer_id, &number.customer_id),
            ] {
                if !value.is_empty() {
                    out.push(field(cw, label, value));
                }
            }
        }
        if card.more_numbers > 0 {
            let more = cw
                .more_numbers
                .replace("{n}", &card.more_numbers.to_string());
            out.push(markup!("<p class=\"muted\">{}</p>", Html::text(&more)));
        }
        if !all.assembly_point.is_empty() {
            out.push(field(cw, cw.assembly_point, &all.assembly_point));
        }
        if !all.owner_phone.is_empty() {
            out.push(markup!(
                "<p>{}{} {} {}</p>",
                Html::text(cw.call_the_owner),
                Html::text(cw.colon),
                Html::text(&all.owner_name),
                tel(&all.owner_tel, &all.owner_phone)
            ));
        }
        if let Some((_, name, number)) = all.deputy.as_ref().filter(|d| d.0 != card.contact_id) {
            let phone = number
                .as_deref()
                .map(|n| {
                    tel(
                        &international_tel_link(
                            n,
                            business.country.and_then(Country::phone_region),
                        ),
                        n,
                    )
                })
                .unwrap_or_default();
            out.push(markup!(
                "<p>{} {} {}</p>",
                Html::text(cw.cannot_reach_owner),
                Html::text(name),
                phone
            ));
        }
        out.push(markup!("</div>"));
    }
    Ok(out)
}

/// The steps during an outage, each with what it says.
fn steps(w: &Words) -> Html {
    let steps: Html = w
        .pocket_steps()
        .map(|(step, says)| {
            markup!(
                "<li><span class=\"label\">{}</span> — {}</li>",
                Html::text(step),
                Html::text(&says)
            )
        })
        .collect();
    markup!(
        "<h2 id=\"steps\">{}</h2><ol>{}</ol>",
        Html::text(w.during_outage),
        steps
    )
}

/// Every contact, with its links.
fn contacts_html(
    w: &Words,
    contacts: &[Contact],
    region: Option<phonenumber::country::Id>,
    sensitive: bool,
) -> Html {
    let mut out = markup!("<h2 id=\"contacts\">{}</h2>", Html::text(w.contacts));
    if contacts.is_empty() {
        out.push(p(w.no_contacts));
    }
    for contact in contacts {
        out.push(contact_html(w, contact, region, sensitive));
    }
    out
}

/// Every service with its workarounds, step by step.
fn services_html(w: &Words, services: &[CriticalService]) -> Html {
    let mut out = markup!("<h2 id=\"services\">{}</h2>", Html::text(w.services));
    if services.is_empty() {
        out.push(p(w.no_services));
    }
    for service in services {
        out.push(markup!("<h3>{}</h3>", Html::text(&service.details.name)));
        if service.details.no_workaround || service.workarounds.is_empty() {
            out.push(p(w.no_workaround));
        }
        for workaround in &service.workarounds {
            let d = &workaround.details;
            let steps: Html = d
                .step_list()
                .into_iter()
                .map(|step| markup!("<li>{}</li>", Html::text(step)))
                .collect();
            out.push(markup!(
                "<p class=\"label\">{}{} {}</p><ol>{}</ol>",
                Html::text(w.workaround),
                Html::text(w.colon),
                Html::text(&d.title),
                steps
            ));
            for (label, value) in [
                (w.tell_customers, &d.customer_message),
                (w.limits, &d.limits),
            ] {
                if !value.is_empty() {
                    out.push(field(w, label, value));
                }
            }
        }
    }
    out
}

/// Where an open outage stands, in times that stay true (never "12 minutes ago").
fn outage_html(
    w: &Words,
    glance: &OutageAtAGlance,
    when: &dyn Fn(DateTime<Utc>) -> String,
) -> Html {
    let mut out = markup!(
        "<section class=\"outage\"><h2>{}</h2><p><span class=\"label\">{}</span> · {}</p>",
        Html::text(w.pocket_outage),
        Html::text(&glance.title),
        Html::text(w.severity(glance.severity))
    );
    out.push(field(w, w.started, &when(glance.started_at)));
    if !glance.still_down.is_empty() {
        out.push(field(w, w.what_failed, &glance.still_down.join(", ")));
    }
    for promise in &glance.providers {
        let mut line = Html::text(&promise.contact);
        if !promise.ticket.is_empty() {
            line.push(markup!(
                " · {} {}",
                Html::text(w.ticket),
                Html::text(&promise.ticket)
            ));
        }
        if let Some(eta) = promise.eta {
            line.push(markup!(
                " · {} {}",
                Html::text(w.eta),
                Html::text(&when(eta))
            ));
        }
        out.push(markup!("<p>{}</p>", line));
    }
    if !glance.workarounds.is_empty() {
        out.push(field(w, w.workaround, &glance.workarounds.join(", ")));
    }
    out.push(markup!("</section>"));
    out
}

/// A contact with a link per number that calls it from anywhere, and one that writes to it.
fn contact_html(
    w: &Words,
    contact: &Contact,
    region: Option<phonenumber::country::Id>,
    sensitive: bool,
) -> Html {
    let d = &contact.details;
    let mut out = markup!(
        "<div class=\"contact\"><p><span class=\"label\">{}</span> ({})</p>",
        Html::text(d.display_name()),
        Html::text(w.kind(d.kind))
    );
    for phone in &d.phones {
        let label = if phone.label.is_empty() {
            Html::default()
        } else {
            markup!(" {}", Html::text(&phone.label))
        };
        match international_tel_link(&phone.number, region) {
            Some(link) => out.push(markup!(
                "<p><a class=\"tel\" href=\"{}\">☎ {}</a>{}</p>",
                Html::text(&link),
                Html::text(&phone.number),
                label
            )),
            None => out.push(markup!("<p>{}{}</p>", Html::text(&phone.number), label)),
        }
    }
    // Only an address that is one: nothing else may become a link.
    if let Some(link) = mailto_link(&d.email) {
        out.push(markup!(
            "<p><a href=\"{}\">{}</a></p>",
            Html::text(&link),
            Html::text(&d.email)
        ));
    }
    // A phone is lost more easily than a drawer: account numbers only when the owner asks.
    let private = |value: &str| {
        if sensitive || value.is_empty() {
            value.to_owned()
        } else {
            w.hidden.to_owned()
        }
    };
    for (label, value) in [
        (w.account_number, private(&d.account_number)),
        (w.customer_id, private(&d.customer_id)),
        (w.support_hours, d.support_hours.clone()),
        (w.outage_page, d.outage_page.clone()),
    ] {
        if !value.is_empty() {
            out.push(field(w, label, &value));
        }
    }
    out.push(markup!("</div>"));
    out
}

/// The pocket plan as written to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PocketPlan {
    /// A file name to suggest ("Corner Café - Pocket plan.html").
    pub file_name: String,
    pub html: String,
}

impl Store {
    /// The pocket plan as it reads now, for a file the owner keeps on their phone; account
    /// numbers and customer IDs only with `sensitive`, as on paper.
    pub fn pocket_plan(
        &self,
        now: DateTime<Utc>,
        local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
        sensitive: bool,
    ) -> CoreResult<PocketPlan> {
        let business = self
            .business()?
            .ok_or_else(|| CoreError::NotFound("business".into()))?;
        Ok(PocketPlan {
            file_name: file_name_with(
                &business.name,
                words(business.language).pocket_title,
                "html",
            ),
            html: render(self, &business, now, local, sensitive)?,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::write_file;

    #[test]
    fn the_file_is_written_whole_and_a_missing_folder_is_not_made_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Corner Café - pocket plan.html");
        write_file(&path, "<p>one</p>").unwrap();
        write_file(&path, "<p>two</p>").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "<p>two</p>");
        let unplugged = dir.path().join("USB STICK").join("pocket.html");
        assert!(write_file(&unplugged, "<p>three</p>").is_err());
        assert!(
            !dir.path().join("USB STICK").exists(),
            "no folder made in its place"
        );
    }
}
