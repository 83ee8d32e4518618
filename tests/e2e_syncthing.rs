//! Two computers, one plan, carried by what the owner already runs: two real Syncthing
//! instances (Debian's `syncthing`, on loopback only: no discovery, no relays, no NAT) sync the
//! shop's folder and the laptop's. The shop is the real app in a window; the laptop is
//! Steady's core in this test process with a data folder of its own. An edit on the laptop
//! appears in the window; both edit before they sync, and both end with both edits; the
//! laptop's Syncthing stopped, both edit alone, and once it is started again both converge.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use steady_core::contacts::{ContactDetails, ContactKind};
use steady_core::sync::folder::SyncFolder;
use steady_core::sync::SharedPlan;
use steady_core::Store;
use support::{
    answer_file_chooser, click, eventually, fill, free_port, seed_cafe, snapshot, wait_for_text,
    when, Driver,
};
use thirtyfour::By;

/// One Syncthing instance: its own home, listening on loopback only.
struct Syncthing {
    home: tempfile::TempDir,
    id: String,
    port: u16,
    child: Option<Child>,
}

impl Syncthing {
    fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        let generated = Command::new("syncthing")
            .arg("generate")
            .arg(format!("--home={}", home.path().display()))
            .arg("--no-default-folder")
            .stdout(Stdio::null())
            .status()
            .expect("syncthing is installed by make test");
        assert!(generated.success());
        let out = Command::new("syncthing")
            .arg(format!("--home={}", home.path().display()))
            .arg("--device-id")
            .output()
            .unwrap();
        let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        Self {
            home,
            id,
            port: free_port(),
            child: None,
        }
    }

    /// Shares `folder` with `other` (which shares its own with this one), nothing beyond
    /// 127.0.0.1.
    fn share(&self, folder: &Path, other: &Syncthing) {
        std::fs::create_dir_all(folder.join(".stfolder")).unwrap();
        let path = self.home.path().join("config.xml");
        let mut config = std::fs::read_to_string(&path).unwrap();
        for (from, to) in [
            (
                "<listenAddress>default</listenAddress>",
                format!(
                    "<listenAddress>tcp://127.0.0.1:{}</listenAddress>",
                    self.port
                ),
            ),
            (
                "<globalAnnounceEnabled>true</globalAnnounceEnabled>",
                "<globalAnnounceEnabled>false</globalAnnounceEnabled>".into(),
            ),
            (
                "<localAnnounceEnabled>true</localAnnounceEnabled>",
                "<localAnnounceEnabled>false</localAnnounceEnabled>".into(),
            ),
            (
                "<relaysEnabled>true</relaysEnabled>",
                "<relaysEnabled>false</relaysEnabled>".into(),
            ),
            (
                "<natEnabled>true</natEnabled>",
                "<natEnabled>false</natEnabled>".into(),
            ),
            (
                "<startBrowser>true</startBrowser>",
                "<startBrowser>false</startBrowser>".into(),
            ),
            (
                "<crashReportingEnabled>true</crashReportingEnabled>",
                "<crashReportingEnabled>false</crashReportingEnabled>".into(),
            ),
            (
                "<urAccepted>0</urAccepted>",
                "<urAccepted>-1</urAccepted>".into(),
            ),
            (
                "<autoUpgradeIntervalH>12</autoUpgradeIntervalH>",
                "<autoUpgradeIntervalH>0</autoUpgradeIntervalH>".into(),
            ),
            // Dial the other again every second (not every minute) once it is back.
            (
                "<reconnectionIntervalS>60</reconnectionIntervalS>",
                "<reconnectionIntervalS>1</reconnectionIntervalS>".into(),
            ),
            (
                "<address>127.0.0.1:8384</address>",
                format!("<address>127.0.0.1:{}</address>", free_port()),
            ),
        ] {
            assert!(config.contains(from), "syncthing's config has no {from}");
            config = config.replacen(from, &to, 1);
        }
        // The folder is watched, and rescanned every 10 s too, should a change slip past the
        // watcher while Syncthing was stopped.
        let first_device_end = config.find("</device>").unwrap() + "</device>".len();
        let added = format!(
            r#"
    <device id="{other}" name="other" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:{port}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <folder id="steady-shop" label="Shop" path="{path}" type="sendreceive" rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <device id="{me}" introducedBy=""></device>
        <device id="{other}" introducedBy=""></device>
    </folder>"#,
            other = other.id,
            port = other.port,
            path = folder.display(),
            me = self.id,
        );
        config.insert_str(first_device_end, &added);
        std::fs::write(&path, config).unwrap();
    }

    fn start(&mut self) {
        let child = Command::new("syncthing")
            .arg("serve")
            .arg(format!("--home={}", self.home.path().display()))
            .args(["--no-browser", "--no-restart"])
            .env("STNOUPGRADE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The laptop: Steady's core with its own data folder, sharing through its own copy of the
/// folder.
struct Laptop {
    dir: tempfile::TempDir,
    store: Store,
    plan: SharedPlan,
    folder: SyncFolder,
}

impl Laptop {
    fn sync(&mut self) {
        self.plan
            .cycle(&mut self.store, self.dir.path(), &self.folder, Utc::now())
            .unwrap();
    }

    fn contact(&self, name: &str) -> Option<ContactDetails> {
        self.store
            .list_contacts(&Default::default())
            .unwrap()
            .into_iter()
            .find(|c| c.details.organisation == name)
            .map(|c| c.details)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_syncthings_carry_the_plan_both_ways_and_converge_when_both_edit() {
    let shop_side = tempfile::tempdir().unwrap();
    let laptop_side = tempfile::tempdir().unwrap();
    let shop_folder: PathBuf = shop_side.path().join("Shop");
    let laptop_folder: PathBuf = laptop_side.path().join("Shop");
    let mut shop_st = Syncthing::new();
    let mut laptop_st = Syncthing::new();
    shop_st.share(&shop_folder, &laptop_st);
    laptop_st.share(&laptop_folder, &shop_st);
    shop_st.start();
    laptop_st.start();
    // The plan's own folder inside the synced one (as an owner makes it beside their files).
    let shop_plan = shop_folder.join("Plan");
    let laptop_plan = laptop_folder.join("Plan");
    std::fs::create_dir_all(&shop_plan).unwrap();
    std::fs::create_dir_all(&laptop_plan).unwrap();

    let data = tempfile::tempdir().unwrap();
    {
        let mut store = seed_cafe(data.path(), Utc::now());
        store
            .create_contact(
                &ContactDetails {
                    organisation: "Fibre Net".into(),
                    account_number: "FN-1".into(),
                    ..ContactDetails::new(ContactKind::InternetProvider)
                },
                Utc::now(),
            )
            .unwrap();
    }
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    click(&app, "#nav-settings").await;
    click(&app, "#choose-sharing-folder").await;
    answer_file_chooser("Choose the folder to share the plan through", &shop_plan).await;
    wait_for_text(&app, "#sharing-tool", "Syncthing syncs this folder.").await;

    // Syncthing carries the shop's plan to the laptop.
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = Laptop {
        store: Store::open_in_dir(dir.path()).unwrap(),
        plan: SharedPlan::open(dir.path()).unwrap(),
        folder: SyncFolder::new(&laptop_plan, "laptop"),
        dir,
    };
    laptop.folder.write_about("Ana's laptop").unwrap();
    eventually(
        "Syncthing never carried the shop's plan to the laptop",
        Duration::from_secs(120),
        || {
            laptop.sync();
            let there = laptop.contact("Fibre Net").is_some();
            async move { when(there) }
        },
    )
    .await;

    // An edit on the laptop reaches the window through Syncthing.
    click(&app, "#nav-contacts").await;
    let edit = |laptop: &mut Laptop, change: &dyn Fn(&mut ContactDetails)| {
        let contact = laptop
            .store
            .list_contacts(&Default::default())
            .unwrap()
            .into_iter()
            .find(|c| c.details.organisation == "Fibre Net")
            .unwrap();
        let mut details = contact.details;
        change(&mut details);
        laptop
            .store
            .update_contact(contact.id, &details, Utc::now())
            .unwrap();
    };
    edit(&mut laptop, &|d| d.account_number = "FN-2".into());
    laptop.sync();
    eventually(
        "the laptop's edit never reached the window",
        Duration::from_secs(120),
        || async {
            let cards = app.find_all(By::Css("article.contact")).await.ok()?;
            for card in cards {
                if card.text().await.is_ok_and(|t| t.contains("FN-2")) {
                    return Some(());
                }
            }
            None
        },
    )
    .await;

    // Both edit, each a different field, before either has the other's.
    edit(&mut laptop, &|d| d.customer_id = "C-LAPTOP".into());
    laptop.sync();
    app.find(By::XPath(
        "//article[contains(@class,'contact')][.//h3[text()='Fibre Net']]//button[@aria-label='Edit Fibre Net']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    fill(&app, "#contact-notes", "Ask for Marc").await;
    click(&app, "button[type='submit']").await;
    wait_for_text(&app, "article.contact", "Ask for Marc").await;

    // Both end with both edits.
    eventually(
        "the window's edit never reached the laptop",
        Duration::from_secs(120),
        || {
            laptop.sync();
            let both = laptop
                .contact("Fibre Net")
                .is_some_and(|c| c.notes == "Ask for Marc" && c.customer_id == "C-LAPTOP");
            async move { when(both) }
        },
    )
    .await;
    eventually(
        "the laptop's edit never reached the window",
        Duration::from_secs(120),
        || async {
            let cards = app.find_all(By::Css("article.contact")).await.ok()?;
            for card in cards {
                if card.text().await.is_ok_and(|t| t.contains("C-LAPTOP")) {
                    return Some(());
                }
            }
            None
        },
    )
    .await;
    snapshot(&app, "syncthing-converged").await;

    // The laptop's Syncthing stops (the laptop is closed, or off the network): both edit
    // meanwhile, each alone. It starts again, and both end with both edits.
    laptop_st.stop();
    edit(&mut laptop, &|d| d.customer_id = "C-AWAY".into());
    laptop.sync();
    app.find(By::XPath(
        "//article[contains(@class,'contact')][.//h3[text()='Fibre Net']]//button[@aria-label='Edit Fibre Net']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    fill(&app, "#contact-notes", "Ask for Marc, not Paul").await;
    click(&app, "button[type='submit']").await;
    wait_for_text(&app, "article.contact", "Ask for Marc, not Paul").await;
    laptop_st.start();
    eventually(
        "the window's edit never reached the laptop once its Syncthing was back",
        Duration::from_secs(240),
        || {
            laptop.sync();
            let both = laptop
                .contact("Fibre Net")
                .is_some_and(|c| c.notes == "Ask for Marc, not Paul" && c.customer_id == "C-AWAY");
            async move { when(both) }
        },
    )
    .await;
    eventually(
        "the laptop's edit never reached the window once its Syncthing was back",
        Duration::from_secs(240),
        || async {
            let cards = app.find_all(By::Css("article.contact")).await.ok()?;
            for card in cards {
                if card.text().await.is_ok_and(|t| t.contains("C-AWAY")) {
                    return Some(());
                }
            }
            None
        },
    )
    .await;
}
