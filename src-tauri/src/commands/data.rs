//! The owner's data as a whole: what to do when the file was refused at start, backups and
//! their copy off the laptop, restoring, and moving the plan in and out as files.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{Local, Utc};
use steady_core::backups::{check_backup_file, BackupContents, BackupPlace, BackupReason};
use steady_core::contacts::vcard::{self, Card, VcardPreview};
use steady_core::contacts::ContactKind;
use steady_core::datafolder::{
    BackupOutcome, BackupsOverview, CopyOutcome, DataFolder, DataProblem, RestoreOutcome,
};
use steady_core::error::StartProblem;
use steady_core::export::{ImportPreview, PlanFile};
use steady_core::sync::status::SharedRestore;
use steady_core::sync::SharedPlan;
use steady_core::{ApiError, CoreError, ErrorCode, Store};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_opener::OpenerExt;

use crate::dialogs::{choose, file_name, Choose};
use crate::ipc::DataKind;
use crate::sharing::Sharing;
use crate::state::AppState;

/// A file the owner chose and was shown, waiting for "Import" or "Restore": the window
/// confirms what it saw, it never names a path.
#[derive(Default)]
pub struct Chosen(Mutex<Option<ChosenFile>>);

pub(crate) enum ChosenFile {
    Plan(Box<PlanFile>),
    Contacts(Vec<Card>),
    Backup(PathBuf),
    /// A folder to share the plan through, that holds another computer's plan.
    SharingFolder(PathBuf),
}

impl Chosen {
    pub(crate) fn put(&self, file: ChosenFile) {
        *crate::state::lock(&self.0) = Some(file);
    }

    pub(crate) fn take(&self) -> Option<ChosenFile> {
        crate::state::lock(&self.0).take()
    }
}

/// Whether the window was told this run that the copy folder is missing.
#[derive(Default)]
pub struct CopyWarned(std::sync::atomic::AtomicBool);

/// Tells the window, once a run, that the copy off the laptop could not be written.
pub fn report_copy(app: &AppHandle, copy: &CopyOutcome) {
    if matches!(copy, CopyOutcome::NotChosen | CopyOutcome::Written) {
        return;
    }
    eprintln!("Steady could not copy the backup: {copy:?}");
    let warned = app.state::<CopyWarned>();
    if !warned.0.swap(true, std::sync::atomic::Ordering::Relaxed) {
        crate::ipc::emit::<crate::ipc::BackupCopyMissing, _>(app, copy.clone());
    }
}

fn blocking_error(err: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Storage, format!("the data task failed: {err}"))
}

/// Runs `f` off the async workers: file checks and copies block.
pub(crate) async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(blocking_error)?
}

/// Tries the data folder again (space freed, the other Steady closed).
#[steady_macros::command(changes(Everything))]
pub async fn retry_data(app: AppHandle) -> Result<Option<DataProblem>, ApiError> {
    off_thread(move || {
        let state = app.state::<AppState>();
        let _one_at_a_time = state.data_change();
        Ok(state.retry().map(|problem| state.folder.problem(problem)))
    })
    .await
}

/// Starts a new, empty plan where the data file went missing (the backups stay).
#[steady_macros::command(changes(Everything))]
pub async fn start_afresh(app: AppHandle) -> Result<(), ApiError> {
    off_thread(move || {
        let state = app.state::<AppState>();
        let _one_at_a_time = state.data_change();
        if state.problem() != Some(StartProblem::Missing) {
            return Err(ApiError::new(
                ErrorCode::Storage,
                "a new plan is only started where the data file is missing",
            ));
        }
        state.set(state.folder.start_afresh());
        Ok(())
    })
    .await
}

/// Closes Steady (from the screen of a refused file).
#[steady_macros::command]
pub fn quit_app(app: AppHandle) {
    app.exit(0);
}

/// Opens the data folder in the file manager.
#[steady_macros::command]
pub async fn open_data_folder(app: AppHandle, state: State<'_, AppState>) -> Result<(), ApiError> {
    let dir = state.folder.dir().display().to_string();
    off_thread(move || {
        app.opener().open_path(&dir, None::<&str>).map_err(|err| {
            ApiError::new(
                ErrorCode::OpenFailed,
                format!("could not open {dir}: {err}"),
            )
        })
    })
    .await
}

#[steady_macros::command]
pub async fn get_backups(state: State<'_, AppState>) -> Result<BackupsOverview, ApiError> {
    let folder = state.folder.clone();
    let mut overview = off_thread(move || Ok(folder.backups_overview())).await?;
    overview.current = state.quietly(|store| store.contents()).await.ok();
    Ok(overview)
}

/// Takes a backup now; what became of it and of its copy.
#[steady_macros::command(changes(Backups))]
pub async fn back_up_now(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<BackupOutcome, ApiError> {
    let mut outcome = back_up(&state, BackupReason::Manual).await?;
    copy_off(&app, &mut outcome).await?;
    Ok(outcome)
}

/// Takes a backup here with the store held; its copy off the laptop is [`copy_off`]'s.
pub async fn back_up(state: &AppState, reason: BackupReason) -> Result<BackupOutcome, ApiError> {
    let folder = state.folder.clone();
    let backup = state
        .quietly(move |store| store.back_up_here(&folder, reason, Local::now().fixed_offset()))
        .await?;
    Ok(BackupOutcome {
        backup,
        copy: CopyOutcome::Pending,
    })
}

/// Makes the copy off the laptop of a backup taken with the store held, now that it is let
/// go (a slow USB stick holds up no other command), and tells the window if it failed.
pub async fn copy_off(app: &AppHandle, outcome: &mut BackupOutcome) -> Result<(), ApiError> {
    if outcome.copy == CopyOutcome::Pending {
        let folder = app.state::<AppState>().folder.clone();
        let backup = outcome.backup.clone();
        outcome.copy =
            off_thread(move || Ok(folder.copy_off(&backup, Local::now().fixed_offset()))).await?;
    }
    report_copy(app, &outcome.copy);
    Ok(())
}

/// Asks for the folder off the laptop that receives a copy of every backup, and copies the
/// newest state there at once.
#[steady_macros::command(changes(Backups))]
pub async fn choose_copy_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<BackupOutcome>, ApiError> {
    let Some(folder) = choose(&app, &title, Choose::Folder).await? else {
        return Ok(None);
    };
    let data = state.folder.clone();
    off_thread(move || {
        data.update_local_settings(|settings| settings.keep_copy_folder(Some(&folder)))
            .map_err(ApiError::from)
    })
    .await?;
    let mut outcome = back_up(&state, BackupReason::Manual).await?;
    copy_off(&app, &mut outcome).await?;
    Ok(Some(outcome))
}

/// Stops copying backups off the laptop (the copies already there stay).
#[steady_macros::command(changes(Backups))]
pub async fn forget_copy_folder(state: State<'_, AppState>) -> Result<BackupsOverview, ApiError> {
    let folder = state.folder.clone();
    off_thread(move || {
        folder
            .update_local_settings(|settings| settings.keep_copy_folder(None))
            .map_err(ApiError::from)?;
        Ok(folder.backups_overview())
    })
    .await
}

/// Restores a listed backup: over the file refused at start, or in place of the open plan
/// (after backing it up).
#[steady_macros::command(changes(Everything))]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    place: BackupPlace,
    machine: Option<String>,
    file_name: String,
    shared: Option<SharedRestore>,
) -> Result<RestoreOutcome, ApiError> {
    let path = state
        .folder
        .backup_path(place, machine.as_deref(), &file_name)?;
    restore_from(&app, path, shared).await
}

/// A backup file from anywhere (another computer's USB stick or synced folder): asked with
/// the system dialog, checked, and described; restored by [`restore_chosen_backup`].
#[steady_macros::command]
pub async fn choose_backup_file(
    app: AppHandle,
    title: String,
) -> Result<Option<BackupContents>, ApiError> {
    let filters: &[(&str, &[&str])] = &[("Steady", &["sqlite3"])];
    let Some(path) = choose(&app, &title, Choose::Open(filters)).await? else {
        return Ok(None);
    };
    let checked = path.clone();
    let contents = off_thread(move || check_backup_file(&checked).map_err(ApiError::from)).await?;
    app.state::<Chosen>().put(ChosenFile::Backup(path));
    Ok(Some(contents))
}

#[steady_macros::command(changes(Everything))]
pub async fn restore_chosen_backup(
    app: AppHandle,
    shared: Option<SharedRestore>,
) -> Result<RestoreOutcome, ApiError> {
    match app.state::<Chosen>().take() {
        Some(ChosenFile::Backup(path)) => restore_from(&app, path, shared).await,
        _ => Err(nothing_chosen()),
    }
}

/// Puts back the backup at `path`. While the plan is shared, `shared` is the owner's answer
/// to what that does to the other computers; without one, the shared plan comes back over
/// the backup at the next sync (a damaged file restored: the others bring it up to date).
async fn restore_from(
    app: &AppHandle,
    path: PathBuf,
    shared: Option<SharedRestore>,
) -> Result<RestoreOutcome, ApiError> {
    if shared == Some(SharedRestore::HereOnly) {
        stop_sharing(app).await?;
    }
    let handle = app.clone();
    let outcome = off_thread(move || {
        let state = handle.state::<AppState>();
        let _one_at_a_time = state.data_change();
        let now = Local::now().fixed_offset();
        // Read once the lock is held: a restore that ran while this one waited may have put a
        // file in place and opened it.
        if let Some(problem) = state.problem() {
            if !problem.restorable() {
                return Err(ApiError::new(
                    ErrorCode::Storage,
                    format!("a backup cannot help here: {problem}"),
                ));
            }
            if let Some((store, kept)) = state.folder.restore_over(&path, now)? {
                state.set(Ok(store));
                let kept = kept.and_then(|kept| {
                    kept.file_name()
                        .map(|name| name.to_string_lossy().into_owned())
                });
                return Ok(RestoreOutcome {
                    kept_as: kept,
                    saved: None,
                    stopped_sharing: false,
                });
            }
            // The file opens now (fixed from outside): restore into it as into any plan.
            if let Some(problem) = state.retry() {
                return Err(ApiError::new(ErrorCode::Storage, problem.to_string()));
            }
        }
        let folder = state.folder.clone();
        let sharing = handle.state::<Sharing>();
        let mut stopped_sharing = false;
        let saved = state.with_store_here(|store| {
            let saved = store.restore_backup(&folder, &path, now)?;
            if shared == Some(SharedRestore::HereOnly) {
                // Sharing again later starts from this plan, not from the shared one.
                SharedPlan::set_aside(folder.dir(), store, "before-restore")?;
            }
            if shared == Some(SharedRestore::Everywhere) {
                if let Err(err) = sharing.adopt(&state, store) {
                    // The backup is put back all the same: it must not be written over by
                    // the shared plan at the next sync, so this computer stops sharing.
                    eprintln!("Steady could not make the backup the shared plan: {err}");
                    folder.update_local_settings(|settings| settings.keep_sharing_folder(None))?;
                    sharing.forget();
                    // Shared again later, it starts from this plan (as "here only" does).
                    SharedPlan::set_aside(folder.dir(), store, "before-restore")?;
                    stopped_sharing = true;
                }
            }
            Ok(saved)
        })?;
        Ok(RestoreOutcome {
            kept_as: None,
            saved,
            stopped_sharing,
        })
    })
    .await?;
    let mut outcome = outcome;
    if let Some(saved) = &mut outcome.saved {
        copy_off(app, saved).await?;
    }
    Ok(outcome)
}

/// Stops sharing the plan from this computer (Settings → Two computers, "Stop sharing").
async fn stop_sharing(app: &AppHandle) -> Result<(), ApiError> {
    let data = app.state::<AppState>().folder.clone();
    off_thread(move || {
        data.update_local_settings(|settings| settings.keep_sharing_folder(None))
            .map_err(ApiError::from)
    })
    .await?;
    app.state::<Sharing>().forget();
    Ok(())
}

pub(crate) fn nothing_chosen() -> ApiError {
    ApiError::from(CoreError::NotFound("the chosen file".into()))
}

/// Writes the whole plan and history as one JSON file where the owner chooses.
#[steady_macros::command]
pub async fn export_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<String>, ApiError> {
    let (json, name) = state
        .quietly(|store| {
            let name = store.business()?.map(|b| b.name).unwrap_or_default();
            Ok((store.export_plan(Utc::now())?, name))
        })
        .await?;
    let stem = format!("{name} - Steady plan {}", Local::now().format("%Y-%m-%d"));
    save_file(&app, &title, &stem, ("Steady plan", &["json"]), json).await
}

/// Writes every contact as a vCard file where the owner chooses.
#[steady_macros::command]
pub async fn export_contacts(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<String>, ApiError> {
    let (vcf, name) = state
        .quietly(|store| {
            let name = store.business()?.map(|b| b.name).unwrap_or_default();
            Ok((store.export_vcard()?, name))
        })
        .await?;
    save_file(
        &app,
        &title,
        &format!("{name} - contacts"),
        ("vCard", &["vcf"]),
        vcf,
    )
    .await
}

pub(crate) async fn save_file(
    app: &AppHandle,
    title: &str,
    stem: &str,
    filter: (&str, &[&str]),
    text: String,
) -> Result<Option<String>, ApiError> {
    let suggested = file_name(stem, filter.1.first().copied().unwrap_or("txt"));
    let what = Choose::Save {
        file_name: &suggested,
        filter,
    };
    let Some(path) = choose(app, title, what).await? else {
        return Ok(None);
    };
    off_thread(move || {
        steady_core::backups::write_file_durably(&path, text.as_bytes()).map_err(ApiError::from)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Reads a file the owner picks, refusing one too large to be what it says.
async fn read_chosen(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
    max: usize,
) -> Result<Option<Vec<u8>>, ApiError> {
    let Some(path) = choose(app, title, Choose::Open(&[filter])).await? else {
        return Ok(None);
    };
    off_thread(move || {
        use std::io::Read;
        // At most one byte more than allowed, whatever the file claims to be.
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|file| file.take(max as u64 + 1).read_to_end(&mut bytes))
            .map_err(CoreError::from)?;
        if bytes.len() > max {
            return Err(ApiError::from(CoreError::BadFile(
                steady_core::FileProblem {
                    line: None,
                    place: String::new(),
                    reason: steady_core::FileReason::TooLarge { max: max as u32 },
                },
            )));
        }
        Ok(Some(bytes))
    })
    .await
}

/// Asks for a plan file and says what importing it would change.
#[steady_macros::command]
pub async fn choose_plan_file(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<ImportPreview>, ApiError> {
    let filter: (&str, &[&str]) = ("Steady plan", &["json"]);
    let Some(bytes) =
        read_chosen(&app, &title, filter, steady_core::export::MAX_FILE_BYTES).await?
    else {
        return Ok(None);
    };
    // Read and checked without holding the plan: only the comparison needs it.
    let file =
        off_thread(move || PlanFile::read(&bytes, Utc::now()).map_err(ApiError::from)).await?;
    let (preview, file) = state
        .quietly(move |store| Ok((store.preview_import(&file)?, file)))
        .await?;
    app.state::<Chosen>().put(ChosenFile::Plan(Box::new(file)));
    Ok(Some(preview))
}

/// Imports the plan file shown by [`choose_plan_file`]; the backup of the plan it replaced.
#[steady_macros::command(changes(Everything))]
pub async fn import_plan(app: AppHandle) -> Result<Option<BackupOutcome>, ApiError> {
    let Some(ChosenFile::Plan(file)) = app.state::<Chosen>().take() else {
        return Err(nothing_chosen());
    };
    let mut saved = exclusively(&app, move |folder, store| {
        store.import_plan(folder, &file, Local::now().fixed_offset())
    })
    .await?;
    match &mut saved {
        Some(saved) => copy_off(&app, saved).await?,
        // A plan brought in at first run gets its first backup now.
        None => daily_backup(&app).await,
    }
    Ok(saved)
}

/// Asks for a vCard file and says what importing it would do.
#[steady_macros::command]
pub async fn choose_contacts_file(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<VcardPreview>, ApiError> {
    let filter: (&str, &[&str]) = ("vCard", &["vcf", "vcard"]);
    let Some(bytes) = read_chosen(
        &app,
        &title,
        filter,
        steady_core::contacts::vcard::MAX_FILE_BYTES,
    )
    .await?
    else {
        return Ok(None);
    };
    let language = state.quietly(|store| store.business_language()).await?;
    let cards = off_thread(move || vcard::parse(&bytes, language).map_err(ApiError::from)).await?;
    let (preview, cards) = state
        .quietly(move |store| Ok((store.preview_vcard(&cards)?, cards)))
        .await?;
    app.state::<Chosen>().put(ChosenFile::Contacts(cards));
    Ok(Some(preview))
}

/// Imports the vCard file shown by [`choose_contacts_file`], each new contact with the kind
/// the owner left for its card in the preview (`kinds`, in the preview's order).
#[steady_macros::command(changes(Contacts))]
pub async fn import_contacts(
    app: AppHandle,
    kinds: Vec<ContactKind>,
) -> Result<VcardPreview, ApiError> {
    let Some(ChosenFile::Contacts(cards)) = app.state::<Chosen>().take() else {
        return Err(nothing_chosen());
    };
    let (done, mut saved) = exclusively(&app, move |folder, store| {
        store.import_vcard(folder, &cards, &kinds, Local::now().fixed_offset())
    })
    .await?;
    if let Some(saved) = &mut saved {
        copy_off(&app, saved).await?;
    }
    Ok(done)
}

/// Runs a change of the plan in bulk (an import) one at a time with restores and other
/// imports, on the store as it is once the data-change lock is held.
pub(crate) async fn exclusively<T: Send + 'static>(
    app: &AppHandle,
    f: impl FnOnce(&DataFolder, &mut Store) -> steady_core::CoreResult<T> + Send + 'static,
) -> Result<T, ApiError> {
    let app = app.clone();
    off_thread(move || {
        let state = app.state::<AppState>();
        let _one_at_a_time = state.data_change();
        state.with_store_here(|store| f(&state.folder, store))
    })
    .await
}

/// Forgets a chosen file the owner decided not to import.
#[steady_macros::command]
pub fn cancel_chosen(chosen: State<'_, Chosen>) {
    chosen.take();
}

/// Takes the day's backup when none was taken today and there is a plan to keep.
pub async fn daily_backup(app: &AppHandle) {
    if let Some(outcome) = take_daily_backup(app).await {
        copy_daily_backup(app, outcome).await;
    }
}

/// The day's backup in the data folder, when one is due: [`copy_daily_backup`] then takes it
/// off the computer.
pub async fn take_daily_backup(app: &AppHandle) -> Option<BackupOutcome> {
    let state = app.state::<AppState>();
    if state.problem().is_some() {
        return None;
    }
    let folder = state.folder.clone();
    let taken = state
        .quietly(move |store| store.daily_backup(&folder, Local::now().fixed_offset()))
        .await;
    match taken {
        Ok(taken) => taken,
        Err(err) => {
            eprintln!("Steady could not take the daily backup: {}", err.message);
            None
        }
    }
}

/// Copies the day's backup to the copy folder, and tells the screens showing backups.
pub async fn copy_daily_backup(app: &AppHandle, mut outcome: BackupOutcome) {
    if let Err(err) = copy_off(app, &mut outcome).await {
        eprintln!("Steady could not copy the daily backup: {}", err.message);
    }
    crate::ipc::data_changed(app, &[DataKind::Backups]);
}

/// The day's backup at start, and every hour while Steady stays open.
pub fn start_daily_backups(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        crate::first_frame::after(&app).await;
        loop {
            daily_backup(&app).await;
            tokio::time::sleep(std::time::Duration::from_secs(60 * 60)).await;
        }
    });
}
