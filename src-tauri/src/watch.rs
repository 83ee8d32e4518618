//! The power and the network as the computer sees them: UPower and NetworkManager on the
//! system bus. Each change goes to the core's [`Watch`], which says when a question is due;
//! the question is then a native notification (and a line in the window) whose answer opens
//! the start screen ready, or the confirm step. Steady opens no connection for this: it only
//! reads what those services already know. Without a system bus or either service, Steady
//! says so once on stderr and works as before.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::Utc;
use steady_core::business::Language;
use steady_core::watch::{Asked, Battery, Suggestion, Supply, Watch, SETTLE};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::mpsc;

use crate::commands::print::shop_offset;
use crate::first_frame;
use crate::ipc::{emit, BatteryChanged, SupplyAnswered, SupplyAskedEvent, SupplyWithdrawn};
use crate::notifications;
use crate::state::AppState;

/// What the system said last, the watch over it, and the questions on screen.
#[derive(Default)]
pub struct Supplies {
    watch: Mutex<Watch>,
    battery: Mutex<Option<Battery>>,
    asking: Mutex<Vec<(Supply, Arc<notifications::Shown>)>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Supplies {
    /// The battery, when UPower reports one.
    pub fn battery(&self) -> Option<Battery> {
        *lock(&self.battery)
    }

    /// Withdraws the questions about `supply`: it changed again, so they are out of date.
    fn withdraw<R: Runtime>(&self, app: &AppHandle<R>, supply: Supply) {
        let stale: Vec<Arc<notifications::Shown>> = {
            let mut asking = lock(&self.asking);
            let (stale, kept) = asking.drain(..).partition(|(s, _)| *s == supply);
            *asking = kept;
            stale.into_iter().map(|(_, shown)| shown).collect()
        };
        for shown in stale {
            tauri::async_runtime::spawn(async move { notifications::close(&shown).await });
        }
        emit::<SupplyWithdrawn, R>(app, supply);
    }

    fn forget(&self, shown: &Arc<notifications::Shown>) {
        lock(&self.asking).retain(|(_, s)| !Arc::ptr_eq(s, shown));
    }
}

/// One thing the system said.
#[derive(Debug, Clone, Copy)]
enum Reading {
    OnBattery(bool),
    /// Seconds, 0 when unknown.
    TimeToEmpty(i64),
    /// NetworkManager's `Connectivity` (0 unknown, 1 none, 2 portal, 3 limited, 4 full).
    Connectivity(u32),
    /// NetworkManager's `State` (70: connected to the internet).
    NetworkState(u32),
    /// The service left the bus: its readings start afresh when it is back.
    Gone(Supply),
}

/// How long a change must last: [`SETTLE`], or `STEADY_SETTLE_SECONDS` (the end-to-end
/// tests, which would otherwise wait a minute per question).
fn settle() -> Duration {
    std::env::var("STEADY_SETTLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(SETTLE, Duration::from_secs)
}

/// Whether the internet is reachable, from what NetworkManager said last: its connectivity
/// check when it runs one, else its overall state.
fn internet_up(connectivity: Option<u32>, state: Option<u32>) -> Option<bool> {
    const FULL: u32 = 4;
    const CONNECTED_GLOBAL: u32 = 70;
    match (connectivity, state) {
        (Some(c), _) if c != 0 => Some(c == FULL),
        (_, Some(s)) if s != 0 => Some(s >= CONNECTED_GLOBAL),
        _ => None,
    }
}

/// Starts listening, for as long as the app runs.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        first_frame::after(&app).await;
        let (readings, received) = mpsc::unbounded_channel();
        match system::listen(readings).await {
            Ok(watched) => eprintln!("Steady watches {watched}"),
            Err(why) => {
                eprintln!("Steady does not watch the power or the network: {why}");
                return;
            }
        }
        run(app, received).await;
    });
}

async fn run<R: Runtime>(app: AppHandle<R>, mut received: mpsc::UnboundedReceiver<Reading>) {
    let settle = settle();
    let supplies = app.state::<Supplies>();
    let (mut connectivity, mut network_state) = (None, None);
    let (mut on_battery, mut time_to_empty) = (None, 0);
    loop {
        let next = lock(&supplies.watch).next_due(settle);
        let wait = next.map_or(Duration::from_secs(3600), |at| {
            (at - Utc::now()).to_std().unwrap_or(Duration::ZERO)
        });
        tokio::select! {
            reading = received.recv() => {
                let Some(reading) = reading else { return };
                let now = Utc::now();
                let mut watch = lock(&supplies.watch);
                let mut changed = None;
                match reading {
                    Reading::OnBattery(on) => {
                        on_battery = Some(on);
                        if watch.observe(Supply::Power, !on, now) {
                            changed = Some(Supply::Power);
                        }
                    }
                    Reading::TimeToEmpty(seconds) => time_to_empty = seconds,
                    Reading::Connectivity(c) => connectivity = Some(c),
                    Reading::NetworkState(s) => network_state = Some(s),
                    // What the service said last stays what a change is measured from: a
                    // line found dead once NetworkManager is back from a restart is a line
                    // that went dead, whether or not its first word came before ours.
                    Reading::Gone(supply) => {
                        match supply {
                            Supply::Power => on_battery = None,
                            Supply::Internet => (connectivity, network_state) = (None, None),
                        }
                    }
                }
                if matches!(reading, Reading::Connectivity(_) | Reading::NetworkState(_)) {
                    if let Some(up) = internet_up(connectivity, network_state) {
                        if watch.observe(Supply::Internet, up, now) {
                            changed = Some(Supply::Internet);
                        }
                    }
                }
                drop(watch);
                if let Some(supply) = changed {
                    supplies.withdraw(&app, supply);
                }
                let battery = on_battery.map(|on| Battery::from_upower(on, time_to_empty));
                let changed = {
                    let mut shown = lock(&supplies.battery);
                    let changed = *shown != battery;
                    *shown = battery;
                    changed
                };
                if changed {
                    emit::<BatteryChanged, R>(&app, battery);
                }
            }
            () = tokio::time::sleep(wait), if next.is_some() => ask(&app, settle).await,
        }
    }
}

/// Asks what is due: a notification, and a line in the window.
async fn ask<R: Runtime>(app: &AppHandle<R>, settle: Duration) {
    let state = app.state::<AppState>();
    let now = Utc::now();
    let known = state
        .quietly(|store| {
            Ok((
                store.open_outage()?,
                store.business()?.map(|b| (b.language, b.clock)),
            ))
        })
        .await;
    let (open, said) = known.unwrap_or((None, None));
    let due = lock(&app.state::<Supplies>().watch).due(now, settle, open.as_ref());
    // Before the first-run questions there is no plan to start an outage in; and the owner
    // may have asked for no questions at all. Either way each change is let go.
    let Some((language, clock)) = said else {
        return;
    };
    if state.folder.local_settings().watch_supplies == Some(false) {
        return;
    }
    for suggestion in due {
        let offset = shop_offset(now);
        let mut text = suggestion.text(language, clock, offset, open.as_ref());
        let (start, announced) = match suggestion {
            Suggestion::Lost { supply, since } => state
                .quietly(move |store| {
                    Ok((
                        store.start_for(supply, since, language)?,
                        store.announced_for(supply, since)?,
                    ))
                })
                .await
                .map_or((None, None), |(start, announced)| (Some(start), announced)),
            Suggestion::Back { .. } => (None, None),
        };
        if let Some(announced) = &announced {
            text = suggestion.announced_text(&announced.title, language, clock, offset);
        }
        let asked = Asked {
            text,
            suggestion,
            start,
            announced_id: announced.map(|a| a.id),
        };
        emit::<SupplyAskedEvent, R>(app, asked.clone());
        notify(app, asked, language);
    }
}

/// The key of the button that does what the question suggests.
const ACT: &str = "act";

fn notify<R: Runtime>(app: &AppHandle<R>, asked: Asked, language: Language) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        // Clicking the notification itself does the same: some services draw no buttons.
        let actions = [
            (
                notifications::DEFAULT,
                crate::reminders::open_label(language),
            ),
            (ACT, asked.text.action.as_str()),
        ];
        match notifications::show(&asked.text.title, &asked.text.body, &actions, false).await {
            Ok(shown) => {
                let shown = Arc::new(shown);
                let supplies = app.state::<Supplies>();
                lock(&supplies.asking).push((asked.suggestion.supply(), Arc::clone(&shown)));
                // Until answered, closed, or withdrawn when the supply changes again.
                let answered = notifications::clicked(&shown).await.is_some();
                supplies.forget(&shown);
                if answered {
                    crate::show_window(&app);
                    emit::<SupplyAnswered, R>(&app, asked);
                }
            }
            Err(err) => eprintln!(
                "Steady could not ask about the {} ({}): {err}",
                asked.suggestion.supply().as_str(),
                language.as_str()
            ),
        }
    });
}

#[cfg(target_os = "linux")]
mod system {
    use futures_lite::StreamExt;
    use steady_core::watch::Supply;
    use tauri::async_runtime::JoinHandle;
    use tokio::sync::mpsc::UnboundedSender;
    use zbus::{Connection, Proxy};

    use super::Reading;

    const UPOWER: &str = "org.freedesktop.UPower";
    const UPOWER_PATH: &str = "/org/freedesktop/UPower";
    const NETWORK_MANAGER: &str = "org.freedesktop.NetworkManager";
    const NETWORK_MANAGER_PATH: &str = "/org/freedesktop/NetworkManager";

    async fn proxy(
        bus: &Connection,
        name: &'static str,
        path: &'static str,
        interface: &'static str,
    ) -> zbus::Result<Proxy<'static>> {
        Proxy::new_owned(bus.clone(), name, path, interface).await
    }

    /// Sends each value of `property` (the current one first, then every change) as a reading,
    /// until the task is aborted.
    fn forward<T>(
        proxy: Proxy<'static>,
        property: &'static str,
        readings: UnboundedSender<Reading>,
        reading: fn(T) -> Reading,
    ) -> JoinHandle<()>
    where
        T: serde::de::DeserializeOwned + zbus::zvariant::Type + Unpin + Send + Sync + 'static,
    {
        tauri::async_runtime::spawn(async move {
            let mut changes = proxy.receive_property_changed::<T>(property).await;
            while let Some(change) = changes.next().await {
                if let Ok(value) = change.get().await {
                    if readings.send(reading(value)).is_err() {
                        return;
                    }
                }
            }
        })
    }

    /// Reads the service behind `supply` as it is now on the bus: fails when it does not
    /// answer; else the tasks forwarding its values.
    async fn subscribe(
        bus: &Connection,
        supply: Supply,
        readings: &UnboundedSender<Reading>,
    ) -> zbus::Result<Vec<JoinHandle<()>>> {
        match supply {
            Supply::Power => {
                let upower = proxy(bus, UPOWER, UPOWER_PATH, UPOWER).await?;
                upower.get_property::<bool>("OnBattery").await?;
                let mut tasks = vec![forward(
                    upower,
                    "OnBattery",
                    readings.clone(),
                    Reading::OnBattery,
                )];
                let display = proxy(
                    bus,
                    UPOWER,
                    "/org/freedesktop/UPower/devices/DisplayDevice",
                    "org.freedesktop.UPower.Device",
                )
                .await;
                if let Ok(display) = display {
                    tasks.push(forward(
                        display,
                        "TimeToEmpty",
                        readings.clone(),
                        Reading::TimeToEmpty,
                    ));
                }
                Ok(tasks)
            }
            Supply::Internet => {
                let network =
                    proxy(bus, NETWORK_MANAGER, NETWORK_MANAGER_PATH, NETWORK_MANAGER).await?;
                network.get_property::<u32>("State").await?;
                Ok(vec![
                    forward(
                        network.clone(),
                        "Connectivity",
                        readings.clone(),
                        Reading::Connectivity,
                    ),
                    forward(network, "State", readings.clone(), Reading::NetworkState),
                ])
            }
        }
    }

    /// Follows the service behind `supply` for as long as Steady runs, if it answers now:
    /// its values while it is on the bus, [`Reading::Gone`] when it leaves, and the new
    /// one's values when it comes back (NetworkManager restarts after an upgrade; a proxy
    /// keeps listening to the one that left).
    async fn follow(
        bus: &Connection,
        supply: Supply,
        readings: UnboundedSender<Reading>,
    ) -> zbus::Result<()> {
        let (name, path) = match supply {
            Supply::Power => (UPOWER, UPOWER_PATH),
            Supply::Internet => (NETWORK_MANAGER, NETWORK_MANAGER_PATH),
        };
        // Listening for owners before reading, so a departure in between is not missed.
        let mut owners = proxy(bus, name, path, name)
            .await?
            .receive_owner_changed()
            .await?;
        let mut tasks = subscribe(bus, supply, &readings).await?;
        let bus = bus.clone();
        tauri::async_runtime::spawn(async move {
            while let Some(owner) = owners.next().await {
                for task in tasks.drain(..) {
                    task.abort();
                }
                if owner.is_none() {
                    if readings.send(Reading::Gone(supply)).is_err() {
                        return;
                    }
                    continue;
                }
                match subscribe(&bus, supply, &readings).await {
                    Ok(again) => tasks = again,
                    Err(err) => {
                        eprintln!("Steady could not follow {name} back on the system bus: {err}")
                    }
                }
            }
        });
        Ok(())
    }

    /// Subscribes to UPower and NetworkManager; says what it watches, or why nothing.
    pub async fn listen(readings: UnboundedSender<Reading>) -> Result<String, String> {
        let bus = Connection::system()
            .await
            .map_err(|err| format!("no system bus ({err})"))?;
        let mut watched = Vec::new();
        if follow(&bus, Supply::Power, readings.clone()).await.is_ok() {
            watched.push("the power (UPower)");
        }
        if follow(&bus, Supply::Internet, readings).await.is_ok() {
            watched.push("the network (NetworkManager)");
        }
        if watched.is_empty() {
            Err("neither UPower nor NetworkManager answers on the system bus".into())
        } else {
            Ok(watched.join(" and "))
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod system {
    use tokio::sync::mpsc::UnboundedSender;

    use super::Reading;

    pub async fn listen(_readings: UnboundedSender<Reading>) -> Result<String, String> {
        Err("only built for Linux so far".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_internet_is_up_by_the_connectivity_check_else_by_the_state() {
        assert_eq!(internet_up(Some(4), Some(20)), Some(true));
        for limited in [1, 2, 3] {
            assert_eq!(internet_up(Some(limited), Some(70)), Some(false));
        }
        // No connectivity check configured: the state says.
        assert_eq!(internet_up(Some(0), Some(70)), Some(true));
        assert_eq!(internet_up(None, Some(60)), Some(false), "site only");
        assert_eq!(internet_up(Some(0), Some(0)), None);
        assert_eq!(internet_up(None, None), None);
    }
}
