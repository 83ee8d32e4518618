//! The computer notices the outage: the real app on a stand-in system bus where
//! python3-dbusmock plays UPower and NetworkManager, and the stand-in notification service on
//! the session bus. The line goes dead → a notification asks (after the settle time, shortened
//! here by `STEADY_SETTLE_SECONDS`) → its button opens the start screen with Internet ticked
//! from when it went → the laptop goes on battery during the outage → asked too, and the
//! battery left shows on the outage → the line comes back → "check … and confirm" leads to the
//! confirm step. Without the system services Steady says so once and works as before; started
//! at login it shows no window until a notification is answered.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::{Local, Utc};
use support::notifications::FakeNotifications;
use support::system_bus::{MockSystemBus, CONNECTIVITY_FULL, CONNECTIVITY_NONE};
use support::{click, find, seed_cafe, snapshot, tick_down, wait_for_text, Driver};
use thirtyfour::prelude::*;

/// Seconds a change must last before Steady asks, in these tests.
const SETTLE: &str = "1";

/// Whether the checkbox of `service` on the start screen is ticked.
async fn ticked(app: &WebDriver, service: &str) -> bool {
    app.find(By::XPath(format!(
        "//label[contains(@class,'down-choice')][.//span[text()='{service}']]//input"
    )))
    .await
    .unwrap()
    .is_selected()
    .await
    .unwrap()
}

/// The minutes a change at some moment in `[before, after]` may be shown at ("10:42").
fn minutes_between(before: chrono::DateTime<Local>, after: chrono::DateTime<Local>) -> [String; 2] {
    [before, after].map(|t| t.format("%H:%M").to_string())
}

/// Steady on a café's plan, watching `system`, once it says it watches both services.
async fn watching_cafe(system: &MockSystemBus, data: &std::path::Path) -> (Driver, WebDriver) {
    drop(seed_cafe(data, Utc::now()));
    let driver = Driver::start_with(
        data,
        &[
            ("DBUS_SYSTEM_BUS_ADDRESS", &system.address),
            ("STEADY_SETTLE_SECONDS", SETTLE),
        ],
    )
    .await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    driver
        .wait_for_output("Steady watches the power (UPower) and the network (NetworkManager)")
        .await;
    (driver, app)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_laptop_notices_the_line_and_the_power_go_and_the_line_come_back() {
    let system = MockSystemBus::start().await;
    let notifications = FakeNotifications::start().await;
    let data = tempfile::tempdir().unwrap();
    let (_driver, app) = watching_cafe(&system, data.path()).await;

    // The line goes dead.
    let before = Local::now();
    system.set_connectivity(CONNECTIVITY_NONE).await;
    let after = Local::now();
    let asked = notifications
        .wait_for("The internet has been unreachable since")
        .await;
    eprintln!("notification on the bus: {asked:?}");
    assert_eq!(asked.app_name, "Steady");
    let at = minutes_between(before, after);
    assert!(
        at.iter()
            .any(|m| asked.summary == format!("The internet has been unreachable since {m}.")),
        "{:?} at {at:?}",
        asked.summary
    );
    assert_eq!(
        asked.body,
        "If it is an outage, start it in Steady: who to call, what to tell customers. Steady starts nothing by itself."
    );
    assert_eq!(
        asked.actions,
        ["default", "Open Steady", "act", "Start an outage"]
    );
    // The window asks too, for desktops whose notifications have no buttons.
    wait_for_text(
        &app,
        ".supply-question[data-supply='internet']",
        "The internet has been unreachable since",
    )
    .await;
    snapshot(&app, "supplies-question").await;

    // Its button opens the start screen ready: Internet ticked, from when it went.
    notifications.press(asked.id, "act").await;
    wait_for_text(&app, "#start-since", "when Steady noticed it").await;
    assert!(ticked(&app, "Internet").await);
    assert!(!ticked(&app, "Power and lighting").await);
    snapshot(&app, "supplies-start").await;
    tick_down(&app, "Card payments").await;
    click(&app, "#start-assess").await;
    wait_for_text(&app, "#incident-title", "Internet").await;

    // The power goes too: asked, though an outage is open (it is about the internet).
    system.set_on_battery(true).await;
    let power = notifications
        .wait_for("Your laptop switched to battery at")
        .await;
    assert!(power.summary.ends_with(": is the power out?"), "{power:?}");
    system.set_time_to_empty(1_500).await;
    wait_for_text(&app, "#battery-line", "On battery: about 25 minutes left.").await;
    wait_for_text(&app, "#battery-low-title", "do these first").await;
    snapshot(&app, "supplies-battery").await;

    // Plugged in again: the unanswered question about the power is out of date, withdrawn
    // from the desktop and from the window; the battery line goes too.
    wait_for_text(&app, ".supply-question", "switched to battery").await;
    system.set_on_battery(false).await;
    notifications.wait_closed(power.id).await;
    support::wait_gone(&app, ".supply-question").await;
    support::wait_gone(&app, "#battery-line").await;

    // The line comes back: check what else was down, and confirm.
    system.set_connectivity(CONNECTIVITY_FULL).await;
    let back = notifications
        .wait_for("The internet seems to be back")
        .await;
    eprintln!("notification on the bus: {back:?}");
    assert_eq!(
        back.summary,
        "The internet seems to be back: check Card payments and confirm"
    );
    assert_eq!(
        back.actions,
        ["default", "Open Steady", "act", "Confirm the fix"]
    );
    notifications.click(back.id).await;
    find(&app, "#step-resolve-title").await;

    // The outage began when the line went, not when it was started.
    app.quit().await.unwrap();
    support::wait_until_no_app_runs().await;
    let store = steady_core::Store::open_in_dir(data.path()).unwrap();
    let open = store.open_incident_id().unwrap().unwrap();
    let started = store.incident(open, Utc::now()).unwrap().started_at;
    assert!(
        started >= before.with_timezone(&Utc) - chrono::Duration::seconds(1)
            && started <= after.with_timezone(&Utc) + chrono::Duration::seconds(1),
        "started at {started}, the line went between {before} and {after}"
    );
    // Each change was asked about once.
    let shown = notifications.shown();
    assert_eq!(shown.len(), 3, "{shown:?}");
}

/// A power cut takes the router down with it: both questions wait in the window side by
/// side, and answering one leaves the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_power_cut_both_questions_wait_in_the_window() {
    let system = MockSystemBus::start().await;
    let notifications = FakeNotifications::start().await;
    let data = tempfile::tempdir().unwrap();
    let (_driver, app) = watching_cafe(&system, data.path()).await;

    system.set_on_battery(true).await;
    system.set_connectivity(CONNECTIVITY_NONE).await;
    notifications
        .wait_for("Your laptop switched to battery at")
        .await;
    notifications
        .wait_for("The internet has been unreachable since")
        .await;
    let power = ".supply-question[data-supply='power']";
    let internet = ".supply-question[data-supply='internet']";
    wait_for_text(&app, power, "is the power out?").await;
    wait_for_text(&app, internet, "The internet has been unreachable since").await;
    snapshot(&app, "supplies-both-questions").await;

    // The power is what went: answered from its line, the internet's stays.
    click(&app, &format!("{power} button.secondary")).await;
    wait_for_text(&app, "#start-since", "when Steady noticed it").await;
    assert!(ticked(&app, "Power and lighting").await);
    assert!(!ticked(&app, "Internet").await);
    support::wait_gone(&app, power).await;
    wait_for_text(&app, internet, "The internet has been unreachable since").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_system_services_steady_says_so_once_and_works_as_before() {
    let data = tempfile::tempdir().unwrap();
    drop(seed_cafe(data.path(), Utc::now()));
    let driver = Driver::start_with(
        data.path(),
        &[(
            "DBUS_SYSTEM_BUS_ADDRESS",
            "unix:path=/nonexistent/steady-test-bus",
        )],
    )
    .await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    driver
        .wait_for_output("Steady does not watch the power or the network: no system bus")
        .await;
    // The outage screens work without it: no battery line, nothing asked.
    click(&app, "#something-down").await;
    tick_down(&app, "Power and lighting").await;
    click(&app, "#start-assess").await;
    wait_for_text(&app, "#incident-title", "Power and lighting").await;
    assert!(app.find(By::Css("#battery-line")).await.is_err());
    assert!(app.find(By::Css(".supply-question")).await.is_err());
    assert_eq!(
        driver
            .output()
            .matches("Steady does not watch the power or the network")
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn started_at_login_it_waits_without_a_window_until_asked() {
    let system = MockSystemBus::start().await;
    let notifications = FakeNotifications::start().await;
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    drop(seed_cafe(data.path(), Utc::now()));
    let config_home = config.path().to_str().unwrap();
    let driver = Driver::start_with(
        data.path(),
        &[
            ("DBUS_SYSTEM_BUS_ADDRESS", &system.address),
            ("STEADY_SETTLE_SECONDS", SETTLE),
            ("XDG_CONFIG_HOME", config_home),
        ],
    )
    .await;

    // The owner asks for it in Settings: an autostart entry that runs this Steady hidden.
    let app = driver.launch_app().await;
    click(&app, "#nav-settings").await;
    click(&app, "#watch-login").await;
    let entry = config.path().join("autostart/steady.desktop");
    support::wait_for_file(&entry).await;
    let text = std::fs::read_to_string(&entry).unwrap();
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_steady")).unwrap();
    assert!(
        text.contains(&format!("Exec=\"{}\" --background\n", binary.display())),
        "{text}"
    );
    app.quit().await.unwrap();

    // At login: no window, but it listens.
    let app = driver.launch_with_args(&["--background"]).await;
    driver
        .wait_for_output("Steady watches the power (UPower) and the network (NetworkManager)")
        .await;
    assert!(
        support::visible_window("^Steady$").is_none(),
        "no window at login"
    );
    system.set_on_battery(true).await;
    let asked = notifications
        .wait_for("Your laptop switched to battery at")
        .await;
    notifications.press(asked.id, "act").await;
    support::wait_for_window("^Steady$").await;
    wait_for_text(&app, "#start-since", "when Steady noticed it").await;
    assert!(ticked(&app, "Power and lighting").await);

    // Unticked, the entry is gone.
    click(&app, "#nav-settings").await;
    click(&app, "#watch-login").await;
    support::wait_for_file_gone(&entry).await;
}

/// NetworkManager restarting (an upgrade does it) leaves the bus for a moment: once it is
/// back, Steady follows the new one, and a line going dead after that is still noticed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_network_manager_restarts_a_dead_line_is_still_noticed() {
    let mut system = MockSystemBus::start().await;
    let notifications = FakeNotifications::start().await;
    let data = tempfile::tempdir().unwrap();
    let (_driver, app) = watching_cafe(&system, data.path()).await;

    system.restart_network_manager().await;
    system.set_connectivity(CONNECTIVITY_NONE).await;
    notifications
        .wait_for("The internet has been unreachable since")
        .await;
    wait_for_text(
        &app,
        ".supply-question[data-supply='internet']",
        "The internet has been unreachable since",
    )
    .await;
    app.quit().await.unwrap();
}
