//! Keeps `ui/src/lib/ipc/bindings.ts` — the TypeScript types of everything that crosses IPC —
//! in step with the Rust types. Run `make bindings` (or this test with `UPDATE_BINDINGS=1`) to
//! regenerate; otherwise the test fails when the committed file is stale. `fields.ts` beside
//! it, the fields each form's refusals can name, is kept the same way.

use std::path::PathBuf;

use ts_rs::TS;

use crate::announced::{
    Announced, AnnouncedCheck, AnnouncedDetails, AnnouncedWhat, Outcome, Phase, PhasePlan,
};
use crate::backups::{BackupContents, BackupInfo, BackupPlace, BackupReason};
use crate::business::{
    Business, BusinessInput, BusinessType, Country, EmergencyNumber, EmergencyService, Language,
};
use crate::contacts::vcard::{CardAction, CardPreview, SetAsideNumber, VcardPreview};
use crate::contacts::{Contact, ContactDetails, ContactFilter, ContactKind, ContactLink, Phone};
use crate::costs::cold::{
    ColdClock, ColdDefault, ColdKind, ColdReading, ColdReadingInput, ColdSource, ColdState,
    ColdStore, ColdStoreInput, ColdStores,
};
use crate::costs::year::{Amount, BackupSaving, MonthOutages, YearInOutages, YearRow, YearTotals};
use crate::costs::{
    ClaimOutcome, ClaimPayer, Claims, CostSettings, CostSettingsInput, Currency, Expense,
    ExpenseInput, IncidentCosts, InsuranceOutcome, Loss, LossSegment, Missing, Money, OpeningDay,
    OpeningDayInput, ServiceCosts, ServiceCostsInput, ServiceLoss, SpoiledInput, SpoiledItem,
    WorkaroundSales, WorkaroundSalesInput,
};
use crate::datafolder::{
    BackupOutcome, BackupsOverview, CopyOutcome, DataProblem, DisplaySettings, LocalSettings,
    RestoreOutcome, SyncTool, SyncedFolder, TextSize,
};
use crate::drills::rehearsal::{DrillDue, Rehearsal};
use crate::drills::score::{Decision, Objective, ObjectiveScore, PreviousDrill, Scorecard};
use crate::drills::{
    BadNumber, Drill, DrillOutcome, DrillSpeed, DrillStart, DrillSummary, Inject, InjectChoice,
    PlanAction, Rating, Scenario, ScenarioChoice,
};
use crate::error::{
    ApiError, ErrorCode, FieldError, FieldProblem, FileProblem, FileReason, StartProblem,
};
use crate::export::{ImportKind, ImportPreview, KindChange};
use crate::home::{Home, NextUpdate, OutageAtAGlance, Promise};
use crate::incidents::checklist::{ChecklistItem, Step};
use crate::incidents::severity::{Assessment, Severity, SeverityReason};
use crate::incidents::team::message::TeamMessage;
use crate::incidents::team::{
    CheckIn, CheckInInput, Handoff, IncidentTeam, StandInOffer, TeamMember, TeamState,
};
use crate::incidents::{
    Activation, AssessInput, CallInput, CallLogEntry, Cause, CouldRecur, Happened, Incident,
    IncidentFilter, IncidentPage, IncidentService, IncidentStart, IncidentSummary, NoticeInput,
    PreventionAction, Reason, Recurrence, ReviewInput, SameOutage, SentNotice, TimelineEvent,
};
use crate::notices::disclosure::{Warning, WarningKind};
use crate::notices::incident::{NoticeCheck, NoticeDraft};
use crate::notices::length::{LengthReport, SmsEncoding};
use crate::notices::templates::NoticeTemplate;
use crate::notices::Draft;
use crate::plan::health::{Finding, PlanOverview};
use crate::plan::runbooks::{Runbook, RunbookDetails};
use crate::plan::safety::{CallTreeEntry, SafetyDetails, SafetyPlan};
use crate::plan::services::{
    CriticalService, CustomersPer, Priority, ServiceDetails, Workaround, WorkaroundDetails,
};
use crate::plan::usage::ContactUsage;
use crate::pocket::PocketStatus;
use crate::print::{Paper, PrintDocument, PrintOptions, PrintStatus};
use crate::qr::QrImage;
use crate::reminders::{Reminder, ReminderKind, ReminderOpened, ReminderSettings};
use crate::start::StartUp;
use crate::starter::StarterSummary;
use crate::team::{
    CardSettings, Gone, Role, RoleDetails, RoleKind, Team, TeamPerson, TeamSettings,
};
use crate::vocabulary::{Channel, Clock, Stage, Vocabulary};
use crate::watch::{Asked, Battery, Suggestion, SuggestionText, Supply, WatchSettings};

fn render() -> String {
    let cfg = ts_rs::Config::default();
    let declarations = [
        ApiError::decl(&cfg),
        ErrorCode::decl(&cfg),
        FieldError::decl(&cfg),
        FieldProblem::decl(&cfg),
        FileProblem::decl(&cfg),
        FileReason::decl(&cfg),
        StartProblem::decl(&cfg),
        DataProblem::decl(&cfg),
        BackupReason::decl(&cfg),
        BackupPlace::decl(&cfg),
        BackupContents::decl(&cfg),
        BackupInfo::decl(&cfg),
        CopyOutcome::decl(&cfg),
        BackupOutcome::decl(&cfg),
        LocalSettings::decl(&cfg),
        TextSize::decl(&cfg),
        DisplaySettings::decl(&cfg),
        SyncTool::decl(&cfg),
        SyncedFolder::decl(&cfg),
        BackupsOverview::decl(&cfg),
        crate::sync::BadChanges::decl(&cfg),
        crate::sync::folder::OtherComputer::decl(&cfg),
        crate::sync::status::ConflictView::decl(&cfg),
        crate::sync::status::RefusedFileView::decl(&cfg),
        crate::sync::status::RefusedRowView::decl(&cfg),
        crate::sync::status::LastUpdate::decl(&cfg),
        crate::sync::status::SharingProblem::decl(&cfg),
        crate::sync::status::SharingStatus::decl(&cfg),
        crate::sync::status::SharedRestore::decl(&cfg),
        crate::sync::status::JoinWith::decl(&cfg),
        crate::sync::status::FolderChosen::decl(&cfg),
        RestoreOutcome::decl(&cfg),
        ImportKind::decl(&cfg),
        KindChange::decl(&cfg),
        ImportPreview::decl(&cfg),
        CardAction::decl(&cfg),
        CardPreview::decl(&cfg),
        SetAsideNumber::decl(&cfg),
        VcardPreview::decl(&cfg),
        Business::decl(&cfg),
        BusinessInput::decl(&cfg),
        BusinessType::decl(&cfg),
        Language::decl(&cfg),
        Country::decl(&cfg),
        EmergencyService::decl(&cfg),
        EmergencyNumber::decl(&cfg),
        Contact::decl(&cfg),
        ContactDetails::decl(&cfg),
        ContactFilter::decl(&cfg),
        ContactKind::decl(&cfg),
        ContactLink::decl(&cfg),
        Phone::decl(&cfg),
        ContactUsage::decl(&cfg),
        CriticalService::decl(&cfg),
        ServiceDetails::decl(&cfg),
        Priority::decl(&cfg),
        CustomersPer::decl(&cfg),
        Workaround::decl(&cfg),
        WorkaroundDetails::decl(&cfg),
        Runbook::decl(&cfg),
        RunbookDetails::decl(&cfg),
        SafetyPlan::decl(&cfg),
        SafetyDetails::decl(&cfg),
        CallTreeEntry::decl(&cfg),
        PlanOverview::decl(&cfg),
        StartUp::decl(&cfg),
        Home::decl(&cfg),
        OutageAtAGlance::decl(&cfg),
        NextUpdate::decl(&cfg),
        Promise::decl(&cfg),
        Paper::decl(&cfg),
        PrintDocument::decl(&cfg),
        PrintOptions::decl(&cfg),
        PrintStatus::decl(&cfg),
        Reminder::decl(&cfg),
        ReminderKind::decl(&cfg),
        ReminderSettings::decl(&cfg),
        ReminderOpened::decl(&cfg),
        Finding::decl(&cfg),
        StarterSummary::decl(&cfg),
        Severity::decl(&cfg),
        SeverityReason::decl(&cfg),
        Assessment::decl(&cfg),
        Cause::decl(&cfg),
        CouldRecur::decl(&cfg),
        Happened::decl(&cfg),
        Reason::decl(&cfg),
        Step::decl(&cfg),
        ChecklistItem::decl(&cfg),
        IncidentStart::decl(&cfg),
        AssessInput::decl(&cfg),
        IncidentService::decl(&cfg),
        CallInput::decl(&cfg),
        CallLogEntry::decl(&cfg),
        NoticeInput::decl(&cfg),
        SentNotice::decl(&cfg),
        Activation::decl(&cfg),
        PreventionAction::decl(&cfg),
        ReviewInput::decl(&cfg),
        TimelineEvent::decl(&cfg),
        Recurrence::decl(&cfg),
        Incident::decl(&cfg),
        IncidentSummary::decl(&cfg),
        IncidentPage::decl(&cfg),
        SameOutage::decl(&cfg),
        IncidentFilter::decl(&cfg),
        TeamState::decl(&cfg),
        CheckInInput::decl(&cfg),
        CheckIn::decl(&cfg),
        Handoff::decl(&cfg),
        TeamMember::decl(&cfg),
        StandInOffer::decl(&cfg),
        IncidentTeam::decl(&cfg),
        Stage::decl(&cfg),
        Channel::decl(&cfg),
        Clock::decl(&cfg),
        Draft::decl(&cfg),
        LengthReport::decl(&cfg),
        SmsEncoding::decl(&cfg),
        Warning::decl(&cfg),
        WarningKind::decl(&cfg),
        NoticeCheck::decl(&cfg),
        QrImage::decl(&cfg),
        Supply::decl(&cfg),
        RoleKind::decl(&cfg),
        Scenario::decl(&cfg),
        DrillSpeed::decl(&cfg),
        DrillOutcome::decl(&cfg),
        Rating::decl(&cfg),
        DrillStart::decl(&cfg),
        InjectChoice::decl(&cfg),
        Inject::decl(&cfg),
        BadNumber::decl(&cfg),
        Drill::decl(&cfg),
        DrillSummary::decl(&cfg),
        ScenarioChoice::decl(&cfg),
        PlanAction::decl(&cfg),
        Objective::decl(&cfg),
        ObjectiveScore::decl(&cfg),
        Decision::decl(&cfg),
        PreviousDrill::decl(&cfg),
        Scorecard::decl(&cfg),
        DrillDue::decl(&cfg),
        Rehearsal::decl(&cfg),
        RoleDetails::decl(&cfg),
        Role::decl(&cfg),
        Gone::decl(&cfg),
        CardSettings::decl(&cfg),
        TeamSettings::decl(&cfg),
        TeamPerson::decl(&cfg),
        Team::decl(&cfg),
        TeamMessage::decl(&cfg),
        Suggestion::decl(&cfg),
        SuggestionText::decl(&cfg),
        Asked::decl(&cfg),
        Battery::decl(&cfg),
        AnnouncedWhat::decl(&cfg),
        Phase::decl(&cfg),
        Outcome::decl(&cfg),
        AnnouncedDetails::decl(&cfg),
        AnnouncedCheck::decl(&cfg),
        PhasePlan::decl(&cfg),
        Announced::decl(&cfg),
        WatchSettings::decl(&cfg),
        PocketStatus::decl(&cfg),
        NoticeDraft::decl(&cfg),
        NoticeTemplate::decl(&cfg),
        Currency::decl(&cfg),
        Money::decl(&cfg),
        OpeningDay::decl(&cfg),
        WorkaroundSales::decl(&cfg),
        ServiceCosts::decl(&cfg),
        CostSettings::decl(&cfg),
        OpeningDayInput::decl(&cfg),
        CostSettingsInput::decl(&cfg),
        WorkaroundSalesInput::decl(&cfg),
        ServiceCostsInput::decl(&cfg),
        Expense::decl(&cfg),
        ExpenseInput::decl(&cfg),
        SpoiledItem::decl(&cfg),
        SpoiledInput::decl(&cfg),
        IncidentCosts::decl(&cfg),
        Missing::decl(&cfg),
        LossSegment::decl(&cfg),
        ServiceLoss::decl(&cfg),
        Loss::decl(&cfg),
        ClaimPayer::decl(&cfg),
        ClaimOutcome::decl(&cfg),
        InsuranceOutcome::decl(&cfg),
        Claims::decl(&cfg),
        ColdKind::decl(&cfg),
        ColdState::decl(&cfg),
        ColdSource::decl(&cfg),
        ColdDefault::decl(&cfg),
        ColdStore::decl(&cfg),
        ColdStores::decl(&cfg),
        ColdStoreInput::decl(&cfg),
        ColdReading::decl(&cfg),
        ColdReadingInput::decl(&cfg),
        ColdClock::decl(&cfg),
        Amount::decl(&cfg),
        MonthOutages::decl(&cfg),
        YearRow::decl(&cfg),
        BackupSaving::decl(&cfg),
        YearTotals::decl(&cfg),
        YearInOutages::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/core/src/bindings.rs. Do not edit:\n\
         // run `make bindings` after changing a type that crosses IPC.\n",
    );
    for decl in declarations {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out.push_str("\n// Every closed choice, in the order the window offers it.\n");
    for choice in [
        choice(
            "BUSINESS_TYPES",
            BusinessType::ALL,
            BusinessType::as_str,
            &cfg,
        ),
        choice("LANGUAGES", Language::ALL, Language::as_str, &cfg),
        choice("COUNTRIES", Country::ALL, Country::as_str, &cfg),
        choice("CONTACT_KINDS", ContactKind::ALL, ContactKind::as_str, &cfg),
        choice("PRIORITIES", Priority::ALL, Priority::as_str, &cfg),
        choice("ROLE_KINDS", RoleKind::ALL, RoleKind::as_str, &cfg),
        choice(
            "CUSTOMERS_PER",
            CustomersPer::ALL,
            CustomersPer::as_str,
            &cfg,
        ),
        choice("SEVERITIES", Severity::ALL, Severity::as_str, &cfg),
        choice("CAUSES", Cause::ALL, Cause::as_str, &cfg),
        choice("COULD_RECUR", CouldRecur::ALL, CouldRecur::as_str, &cfg),
        choice("STAGES", Stage::ALL, Stage::as_str, &cfg),
        choice("TEAM_STATES", TeamState::ALL, TeamState::as_str, &cfg),
        choice("CURRENCIES", Currency::ALL, Currency::as_str, &cfg),
        choice("COLD_KINDS", ColdKind::ALL, ColdKind::as_str, &cfg),
        choice("CHANNELS", Channel::ALL, Channel::as_str, &cfg),
        choice(
            "ANNOUNCED_WHATS",
            AnnouncedWhat::ALL,
            AnnouncedWhat::as_str,
            &cfg,
        ),
        choice("PHASES", Phase::ALL, Phase::as_str, &cfg),
        choice("PAPERS", Paper::ALL, Paper::as_str, &cfg),
        choice(
            "BACKUP_REASONS",
            BackupReason::ALL,
            BackupReason::as_str,
            &cfg,
        ),
        choice("STEPS", Step::ALL, Step::as_str, &cfg),
        choice("TEXT_SIZES", TextSize::ALL, TextSize::as_str, &cfg),
    ] {
        out.push_str(&choice);
    }
    out
}

/// `export const CAUSES = ["unknown", …] as const satisfies readonly Cause[];`
fn choice<T: TS + Copy>(
    name: &str,
    all: &[T],
    text: fn(T) -> &'static str,
    cfg: &ts_rs::Config,
) -> String {
    let values: Vec<String> = all.iter().map(|v| format!("\"{}\"", text(*v))).collect();
    format!(
        "export const {name} = [{}] as const satisfies readonly {}[];\n",
        values.join(", "),
        T::name(cfg)
    )
}

#[test]
fn typescript_bindings_are_up_to_date() {
    up_to_date("../../ui/src/lib/ipc/bindings.ts", &render());
}

/// Writes `fresh` to `relative` (from this crate) with `UPDATE_BINDINGS` set; otherwise fails
/// when the committed file differs.
fn up_to_date(relative: &str, fresh: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `make bindings` and commit the result",
        path.display()
    );
}

/// `export type ContactField = "organisation" | `phones.${number}.number` | …;` for each form
/// of [`crate::field_paths`], and `AnyField`, every field any form can name.
fn render_fields() -> String {
    let mut out = String::from(
        "// Generated from src-tauri/core/src/field_paths.rs by src-tauri/core/src/bindings.rs.\n\
         // Do not edit: run `make bindings` after changing a form's fields. A refusal names only\n\
         // these paths, so a form reading another one is a type error.\n\n",
    );
    let forms = crate::field_paths::FORMS;
    for (name, paths) in forms {
        let paths: Vec<String> = paths
            .iter()
            .map(|path| {
                if path.contains("{i}") {
                    format!("`{}`", path.replace("{i}", "${number}"))
                } else {
                    format!("\"{path}\"")
                }
            })
            .collect();
        out.push_str(&format!("export type {name} = {};\n", paths.join(" | ")));
    }
    let names: Vec<&str> = forms.iter().map(|(name, _)| *name).collect();
    out.push_str(&format!(
        "\n/** Every field any form's refusal can name. */\nexport type AnyField = {};\n",
        names.join(" | ")
    ));
    out
}

/// Every closed choice the owner reads, by its type's name, with its values in order: the
/// vocabulary's data must word each of them, once per language.
pub(crate) fn worded_choices() -> Vec<(&'static str, Vec<&'static str>)> {
    use crate::vocabulary::Choice;
    fn of<C: Choice>() -> (&'static str, Vec<&'static str>) {
        (C::NAME, C::ALL.iter().map(|v| v.as_str()).collect())
    }
    vec![
        of::<Language>(),
        of::<Country>(),
        of::<BusinessType>(),
        of::<ContactKind>(),
        of::<Priority>(),
        of::<CustomersPer>(),
        of::<Severity>(),
        of::<Cause>(),
        of::<CouldRecur>(),
        of::<Stage>(),
        of::<Channel>(),
        of::<Step>(),
        of::<AnnouncedWhat>(),
        of::<Phase>(),
        of::<Outcome>(),
        of::<Paper>(),
        of::<TextSize>(),
        of::<BackupReason>(),
        of::<BackupPlace>(),
        of::<SyncTool>(),
        of::<EmergencyService>(),
        of::<Supply>(),
        of::<RoleKind>(),
        of::<Scenario>(),
        of::<DrillSpeed>(),
        of::<DrillOutcome>(),
        of::<Rating>(),
        of::<DrillDue>(),
        of::<Objective>(),
        of::<TeamState>(),
        of::<Currency>(),
        of::<Missing>(),
        of::<ClaimPayer>(),
        of::<ColdKind>(),
        of::<ColdState>(),
    ]
}

/// `ui/src/lib/ipc/vocabulary.ts`: the vocabulary's data of every language, typed so that a
/// value without its word, or a language without its data, does not compile.
fn render_vocabulary() -> String {
    let choices = worded_choices();
    let mut names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    let mut out = String::from(
        "// Generated from src-tauri/core/vocabulary/*.json by src-tauri/core/src/bindings.rs.\n\
         // Do not edit: change the data and run `make bindings`.\n\n",
    );
    out.push_str(&format!(
        "import type {{\n{}}} from \"./bindings\";\n\n",
        names
            .iter()
            .map(|n| format!("  {n},\n"))
            .collect::<String>()
    ));
    out.push_str("/** Every closed choice the owner reads, by its type's name. */\nexport type Choices = {\n");
    for (name, _) in &choices {
        out.push_str(&format!("  {name}: {name};\n"));
    }
    out.push_str(
        "};\n\n\
         /** The words of one language: see src-tauri/core/src/vocabulary.rs. */\n\
         export type Vocabulary = {\n\
         \x20 choices: { [C in keyof Choices]: Record<Choices[C], string> };\n\
         \x20 duration: {\n\
         \x20   none: string;\n\
         \x20   singular: number[];\n\
         \x20   day: [string, string];\n\
         \x20   hour: [string, string];\n\
         \x20   minute: [string, string];\n\
         \x20 };\n\
         \x20 months: string[];\n\
         \x20 weekdays: string[];\n\
         \x20 first_of_month: string;\n\
         \x20 emergency_in_country: Partial<Record<Country, Partial<Record<EmergencyService, string>>>>;\n\
         \x20 markers: Record<string, string>;\n\
         };\n\n\
         export const VOCABULARIES = {\n",
    );
    for (language, json) in crate::vocabulary::data() {
        let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
        let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
        out.push_str(&format!(
            "  {}: {},\n",
            language.as_str(),
            pretty.replace('\n', "\n  ")
        ));
    }
    out.push_str("} satisfies Record<Language, Vocabulary>;\n");
    out
}

#[test]
fn typescript_field_unions_are_up_to_date() {
    up_to_date("../../ui/src/lib/ipc/fields.ts", &render_fields());
}

#[test]
fn vocabulary_bindings_are_up_to_date() {
    up_to_date("../../ui/src/lib/ipc/vocabulary.ts", &render_vocabulary());
}

#[test]
fn every_closed_choice_has_one_word_per_value_in_every_language() {
    let choices = worded_choices();
    for (language, json) in crate::vocabulary::data_and_pseudo() {
        let data: Vocabulary = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{language}: the data does not read: {e}"));
        let mut named: Vec<&String> = data.choices().keys().collect();
        named.sort();
        let mut expected: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        expected.sort_unstable();
        assert_eq!(named, expected, "{language}: the choices worded");
        for (name, values) in &choices {
            let words = &data.choices()[*name];
            let mut worded: Vec<&str> = words.keys().map(String::as_str).collect();
            let mut values = values.clone();
            worded.sort_unstable();
            values.sort_unstable();
            assert_eq!(worded, values, "{language}: the values of {name}");
            for (value, word) in words {
                assert!(
                    !word.trim().is_empty(),
                    "{language}: {name} {value} is blank"
                );
            }
        }
    }
    for language in Language::ALL {
        assert!(
            crate::vocabulary::data().iter().any(|(l, _)| l == language),
            "{language:?} has no data"
        );
    }
}
