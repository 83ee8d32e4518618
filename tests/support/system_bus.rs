//! A laptop's system bus without the laptop: a private `dbus-daemon` standing in for the
//! system bus, with python3-dbusmock's UPower and NetworkManager on it. The app is pointed at
//! it with `DBUS_SYSTEM_BUS_ADDRESS`; the test flips the battery and the connectivity as a
//! power cut or a dead line would.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use zbus::{ObjectPath, Variant as Value};

const UPOWER: &str = "org.freedesktop.UPower";
const UPOWER_PATH: &str = "/org/freedesktop/UPower";
const DISPLAY_DEVICE: &str = "/org/freedesktop/UPower/devices/DisplayDevice";
const NETWORK_MANAGER: &str = "org.freedesktop.NetworkManager";
const NETWORK_MANAGER_PATH: &str = "/org/freedesktop/NetworkManager";
const MOCK: &str = "org.freedesktop.DBus.Mock";

/// NetworkManager's connectivity values.
pub const CONNECTIVITY_NONE: u32 = 1;
pub const CONNECTIVITY_FULL: u32 = 4;

pub struct MockSystemBus {
    pub address: String,
    daemon: Child,
    mocks: Vec<Child>,
    bus: zbus::Connection,
}

impl MockSystemBus {
    /// Starts the bus and both services, and waits until both answer.
    pub async fn start() -> Self {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon is installed by make test");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_owned();
        assert!(!address.is_empty(), "dbus-daemon printed no address");
        let mocks = ["upower", "networkmanager"]
            .into_iter()
            .map(|template| mock(template, &address))
            .collect();
        let bus = zbus::connection::Builder::address(address.as_str())
            .build()
            .await
            .unwrap();
        let system = Self {
            address,
            daemon,
            mocks,
            bus,
        };
        system.wait_for_name(UPOWER).await;
        system.wait_for_name(NETWORK_MANAGER).await;
        system
    }

    /// NetworkManager stops and starts again (as after an upgrade), with its state as new.
    pub async fn restart_network_manager(&mut self) {
        let old = &mut self.mocks[1];
        old.kill().unwrap();
        old.wait().unwrap();
        let dbus = zbus::fdo::DBusProxy::new(&self.bus).await.unwrap();
        super::eventually(
            "NetworkManager never left the bus",
            Duration::from_secs(20),
            || async {
                super::when(
                    !dbus
                        .name_has_owner(NETWORK_MANAGER.try_into().unwrap())
                        .await
                        .unwrap_or(true),
                )
            },
        )
        .await;
        self.mocks[1] = mock("networkmanager", &self.address);
        self.wait_for_name(NETWORK_MANAGER).await;
    }

    async fn wait_for_name(&self, name: &str) {
        let dbus = zbus::fdo::DBusProxy::new(&self.bus).await.unwrap();
        super::eventually(
            format!("{name} never came on the bus"),
            Duration::from_secs(20),
            || async {
                super::when(
                    dbus.name_has_owner(name.try_into().unwrap())
                        .await
                        .unwrap_or(false),
                )
            },
        )
        .await;
    }

    /// The laptop is unplugged (true) or plugged in again.
    pub async fn set_on_battery(&self, on: bool) {
        self.bus
            .call_method(
                Some(UPOWER),
                UPOWER_PATH,
                Some("org.freedesktop.DBus.Properties"),
                "Set",
                &(UPOWER, "OnBattery", Value::from(on)),
            )
            .await
            .unwrap();
    }

    /// What UPower estimates the battery lasts.
    pub async fn set_time_to_empty(&self, seconds: i64) {
        let properties = HashMap::from([("TimeToEmpty", Value::from(seconds))]);
        self.bus
            .call_method(
                Some(UPOWER),
                UPOWER_PATH,
                Some(MOCK),
                "SetDeviceProperties",
                &(ObjectPath::try_from(DISPLAY_DEVICE).unwrap(), properties),
            )
            .await
            .unwrap();
    }

    /// NetworkManager's connectivity check result.
    pub async fn set_connectivity(&self, connectivity: u32) {
        self.bus
            .call_method(
                Some(NETWORK_MANAGER),
                NETWORK_MANAGER_PATH,
                Some(MOCK),
                "SetConnectivity",
                &(connectivity),
            )
            .await
            .unwrap();
    }
}

/// One of python3-dbusmock's services on the bus at `address`.
fn mock(template: &str, address: &str) -> Child {
    // Debian's own python, where python3-dbusmock is installed.
    Command::new("/usr/bin/python3")
        .args(["-m", "dbusmock", "--system", "--template", template])
        .env("DBUS_SYSTEM_BUS_ADDRESS", address)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3-dbusmock is installed by make test")
}

impl Drop for MockSystemBus {
    fn drop(&mut self) {
        for child in self.mocks.iter_mut().chain([&mut self.daemon]) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
