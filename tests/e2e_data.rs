//! Nothing lost, end to end in the real window: a damaged data file opens on its own screen and
//! the newest backup brings the plan back; Settings backs up and restores; contacts come in
//! from a phone's vCard through the system file chooser (a bad file changes nothing); and a
//! second launch brings the first window forward instead of opening the file twice; years of
//! history open a page at a time; and a plan inside a synced folder is warned of.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use chrono::Utc;
use steady_core::backups::BackupReason;
use steady_core::contacts::{ContactDetails, ContactKind};
use steady_core::datafolder::DataFolder;
use steady_core::fixture::{self, Scale};
use steady_core::Store;
use support::{
    answer_file_chooser, click, damaged_cafe, eventually, fill, find, first_run_screen, poll_json,
    seed_cafe, snapshot, wait_for_text, when, Driver,
};
use thirtyfour::By;

fn count_contacts(dir: &Path) -> usize {
    Store::open_in_dir(dir)
        .unwrap()
        .list_contacts(&Default::default())
        .unwrap()
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_file_is_named_and_the_newest_backup_brings_the_plan_back() {
    let data = tempfile::tempdir().unwrap();
    let contacts = damaged_cafe(data.path());
    let damaged = std::fs::read(data.path().join("steady.sqlite3")).unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;

    wait_for_text(&app, "#problem-title", "Your data file is damaged").await;
    let newest = find(&app, ".newest").await.text().await.unwrap();
    assert!(
        newest.contains("services") && newest.contains(&format!("{contacts} contacts")),
        "{newest}"
    );
    snapshot(&app, "data-damaged").await;
    // Nothing was written to the refused file.
    assert_eq!(
        std::fs::read(data.path().join("steady.sqlite3")).unwrap(),
        damaged
    );

    click(&app, "#restore-newest").await;
    find(&app, "#home-title").await;
    wait_for_text(&app, ".business", "Corner Café").await;
    wait_for_text(&app, ".toast", "Your plan is back").await;
    snapshot(&app, "data-restored").await;
    app.quit().await.unwrap();

    let kept: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| {
            name.starts_with("steady.sqlite3.damaged-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside: {kept:?}");
    assert_eq!(
        std::fs::read(data.path().join(&kept[0])).unwrap(),
        damaged,
        "kept as it was"
    );
    assert!(DataFolder::new(data.path()).check().is_ok());
    assert_eq!(count_contacts(data.path()), contacts);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_backs_up_now_and_restores_a_backup_after_saying_what_it_replaces() {
    let data = tempfile::tempdir().unwrap();
    let contacts = {
        let store = seed_cafe(data.path(), Utc::now());
        store.list_contacts(&Default::default()).unwrap().len()
    };
    // Left readable by others (as an older Steady made them): narrowed when Steady starts.
    set_mode(data.path(), 0o755);
    set_mode(&data.path().join("steady.sqlite3"), 0o644);
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    click(&app, "#nav-settings").await;
    click(&app, "#back-up-now").await;
    wait_for_text(&app, ".toast", "Backed up").await;
    wait_for_text(&app, ".backup-list", "By you").await;

    // A change after the backup, made while the window is open.
    {
        let mut store = Store::open_in_dir(data.path()).unwrap();
        let mut added = ContactDetails::new(ContactKind::Other);
        added.organisation = "Added after the backup".into();
        store.create_contact(&added, Utc::now()).unwrap();
    }
    assert_eq!(count_contacts(data.path()), contacts + 1);

    // The newest backup is the one just taken (the daily one may be there too).
    click(&app, ".backup-list .restore-backup").await;
    let question = find(&app, ".backup-list .confirm")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        question.contains("replaces your whole plan")
            && question.contains(&format!("{contacts} contacts")),
        "{question}"
    );
    snapshot(&app, "settings-backups").await;
    click(&app, "#confirm-restore").await;
    wait_for_text(&app, ".toast", "The backup is restored").await;
    find(&app, "#home-title").await;
    app.quit().await.unwrap();

    assert_eq!(count_contacts(data.path()), contacts);
    let reasons: Vec<BackupReason> = DataFolder::new(data.path())
        .list_backups()
        .into_iter()
        .map(|b| b.reason)
        .collect();
    assert!(
        reasons.contains(&BackupReason::BeforeRestore),
        "what was replaced is kept: {reasons:?}"
    );
    // The owner's alone: the folder, the data file and every backup.
    assert_eq!(mode(data.path()), 0o700);
    let mut files = vec![data.path().join("steady.sqlite3")];
    files.extend(
        std::fs::read_dir(data.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    let modes: Vec<(String, u32)> = files
        .iter()
        .map(|f| (f.display().to_string(), mode(f)))
        .collect();
    assert!(modes.iter().all(|(_, m)| *m == 0o600), "{modes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_inside_a_synced_folder_is_warned_of_on_home_and_in_backups() {
    // A folder Syncthing carries (its mark at the top), the data folder deep inside.
    let synced = tempfile::tempdir().unwrap();
    std::fs::create_dir(synced.path().join(".stfolder")).unwrap();
    let data = synced.path().join("Shop").join("steady");
    std::fs::create_dir_all(&data).unwrap();
    seed_cafe(&data, Utc::now());
    let driver = Driver::start(&data).await;
    let app = driver.launch_app().await;

    wait_for_text(&app, "#home-synced", "a folder Syncthing syncs").await;
    snapshot(&app, "home-synced").await;
    click(&app, "#home-go-backups").await;
    let folder = std::fs::canonicalize(synced.path()).unwrap();
    wait_for_text(
        &app,
        "#data-synced",
        &format!("inside {}, which Syncthing syncs", folder.display()),
    )
    .await;
    wait_for_text(
        &app,
        "#data-synced",
        "Exclude the data folder from Syncthing",
    )
    .await;
    // Settings opened at the backups, and they stay at the top while the panels above them
    // are read.
    eventually(
        "Settings did not open at the backups",
        Duration::from_secs(10),
        || async {
            let top = app
                .execute(
                    "return document.getElementById('backups').getBoundingClientRect().top;",
                    vec![],
                )
                .await
                .ok()?
                .json()
                .as_f64()?;
            when((0.0..80.0).contains(&top))
        },
    )
    .await;
    snapshot(&app, "data-synced").await;
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_launch_brings_the_first_window_forward_and_exits() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe(data.path(), Utc::now());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;

    let mut second = Command::new(env!("CARGO_BIN_EXE_steady"))
        .env("STEADY_DATA_DIR", data.path())
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
    driver
        .wait_for_output("Steady is already open: bringing its window forward")
        .await;
    // The first one is still there and working.
    click(&app, "#nav-contacts").await;
    find(&app, "#add-contact").await;
    app.quit().await.unwrap();
}

/// A phone's export: vCard 2.1 with quoted-printable names, as Android writes it.
const PHONE_EXPORT: &str = "BEGIN:VCARD\r\nVERSION:2.1\r\n\
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;Am=C3=A9lie;;;\r\n\
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Am=C3=A9lie Lef=C3=A8vre\r\n\
TEL;CELL:+33 6 12 34 56 78\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Plomberie Martin\r\nORG:Plomberie Martin;\r\n\
TEL;TYPE=WORK:04 72 00 00 00\r\nEND:VCARD\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contacts_come_in_from_a_phone_file_and_a_bad_file_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let contacts = {
        let store = seed_cafe(data.path(), Utc::now());
        store.list_contacts(&Default::default()).unwrap().len()
    };
    let bad = files.path().join("bad.vcf");
    std::fs::write(
        &bad,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nTEL:01 02 03 04 05\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\nEMAIL:call me maybe\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let good = files.path().join("phone.vcf");
    std::fs::write(&good, PHONE_EXPORT).unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    click(&app, "#nav-contacts").await;

    click(&app, "#import-contacts").await;
    answer_file_chooser("Choose a vCard file from a phone or mail program", &bad).await;
    let refused = wait_for_text(&app, "#import-contacts-problem", "Line 9").await;
    let refused = refused.text().await.unwrap();
    assert!(
        refused.contains("email of “Bad”") && refused.contains("Nothing was imported"),
        "{refused}"
    );
    snapshot(&app, "contacts-import-refused").await;
    assert_eq!(count_contacts(data.path()), contacts, "nothing written");

    click(&app, "#import-contacts").await;
    answer_file_chooser("Choose a vCard file from a phone or mail program", &good).await;
    wait_for_text(&app, "#contacts-preview-summary", "2 new contacts").await;
    snapshot(&app, "contacts-import-preview").await;
    assert_eq!(
        count_contacts(data.path()),
        contacts,
        "a preview writes nothing"
    );
    click(&app, "#import-contacts-now").await;
    wait_for_text(&app, ".toast", "2 contacts added").await;
    wait_for_text(&app, ".cards", "Amélie Lefèvre").await;
    app.quit().await.unwrap();

    let store = Store::open_in_dir(data.path()).unwrap();
    let all = store.list_contacts(&Default::default()).unwrap();
    assert_eq!(all.len(), contacts + 2);
    let amelie = all
        .iter()
        .find(|c| c.details.person == "Amélie Lefèvre")
        .unwrap();
    assert_eq!(amelie.details.phones[0].number, "+33 6 12 34 56 78");
    assert_eq!(amelie.details.phones[0].label, "Mobile");
}

/// The tables of the plan in `dir`, as the export writes them.
fn tables(dir: &Path) -> serde_json::Value {
    let json = Store::open_in_dir(dir)
        .unwrap()
        .export_plan(Utc::now())
        .unwrap();
    serde_json::from_str::<serde_json::Value>(&json).unwrap()["tables"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_exported_here_is_imported_on_a_new_computer_table_for_table() {
    let shop = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    // A long name, as people give them: the toast saying where it went wraps.
    let exported = files
        .path()
        .join("corner-cafe-whole-plan-for-the-computer-at-home-december.json");
    seed_cafe(shop.path(), Utc::now());
    {
        let driver = Driver::start(shop.path()).await;
        let app = driver.launch_app().await;
        find(&app, "#home-title").await;
        click(&app, "#nav-settings").await;
        click(&app, "#export-plan").await;
        answer_file_chooser("Save the whole plan as a file", &exported).await;
        wait_for_text(&app, ".toast", "at-home-december.json").await;
        // In a small window the toast takes two lines or more; scrolled to its end, the
        // screen's last row still clears it.
        app.set_window_rect(0, 0, 640, 480).await.unwrap();
        let [last, toast, lines]: [f64; 3] = poll_json(
            &app,
            r#"if (window.outerWidth !== 640) return null;
               window.scrollTo(0, document.documentElement.scrollHeight);
               let last = 0;
               for (const e of document.querySelectorAll('.screen *')) {
                 const r = e.getBoundingClientRect();
                 if (r.width > 0 && r.height > 0) last = Math.max(last, r.bottom);
               }
               const t = document.querySelector('.toast span');
               const top = document.querySelector('.toast').getBoundingClientRect().top;
               // Until the toast has told the screens its room at this size (it measures
               // on resize), the padding is still the wider window's.
               const room = parseFloat(document.documentElement.style.getPropertyValue('--toast-room'));
               if (!(room >= Math.ceil(window.innerHeight - top))) return null;
               const line = parseFloat(getComputedStyle(t).lineHeight);
               return [last, top, Math.round(t.getBoundingClientRect().height / line)];"#,
        )
        .await;
        assert!(lines >= 2.0, "the toast was meant to wrap: {lines} lines");
        assert!(
            last <= toast,
            "the last row ends at {last} px, under the toast (from {toast} px)"
        );
        app.quit().await.unwrap();
    }

    // Another computer, never set up: the first-run screen offers to bring a plan back.
    let driver = Driver::start(home.path()).await;
    let app = driver.launch_app().await;
    first_run_screen(&app).await;
    click(&app, "#import-plan").await;
    answer_file_chooser("Choose a Steady plan file", &exported).await;
    wait_for_text(&app, "#plan-preview-title", "Corner Café").await;
    snapshot(&app, "welcome-import-preview").await;
    click(&app, "#import-plan-now").await;
    find(&app, "#home-title").await;
    wait_for_text(&app, ".business", "Corner Café").await;
    app.quit().await.unwrap();

    assert_eq!(tables(home.path()), tables(shop.path()));
}

/// Years of a busy shop (10,000 incidents, 1,000 contacts): the Incidents and Contacts screens
/// draw a page, say how many there are, bring more on demand, and filter in the core. (How
/// fast they open is measured by `make bench`, not here.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn years_of_history_open_a_page_at_a_time() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in_dir(data.path()).unwrap();
        fixture::fill(&mut store, Scale::LARGE, Utc::now()).unwrap();
    }
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;

    let rows = |css: &'static str| {
        let app = app.clone();
        async move { app.find_all(By::Css(css)).await.unwrap().len() }
    };
    click(&app, "#nav-incidents").await;
    wait_for_text(&app, "#history-count", "The 100 most recent of 10,000.").await;
    assert_eq!(rows(".incident-list li").await, 100);
    snapshot(&app, "incidents-at-scale").await;
    click(&app, "#history-more").await;
    wait_for_text(&app, "#history-count", "The 200 most recent of 10,000.").await;
    assert_eq!(rows(".incident-list li").await, 200);
    click(&app, "#history-cause option[value='power']").await;
    wait_for_text(&app, "#history-count", "The 100 most recent of 1,250.").await;
    assert_eq!(rows(".incident-list li").await, 100);

    click(&app, "#nav-contacts").await;
    wait_for_text(&app, "#contacts-drawn", "The first 100 of 1,000").await;
    assert_eq!(rows("article.contact").await, 100);
    fill(&app, "#contact-search", "Provider 777").await;
    wait_for_text(&app, "article.contact h3", "Provider 777").await;
    eventually(
        "the search did not narrow to one",
        Duration::from_secs(10),
        || async { when(rows("article.contact").await == 1) },
    )
    .await;
    app.quit().await.unwrap();
}

/// A small tmpfs mounted over a test's data folder, unmounted when dropped.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    /// Mounts one, or says why it cannot (not root, no mount in this sandbox).
    fn mount(dir: &Path, size: &str) -> Result<Self, String> {
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir)
            .output()
            .map_err(|err| format!("mount could not be run: {err}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
        }
        Ok(Self(dir.to_owned()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Writes `path` until the file system has no byte left.
fn fill_the_disk(path: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).unwrap();
    for chunk in [1 << 20, 4096, 1] {
        let bytes = vec![0xA5_u8; chunk];
        while file.write_all(&bytes).is_ok() {}
    }
    let _ = file.sync_all();
}

/// The disk fills up during the day: a save is refused with the disk's own words beside the
/// form (not "Something went wrong"), nothing is written, and the same save goes through once
/// space is freed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_on_a_full_disk_says_so_and_works_once_there_is_room() {
    let data = tempfile::tempdir().unwrap();
    let disk = match Tmpfs::mount(data.path(), "8m") {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!("SKIPPED: a small tmpfs cannot be mounted here ({why}); run as root");
            return;
        }
    };
    let contacts = {
        let store = seed_cafe(data.path(), Utc::now() - chrono::Duration::days(1));
        store.list_contacts(&Default::default()).unwrap().len()
    };
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#nav-contacts").await;
    // The day's backup, taken at start, is written before the disk fills.
    let backups = DataFolder::new(data.path()).backups();
    eventually("no backup at start", Duration::from_secs(20), || async {
        when(std::fs::read_dir(&backups).is_ok_and(|mut d| {
            d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".sqlite3")))
        }))
    })
    .await;

    click(&app, "#nav-contacts").await;
    click(&app, "#add-contact").await;
    click(&app, "#contact-kind option[value='power_utility']").await;
    fill(&app, "#contact-organisation", "Ouest Power").await;
    fill(&app, "#phone-0-number", "02 99 00 11 22").await;
    fill(
        &app,
        "#contact-notes",
        &"Give the meter number. ".repeat(100),
    )
    .await;
    let filler = data.path().join("filler");
    fill_the_disk(&filler);
    click(&app, "button[type='submit']").await;
    let alert = wait_for_text(&app, "form.contact-form [role='alert']", "the disk is full").await;
    let said = alert.text().await.unwrap();
    assert!(
        said.contains("Nothing was changed") && said.contains("Free some space"),
        "{said}"
    );
    snapshot(&app, "save-on-a-full-disk").await;

    std::fs::remove_file(&filler).unwrap();
    click(&app, "button[type='submit']").await;
    wait_for_text(&app, "article.contact h3", "Ouest Power").await;
    app.quit().await.unwrap();
    drop(driver);

    let store = Store::open_in_dir(data.path()).unwrap();
    let now = store.list_contacts(&Default::default()).unwrap();
    assert_eq!(now.len(), contacts + 1, "the refused save wrote nothing");
    assert_eq!(
        now.iter()
            .filter(|c| c.details.display_name() == "Ouest Power")
            .count(),
        1
    );
    drop(store);
    drop(disk);
}

/// The chooser asks about the name as typed; a name typed without its extension is saved
/// with it, so Steady asks before replacing the file it will really write.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_typed_without_its_extension_does_not_silently_replace_a_file() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let kept = files.path().join("contacts.vcf");
    std::fs::write(&kept, "the owner's own file\n").unwrap();
    seed_cafe(data.path(), Utc::now());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    click(&app, "#nav-contacts").await;

    // Asked, and kept.
    click(&app, "#export-contacts").await;
    answer_file_chooser(
        "Save the contacts as a vCard file",
        &files.path().join("contacts"),
    )
    .await;
    let question = support::wait_for_window("^Replace the file\\?$").await;
    press_key(&question, "Escape");
    support::wait_for_window_gone("^Replace the file\\?$").await;
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "the owner's own file\n"
    );
    assert!(!files.path().join("contacts").exists());

    // Asked, and replaced.
    click(&app, "#export-contacts").await;
    answer_file_chooser(
        "Save the contacts as a vCard file",
        &files.path().join("contacts"),
    )
    .await;
    let question = support::wait_for_window("^Replace the file\\?$").await;
    press_key(&question, "Return");
    wait_for_text(&app, ".toast", "contacts.vcf").await;
    assert!(std::fs::read_to_string(&kept)
        .unwrap()
        .starts_with("BEGIN:VCARD"));
}

fn press_key(window: &str, key: &str) {
    let pressed = Command::new("xdotool")
        .args(["windowfocus", "--sync", window, "key", key])
        .status()
        .unwrap();
    assert!(pressed.success());
}
