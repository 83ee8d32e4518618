//! Display safe mode and the command line, as the owner meets them. A window that never says
//! it drew itself (a debug build's `STEADY_TEST_NEVER_READY` plays the blank window of a bad
//! graphics driver) starts Steady again, once, with WebKit's DMA-BUF renderer and compositing
//! off, and that is remembered for this computer; Settings says so and its switch turns it off.
//! `--outage` opens on the start screen, first launch or second.
//!
//! The restart replaces the process under WebKit's WebDriver, which loses its session, so it
//! is watched from outside: the binary started directly under the test's display, its stderr
//! and its data folder read until what is expected shows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use steady_core::datafolder::DataFolder;
use support::{
    click, eventually, find, seed_cafe, snapshot, wait_for_text, wait_until_no_app_runs,
    web_process_environments, when, Driver,
};

/// Steady started directly (no WebDriver), killed with what it started when dropped.
struct Direct {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Direct {
    async fn start(data: &Path, env: &[(&str, &str)]) -> Self {
        Self::start_with(data, env, &[]).await
    }

    async fn start_with(data: &Path, env: &[(&str, &str)], args: &[&str]) -> Self {
        wait_until_no_app_runs().await;
        let mut child = Command::new(env!("CARGO_BIN_EXE_steady"))
            .args(args)
            .env("STEADY_DATA_DIR", data)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
            .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                eprintln!("{line}");
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        Self { child, stderr }
    }

    fn said(&self, needle: &str) -> usize {
        self.stderr.lock().unwrap().matches(needle).count()
    }

    async fn wait_for(&self, needle: &str) {
        eventually(
            format!("Steady never said {needle:?}"),
            Duration::from_secs(40),
            || async { when(self.said(needle) > 0) },
        )
        .await;
    }

    /// The environment this process image was started with.
    fn environment(&self) -> String {
        let environ = std::fs::read(format!("/proc/{}/environ", self.child.id())).unwrap();
        String::from_utf8_lossy(&environ).replace('\0', "\n")
    }
}

impl Drop for Direct {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

const RESTARTING: &str = "did not say it was ready within 8 s: starting again in display safe mode";
const NOT_AGAIN: &str = "in display safe mode already: it is not started again";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_that_never_draws_restarts_once_in_safe_mode_and_remembers_it() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe(data.path(), Utc::now());
    let folder = DataFolder::new(data.path());
    assert_eq!(folder.local_settings().safe_display, None);

    let app = Direct::start(data.path(), &[("STEADY_TEST_NEVER_READY", "1")]).await;
    app.wait_for(RESTARTING).await;
    eventually(
        "display safe mode was never remembered",
        Duration::from_secs(10),
        || async { when(folder.local_settings().safe_display == Some(true)) },
    )
    .await;
    // The same process, started again with WebKit's renderer off and the restart's mark.
    app.wait_for("Steady draws its window in display safe mode")
        .await;
    let environment = app.environment();
    for set in [
        "WEBKIT_DISABLE_DMABUF_RENDERER=1",
        "WEBKIT_DISABLE_COMPOSITING_MODE=1",
        "STEADY_SAFE_DISPLAY_RESTARTED=1",
    ] {
        assert!(
            environment.lines().any(|l| l == set),
            "{set}: {environment}"
        );
    }
    // Still blank: there is nothing else to try, and it never restarts again.
    app.wait_for(NOT_AGAIN).await;
    assert_eq!(app.said(RESTARTING), 1);
    assert!(app.child.id() > 0 && Path::new(&format!("/proc/{}", app.child.id())).exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_started_at_login_is_judged_once_shown_and_comes_back_shown() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe(data.path(), Utc::now());
    let folder = DataFolder::new(data.path());
    let app = Direct::start_with(
        data.path(),
        &[("STEADY_TEST_NEVER_READY", "1")],
        &["--background"],
    )
    .await;
    // Running (its watch of the power has begun, after its name on the session bus was
    // taken) but hidden, it is not judged: nothing happens until the owner opens it.
    eventually(
        "the Steady started at login never got going",
        Duration::from_secs(40),
        || async { when(app.said("Steady watches") + app.said("Steady does not watch") > 0) },
    )
    .await;
    assert_eq!(app.said(RESTARTING), 0);
    // Opened from the launcher: a second Steady brings the hidden window forward.
    let mut second = Command::new(env!("CARGO_BIN_EXE_steady"))
        .env("STEADY_DATA_DIR", data.path())
        .env("STEADY_TEST_NEVER_READY", "1")
        .spawn()
        .unwrap();
    eventually(
        "the second Steady kept running",
        Duration::from_secs(30),
        || {
            let exited = second.try_wait().unwrap();
            async move { exited }
        },
    )
    .await;
    app.wait_for("bringing its window forward").await;
    app.wait_for(RESTARTING).await;
    eventually(
        "display safe mode was never remembered",
        Duration::from_secs(10),
        || async { when(folder.local_settings().safe_display == Some(true)) },
    )
    .await;
    // Started again shown, not in the background: the owner was looking at it.
    app.wait_for("Steady draws its window in display safe mode")
        .await;
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", app.child.id())).unwrap();
    let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
    assert!(!cmdline.contains("--background"), "{cmdline}");
    assert_eq!(app.said(RESTARTING), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_that_draws_itself_keeps_the_normal_display() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe(data.path(), Utc::now());
    let app = Direct::start(data.path(), &[]).await;
    app.wait_for("Steady's window drew itself").await;
    assert_eq!(app.said("display safe mode"), 0);
    assert_eq!(
        DataFolder::new(data.path()).local_settings().safe_display,
        None
    );
    assert!(!app.environment().contains("WEBKIT_DISABLE_DMABUF_RENDERER"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_say_safe_mode_is_on_and_its_switch_turns_it_off() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe(data.path(), Utc::now());
    let folder = DataFolder::new(data.path());
    folder.remember_safe_display(true).unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    // WebKit was told before it started: its web process has the renderer off.
    let environments = web_process_environments();
    assert!(!environments.is_empty());
    for environment in &environments {
        assert!(
            environment.contains("WEBKIT_DISABLE_DMABUF_RENDERER=1\n"),
            "{environment}"
        );
    }

    click(&app, "#nav-settings").await;
    wait_for_text(&app, "#display-state", "display safe mode on this computer").await;
    find(&app, "#display-panel")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    snapshot(&app, "settings-safe-display").await;
    let normal = find(&app, "#display-normal").await;
    assert!(!normal.is_selected().await.unwrap());
    click(&app, "#display-normal").await;
    wait_for_text(&app, "#display-state", "normal display next time").await;
    snapshot(&app, "settings-safe-display-off").await;
    eventually(
        "display safe mode was never turned off",
        Duration::from_secs(10),
        || async { when(folder.local_settings().safe_display.is_none()) },
    )
    .await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outage_opens_on_the_start_screen_first_launch_or_second() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe(data.path(), Utc::now());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_with_args(&["--outage"]).await;
    find(&app, "#start-title").await;
    snapshot(&app, "outage-first-launch").await;

    // Elsewhere, then launched again from the launcher's "Something's down".
    click(&app, "#nav-contacts").await;
    find(&app, "#add-contact").await;
    let mut second = Command::new(env!("CARGO_BIN_EXE_steady"))
        .env("STEADY_DATA_DIR", data.path())
        .arg("--outage")
        .spawn()
        .unwrap();
    let status = eventually(
        "the second Steady kept running",
        Duration::from_secs(30),
        || {
            let exited = second.try_wait().unwrap();
            async move { exited }
        },
    )
    .await;
    assert!(status.success(), "{status}");
    find(&app, "#start-title").await;
    app.quit().await.unwrap();
}

#[test]
fn help_version_and_a_mistake_answer_without_a_display() {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str], lang: &str| {
        Command::new(env!("CARGO_BIN_EXE_steady"))
            .args(args)
            .env("STEADY_DATA_DIR", data.path())
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };
    let help = run(&["--help"], "C.UTF-8");
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(text.starts_with("Steady: "), "{text}");
    assert!(text.contains("--outage") && text.contains("--safe-display"));
    assert!(text.contains(&data.path().display().to_string()), "{text}");

    let aide = run(&["-h"], "fr_FR.UTF-8");
    assert!(String::from_utf8(aide.stdout)
        .unwrap()
        .contains("Utilisation : steady"));

    let version = run(&["-V"], "C.UTF-8");
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(version.stdout).unwrap(),
        format!("steady {}\n", env!("CARGO_PKG_VERSION"))
    );

    let mistake = run(&["--frobnicate"], "C.UTF-8");
    assert_eq!(mistake.status.code(), Some(2));
    assert!(mistake.stdout.is_empty());
    let said = String::from_utf8(mistake.stderr).unwrap();
    assert!(said.contains("unknown option --frobnicate") && said.contains("steady --help"));
    // Nothing was made in the data folder: nothing started.
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
}
