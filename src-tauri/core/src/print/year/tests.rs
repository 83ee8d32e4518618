#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

use crate::business::{Country, Language};
use crate::contacts::{ContactDetails, ContactKind};
use crate::costs::{CostSettingsInput, Currency, OpeningDayInput};
use crate::incidents::{AssessInput, CallInput, Cause, IncidentStart};
use crate::plan::services::{CustomersPer, Priority, ServiceDetails};
use crate::print::html::Html;
use crate::print::{Paper, PrintDocument, PrintOptions};
use crate::store::Store;

fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
}

fn utc(_: DateTime<Utc>) -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn esc(text: &str) -> String {
    Html::text(text).into_string()
}

/// A shop open every day 8:00–18:00 at 100 an hour, whose services `names` were each down
/// once (a 2 h outage of the internet in March, the ISP `isp` called, and one of power in
/// September).
fn shop(language: Language, name: &str, names: [&str; 2], isp: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut business = crate::testing::corner_cafe(language, Some(Country::France));
    business.name = name.into();
    store.save_business(&business, at(1, 1, 8)).unwrap();
    let day = || OpeningDayInput {
        open: true,
        opens: "08:00".into(),
        closes: "18:00".into(),
        takings: "100".into(),
    };
    store
        .save_cost_settings_at(
            &CostSettingsInput {
                currency: Currency::Eur,
                days: (0..7).map(|_| day()).collect(),
                staff_per_hour: String::new(),
                subscribed_kva: None,
                utility: String::new(),
                insurer: String::new(),
                policy_number: String::new(),
                waiting_hours: None,
            },
            at(1, 1, 8),
        )
        .unwrap();
    let contact = store
        .create_contact(
            &ContactDetails {
                kind: ContactKind::InternetProvider,
                organisation: isp.into(),
                person: String::new(),
                phones: vec![],
                email: String::new(),
                website: String::new(),
                outage_page: String::new(),
                status_page: String::new(),
                account_number: String::new(),
                customer_id: String::new(),
                support_hours: String::new(),
                notes: String::new(),
            },
            at(1, 1, 8),
        )
        .unwrap();
    for (n, (name, cause)) in names
        .iter()
        .zip([Cause::Internet, Cause::Power])
        .enumerate()
    {
        let service = store
            .create_service(
                &ServiceDetails {
                    name: (*name).into(),
                    priority: Priority::Essential,
                    customer_facing: true,
                    max_downtime_minutes: 30,
                    customers_affected: None,
                    customers_per: CustomersPer::Day,
                    no_workaround: false,
                    notes: String::new(),
                    contact_ids: vec![],
                },
                at(1, 1, 8),
            )
            .unwrap();
        let from = at(3 + 6 * n as u32, 10, 9);
        let incident = store
            .start_incident(
                &IncidentStart {
                    service_ids: vec![service.id],
                    something_else: String::new(),
                    started_at: None,
                },
                from,
            )
            .unwrap();
        store
            .assess_incident(
                incident.id,
                &AssessInput {
                    summary: String::new(),
                    cause,
                    danger: false,
                    customers_affected: None,
                    expected_minutes: None,
                },
                from,
            )
            .unwrap();
        if n == 0 {
            store
                .log_call(
                    incident.id,
                    &CallInput {
                        contact_id: Some(contact.id),
                        ..CallInput::default()
                    },
                    from,
                )
                .unwrap();
        }
        let to = from + Duration::hours(2);
        store
            .confirm_restored(incident.id, incident.services[0].id, to)
            .unwrap();
        store.resolve_incident(incident.id, to).unwrap();
    }
    store
}

fn print(store: &Store, paper: Paper) -> String {
    store
        .render_printout(
            &PrintOptions {
                document: PrintDocument::YearInOutages,
                incident_id: None,
                drill_id: None,
                paper,
                include_sensitive: false,
                text: None,
                language: None,
            },
            at(11, 28, 12),
            &utc,
        )
        .unwrap()
        .html
}

#[test]
fn the_year_prints_its_chart_tables_and_backups_with_the_cores_figures() {
    let store = shop(
        Language::En,
        "Corner Café",
        ["Internet", "Power"],
        "Fibre Net",
    );
    let html = print(&store, Paper::A4);
    let year = store.year_in_outages(at(11, 28, 12), &utc).unwrap();
    assert!(html.contains("<h1>The year in outages</h1>"));
    assert!(html.contains("paper-a4"));
    // Two bars, one in March and one in September, each in its service's fill.
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 2);
    assert!(html.contains("<title id=\"year-chart-title\">"));
    assert!(html.contains(&esc(&year.totals.total.text)));
    assert_eq!(year.totals.total.text, "€400.00");
    for row in year.by_service.iter().chain(&year.by_provider) {
        assert!(html.contains(&format!("<td>{}</td>", esc(&row.name))));
        assert!(html.contains(&esc(&row.hours)));
        assert!(html.contains(&esc(&row.lost.text)));
    }
    assert!(html.contains("<td>Fibre Net</td>"));
    for backup in &year.backups {
        assert!(html.contains(&esc(&backup.sentence)));
    }
    assert_eq!(year.backups.len(), 2);
    assert!(html.contains("Typical prices"));
    // Months on the axis, oldest first.
    let dec = html.find(">Dec</text>").unwrap();
    let nov = html.find(">Nov</text>").unwrap();
    assert!(dec < nov);
}

#[test]
fn the_year_prints_in_french_on_letter() {
    let store = shop(
        Language::Fr,
        "Café du Coin",
        ["Internet", "Électricité"],
        "Orange",
    );
    let html = print(&store, Paper::Letter);
    assert!(html.contains("paper-letter"));
    assert!(html.contains(&esc("L'année en pannes")));
    assert!(html.contains("Par prestataire"));
    assert!(html.contains(">sept.</text>"));
    assert!(html.contains(&esc("400,00\u{a0}€")));
    assert!(html.contains("Un routeur 4G"));
}

#[test]
fn hostile_owner_text_in_the_year_is_printed_as_text() {
    for hostile in [
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
    ] {
        let store = shop(
            Language::En,
            &format!("Café {hostile}"),
            [hostile, &format!("{hostile} 2")],
            hostile,
        );
        let html = print(&store, Paper::A4);
        assert_eq!(html.matches("<script").count(), 1, "only the paginator's");
        assert!(!html.contains("<img"));
        assert!(!html.contains("\"quoted\""));
        // In the legend, the tables (by service and by provider) and a bar's title.
        assert!(html.matches(&esc(hostile)).count() >= 5, "{hostile}");
    }
}

#[test]
fn a_year_without_outages_says_so() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &crate::testing::corner_cafe(Language::En, None),
            at(1, 1, 8),
        )
        .unwrap();
    let html = print(&store, Paper::A4);
    assert!(html.contains("No outage in the last 12 months."));
    assert!(!html.contains("<svg"));
}
