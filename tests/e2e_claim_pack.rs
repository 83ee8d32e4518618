//! The claim pack end to end in the real app: a French café's power cut with its costs set,
//! a call whose promised time passed, spoiled stock and an expense; resolved in the window,
//! "What you can claim" shows Enedis' rule, and the claim pack saved as PDF is read back with
//! `pdftotext`: the ticket, the missed promised time, and the total the core counts from the
//! same data file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Duration, FixedOffset, Local, Offset, TimeZone, Utc};
use steady_core::business::{BusinessInput, BusinessType, Country, Language};
use steady_core::costs::{
    CostSettingsInput, Currency, ExpenseInput, OpeningDayInput, SpoiledInput,
};
use steady_core::incidents::{AssessInput, CallInput, Cause, IncidentStart};
use steady_core::Store;
use support::{click, find, pdf_text, seed_cafe, snapshot, wait_for_text, Driver};

const TICKET: &str = "EN-2026-4471";

/// The shop's offset at a time, as the app takes it from the system.
fn local(at: DateTime<Utc>) -> FixedOffset {
    Local.offset_from_utc_datetime(&at.naive_utc()).fix()
}

/// A French café whose power went 6 hours ago: open round the clock at 300 € an hour, staff
/// 45 € an hour, 12 kVA with Enedis; the power company promised it back within the hour
/// (missed), a generator was hired and butter thrown away. Returns the incident.
fn seed(dir: &Path) -> i64 {
    let start = Utc::now() - Duration::hours(6);
    let mut store = seed_cafe(dir, start - Duration::days(1));
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type: BusinessType::CafeRestaurant,
                language: Language::En,
                country: Some(Country::France),
            },
            start - Duration::days(1),
        )
        .unwrap();
    let days = (0..7)
        .map(|_| OpeningDayInput {
            open: true,
            opens: "00:00".into(),
            closes: "24:00".into(),
            takings: "300".into(),
        })
        .collect();
    store
        .save_cost_settings(&CostSettingsInput {
            currency: Currency::Eur,
            days,
            staff_per_hour: "45".into(),
            subscribed_kva: Some(12),
            utility: "Enedis".into(),
            insurer: "Mutuelle du Commerce".into(),
            policy_number: "PC-778812".into(),
            waiting_hours: Some(4),
        })
        .unwrap();
    let power = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Power and lighting")
        .unwrap();
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![power.id],
                something_else: String::new(),
                started_at: None,
            },
            start,
        )
        .unwrap();
    store
        .assess_incident(
            incident.id,
            &AssessInput {
                summary: "Power cut in the street".into(),
                cause: Cause::Power,
                danger: false,
                customers_affected: None,
                expected_minutes: None,
            },
            start + Duration::minutes(2),
        )
        .unwrap();
    store
        .log_call(
            incident.id,
            &CallInput {
                contact_id: None,
                contact_name: "Enedis dépannage".into(),
                ticket: TICKET.into(),
                spoke_to: "Luc".into(),
                eta: Some(start + Duration::hours(1)),
                call_back_at: None,
                notes: String::new(),
            },
            start + Duration::minutes(5),
        )
        .unwrap();
    store
        .add_expense(
            incident.id,
            &ExpenseInput {
                what: "Generator hire".into(),
                amount: "120".into(),
                spent_on: None,
            },
            start + Duration::hours(1),
        )
        .unwrap();
    store
        .add_spoiled(
            incident.id,
            &SpoiledInput {
                item: "Butter".into(),
                quantity: "2.5".into(),
                unit: "kg".into(),
                unit_cost: "18.40".into(),
                thrown_at: Some(start + Duration::hours(5)),
                why: "Above 8 °C for 4 hours".into(),
                cold_store_id: None,
            },
            start + Duration::hours(5),
        )
        .unwrap();
    incident.id
}

/// Clicks a "Save as PDF…" button and returns the file the app said it saved.
async fn save_pdf(app: &thirtyfour::WebDriver, button: &str, out: &Path) -> PathBuf {
    click(app, button).await;
    let toast = wait_for_text(app, ".toast span", "Saved as ").await;
    let said = toast.text().await.unwrap();
    let path = PathBuf::from(said.trim_start_matches("Saved as ").lines().next().unwrap());
    assert!(path.starts_with(out), "{} saved elsewhere", path.display());
    assert!(path.exists(), "{} was not written", path.display());
    click(app, ".toast button").await;
    path
}

/// Renders every page as a PNG in `$STEADY_SCREENSHOTS` (or beside the PDF), to look at.
fn render_pages(path: &Path, name: &str) {
    let dir = std::env::var_os("STEADY_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| path.parent().unwrap().to_owned());
    std::fs::create_dir_all(&dir).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(path)
        .arg(dir.join(name))
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_power_cuts_claim_pack_is_saved_as_pdf_with_its_tickets_and_the_cores_totals() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let incident = seed(data.path());
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;

    // The power is back: confirmed on the Resolve step, which resolves the outage.
    click(&app, "#home-open-outage").await;
    click(&app, "#go-resolve").await;
    click(&app, ".restore-list button").await;
    find(&app, "#reopen-incident").await;

    // What you can claim: Enedis' automatic compensation, one 5-hour block at 12 kVA.
    wait_for_text(&app, "#claim-enedis_long_cut-applies", "May apply").await;
    wait_for_text(
        &app,
        "#claim-enedis_long_cut-estimate",
        "You may be entitled to €24.00",
    )
    .await;
    wait_for_text(&app, "#claim-insurance-why", "more than your policy").await;
    app.execute(
        "document.getElementById('claims-panel').scrollIntoView()",
        Vec::new(),
    )
    .await
    .unwrap();
    snapshot(&app, "claims-panel").await;

    // Print → Claim pack, from the outage's record.
    click(&app, "#incident-claim-pack").await;
    find(&app, "#claim-pack-title").await;
    let select = find(&app, "#claim-pack-incident").await;
    assert_eq!(
        select.value().await.unwrap().as_deref(),
        Some(incident.to_string().as_str())
    );
    let pack = save_pdf(&app, "#save-pdf-claim-pack", out.path()).await;
    app.quit().await.unwrap();

    // The core's loss on the same file the app wrote.
    let store = Store::open_in_dir(data.path()).unwrap();
    let loss = store.loss(incident, Utc::now(), &local).unwrap();
    assert!(loss.total.minor() > 0);
    let money = |m: steady_core::costs::Money| m.format(Currency::Eur, Language::En);

    let text = pdf_text(&pack).replace('\n', " ");
    render_pages(&pack, "claim-pack");
    for expected in [
        "Claim pack".to_owned(),
        TICKET.to_owned(),
        "Enedis dépannage".to_owned(),
        "MISSED".to_owned(),
        "1 promised time(s) missed.".to_owned(),
        "Butter".to_owned(),
        "Generator hire".to_owned(),
        money(loss.total),
        money(loss.lost_takings),
        money(loss.staff_cost),
        money(loss.spoiled),
        "Complaint to Enedis dépannage".to_owned(),
        "Subject: notice of loss, policy PC-778812".to_owned(),
        "You may be entitled to €24.00".to_owned(),
    ] {
        assert!(
            text.contains(&expected),
            "the claim pack lacks {expected:?}"
        );
    }
    // The missed promised time is the one given on the call.
    let call = &store.incident(incident, Utc::now()).unwrap().calls[0];
    let eta = call.eta.unwrap().with_timezone(&local(call.eta.unwrap()));
    assert!(
        text.contains(&format!("{} MISSED", eta.format("%H:%M"))),
        "the promised time {} marked as missed",
        eta.format("%H:%M")
    );
}
