use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use super::html::Html;

fn esc(text: &str) -> String {
    Html::text(text).into_string()
}
use super::{Paper, PrintDocument, PrintOptions, Printout};
use crate::business::{BusinessInput, BusinessType, Language};
use crate::contacts::{Contact, ContactDetails, ContactKind, Phone};
use crate::incidents::{AssessInput, CallInput, Cause, CouldRecur, IncidentStart, NoticeInput};
use crate::incidents::{PreventionAction, ReviewInput};
use crate::notices::{Channel, Stage};
use crate::plan::runbooks::RunbookDetails;
use crate::plan::safety::CallTreeEntry;
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
use crate::store::Store;

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, minute, 0).unwrap()
}

fn paris() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

fn details(kind: ContactKind, organisation: &str, person: &str) -> ContactDetails {
    ContactDetails {
        organisation: organisation.into(),
        person: person.into(),
        ..ContactDetails::new(kind)
    }
}

fn phone(label: &str, number: &str) -> Phone {
    Phone {
        label: label.into(),
        number: number.into(),
    }
}

/// A café with the usual plan, plus providers written out in full.
struct Seeded {
    store: Store,
    contacts: Vec<Contact>,
}

fn seeded(language: Language) -> Seeded {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&crate::testing::corner_cafe(language, None), at(8, 0))
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, language, at(8, 0))
        .unwrap();
    let mut power = details(ContactKind::PowerUtility, "Enedis", "");
    power.phones = vec![
        phone("Outage line", "09 72 67 50 75"),
        phone("Sales", "+33 1 23 45 67 89"),
    ];
    power.account_number = "PDL 1234 5678 9012".into();
    power.customer_id = "CUST-77-A".into();
    power.outage_page = "https://www.enedis.fr/coupure".into();
    power.notes = "Give the meter number\nAsk for the outage reference".into();
    let mut internet = details(
        ContactKind::InternetProvider,
        "Orange Pro",
        "Service client",
    );
    internet.phones = vec![phone("Support", "3901")];
    internet.account_number = "FTTH-00998877".into();
    internet.email = "pro@orange.example".into();
    let mut emergency = details(ContactKind::Emergency, "Pompiers", "");
    emergency.phones = vec![phone("", "18")];
    let mut staff = details(ContactKind::Staff, "", "Ana Lima");
    staff.phones = vec![phone("Mobile", "06 11 22 33 44")];
    let contacts: Vec<Contact> = [power, internet, emergency, staff]
        .iter()
        .map(|d| store.create_contact(d, at(8, 5)).unwrap())
        .collect();
    let service = store
        .create_service(
            &ServiceDetails {
                name: "Espresso machine".into(),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 45,
                customers_affected: Some(30),
                customers_per: CustomersPer::Hour,
                no_workaround: false,
                notes: String::new(),
                contact_ids: vec![contacts[0].id],
            },
            at(8, 10),
        )
        .unwrap();
    store
        .create_workaround(
            service.id,
            &WorkaroundDetails {
                title: "Filter coffee".into(),
                steps: "Boil the kettle\nUse the big cafetière\nOffer tea at half price".into(),
                customer_message: "Espresso is off: filter coffee today.".into(),
                limits: "About 40 cups an hour".into(),
                contact_ids: Vec::new(),
                service_ids: Vec::new(),
            },
            at(8, 11),
        )
        .unwrap();
    store
        .create_runbook(
            &RunbookDetails {
                title: "Restart the machine".into(),
                service_id: Some(service.id),
                steps: vec!["Switch off at the wall".into(), "Wait 30 seconds".into()],
            },
            at(8, 12),
        )
        .unwrap();
    let mut safety = store.safety_plan().unwrap().details;
    safety.assembly_point = "The bus stop across the road".into();
    safety.checklist.push("Check the gas is off".into());
    safety.call_tree = vec![CallTreeEntry {
        contact_id: contacts[3].id,
        caller_id: None,
    }];
    store.save_safety(&safety, at(8, 13)).unwrap();
    Seeded { store, contacts }
}

fn options(document: PrintDocument) -> PrintOptions {
    PrintOptions {
        document,
        incident_id: None,
        drill_id: None,
        paper: Paper::A4,
        include_sensitive: true,
        text: None,
        language: None,
    }
}

fn render(store: &Store, options: &PrintOptions) -> Printout {
    store
        .render_printout(options, at(10, 0), &|_| paris())
        .unwrap()
}

fn assert_has(html: &str, text: &str) {
    assert!(
        html.contains(&esc(text)),
        "{text:?} is missing from the printout"
    );
}

#[test]
fn the_binder_writes_out_every_number_step_and_check() {
    let Seeded { store, .. } = seeded(Language::En);
    let binder = render(&store, &options(PrintDocument::Binder));
    let html = &binder.html;
    for contact in store.list_contacts(&Default::default()).unwrap() {
        let d = &contact.details;
        assert_has(html, d.display_name());
        for phone in &d.phones {
            assert_has(html, &phone.number);
            assert_has(html, &phone.label);
        }
        for value in [&d.account_number, &d.customer_id, &d.outage_page, &d.email] {
            assert_has(html, value);
        }
        if !crate::starter::placeholder_notes().contains(&d.notes) {
            for line in d.notes.lines() {
                assert_has(html, line);
            }
        }
    }
    for service in store.list_services().unwrap() {
        assert_has(html, &service.details.name);
        for workaround in &service.workarounds {
            assert_has(html, &workaround.details.title);
            for step in workaround.details.step_list() {
                assert_has(html, step);
            }
        }
    }
    for runbook in store.list_runbooks().unwrap() {
        for step in &runbook.details.steps {
            assert_has(html, step);
        }
    }
    let safety = store.safety_plan().unwrap().details;
    assert_has(html, &safety.assembly_point);
    for item in &safety.checklist {
        assert_has(html, item);
    }
    assert!(
        !html.contains("Added by the starter plan"),
        "the starter plan's to-do notes stay off the paper"
    );
    assert_has(html, "Espresso machine");
    assert_has(html, "Can be down at most");
    assert_has(html, "45 minutes");
    assert_has(html, "Ana Lima (called by you)");
    // Blank scripts: first notice, update and fixed, each for phone, door and SMS.
    assert_eq!(html.matches("block box script").count(), 9);
    assert_has(
        html,
        "Corner Café: problem with ______________, we are on it.",
    );
    assert_has(html, "Printed on 20 November 2026 11:00");
    assert!(html.contains("data-page-label=\"Page {n} of {total}\""));
    assert_eq!(binder.title, "Corner Café · Recovery plan");
    assert_eq!(binder.file_name, "Corner Café - Recovery plan.pdf");
}

#[test]
fn the_switch_leaves_account_numbers_out_of_every_document() {
    let Seeded { store, .. } = seeded(Language::En);
    for document in [PrintDocument::Binder, PrintDocument::EmergencyCard] {
        let mut without = options(document);
        without.include_sensitive = false;
        let kept = render(&store, &options(document)).html;
        let left_out = render(&store, &without).html;
        for secret in ["PDL 1234 5678 9012", "CUST-77-A"] {
            assert!(
                kept.contains(secret),
                "{document:?} prints {secret} when asked"
            );
            assert!(
                !left_out.contains(secret),
                "{document:?} leaves {secret} out"
            );
        }
        assert!(left_out.contains("(left out of this copy)"));
        assert!(left_out.contains("09 72 67 50 75"), "phone numbers stay");
    }
}

#[test]
fn hostile_text_is_printed_as_text() {
    let Seeded { mut store, .. } = seeded(Language::En);
    let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\" & more";
    let mut contact = details(ContactKind::Supplier, hostile, hostile);
    contact.notes = hostile.into();
    contact.phones = vec![phone(hostile, "01 02 03 04 05")];
    store.create_contact(&contact, at(9, 0)).unwrap();
    let mut safety = store.safety_plan().unwrap().details;
    safety.assembly_point = hostile.into();
    store.save_safety(&safety, at(9, 0)).unwrap();
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: Vec::new(),
                something_else: hostile.into(),
                started_at: None,
            },
            at(9, 5),
        )
        .unwrap();
    store
        .add_incident_note(incident.id, hostile, at(9, 6))
        .unwrap();
    let mut report = options(PrintDocument::IncidentReport);
    report.incident_id = Some(incident.id);
    for options in [
        options(PrintDocument::Binder),
        options(PrintDocument::EmergencyCard),
        report,
    ] {
        let html = render(&store, &options).html;
        assert_eq!(
            html.matches("<script").count(),
            1,
            "only the paginator's own script tag in {:?}",
            options.document
        );
        assert!(!html.contains("<img"), "{:?}", options.document);
        assert!(!html.contains("\"quoted\""), "{:?}", options.document);
        if options.document != PrintDocument::EmergencyCard {
            assert!(
                html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
                "{:?} shows the text as typed",
                options.document
            );
        }
    }
}

/// Owner text that would be markup if it reached the page unescaped: a script, and a value
/// that closes an attribute to open an element.
const HOSTILE: [&str; 2] = [
    "<script>alert('x')</script>",
    "\"><img src=x onerror=alert(1)>",
];

/// Every document, with hostile text in every field the owner types that it prints: the
/// business's name, a contact's every text, a service, its workaround, a runbook, the safety
/// plan, an incident and its note, a door sign. Each shows up escaped and nowhere as markup.
#[test]
fn hostile_owner_text_in_every_field_is_escaped_in_every_document() {
    for (n, hostile) in HOSTILE.into_iter().enumerate() {
        let Seeded { mut store, .. } = seeded(Language::En);
        let mut business = crate::testing::corner_cafe(Language::En, None);
        business.name = format!("Café {hostile}");
        store.save_business(&business, at(8, 30)).unwrap();
        let mut contact = details(ContactKind::Supplier, hostile, hostile);
        contact.notes = hostile.into();
        contact.account_number = hostile.into();
        contact.customer_id = hostile.into();
        contact.support_hours = hostile.into();
        contact.phones = vec![phone(hostile, "01 02 03 04 05")];
        let contact = store.create_contact(&contact, at(9, 0)).unwrap();
        let service = store
            .create_service(
                &ServiceDetails {
                    name: hostile.into(),
                    priority: Priority::Essential,
                    customer_facing: true,
                    max_downtime_minutes: 30,
                    customers_affected: None,
                    customers_per: CustomersPer::Hour,
                    no_workaround: false,
                    notes: hostile.into(),
                    contact_ids: vec![contact.id],
                },
                at(9, 0),
            )
            .unwrap();
        store
            .create_workaround(
                service.id,
                &WorkaroundDetails {
                    title: hostile.into(),
                    steps: format!("{hostile}\n{hostile}"),
                    customer_message: hostile.into(),
                    limits: hostile.into(),
                    contact_ids: Vec::new(),
                    service_ids: Vec::new(),
                },
                at(9, 0),
            )
            .unwrap();
        store
            .create_runbook(
                &RunbookDetails {
                    title: hostile.into(),
                    service_id: Some(service.id),
                    steps: vec![hostile.into()],
                },
                at(9, 0),
            )
            .unwrap();
        let mut safety = store.safety_plan().unwrap().details;
        safety.assembly_point = hostile.into();
        safety.checklist.push(hostile.into());
        store.save_safety(&safety, at(9, 0)).unwrap();
        let incident = store
            .start_incident(
                &IncidentStart {
                    service_ids: vec![service.id],
                    something_else: hostile.into(),
                    started_at: None,
                },
                at(9, 5),
            )
            .unwrap();
        store
            .add_incident_note(incident.id, hostile, at(9, 6))
            .unwrap();
        let mut report = options(PrintDocument::IncidentReport);
        report.incident_id = Some(incident.id);
        let door = PrintOptions {
            text: Some(format!("{hostile}\n{hostile}")),
            ..options(PrintDocument::DoorSign)
        };
        let mut pages: Vec<(String, String)> = [
            options(PrintDocument::Binder),
            options(PrintDocument::EmergencyCard),
            report,
            door,
        ]
        .iter()
        .map(|o| (format!("{:?}", o.document), render(&store, o).html))
        .collect();
        pages.push(("pocket plan".into(), pocket_html(&store)));
        for (document, html) in &pages {
            let scripts = if document == "pocket plan" { 0 } else { 1 };
            assert_eq!(
                html.matches("<script").count(),
                scripts,
                "only the paginator's own script tag in {document} ({n})"
            );
            assert!(!html.contains("<img"), "{document} ({n})");
            assert!(!html.contains(hostile), "{document} ({n})");
            assert!(
                html.contains(&esc(&format!("Café {hostile}"))),
                "{document} shows the business's name as typed ({n})"
            );
            assert!(
                html.contains(&format!(">{}<", esc(hostile))),
                "{document} shows a field as typed ({n})"
            );
        }
    }
}

#[test]
fn the_card_lists_emergency_then_the_providers_that_matter_most() {
    let Seeded { store, contacts } = seeded(Language::En);
    let cards = super::card::card_contacts(&store).unwrap();
    assert_eq!(cards.len(), super::card::CARD_NUMBERS);
    assert_eq!(cards[0].id, contacts[2].id, "emergency first");
    assert_eq!(
        cards[1].id, contacts[0].id,
        "the essential service's provider next"
    );
    // Orange Pro stands in for the starter's "Internet provider", which has no number, and
    // takes its rank.
    assert_eq!(
        cards[2].id, contacts[1].id,
        "the essential internet's provider"
    );
    // Then the starter plan's providers of essential services, whose numbers are still to be
    // written in: they get a line with a blank, after those with a number.
    let essential_providers: Vec<i64> = store
        .list_services()
        .unwrap()
        .iter()
        .filter(|s| s.details.priority == Priority::Essential)
        .flat_map(|s| s.details.contact_ids.clone())
        .collect();
    for card in &cards[3..] {
        assert!(
            essential_providers.contains(&card.id),
            "{}",
            card.details.display_name()
        );
        assert!(card.details.phones.is_empty());
    }
    let later = super::card::card_contacts(&store).unwrap();
    assert_eq!(later, cards, "the same card every time");
    let html = render(&store, &options(PrintDocument::EmergencyCard)).html;
    assert_eq!(
        html.matches("class=\"blank\"").count(),
        2,
        "two numbers to write in"
    );
    for contact in &cards {
        for phone in &contact.details.phones {
            assert_has(&html, &phone.number);
        }
    }
    assert_has(&html, "PDL 1234 5678 9012");
    assert_has(&html, "The bus stop across the road");
    assert_has(&html, "Make sure everyone is safe.");
    assert!(
        !html.contains("112 (999"),
        "no generic line when an emergency number is written down"
    );
}

#[test]
fn the_incident_report_tells_the_whole_story() {
    let Seeded {
        mut store,
        contacts,
    } = seeded(Language::En);
    let espresso = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Espresso machine")
        .unwrap();
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![espresso.id],
                something_else: String::new(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap();
    let id = incident.id;
    store
        .assess_incident(
            id,
            &AssessInput {
                summary: "No power to the machine".into(),
                cause: Cause::Power,
                danger: false,
                customers_affected: None,
                expected_minutes: Some(120),
            },
            at(9, 2),
        )
        .unwrap();
    store
        .log_call(
            id,
            &CallInput {
                contact_id: Some(contacts[0].id),
                contact_name: String::new(),
                ticket: "INC-4711".into(),
                spoke_to: "Marc".into(),
                eta: Some(at(11, 0)),
                call_back_at: None,
                notes: "Whole street is out".into(),
            },
            at(9, 10),
        )
        .unwrap();
    let notice = "Corner Café: the espresso machine is off, filter coffee today.";
    store
        .record_notice(
            id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: notice.into(),
            },
            at(9, 15),
        )
        .unwrap();
    store
        .activate_workaround(id, espresso.workarounds[0].id, at(9, 16))
        .unwrap();
    let service_row = store.incident(id, at(9, 16)).unwrap().services[0].id;
    store.confirm_restored(id, service_row, at(11, 30)).unwrap();
    store
        .save_review(
            id,
            &ReviewInput {
                root_cause: "A substation failed".into(),
                could_recur: CouldRecur::Yes,
                actions: vec![PreventionAction {
                    text: "Buy a small UPS".into(),
                    owner: "Ana".into(),
                    due_on: Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()),
                }],
            },
            at(12, 0),
        )
        .unwrap();
    let mut report = options(PrintDocument::IncidentReport);
    report.incident_id = Some(id);
    let printout = store
        .render_printout(&report, at(13, 0), &|_| paris())
        .unwrap();
    let html = &printout.html;
    for text in [
        "No power to the machine",
        "Power cut",
        "Critical",
        "Espresso machine is essential and had been down 2 hours 30 minutes, more than the 45 \
         minutes the plan tolerates",
        "Enedis",
        "INC-4711",
        "Marc",
        "Whole street is out",
        notice,
        "Filter coffee",
        "Working again",
        "2 hours 30 minutes",
        "A substation failed",
        "Buy a small UPS — who Ana — by 15 December 2026",
        "20 November 2026 10:00",
        "Call: Enedis",
        "Notice sent: First notice · Door sign",
    ] {
        assert_has(html, text);
    }
    assert_eq!(
        printout.title,
        format!("Corner Café · Incident report #{id}")
    );
    assert!(!html.contains("still open"));
}

#[test]
fn the_plan_overview_knows_when_the_paper_copy_is_out_of_date() {
    let Seeded {
        mut store,
        contacts,
    } = seeded(Language::En);
    let status = store.print_status().unwrap();
    assert_eq!(status.binder_printed_at, None);
    assert!(
        !status.changed_since_printed,
        "nothing printed, nothing stale"
    );

    store
        .record_printed(PrintDocument::Binder, at(10, 0))
        .unwrap();
    let status = store.print_status().unwrap();
    assert_eq!(status.binder_printed_at, Some(at(10, 0)));
    assert!(!status.changed_since_printed);
    assert_eq!(status.card_printed_at, None);

    let mut changed = contacts[1].details.clone();
    changed.phones.push(phone("Backup", "0800 000 111"));
    store
        .update_contact(contacts[1].id, &changed, at(11, 0))
        .unwrap();
    assert!(store.print_status().unwrap().changed_since_printed);

    store
        .record_printed(PrintDocument::Binder, at(12, 0))
        .unwrap();
    store
        .record_printed(PrintDocument::EmergencyCard, at(12, 1))
        .unwrap();
    let status = store.print_status().unwrap();
    assert!(!status.changed_since_printed);
    assert_eq!(status.binder_printed_at, Some(at(12, 0)));
    assert_eq!(status.card_printed_at, Some(at(12, 1)));

    // An outage writes a lot, none of it in the plan: the binder is not rendered again.
    let plan_writes = store.plan_writes();
    store
        .start_incident(
            &IncidentStart {
                service_ids: vec![],
                something_else: "The till".into(),
                started_at: None,
            },
            at(13, 0),
        )
        .unwrap();
    assert!(!store.print_status().unwrap().changed_since_printed);
    assert_eq!(store.plan_writes(), plan_writes);

    // A plan put back whole (a restore) is looked at afresh: here a copy of this one, printed
    // as this one was, then renamed.
    let mut other = Store::open_in_memory().unwrap();
    other.replace_with(&store.conn).unwrap();
    let renamed = BusinessInput {
        name: "Another Café".into(),
        business_type: BusinessType::CafeRestaurant,
        language: Language::En,
        country: None,
    };
    other.save_business(&renamed, at(13, 0)).unwrap();
    store.replace_with(&other.conn).unwrap();
    assert!(store.plan_writes() > plan_writes);
    assert!(store.print_status().unwrap().changed_since_printed);
}

#[test]
fn a_french_business_gets_french_documents() {
    let Seeded { store, .. } = seeded(Language::Fr);
    let binder = render(&store, &options(PrintDocument::Binder));
    assert!(binder
        .html
        .starts_with("<!doctype html>\n<html lang=\"fr\">"));
    for text in [
        "Plan de reprise",
        "Gardez un exemplaire au travail et un à la maison.",
        "Imprimé le 20 novembre 2026 11:00",
        "Indispensable (les clients le remarquent)",
        "Électricité",
    ] {
        assert_has(&binder.html, text);
    }
    // French puts a space before the colon.
    assert!(binder
        .html
        .contains("<span class=\"label\">Durée de panne tolérée :</span> 45 minutes"));
    assert!(binder
        .html
        .contains("Numéro de compte :</span> PDL 1234 5678 9012"));
    for french in [
        "<h4>Solution de repli : Filter coffee</h4>",
        "<h4>Procédure de secours : Restart the machine</h4>",
        "Outage line : <span class=\"phone\">09 72 67 50 75</span>",
    ] {
        assert!(binder.html.contains(french), "{french}");
    }
    let first = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(
        super::words::words(Language::Fr).date(first),
        "1er décembre 2026"
    );
    assert_eq!(
        super::words::words(Language::En).date(first),
        "1 December 2026"
    );
    assert!(binder
        .html
        .contains("data-page-label=\"Page {n} sur {total}\""));
    assert_eq!(binder.file_name, "Corner Café - Plan de reprise.pdf");
}

#[test]
fn paper_follows_the_locale() {
    for (locale, paper) in [
        ("en_US.UTF-8", Paper::Letter),
        ("en-US", Paper::Letter),
        ("fr_CA.UTF-8", Paper::Letter),
        ("es_MX", Paper::Letter),
        ("en_GB.UTF-8", Paper::A4),
        ("fr_FR.UTF-8", Paper::A4),
        ("de-DE", Paper::A4),
        ("C.UTF-8", Paper::A4),
        ("", Paper::A4),
        ("en_US@euro", Paper::Letter),
    ] {
        assert_eq!(Paper::for_locale(locale), paper, "{locale:?}");
    }
}

#[test]
fn letter_paper_is_declared_to_the_page() {
    let Seeded { store, .. } = seeded(Language::En);
    let mut letter = options(PrintDocument::EmergencyCard);
    letter.paper = Paper::Letter;
    let html = render(&store, &letter).html;
    assert!(html.contains("@page { size: letter; }"));
    assert!(html.contains("class=\"paper-letter\""));
}

#[test]
fn file_names_are_safe_everywhere() {
    assert_eq!(
        super::file_name("A/B: Café?", "Recovery plan"),
        "A-B- Café- - Recovery plan.pdf"
    );
    assert_eq!(super::file_name("..hidden", "Card"), "hidden - Card.pdf");
    assert_eq!(super::file_name("", "Card"), "Card.pdf");
}

#[test]
fn a_long_business_name_is_cut_and_the_document_name_kept() {
    let emoji = "🥐".repeat(200);
    let name = super::file_name(&emoji, "Recovery plan");
    assert!(name.len() <= super::FILE_NAME_MAX, "{} bytes", name.len());
    assert!(name.starts_with("🥐🥐"), "{name}");
    assert!(name.ends_with("… - Recovery plan.pdf"), "{name}");
    // Cut between characters, never inside one.
    assert!(name.chars().all(|c| c == '🥐' || c.is_ascii() || c == '…'));

    let long_document = "x".repeat(400);
    let name = super::file_name("Corner Café", &long_document);
    assert!(name.len() <= super::FILE_NAME_MAX, "{} bytes", name.len());
    assert!(name.starts_with("Corner Café - xxx"), "{name}");
}

#[test]
fn the_card_gives_the_emergency_numbers_of_the_businesss_country() {
    use crate::business::Country;
    let business = |store: &mut Store, language, country| {
        store
            .save_business(
                &BusinessInput {
                    name: "Boulangerie Martin".into(),
                    business_type: BusinessType::RetailShop,
                    language,
                    country: Some(country),
                },
                at(8, 0),
            )
            .unwrap();
    };
    // A French bakery with the starter plan: its emergency contact holds France's numbers.
    let mut store = Store::open_in_memory().unwrap();
    business(&mut store, Language::Fr, Country::France);
    store
        .apply_starter_plan(BusinessType::RetailShop, Language::Fr, at(8, 0))
        .unwrap();
    for document in [PrintDocument::EmergencyCard, PrintDocument::Binder] {
        let html = render(&store, &options(document)).html;
        for text in [
            "Urgences",
            "112",
            "SAMU (urgences médicales)",
            "15",
            "Police",
            "17",
            "Pompiers",
            "18",
        ] {
            assert_has(&html, text);
        }
        assert!(
            !html.contains("911"),
            "{document:?}: not the numbers of elsewhere"
        );
    }
    // A US shop that wrote no emergency number of its own still gets 911 on the card.
    let mut store = Store::open_in_memory().unwrap();
    business(&mut store, Language::En, Country::UnitedStates);
    let html = render(&store, &options(PrintDocument::EmergencyCard)).html;
    assert_has(&html, "911 — Emergency services");
    assert!(!html.contains("112"), "not Europe's number");
}

#[test]
fn a_change_made_through_another_connection_is_seen_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    store
        .save_business(&crate::testing::corner_cafe(Language::En, None), at(8, 0))
        .unwrap();
    store
        .record_printed(PrintDocument::Binder, at(9, 0))
        .unwrap();
    assert!(!store.print_status().unwrap().changed_since_printed);

    let mut other = Store::open_in_dir(dir.path()).unwrap();
    let mut safety = other.safety_plan().unwrap().details;
    safety.assembly_point = "The car park".into();
    other.save_safety(&safety, at(10, 0)).unwrap();
    assert!(store.print_status().unwrap().changed_since_printed);
}

/// What each QR code in a rendered page holds, read back from its drawing.
fn codes_in(html: &str) -> Vec<String> {
    html.split("<svg class=\"qr\"")
        .skip(1)
        .map(|svg| {
            let size: u32 = svg
                .split("viewBox=\"0 0 ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let path = svg
                .split("<path d=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            crate::qr::read_back(size, path)
        })
        .collect()
}

/// The café of [`seeded`], in France (numbers read as French ones, dialled as +33).
fn seeded_in_france(language: Language) -> Seeded {
    let mut seeded = seeded(language);
    seeded
        .store
        .save_business(
            &crate::testing::corner_cafe(language, Some(crate::business::Country::France)),
            at(8, 1),
        )
        .unwrap();
    seeded
}

/// The pocket plan as it reads at 10:00 in Paris.
fn pocket_html(store: &Store) -> String {
    store
        .pocket_plan(at(10, 0), &|_| paris(), true)
        .unwrap()
        .html
}

#[test]
fn the_pocket_plan_carries_account_numbers_only_when_asked() {
    let seeded = seeded_in_france(Language::En);
    let numbers: Vec<&str> = seeded
        .contacts
        .iter()
        .flat_map(|c| [&c.details.account_number, &c.details.customer_id])
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    assert!(!numbers.is_empty());
    let without = seeded
        .store
        .pocket_plan(at(10, 0), &|_| paris(), false)
        .unwrap()
        .html;
    let with = pocket_html(&seeded.store);
    for number in &numbers {
        assert!(!without.contains(&esc(number)), "{number} left in");
        assert!(with.contains(&esc(number)), "{number} missing");
    }
    assert!(without.contains("(left out of this copy)"));
    assert!(!with.contains("(left out of this copy)"));
}

#[test]
fn the_card_has_a_code_to_call_each_number_and_one_with_every_contact() {
    let seeded = seeded_in_france(Language::En);
    let card = render(&seeded.store, &options(PrintDocument::EmergencyCard)).html;
    let codes = codes_in(&card);
    let calls: Vec<&String> = codes.iter().filter(|c| c.starts_with("tel:")).collect();
    // In international form, so the phone dials them from anywhere; short codes as they are.
    for expected in ["tel:18", "tel:+33972675075", "tel:+33123456789"] {
        assert!(
            calls.iter().any(|c| *c == expected),
            "{expected} in {calls:?}"
        );
    }
    let on_card = super::card_contacts(&seeded.store).unwrap();
    let numbers: usize = on_card.iter().map(|c| c.details.phones.len()).sum();
    assert_eq!(
        calls.len(),
        numbers,
        "a code per number on the card: {calls:?}"
    );
    let all: Vec<&String> = codes
        .iter()
        .filter(|c| c.starts_with("BEGIN:VCARD"))
        .collect();
    assert_eq!(all.len(), 1, "one code with every contact");
    let cards = crate::contacts::vcard::parse(all[0].as_bytes(), Language::En).unwrap();
    let names: Vec<&str> = cards.iter().map(|c| c.details.display_name()).collect();
    for contact in on_card.iter().filter(|c| !c.details.phones.is_empty()) {
        assert!(names.contains(&contact.details.display_name()), "{names:?}");
    }
    assert_eq!(
        names.len(),
        on_card
            .iter()
            .filter(|c| !c.details.phones.is_empty())
            .count()
    );
    let enedis = cards
        .iter()
        .find(|c| c.details.organisation == "Enedis" || c.details.display_name() == "Enedis")
        .unwrap();
    let numbers: Vec<&str> = enedis
        .details
        .phones
        .iter()
        .map(|p| p.number.as_str())
        .collect();
    assert_eq!(numbers, ["+33972675075", "+33123456789"]);
    assert!(
        !all[0].contains("PDL 1234"),
        "no account number in the code"
    );
    assert!(
        all[0].contains("\r\nTEL;TYPE=VOICE:+33972675075\r\n"),
        "numbers as phones dial them, unescaped: {}",
        all[0]
    );
    assert!(card.contains("Point a phone’s camera at the code beside a number"));
}

#[test]
fn the_binder_has_a_code_beside_each_providers_number() {
    let seeded = seeded_in_france(Language::Fr);
    let binder = render(&seeded.store, &options(PrintDocument::Binder)).html;
    let codes = codes_in(&binder);
    let contacts = seeded.store.list_contacts(&Default::default()).unwrap();
    let numbers: usize = contacts.iter().map(|c| c.details.phones.len()).sum();
    assert_eq!(codes.len(), numbers, "{codes:?}");
    assert!(codes.contains(&"tel:+33972675075".to_owned()));
    assert!(binder.contains("Visez le code à côté d’un numéro"));
}

/// Every `href` and `src` of a page.
fn references(html: &str) -> Vec<String> {
    ["href=\"", "src=\"", "href='", "src='", "url("]
        .iter()
        .flat_map(|start| {
            html.split(start)
                .skip(1)
                .map(|rest| rest.split(['"', '\'', ')']).next().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_pocket_plan_stands_alone_and_calls_every_number() {
    let seeded = seeded_in_france(Language::En);
    let pocket = seeded
        .store
        .pocket_plan(at(10, 0), &|_| paris(), true)
        .unwrap();
    assert_eq!(pocket.file_name, "Corner Café - Pocket plan.html");
    let html = pocket.html;
    assert!(!html.contains("<script"), "no script");
    // Nothing may load, even if a file were slipped in; the phone must not turn account
    // numbers into numbers to call.
    assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assert!(html.contains("<meta name=\"format-detection\" content=\"telephone=no\">"));
    assert!(!html.contains("src="), "nothing loaded from anywhere");
    for reference in references(&html) {
        assert!(
            reference.starts_with("tel:")
                || reference.starts_with("mailto:")
                || reference.starts_with('#'),
            "{reference:?} leaves the file"
        );
        if let Some(anchor) = reference.strip_prefix('#') {
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "#{anchor} goes nowhere"
            );
        }
    }
    for contact in &seeded.contacts {
        assert!(html.contains(&esc(contact.details.display_name())));
        for phone in &contact.details.phones {
            assert!(html.contains(&phone.number), "{} is missing", phone.number);
        }
    }
    for link in [
        "href=\"tel:+33972675075\"",
        "href=\"tel:18\"",
        "href=\"mailto:pro@orange.example\"",
    ] {
        assert!(html.contains(link), "{link}");
    }
    for expected in [
        "Pocket plan",
        "Saved on",
        "Assess",
        "Filter coffee",
        "Use the big cafetière",
        "Espresso is off: filter coffee today.",
        "PDL 1234 5678 9012",
        "The bus stop across the road",
        "width=device-width",
    ] {
        assert!(html.contains(expected), "{expected}");
    }
    assert!(!html.contains("Outage in progress"), "no outage open");
}

#[test]
fn during_an_outage_the_pocket_plan_says_where_it_stands_with_the_notices_ready() {
    let mut seeded = seeded_in_france(Language::Fr);
    let service = seeded.store.list_services().unwrap()[0].id;
    let incident = seeded
        .store
        .start_incident(
            &IncidentStart {
                service_ids: vec![service],
                something_else: String::new(),
                started_at: None,
            },
            at(9, 30),
        )
        .unwrap();
    seeded
        .store
        .log_call(
            incident.id,
            &CallInput {
                contact_id: Some(seeded.contacts[0].id),
                contact_name: String::new(),
                ticket: "TCK-<b>42</b>".into(),
                spoke_to: String::new(),
                eta: Some(at(12, 0)),
                call_back_at: None,
                notes: String::new(),
            },
            at(9, 40),
        )
        .unwrap();
    let html = pocket_html(&seeded.store);
    // Each draft as the composer would start it, with what it still needs said under it.
    for channel in [
        Channel::Sms,
        Channel::Email,
        Channel::Social,
        Channel::Phone,
    ] {
        let ready = seeded
            .store
            .draft_notice(
                incident.id,
                Stage::Initial,
                channel,
                Language::Fr,
                at(10, 0),
                paris(),
            )
            .unwrap();
        assert!(html.contains(&esc(&ready.draft.body)), "{channel:?} draft");
        for marker in &ready.check.unfilled {
            assert!(html.contains(&esc(marker)), "{marker}");
        }
        if !ready.check.unfilled.is_empty() {
            assert!(html.contains("À remplacer avant l’envoi"));
        }
    }
    for expected in [
        "Panne en cours",
        "Messages prêts à envoyer",
        "TCK-&lt;b&gt;42&lt;/b&gt;",
        "SMS",
    ] {
        assert!(html.contains(expected), "{expected}");
    }
    assert!(!html.contains("<b>42"), "owner text is never markup");
    assert!(html.contains("<html lang=\"fr\">"));
}

#[test]
fn a_pocket_draft_that_still_needs_words_says_so_under_it() {
    let mut seeded = seeded_in_france(Language::En);
    seeded
        .store
        .start_incident(
            &IncidentStart {
                service_ids: Vec::new(),
                something_else: "The walk-in freezer".into(),
                started_at: None,
            },
            at(9, 30),
        )
        .unwrap();
    let html = pocket_html(&seeded.store);
    let drafts = html.split("<div class=\"draft\">").count() - 1;
    assert_eq!(drafts, 4);
    assert!(
        html.contains("Replace before sending: ["),
        "a draft with a marker left: {html}"
    );
}

#[test]
fn a_door_sign_prints_the_owners_text_large_and_as_text() {
    let Seeded { store, .. } = seeded(Language::Fr);
    let sign = PrintOptions {
        text: Some(
            "COUPURE PRÉVUE le vendredi 27 novembre de 09:00 à 13:00\n\n<b>Paiement</b> : espèces & chèques\nMerci"
                .into(),
        ),
        ..options(PrintDocument::DoorSign)
    };
    let printout = render(&store, &sign);
    assert_eq!(
        printout.file_name,
        "Corner Café - Affiche pour la porte.pdf"
    );
    assert!(printout.html.contains(
        "<h1 class=\"door-headline\">COUPURE PRÉVUE le vendredi 27 novembre de 09:00 à 13:00</h1>"
    ));
    assert!(printout.html.contains(
        "<p class=\"door-line\">&lt;b&gt;Paiement&lt;/b&gt; : espèces &amp; chèques</p>"
    ));
    assert!(!printout.html.contains("<b>Paiement"));
    // The same French business's sign in English for its English-speaking customers: the
    // paper's own words are in the sign's language, not the business's.
    let english = PrintOptions {
        text: Some("PLANNED OUTAGE on Friday\nCash only".into()),
        language: Some(Language::En),
        ..options(PrintDocument::DoorSign)
    };
    let printout = render(&store, &english);
    assert_eq!(printout.file_name, "Corner Café - Door sign.pdf");
    assert!(
        printout.html.contains("<html lang=\"en\""),
        "{}",
        printout.html
    );
    assert!(printout.html.contains("Printed "), "{}", printout.html);
    assert!(!printout.html.contains("Imprimé"), "{}", printout.html);
    assert!(printout.html.contains("Printed on "), "{}", printout.html);
    // Only a sign has a language of its own: the binder stays the business's.
    let binder = PrintOptions {
        language: Some(Language::En),
        ..options(PrintDocument::Binder)
    };
    let binder = render(&store, &binder);
    assert_eq!(binder.file_name, "Corner Café - Plan de reprise.pdf");
    assert!(binder.html.contains("<html lang=\"fr\""));
    // Nothing to print: said next to the text, nothing recorded.
    let empty = PrintOptions {
        text: Some("  \n ".into()),
        ..options(PrintDocument::DoorSign)
    };
    let Err(crate::CoreError::Validation(fields)) =
        store.render_printout(&empty, at(10, 0), &|_| paris())
    else {
        panic!("an empty sign was printed");
    };
    assert_eq!(fields[0].field, "text");
}

#[test]
fn the_first_step_points_to_where_safety_is_in_each_document() {
    for language in [Language::En, Language::Fr] {
        let seeded = seeded(language);
        let (binder_pointers, pocket_pointers) = match language {
            Language::En => (
                ["(next page)", "Use the scripts at the end:"],
                [
                    "(the emergency card above)",
                    "During an outage, send the drafts at the top of this page:",
                ],
            ),
            Language::Fr => (
                ["(page suivante)", "Servez-vous des messages à la fin :"],
                [
                    "(la fiche d’urgence ci-dessus)",
                    "Pendant une panne, envoyez les messages proposés en haut de cette page :",
                ],
            ),
        };
        let binder = render(&seeded.store, &options(PrintDocument::Binder)).html;
        // The pocket plan has no pages, and its drafts (during an outage) are at its top.
        let pocket = pocket_html(&seeded.store);
        for (in_binder, in_pocket) in binder_pointers.iter().zip(pocket_pointers) {
            assert!(
                binder.contains(in_binder),
                "{language:?} binder: {in_binder}"
            );
            assert!(
                pocket.contains(in_pocket),
                "{language:?}: {in_pocket} in {pocket}"
            );
            assert!(
                !pocket.contains(in_binder),
                "{language:?}: {in_binder} in {pocket}"
            );
        }
        for placeholder in ["{safety}", "{scripts}"] {
            assert!(!pocket.contains(placeholder) && !binder.contains(placeholder));
        }
    }
}

/// A French bakery on the starter plan whose owner added their power company instead of
/// filling in the starter's "Fournisseur d’électricité".
fn bakery_with_ouest_power() -> (Store, Contact, Contact) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Boulangerie Martin".into(),
                business_type: BusinessType::RetailShop,
                language: Language::Fr,
                country: Some(crate::business::Country::France),
            },
            at(8, 0),
        )
        .unwrap();
    store
        .apply_starter_plan(BusinessType::RetailShop, Language::Fr, at(8, 0))
        .unwrap();
    let mut power = details(ContactKind::PowerUtility, "Ouest Power", "");
    power.phones = vec![phone("Dépannage", "02 99 00 11 22")];
    let power = store.create_contact(&power, at(8, 5)).unwrap();
    let placeholder = store
        .list_contacts(&crate::contacts::ContactFilter::default())
        .unwrap()
        .into_iter()
        .find(|c| c.details.kind == ContactKind::PowerUtility && c.id != power.id)
        .unwrap();
    assert!(placeholder.details.phones.is_empty());
    (store, power, placeholder)
}

#[test]
fn the_card_and_binder_name_the_power_company_rather_than_the_blank_placeholder() {
    let (store, power, placeholder) = bakery_with_ouest_power();
    let on_card = super::card_contacts(&store).unwrap();
    let ids: Vec<i64> = on_card.iter().map(|c| c.id).collect();
    assert!(ids.contains(&power.id), "Ouest Power is on the card");
    assert!(!ids.contains(&placeholder.id), "no blank for the power");
    assert_eq!(
        on_card[1].id, power.id,
        "in the power's place, right after the emergency services"
    );
    let card = render(&store, &options(PrintDocument::EmergencyCard)).html;
    assert_has(&card, "Ouest Power");
    assert_has(&card, "02 99 00 11 22");
    assert!(!card.contains(&esc(placeholder.details.display_name())));

    // The binder's services name Ouest Power too, once, where they named the placeholder.
    let binder = render(&store, &options(PrintDocument::Binder)).html;
    let power_service = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.contact_ids.contains(&placeholder.id))
        .unwrap();
    let depends = binder
        .split(&format!("<h3>{}</h3>", esc(&power_service.details.name)))
        .nth(1)
        .unwrap()
        .split("</p>")
        .find(|p| p.contains("Dépend de"))
        .unwrap();
    assert!(depends.contains("Ouest Power"), "{depends}");
    assert!(
        !depends.contains(&esc(placeholder.details.display_name())),
        "{depends}"
    );
}

/// The blocks of the card's numbers.
fn card_lines(card: &str) -> Vec<&str> {
    card.split("card-number\"")
        .skip(1)
        .filter_map(|l| l.split("</div>\n").next())
        .collect()
}

#[test]
fn the_countrys_emergency_numbers_take_one_line_of_the_card() {
    let (store, ..) = bakery_with_ouest_power();
    let card = render(&store, &options(PrintDocument::EmergencyCard)).html;
    let lines = card_lines(&card);
    assert_eq!(
        lines.len(),
        super::card::CARD_NUMBERS,
        "the emergency contact is one of the five lines"
    );
    let emergency: Vec<&&str> = lines.iter().filter(|l| l.contains(">112<")).collect();
    assert_eq!(emergency.len(), 1, "{lines:#?}");
    let first_paragraph = emergency[0].split("</p>").next().unwrap();
    for number in ["112", "15", "17", "18"] {
        assert!(
            first_paragraph.contains(&format!("<span class=\"phone\">{number}</span>")),
            "{number} is on the one line: {first_paragraph}"
        );
    }

    // With no emergency contact of its own, the country's numbers are one line too.
    let mut store = store;
    let emergency = store
        .list_contacts(&crate::contacts::ContactFilter::default())
        .unwrap()
        .into_iter()
        .find(|c| c.details.kind == ContactKind::Emergency)
        .unwrap();
    store.delete_contact(emergency.id).unwrap();
    let card = render(&store, &options(PrintDocument::EmergencyCard)).html;
    let lines = card_lines(&card);
    let emergency: Vec<&&str> = lines.iter().filter(|l| l.contains("112 —")).collect();
    assert_eq!(emergency.len(), 1, "{lines:#?}");
    for number in ["15 —", "17 —", "18 —"] {
        assert!(emergency[0].contains(number), "{number}: {}", emergency[0]);
    }
}

/// Every text of English's data on paper, and how the pseudo-language writes it ("⟦…⟧"
/// around the whole): a text with placeholders by its literal parts, since they are filled.
fn english_texts() -> Vec<(String, String)> {
    fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(fields) => fields.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for json in [
        include_str!("../../print/en.json"),
        include_str!("../../vocabulary/en.json"),
        include_str!("../../incidents/en.json"),
        include_str!("../../notices/en.json"),
    ] {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        strings(&value, &mut texts);
    }
    let mut out = Vec::new();
    for text in texts {
        let parts: Vec<&str> = text
            .split('{')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once('}').map_or(part, |p| p.1)
                }
            })
            .collect();
        let last = parts.len() - 1;
        for (i, part) in parts.iter().enumerate() {
            let open = if i == 0 { "⟦" } else { "" };
            let close = if i == last { "⟧" } else { "" };
            out.push((part.to_string(), format!("{open}{part}{close}")));
        }
    }
    out.retain(|(text, _)| text.trim().chars().count() > 2);
    // Longest first, so that "Other software vendor" is taken out before "Other".
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    out.dedup();
    out
}

#[test]
fn a_language_that_is_only_data_prints_every_word_in_it() {
    use super::words::{tests as words, Words};
    use crate::incidents::words::{tests as incident, IncidentWords};
    use crate::notices::{tests as notices, Texts};
    use crate::vocabulary::tests::{self as vocabulary, speaking};
    use crate::vocabulary::Vocabulary;
    // A plan with owner texts only (no starter plan, whose texts are English data).
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &crate::testing::corner_cafe(Language::En, Some(crate::business::Country::France)),
            at(8, 0),
        )
        .unwrap();
    let mut enedis = details(ContactKind::PowerUtility, "Enedis", "");
    enedis.phones = vec![phone("Ligne", "09 72 67 50 75")];
    enedis.account_number = "PDL 1234".into();
    let enedis = store.create_contact(&enedis, at(8, 5)).unwrap();
    let mut ana = details(ContactKind::Staff, "", "Ana Lima");
    ana.phones = vec![phone("", "06 11 22 33 44")];
    store.create_contact(&ana, at(8, 5)).unwrap();
    let espresso = store
        .create_service(
            &ServiceDetails {
                name: "Espresso".into(),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 90,
                customers_affected: Some(30),
                customers_per: CustomersPer::Hour,
                no_workaround: true,
                notes: String::new(),
                contact_ids: vec![enedis.id],
            },
            at(8, 10),
        )
        .unwrap();
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![espresso.id],
                something_else: String::new(),
                started_at: None,
            },
            at(9, 0),
        )
        .unwrap();
    store
        .assess_incident(
            incident.id,
            &AssessInput {
                summary: "Espresso off".into(),
                cause: Cause::Unknown,
                danger: false,
                customers_affected: None,
                expected_minutes: Some(120),
            },
            at(9, 2),
        )
        .unwrap();
    store
        .record_notice(
            incident.id,
            &NoticeInput {
                stage: Stage::Resolved,
                channel: Channel::Website,
                text: "Back to normal.".into(),
            },
            at(9, 15),
        )
        .unwrap();
    let mut report = options(PrintDocument::IncidentReport);
    report.incident_id = Some(incident.id);
    let documents = [options(PrintDocument::Binder), report];
    // The binder, the report and the pocket plan (an outage is open: its drafts are on it).
    let printed = |store: &Store| -> Vec<String> {
        let mut all: Vec<String> = documents.iter().map(|o| render(store, o).html).collect();
        all.push(pocket_html(store));
        all
    };
    let english = printed(&store);
    // The language list of this test: English's place taken by the pseudo-language's data.
    let pseudo: Vec<String> = speaking::<Vocabulary, _>(Language::En, vocabulary::PSEUDO, || {
        speaking::<Words, _>(Language::En, words::PSEUDO, || {
            speaking::<IncidentWords, _>(Language::En, incident::PSEUDO, || {
                speaking::<Texts, _>(Language::En, notices::PSEUDO, || printed(&store))
            })
        })
    });
    let mut seen = 0;
    for (english, pseudo) in english.iter().zip(&pseudo) {
        // What the page shows: not its script and style, which hold no words of a language.
        let shown = |html: &str| {
            let mut out = html.to_owned();
            for tag in ["script", "style"] {
                while let Some(start) = out.find(&format!("<{tag}")) {
                    let end = out[start..]
                        .find(&format!("</{tag}>"))
                        .map_or(out.len(), |e| start + e + tag.len() + 3);
                    out.replace_range(start..end, "");
                }
            }
            out
        };
        // Longest first, each taken out once compared: "Critical services" is no "Critical".
        let (mut english, mut rest) = (shown(english), shown(pseudo));
        for (text, written) in english_texts() {
            let (bare, wrapped) = (esc(&text), esc(&written));
            let times = english.matches(&bare).count();
            assert_eq!(
                rest.matches(&wrapped).count(),
                times,
                "{wrapped:?} is not printed as often as {bare:?} in English"
            );
            english = english.replace(&bare, "");
            rest = rest.replace(&wrapped, "");
            seen += times;
        }
        for (text, written) in english_texts() {
            if text != written {
                assert!(
                    !rest.contains(&esc(&text)),
                    "{text:?} is printed in English"
                );
            }
        }
    }
    assert!(seen > 80, "only {seen} words were compared");
    for word in [
        "⟦Incident report⟧",
        "⟦Resolved⟧",
        "⟦Website banner⟧",
        "⟦Essential⟧",
        "⟦Not known⟧",
        "⟦Staff⟧",
        "1 ⟦hour⟧ 30 ⟦minutes⟧",
    ] {
        assert!(
            pseudo[1].contains(word) || pseudo[0].contains(word),
            "{word}"
        );
    }
}
