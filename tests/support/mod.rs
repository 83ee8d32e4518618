//! Drives the real Steady binary in a real window: `tauri-driver` in front of WebKitWebDriver,
//! under the X display and D-Bus session the test runs in (`make test` provides both).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod notifications;
pub mod system_bus;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

/// A running `tauri-driver`, stopped with everything it started when dropped.
pub struct Driver {
    child: Child,
    port: u16,
    /// Everything the driver and the apps it started wrote to stderr so far.
    output: Arc<Mutex<String>>,
}

/// A local port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

fn tauri_driver_path() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return path.into();
    }
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match in_cargo_home {
        Some(path) if path.exists() => path,
        _ => "tauri-driver".into(),
    }
}

impl Driver {
    /// Starts `tauri-driver` so that every app it opens keeps its data in `data_dir`.
    pub async fn start(data_dir: &Path) -> Self {
        Self::start_with(data_dir, &[]).await
    }

    /// As [`Driver::start`], with extra environment for the app (a GTK theme, a locale).
    pub async fn start_with(data_dir: &Path, env: &[(&str, &str)]) -> Self {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need an X display: run them through `make test` (Xvfb)"
        );
        let port = free_port();
        let native_port = free_port();
        let mut child = Command::new(tauri_driver_path())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("STEADY_DATA_DIR", data_dir)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            // How WebKit paints is Steady's choice unless a test says otherwise.
            .env_remove("WEBKIT_SKIA_ENABLE_CPU_RENDERING")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("could not start tauri-driver: run `make test`, which installs it");
        let output = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                // Still shown, so a failing test explains itself.
                let _ = writeln!(std::io::stderr(), "{line}");
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let driver = Self {
            child,
            port,
            output,
        };
        driver.wait_ready().await;
        driver
    }

    /// tauri-driver opens its port before WebKitWebDriver behind it is ready.
    async fn wait_ready(&self) {
        let client = reqwest::Client::new();
        let url = format!("http://127.0.0.1:{}/status", self.port);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(response) = client.get(&url).send().await {
                if let Ok(status) = response.json::<serde_json::Value>().await {
                    if status["value"]["ready"] == true {
                        return;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "tauri-driver was not ready after 30 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the driver or the app has written `needle` to stderr.
    pub async fn wait_for_output(&self, needle: &str) {
        eventually(
            format!("the app never wrote {needle:?} to stderr"),
            Duration::from_secs(20),
            || async { when(self.output.lock().unwrap().contains(needle)) },
        )
        .await;
    }

    /// Everything the driver and the apps it started wrote to stderr so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Opens the app in a new window and returns the WebDriver session controlling it.
    pub async fn launch_app(&self) -> WebDriver {
        self.launch(Path::new(env!("CARGO_BIN_EXE_steady"))).await
    }

    /// As [`Driver::launch_app`], with command-line arguments (`--background`).
    pub async fn launch_with_args(&self, args: &[&str]) -> WebDriver {
        self.launch_as(Path::new(env!("CARGO_BIN_EXE_steady")), args)
            .await
    }

    /// As [`Driver::launch_app`], through `application` (a wrapper that runs the app).
    pub async fn launch(&self, application: &Path) -> WebDriver {
        self.launch_as(application, &[]).await
    }

    async fn launch_as(&self, application: &Path, args: &[&str]) -> WebDriver {
        wait_until_no_app_runs().await;
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").unwrap();
        caps.set(
            "tauri:options",
            serde_json::json!({ "application": application, "args": args }),
        )
        .unwrap();
        WebDriver::new(format!("http://127.0.0.1:{}", self.port), caps)
            .await
            .expect("could not open the app through tauri-driver")
    }
}

/// Polls `check` every 50 ms until it gives `Some`, for at most `within`; then fails saying
/// what never happened. The one way the tests wait for something the app does.
pub async fn eventually<T, F, Fut>(
    what: impl std::fmt::Display,
    within: Duration,
    mut check: F,
) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(Instant::now() < deadline, "{what} (after {within:?})");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs `script` until it returns a value other than null (the page catching up with a change
/// such as a resize), and gives that value.
pub async fn poll_json<T: serde::de::DeserializeOwned>(app: &WebDriver, script: &str) -> T {
    let value = eventually(
        format!("the page never answered: {script}"),
        Duration::from_secs(10),
        || async {
            let value = app.execute(script, vec![]).await.unwrap().json().clone();
            (!value.is_null()).then_some(value)
        },
    )
    .await;
    serde_json::from_value(value).unwrap()
}

/// Waits for the first-run screen to be ready: the keyboard in the business name, its last
/// step on opening, which scrolls the page back to the top. A click before that can land where
/// a button was (twice in CI, a chooser of that screen never opened).
pub async fn first_run_screen(driver: &WebDriver) {
    find(driver, "#business-name").await;
    eventually(
        "the first-run screen never put the keyboard in the business name",
        Duration::from_secs(20),
        || async {
            let focused = driver
                .execute(
                    "return document.activeElement && document.activeElement.id === 'business-name'",
                    vec![],
                )
                .await
                .ok()?;
            when(focused.json() == &serde_json::Value::Bool(true))
        },
    )
    .await;
}

/// `Some(())` when `done`: for [`eventually`] waits that have nothing to return.
pub fn when(done: bool) -> Option<()> {
    done.then_some(())
}

/// Waits until no Steady started earlier by this test still runs. An app asked to quit takes
/// a moment to leave the session bus, and one launched meanwhile would hand itself over to it
/// (one Steady per data folder) and exit. Tests run one at a time, so any running copy of the
/// binary is this test's. A process is looked for by its name, not by its program: a
/// process that is exiting lets go of its program before it closes its bus connection.
pub async fn wait_until_no_app_runs() {
    let runs = || {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| std::fs::read_to_string(entry.path().join("stat")).ok())
            .any(|stat| {
                // `pid (name) state ...`; a zombie has left the bus, only its exit status waits.
                let Some((name, rest)) = stat
                    .split_once(" (")
                    .and_then(|(_, rest)| rest.rsplit_once(") "))
                else {
                    return false;
                };
                name == "steady" && !rest.starts_with('Z')
            })
    };
    // The session bus lets go of a closed connection's name a moment after the process is
    // gone; until then a new Steady would hand itself over to the name's last owner.
    let named = || {
        Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.ListNames",
            ])
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("\"app.steady.desktop"))
    };
    eventually(
        "an earlier Steady never exited",
        Duration::from_secs(20),
        || async { when(!runs() && !named()) },
    )
    .await;
}

/// The running Steady's `/proc` folder.
fn app_proc() -> PathBuf {
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_steady")).unwrap();
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .find(|entry| std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| exe == binary))
        .expect("Steady is running")
        .path()
}

/// How many sockets the running Steady holds open (the display, WebKit's, the buses').
pub fn app_sockets() -> usize {
    std::fs::read_dir(app_proc().join("fd"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter(|target| target.to_string_lossy().starts_with("socket:"))
        .count()
}

/// The environment of each WebKit web process the running Steady started, one string per
/// process with its `NAME=value` entries on lines of their own.
pub fn web_process_environments() -> Vec<String> {
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_steady")).unwrap();
    // (pid, parent, name, program) of every process.
    let processes: Vec<(u32, u32, String, Option<PathBuf>)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // pid (comm) state ppid …: the name may hold spaces, so read after its ')'.
            let parent = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            let name = std::fs::read_to_string(entry.path().join("comm")).ok()?;
            let program = std::fs::read_link(entry.path().join("exe")).ok();
            Some((pid, parent, name.trim().to_owned(), program))
        })
        .collect();
    let apps: Vec<u32> = processes
        .iter()
        .filter(|(_, _, _, program)| program.as_deref() == Some(binary.as_path()))
        .map(|(pid, ..)| *pid)
        .collect();
    processes
        .iter()
        .filter(|(_, parent, name, _)| apps.contains(parent) && name == "WebKitWebProces")
        .filter_map(|(pid, ..)| std::fs::read(format!("/proc/{pid}/environ")).ok())
        .map(|environ| String::from_utf8_lossy(&environ).replace('\0', "\n"))
        .collect()
}

impl Drop for Driver {
    fn drop(&mut self) {
        // tauri-driver stops WebKitWebDriver on SIGTERM but not on SIGKILL: signal the group.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// The first element matching `css`, waiting for it to appear.
pub async fn find(driver: &WebDriver, css: &str) -> WebElement {
    driver
        .query(By::Css(css))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .unwrap_or_else(|err| panic!("{css} did not appear: {err}"))
}

/// The first element matching `css`, scrolled into view: WebKitWebDriver does not always
/// scroll a long form's fields into view by itself before acting on them.
async fn find_in_view(driver: &WebDriver, css: &str) -> WebElement {
    let element = find(driver, css).await;
    // A drop-down's option has no box of its own to scroll to: its list is.
    let json = element
        .to_json()
        .unwrap_or_else(|err| panic!("could not pass {css} to the page: {err}"));
    driver
        .execute(
            r#"const e = arguments[0];
               (e.closest("select") ?? e).scrollIntoView({block: "center", inline: "center"});"#,
            vec![json],
        )
        .await
        .unwrap_or_else(|err| panic!("could not scroll to {css}: {err}"));
    element
}

/// The rendered text of every element matching `css`, read in one script so that a list the
/// app redraws meanwhile cannot leave the test holding elements that are gone.
pub async fn texts(driver: &WebDriver, css: &str) -> Vec<String> {
    let found = driver
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText.trim())",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap_or_else(|err| panic!("could not read {css}: {err}"));
    found
        .convert()
        .unwrap_or_else(|err| panic!("{css} did not read as texts: {err}"))
}

/// Replaces the text of an input.
pub async fn fill(driver: &WebDriver, css: &str, text: &str) {
    let input = find_in_view(driver, css).await;
    input
        .clear()
        .await
        .unwrap_or_else(|err| panic!("could not clear {css}: {err}"));
    input
        .send_keys(text)
        .await
        .unwrap_or_else(|err| panic!("could not type into {css}: {err}"));
}

/// Clicks the first element matching `css`. A click that lands on something passing over it
/// (a toast fading out, a scroll still settling), or on an element the screen is still moving
/// (a panel above it loading), is tried again until it lands.
pub async fn click(driver: &WebDriver, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let element = find_in_view(driver, css).await;
        match element.click().await {
            Ok(()) => return,
            Err(err)
                if Instant::now() < deadline
                    && ["intercepted", "not interactable"]
                        .iter()
                        .any(|why| err.to_string().contains(why)) =>
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(err) => panic!("could not click {css}: {err}"),
        }
    }
}

/// Saves a screenshot of the window as `NAME.png` in `$STEADY_SCREENSHOTS`, when that is set
/// (`make screenshots`), so people can look at what the tests saw.
pub async fn snapshot(driver: &WebDriver, name: &str) {
    if let Some(dir) = std::env::var_os("STEADY_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        // After a resize or a scroll, WebKit paints on its next frames: wait for two, so the
        // picture is what a person would see, not a half-painted window.
        driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await
            .unwrap();
        driver
            .screenshot(&dir.join(format!("{name}.png")))
            .await
            .unwrap();
    }
}

/// Waits until nothing matches `css` any more.
pub async fn wait_gone(app: &WebDriver, css: &str) {
    eventually(
        format!("{css} never went away"),
        Duration::from_secs(10),
        || async { when(app.find_all(By::Css(css)).await.unwrap().is_empty()) },
    )
    .await;
}

/// Waits until an element matching `css` has text containing `needle`, and returns it.
pub async fn wait_for_text(driver: &WebDriver, css: &str, needle: &str) -> WebElement {
    eventually(
        format!("no {css} ever showed {needle:?}"),
        Duration::from_secs(20),
        || async {
            for element in driver.find_all(By::Css(css)).await.ok()? {
                if element.text().await.is_ok_and(|t| t.contains(needle)) {
                    return Some(element);
                }
            }
            None
        },
    )
    .await
}

/// A data folder set up, before the app opens, as "Corner Café" with the usual café plan,
/// as of `at`; the store stays open for the test to add what it needs.
pub fn seed_cafe(dir: &Path, at: chrono::DateTime<chrono::Utc>) -> steady_core::Store {
    use steady_core::business::{BusinessInput, BusinessType, Language};
    let mut store = steady_core::Store::open_in_dir(dir).unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type: BusinessType::CafeRestaurant,
                language: Language::En,
                country: None,
            },
            at,
        )
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, at)
        .unwrap();
    store
}

/// A café with a backup taken yesterday, then its file damaged in the middle (4 KiB of
/// garbage over one page, as a failing disk does); returns how many contacts it had.
pub fn damaged_cafe(dir: &Path) -> usize {
    use std::io::{Seek, SeekFrom};
    let yesterday = chrono::Utc::now() - chrono::Duration::days(1);
    let store = seed_cafe(dir, yesterday);
    let folder = steady_core::datafolder::DataFolder::new(dir);
    store
        .back_up(
            &folder,
            steady_core::backups::BackupReason::Daily,
            yesterday.fixed_offset(),
        )
        .unwrap();
    let contacts = store.list_contacts(&Default::default()).unwrap().len();
    drop(store);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(folder.database())
        .unwrap();
    file.seek(SeekFrom::Start(4096)).unwrap();
    file.write_all(&[0xA5; 4096]).unwrap();
    contacts
}

/// First run as a café called "Corner Café", starting from the usual plan; returns on the
/// plan screen.
pub async fn set_up_cafe(driver: &WebDriver) {
    fill(driver, "#business-name", "Corner Café").await;
    click(
        driver,
        "input[name='business-type'][value='cafe_restaurant']",
    )
    .await;
    click(driver, "button[type='submit']").await;
    find(driver, "#add-service").await;
}

/// Ticks a service by name on the "What is down?" screen.
pub async fn tick_down(driver: &WebDriver, service: &str) {
    driver
        .query(By::XPath(format!(
            "//label[contains(@class,'down-choice')][.//span[text()='{service}']]//input"
        )))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .unwrap_or_else(|err| panic!("no {service:?} to tick: {err}"))
        .click()
        .await
        .unwrap();
}

/// The X window id of a visible window whose title matches `name` (a regular expression).
pub fn visible_window(name: &str) -> Option<String> {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", name])
        .output()
        .expect("xdotool is installed by make test");
    let ids = String::from_utf8(out.stdout).unwrap();
    ids.split_whitespace()
        .next()
        .filter(|_| out.status.success())
        .map(str::to_owned)
}

/// The X window id of the visible window whose title matches `name` (a regular expression),
/// waiting up to 60 s for it to open.
pub async fn wait_for_window(name: &str) -> String {
    // The first dialog of a session starts its helpers (dconf, the a11y bus) on a machine busy
    // with a fresh build: give it time, as a person would.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(found) = visible_window(name) {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "no window {name:?} opened (after 60 s); the windows shown: {:?}",
            visible_window_names()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The titles of every visible window, for a test that waited for one in vain to say what it
/// saw instead.
fn visible_window_names() -> Vec<String> {
    let Ok(out) = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", ""])
        .output()
    else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|id| {
            let named = Command::new("xdotool")
                .args(["getwindowname", id])
                .output()
                .ok()?;
            let name = String::from_utf8_lossy(&named.stdout).trim().to_owned();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// Waits up to 20 s for every visible window whose title matches `name` to go.
pub async fn wait_for_window_gone(name: &str) {
    eventually(
        format!("the window {name:?} stayed"),
        Duration::from_secs(20),
        || async { when(visible_window(name).is_none()) },
    )
    .await;
}

/// Waits up to 20 s for `path` to exist.
pub async fn wait_for_file(path: &Path) {
    eventually(
        format!("{} never appeared", path.display()),
        Duration::from_secs(20),
        || async { when(path.exists()) },
    )
    .await;
}

/// Waits up to 20 s for `path` to be gone.
pub async fn wait_for_file_gone(path: &Path) {
    eventually(
        format!("{} was never removed", path.display()),
        Duration::from_secs(20),
        || async { when(!path.exists()) },
    )
    .await;
}

/// Answers the system's file chooser titled `title` with `path`, as a person would: select
/// what the name field holds (a save dialog suggests a name), type the path (GTK opens its
/// location field at the first "/"), then Enter.
pub async fn answer_file_chooser(title: &str, path: &Path) {
    let window = wait_for_window(&format!("^{title}$")).await;
    let typed = Command::new("xdotool")
        .args([
            "windowfocus",
            "--sync",
            &window,
            "key",
            "ctrl+a",
            "type",
            "--delay",
            "15",
        ])
        .arg(path)
        .status()
        .unwrap();
    assert!(typed.success());
    // Let the location field take the whole path before it is confirmed.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let confirmed = Command::new("xdotool")
        .args(["windowfocus", "--sync", &window, "key", "Return"])
        .status()
        .unwrap();
    assert!(confirmed.success());
}

/// What every QR code in a PNG holds, as `zbarimg` reads them (one entry per code, its bytes
/// as they are: a vCard keeps its line breaks). `--raw` prints the codes one after the other,
/// each followed by a line break; `--xml` says where each ends: its text, or for a code marked
/// as UTF-8 its length (zbar's own base64 there mangles every byte above 127, so the bytes
/// come from `--raw`).
pub fn qr_codes_in_png(png: &Path) -> Vec<String> {
    let zbar = |format: &str| {
        let out = Command::new("zbarimg")
            .args([format, "-q"])
            .arg(png)
            .output()
            .expect("zbarimg (zbar-tools) is installed by make test");
        out.stdout
    };
    let xml = String::from_utf8(zbar("--xml")).unwrap();
    let raw = zbar("--raw");
    let mut at = 0;
    xml.split("<data")
        .skip(1)
        .map(|data| {
            let (attributes, text) = data.split_once("<![CDATA[").unwrap();
            let length: usize = match attributes.split("length='").nth(1) {
                Some(rest) => rest.split('\'').next().unwrap().parse().unwrap(),
                None => text.split("]]></data>").next().unwrap().len(),
            };
            let code = String::from_utf8(raw[at..at + length].to_vec()).unwrap();
            at += length + 1;
            code
        })
        .collect()
}

/// The text of a PDF as `pdftotext` reads it, with the fonts' ligatures ("ﬂoat") spelled out.
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by make test");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    // The fonts' ligatures come back as single characters ("ﬂoat").
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .replace('ﬀ', "ff")
}
