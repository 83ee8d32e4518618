//! The contract with the window, as Rust states it once: every command (from its signature,
//! by `#[steady_macros::command]` and the list in `lib.rs`) and every event (a type that
//! names itself and its payload). `ui/src/lib/ipc/commands.ts` is rendered from here, so a
//! renamed argument or a new command breaks the UI's type check, not the owner's day.

use serde::Serialize;
use steady_core::datafolder::CopyOutcome;
use steady_core::reminders::ReminderOpened;
use steady_core::sync::status::LastUpdate;
use steady_core::watch::{Asked, Battery, Supply};
use tauri::{AppHandle, Emitter, Runtime};
use ts_rs::TS;

/// One command as the window calls it: its name, its arguments (the window's names, camelCase)
/// with their TypeScript types, and what it returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSignature {
    pub name: &'static str,
    /// The name the window calls it by (`createContact`).
    pub js_name: &'static str,
    pub doc: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub output: String,
}

/// Something the backend tells the window without being asked.
pub trait AppEvent {
    /// The event's name on the wire.
    const NAME: &'static str;
    /// What the listener is told, in the window's words (for the generated TypeScript).
    #[cfg_attr(not(test), allow(dead_code))]
    const DOC: &'static str;
    type Payload: Serialize + Clone + ts_rs::TS;
}

/// Tells the window about `E`.
pub fn emit<E: AppEvent, R: Runtime>(app: &AppHandle<R>, payload: E::Payload) {
    if let Err(err) = app.emit(E::NAME, payload) {
        eprintln!("Steady could not tell the window {}: {err}", E::NAME);
    }
}

/// A kind of data the window shows, named when a command changed it: each screen reads again
/// when what it shows changed, whoever changed it (another screen, the reminders above it, a
/// restore), instead of being told by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DataKind {
    /// The business's answers (name, language, country).
    Business,
    Contacts,
    /// Services, workarounds, runbooks, the safety plan and its review.
    Plan,
    Incidents,
    Announced,
    /// Snoozed, dismissed, or their settings.
    Reminders,
    /// The notice templates.
    Templates,
    /// A document printed or saved (what is current on paper).
    Printouts,
    Backups,
}

impl DataKind {
    /// Everything: the plan was replaced whole (a restore, an import, a fresh start).
    pub const ALL: &'static [DataKind] = &[
        Self::Business,
        Self::Contacts,
        Self::Plan,
        Self::Incidents,
        Self::Announced,
        Self::Reminders,
        Self::Templates,
        Self::Printouts,
        Self::Backups,
    ];
}

/// What a command just changed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DataChanged {
    pub what: Vec<DataKind>,
}

/// Tells the window that `what` changed; called by every command declared with
/// `#[steady_macros::command(changes(…))]` once it succeeded.
pub fn data_changed<R: Runtime>(app: &AppHandle<R>, what: &[DataKind]) {
    emit::<DataChangedEvent, R>(
        app,
        DataChanged {
            what: what.to_vec(),
        },
    );
}

macro_rules! app_events {
    ($($(#[doc = $doc:literal])+ $name:ident = $wire:literal, $payload:ty;)+) => {
        $(
            $(#[doc = $doc])+
            pub struct $name;

            impl AppEvent for $name {
                const NAME: &'static str = $wire;
                const DOC: &'static str = concat!($($doc),+);
                type Payload = $payload;
            }
        )+

        /// Every event, as (handler name, wire name, doc, payload type or `None`).
        #[cfg(test)]
        pub fn event_surface(cfg: &ts_rs::Config) -> Vec<(String, &'static str, &'static str, Option<String>)> {
            vec![$(describe::<$name>(stringify!($name), cfg)),+]
        }
    };
}

app_events! {
    /// Reminders fell due.
    RemindersChanged = "reminders-changed", ();
    /// The owner clicked a notification: where to go.
    ReminderOpenedEvent = "reminder-opened", ReminderOpened;
    /// The notification service could not be reached (told again only after it worked).
    NotificationsUnavailable = "notifications-unavailable", ();
    /// Notifications work again after they did not (a service started after Steady).
    NotificationsAvailable = "notifications-available", ();
    /// The backup could not be copied to the copy folder (told once a run): what happened.
    BackupCopyMissing = "backup-copy-missing", CopyOutcome;
    /// The laptop went on battery or the network away (or came back during an outage about
    /// it) a while ago: the question to show.
    SupplyAskedEvent = "supply-asked", Asked;
    /// The owner answered that question from its notification: do what it suggests.
    SupplyAnswered = "supply-answered", Asked;
    /// The supply changed again: a question about it is out of date.
    SupplyWithdrawn = "supply-withdrawn", Supply;
    /// The battery changed (`null`: UPower no longer says).
    BatteryChanged = "battery-changed", Option<Battery>;
    /// A command changed data: what, so whatever shows it reads it again.
    DataChangedEvent = "data-changed", DataChanged;
    /// Steady was launched again to deal with an outage (`steady --outage`): open the start
    /// screen.
    SomethingDownAsked = "something-down-asked", ();
    /// Another computer's changes to the shared plan were written here: from which, and when.
    PlanSynced = "plan-synced", LastUpdate;
}

#[cfg(test)]
fn describe<E: AppEvent>(
    type_name: &str,
    cfg: &ts_rs::Config,
) -> (String, &'static str, &'static str, Option<String>) {
    let payload = <E::Payload as TS>::name(cfg);
    let handler = format!("on{}", type_name.trim_end_matches("Event"));
    (
        handler,
        E::NAME,
        E::DOC,
        (payload != "null").then_some(payload),
    )
}

/// The TypeScript of the call surface: `ipc.createContact(details)` and `events.onX(handler)`.
#[cfg(test)]
pub fn render(commands: &[CommandSignature], cfg: &ts_rs::Config) -> String {
    let events = event_surface(cfg);
    let mut types: Vec<String> = Vec::new();
    let mut note_types = |ty: &str| {
        for word in ty.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
            let named = word.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            if named
                && !["Array", "Record", "Partial"].contains(&word)
                && !types.iter().any(|t| t == word)
            {
                types.push(word.to_owned());
            }
        }
    };
    for command in commands {
        for (_, ty) in &command.args {
            note_types(ty);
        }
        note_types(&command.output);
    }
    for (_, _, _, payload) in &events {
        if let Some(payload) = payload {
            note_types(payload);
        }
    }
    // Declared here rather than in bindings.ts: they belong to the shell's own events.
    let local = [DataKind::decl(cfg), DataChanged::decl(cfg)];
    let local_names = [DataKind::name(cfg), DataChanged::name(cfg)];
    types.retain(|t| !local_names.contains(t));
    types.sort();

    let mut out = String::from(
        "// Generated by `make bindings` from the Rust commands and events (src-tauri/src): do not\n\
         // edit. Each command is the Rust function of the same name in snake_case.\n",
    );
    out.push_str("import { listen, type UnlistenFn } from \"@tauri-apps/api/event\";\n");
    if !types.is_empty() {
        out.push_str(&format!(
            "import type {{ {} }} from \"./bindings\";\n",
            types.join(", ")
        ));
    }
    out.push_str("import { send } from \"./call\";\n\n");
    out.push_str("export const ipc = {\n");
    for command in commands {
        if !command.doc.is_empty() {
            out.push_str(&format!("  /** {} */\n", command.doc));
        }
        let params: Vec<String> = command
            .args
            .iter()
            .map(|(name, ty)| format!("{name}: {ty}"))
            .collect();
        let names: Vec<&str> = command.args.iter().map(|(name, _)| *name).collect();
        let payload = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}) => send<{}>(\"{}\"{}),\n",
            command.js_name,
            params.join(", "),
            command.output,
            command.name,
            payload
        ));
    }
    out.push_str("};\n\n");
    out.push_str(
        "/** Every command by its name on the wire: what it is sent and what it answers (the fakes of the UI's tests are checked against it). */\n",
    );
    out.push_str("export type CommandMap = {\n");
    for command in commands {
        let args: Vec<String> = command
            .args
            .iter()
            .map(|(name, ty)| format!("{name}: {ty}"))
            .collect();
        let args = if args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            format!("{{ {} }}", args.join(", "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            command.name, command.output
        ));
    }
    out.push_str("};\n\n");
    for decl in local {
        out.push_str(&format!("export {decl}\n\n"));
    }
    out.push_str("/** What the backend tells the window without being asked. */\n");
    out.push_str("export const events = {\n");
    for (handler, wire, doc, payload) in &events {
        out.push_str(&format!("  /** {} */\n", doc.trim()));
        match payload {
            Some(payload) => out.push_str(&format!(
                "  {handler}: (handler: (payload: {payload}) => void): Promise<UnlistenFn> =>\n    listen<{payload}>(\"{wire}\", (event) => handler(event.payload)),\n"
            )),
            None => out.push_str(&format!(
                "  {handler}: (handler: () => void): Promise<UnlistenFn> =>\n    listen(\"{wire}\", () => handler()),\n"
            )),
        }
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn cfg() -> ts_rs::Config {
        ts_rs::Config::default().with_large_int("number")
    }

    #[test]
    fn the_call_surface_in_the_ui_is_generated_from_the_commands() {
        let rendered = render(&crate::call_surface(&cfg()), &cfg());
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/ipc/commands.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &rendered).expect("cannot write commands.ts");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == rendered,
            "{} is stale: run `make bindings` and commit the result",
            path.display()
        );
    }

    #[test]
    fn the_capability_grants_exactly_the_listed_commands() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
        let mut granted: Vec<String> = config["app"]["security"]["capabilities"][0]["permissions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|c| c.replace('-', "_"))
            .collect();
        granted.sort();
        let mut listed: Vec<String> = crate::call_surface(&cfg())
            .into_iter()
            .map(|c| c.name.to_owned())
            .collect();
        listed.sort();
        assert_eq!(granted, listed);
    }

    #[test]
    fn everything_changed_names_every_kind_of_data() {
        // A plan replaced whole must reach every screen: a new kind belongs in `ALL` too.
        let decl = DataKind::decl(&cfg());
        let declared: Vec<&str> = decl
            .split_once(" = ")
            .map(|(_, union)| union.trim_end_matches(';').split(" | ").collect())
            .unwrap_or_default();
        let all: Vec<String> = DataKind::ALL
            .iter()
            .map(|kind| serde_json::to_string(kind).expect("a kind serializes"))
            .collect();
        assert_eq!(all, declared);
    }

    #[test]
    fn a_command_is_described_from_its_signature() {
        let surface = crate::call_surface(&cfg());
        let find = |name: &str| surface.iter().find(|c| c.name == name).cloned();
        let update = find("update_contact").expect("update_contact is listed");
        assert_eq!(
            update.args,
            vec![
                ("id", "number".to_owned()),
                ("details", "ContactDetails".to_owned())
            ],
            "State is filled in by Tauri, not sent"
        );
        assert_eq!(update.output, "Contact");
        let open = find("get_open_incident").expect("get_open_incident is listed");
        assert_eq!(open.output, "number | null");
        assert_eq!(find("quit_app").expect("quit_app").output, "null");
    }
}
