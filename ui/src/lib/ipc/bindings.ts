// Generated from the Rust types by src-tauri/core/src/bindings.rs. Do not edit:
// run `make bindings` after changing a type that crosses IPC.

export type ApiError = { code: ErrorCode, message: string, fields: Array<FieldError>, 
/**
 * With [`ErrorCode::BadFile`]: where in the file and why.
 */
file?: FileProblem, };

export type ErrorCode = "Validation" | "NotFound" | "Storage" | "DiskFull" | "ReadOnly" | "DiskError" | "OpenFailed" | "Print" | "Notification" | "BadFile";

export type FieldError = { field: string, problem: FieldProblem, };

export type FieldProblem = { "kind": "required" } | { "kind": "invalidPhone" } | { "kind": "notANumberIn", country: Country, } | { "kind": "invalidEmail" } | { "kind": "invalidUrl" } | { "kind": "tooLong", max: number, } | { "kind": "notPositive" } | { "kind": "notRecent" } | { "kind": "notAhead" } | { "kind": "tooLarge", max: number, } | { "kind": "unknown" } | { "kind": "cycle" } | { "kind": "unfilled" } | { "kind": "twice" } | { "kind": "samePerson" } | { "kind": "outsideOutage" } | { "kind": "beforeCheckIn" } | { "kind": "closed" } | { "kind": "notSafe", names: Array<string>, } | { "kind": "outageOpen" } | { "kind": "drillOpen" } | { "kind": "notYet" } | { "kind": "ended" } | { "kind": "notAnAmount" } | { "kind": "negative" } | { "kind": "notATime" } | { "kind": "endsBeforeStart" } | { "kind": "notForDrills" } | { "kind": "notATemperature" };

export type FileProblem = { 
/**
 * The line (from 1), when the problem is on one.
 */
line: number | null, 
/**
 * What is at fault: in the file's own terms (`tables.contacts[3].kind`), or with
 * [`FileReason::BadField`] the name of the contact it belongs to.
 */
place: string, reason: FileReason, };

export type FileReason = { "kind": "notJson" } | { "kind": "notAnExport" } | { "kind": "newerFormat", version: number, } | { "kind": "unknownTable" } | { "kind": "unknownColumn" } | { "kind": "badValue" } | { "kind": "brokenReference" } | { "kind": "tooLarge", max: number, } | { "kind": "notVcard" } | { "kind": "badLine" } | { "kind": "badField", field: string, value: string, } | { "kind": "noContacts" } | { "kind": "damaged" } | { "kind": "notSteady" } | { "kind": "unreadable" };

export type StartProblem = { "kind": "damaged", detail: string, } | { "kind": "newer", version: number, known: number, } | { "kind": "notSteady" } | { "kind": "readOnly", detail: string, } | { "kind": "diskFull" } | { "kind": "inUse" } | { "kind": "missing" } | { "kind": "unusable", detail: string, };

export type DataProblem = { problem: StartProblem, dataFolder: string, 
/**
 * The language the owner last chose, if known (the plan itself cannot be read).
 */
language: Language | null, 
/**
 * Whether restoring a backup is a way out of this problem.
 */
restorable: boolean, 
/**
 * Backups that can be restored, newest first.
 */
backups: Array<BackupInfo>, };

export type BackupReason = "daily" | "manual" | "before_upgrade" | "before_restore" | "before_import" | "before_join";

export type BackupPlace = "this_computer" | "copy_folder";

export type BackupContents = { 
/**
 * Empty when the backup was taken before the first-run questions.
 */
businessName: string, services: number, contacts: number, incidents: number, schemaVersion: number, };

export type BackupInfo = { fileName: string, place: BackupPlace, 
/**
 * In the copy folder: the folder of the computer that made it (how the window names it
 * back for a restore).
 */
machine: string | null, 
/**
 * In the copy folder: the name of the computer that made it, as it called itself.
 */
computer: string | null, 
/**
 * In the copy folder: made by another computer (or planted there by one), not this one.
 */
fromOtherComputer: boolean, 
/**
 * On this computer: whether the copy folder holds a copy of it too.
 */
copied: boolean, takenAt: string, reason: BackupReason, size: number, 
/**
 * `None` when the file can no longer be read: it is listed, never offered for a restore.
 */
contents: BackupContents | null, };

export type CopyOutcome = { "kind": "notChosen" } | { "kind": "written" } | { "kind": "missing", folder: string, } | { "kind": "failed", folder: string, detail: string, } | { "kind": "pending" };

export type BackupOutcome = { backup: BackupInfo, copy: CopyOutcome, };

export type LocalSettings = { 
/**
 * The folder off the laptop that receives a copy of every backup.
 */
copyFolder: string | Array<number> | null, 
/**
 * The disk the copy folder was chosen on (its file system's id), when it has one.
 */
copyFolderDisk: string | null, 
/**
 * The language the owner last chose.
 */
language: Language | null, 
/**
 * How large the window draws its text; `None` is normal size.
 */
textSize: TextSize | null, 
/**
 * The pocket plan file written again after every change, when the owner asked for it.
 */
pocketPlan: string | Array<number> | null, 
/**
 * The disk the pocket plan file was chosen on, when it has one.
 */
pocketPlanDisk: string | null, 
/**
 * Whether the kept pocket plan carries account numbers and customer IDs; `None` is no.
 */
pocketPlanSensitive: boolean | null, 
/**
 * Whether Steady asks about the laptop going on battery and the network going away;
 * `None` is yes.
 */
watchSupplies: boolean | null, 
/**
 * A random id made once, that names this computer's folder in the copy folder: two
 * computers of the same name must not prune each other's copies.
 */
computerId: string | null, 
/**
 * The folder this computer shares the plan through with the others (Settings → Two
 * computers), when it does.
 */
sharingFolder: string | Array<number> | null, 
/**
 * Whether Steady draws its window in display safe mode on this computer (its window once
 * stayed blank: WebKit's DMA-BUF renderer and compositing are then off); `None` is no.
 * The graphics driver is this computer's, so it never travels with the plan.
 */
safeDisplay: boolean | null, };

export type TextSize = "100" | "125" | "150" | "200";

export type DisplaySettings = { 
/**
 * This run draws its window in display safe mode (remembered, or `--safe-display`).
 */
safeNow: boolean, 
/**
 * Steady starts in display safe mode on this computer.
 */
remembered: boolean, };

export type SyncTool = "syncthing" | "nextcloud" | "dropbox" | "one_drive";

export type SyncedFolder = { tool: SyncTool, 
/**
 * The synced folder itself (the data folder is in it).
 */
folder: string, };

export type BackupsOverview = { 
/**
 * Newest first, in both places.
 */
backups: Array<BackupInfo>, 
/**
 * The data folder, to show and open.
 */
dataFolder: string, copyFolder: string | null, 
/**
 * Whether the chosen copy folder is there now (a USB stick may be unplugged).
 */
copyFolderPresent: boolean, 
/**
 * What the open plan holds now, to say what a restore would replace.
 */
current: BackupContents | null, 
/**
 * The folder a sync tool carries that the data folder lies in, if any: a warning, since
 * a synced database file gets damaged (`synced.rs`).
 */
synced: SyncedFolder | null, };

export type BadChanges = "notSteady" | "newer" | "damaged";

export type OtherComputer = { id: string, 
/**
 * Its name, as it wrote it (empty when it has not).
 */
name: string, 
/**
 * When it last wrote a change to the folder.
 */
lastChange: string | null, 
/**
 * How many changes it has not seen yet (`None`: it has not said what it has seen).
 */
behind: number | null, };

export type ConflictView = { table: string, gid: string, 
/**
 * One of `Synced::conflicts` (`phones`, `account_number`, `duties`, …).
 */
field: string, 
/**
 * What the row is called (the contact, the workaround).
 */
row: string, 
/**
 * Each value as the owner reads it, the one shown now first.
 */
values: Array<string>, };

export type RefusedFileView = { 
/**
 * The computer that wrote it, by name (its id when it has none).
 */
computer: string, file: string, why: BadChanges, };

export type RefusedRowView = { 
/**
 * Its table: `contacts`, `services`, `workarounds`, `runbooks`, `incidents`, or one of an
 * outage's (`calls`, `incident_events`, ...).
 */
table: string, 
/**
 * What it is called, as the other computer has it (empty for a row with no name).
 */
row: string, };

export type LastUpdate = { 
/**
 * The computer, by name (its id when it has none).
 */
computer: string, at: string, };

export type SharingProblem = "folderMissing" | "readOnly" | "full" | "historyDamaged" | "failed";

export type SharingStatus = { 
/**
 * The folder the plan is shared through; `None`: it is not shared.
 */
folder: string | null, 
/**
 * The sync tool found carrying that folder, if any.
 */
carriedBy: SyncedFolder | null, computers: Array<OtherComputer>, conflicts: Array<ConflictView>, refusedFiles: Array<RefusedFileView>, 
/**
 * Rows another computer shares that this plan could not take (a starter entry it already
 * has under another id, most often): they stay on the others, and are retried.
 */
refusedRows: Array<RefusedRowView>, 
/**
 * The last time another computer's changes were written here.
 */
lastUpdate: LastUpdate | null, 
/**
 * Why the last sync did not go through, if it did not.
 */
problem: SharingProblem | null, };

export type SharedRestore = "everywhere" | "here_only";

export type JoinWith = "folder_plan" | "both_plans";

export type FolderChosen = { 
/**
 * The sharing once the folder is shared; none while the question waits.
 */
status: SharingStatus | null, 
/**
 * The computers whose plan the folder holds, when the owner is asked (their names).
 */
plansOf: Array<string>, };

export type RestoreOutcome = { 
/**
 * The name, in the data folder, of the file refused at start.
 */
keptAs: string | null, saved: BackupOutcome | null, 
/**
 * Asked to become the plan of every computer, the backup could not: it was put back on
 * this computer alone, which stopped sharing (the window says so).
 */
stoppedSharing: boolean, };

export type ImportKind = "contacts" | "services" | "workarounds" | "runbooks" | "roles" | "incidents" | "notice_templates";

export type KindChange = { kind: ImportKind, 
/**
 * How many there are now, and in the file.
 */
now: number, inFile: number, 
/**
 * Matched by their number in Steady (a plan exported from this one, or a copy of it).
 */
added: number, updated: number, removed: number, };

export type ImportPreview = { businessName: string, exportedAt: string | null, changes: Array<KindChange>, 
/**
 * Whether there is a plan now that the import replaces.
 */
replacesAPlan: boolean, };

export type CardAction = "add" | "update" | "unchanged";

export type CardPreview = { name: string, action: CardAction, 
/**
 * The kind the contact will have: guessed from the card for a new one (the owner may
 * change it before importing), the contact's own for one Steady has.
 */
kind: ContactKind, 
/**
 * The phone numbers the card brings that Steady does not have yet.
 */
newPhones: Array<string>, 
/**
 * The fields it fills that were empty (`email`, `website`…).
 */
filled: Array<string>, 
/**
 * The numbers Steady cannot use as phone numbers, kept in the contact's notes instead.
 */
setAside: Array<SetAsideNumber>, };

export type SetAsideNumber = { 
/**
 * As the file writes it (cut at `LINE_MAX` characters).
 */
number: string, label: string, reason: FieldProblem, 
/**
 * False only when the contact's notes are too full to take it.
 */
inNotes: boolean, };

export type VcardPreview = { cards: Array<CardPreview>, added: number, updated: number, unchanged: number, };

export type Business = { name: string, businessType: BusinessType, language: Language, 
/**
 * `None` for a plan made before Steady asked (then numbers are checked by shape only).
 */
country: Country | null, 
/**
 * How times are written for this business in its language: the window follows it too.
 */
clock: Clock, createdAt: string, updatedAt: string, };

export type BusinessInput = { name: string, businessType: BusinessType, language: Language, country: Country | null, };

export type BusinessType = "retail_shop" | "cafe_restaurant" | "salon" | "office" | "other";

export type Language = "en" | "fr";

export type Country = "fr" | "be" | "ch" | "lu" | "ca" | "us" | "gb" | "ie" | "de" | "es" | "it" | "nl" | "pt" | "other";

export type EmergencyService = "any" | "medical" | "police" | "fire" | "fire_medical";

export type EmergencyNumber = { number: string, service: EmergencyService, label: string, };

export type Contact = { id: number, 
/**
 * The `tel:` link of each phone number, in the same order (empty for one that cannot be
 * dialled): the window links to them, it does not parse numbers itself.
 */
telLinks: Array<string>, createdAt: string, updatedAt: string, kind: ContactKind, organisation: string, person: string, phones: Array<Phone>, email: string, website: string, outagePage: string, statusPage: string, accountNumber: string, customerId: string, supportHours: string, 
/**
 * What to say when calling.
 */
notes: string, };

export type ContactDetails = { kind: ContactKind, organisation: string, person: string, phones: Array<Phone>, email: string, website: string, outagePage: string, statusPage: string, accountNumber: string, customerId: string, supportHours: string, 
/**
 * What to say when calling.
 */
notes: string, };

export type ContactFilter = { query: string, kind: ContactKind | null, };

export type ContactKind = "power_utility" | "internet_provider" | "phone_provider" | "card_payments" | "website_vendor" | "software_vendor" | "it_support" | "landlord" | "insurance" | "bank" | "staff" | "emergency" | "supplier" | "other";

export type ContactLink = { "kind": "phone", index: number, } | { "kind": "email" } | { "kind": "website" } | { "kind": "outagePage" } | { "kind": "statusPage" };

export type Phone = { label: string, number: string, };

export type ContactUsage = { 
/**
 * Services that depend on the contact.
 */
services: Array<string>, 
/**
 * Workarounds that depend on the contact, as "Service: workaround".
 */
workarounds: Array<string>, inCallTree: boolean, 
/**
 * The roles the contact holds, by name.
 */
holds: Array<string>, 
/**
 * The roles the contact stands in for.
 */
standsInFor: Array<string>, 
/**
 * The roles whose duties name the contact (a provider they call).
 */
namedBy: Array<string>, 
/**
 * Whether the team calls them when the owner cannot be reached.
 */
ownerDeputy: boolean, };

export type CriticalService = { id: number, 
/**
 * How long it can be down, in the owner's words and language ("2 hours").
 */
tolerates: string, workarounds: Array<Workaround>, createdAt: string, updatedAt: string, name: string, priority: Priority, 
/**
 * Whether customers notice when it is down.
 */
customerFacing: boolean, 
/**
 * How long it can be down before it really hurts.
 */
maxDowntimeMinutes: number, 
/**
 * Roughly how many customers it touches per `customers_per`, when known.
 */
customersAffected: number | null, customersPer: CustomersPer, 
/**
 * The owner has decided there is no workaround (shown plainly, not as a gap).
 */
noWorkaround: boolean, notes: string, 
/**
 * The contacts it depends on (e.g. card payments → POS vendor, internet, power).
 */
contactIds: number[], };

export type ServiceDetails = { name: string, priority: Priority, 
/**
 * Whether customers notice when it is down.
 */
customerFacing: boolean, 
/**
 * How long it can be down before it really hurts.
 */
maxDowntimeMinutes: number, 
/**
 * Roughly how many customers it touches per `customers_per`, when known.
 */
customersAffected: number | null, customersPer: CustomersPer, 
/**
 * The owner has decided there is no workaround (shown plainly, not as a gap).
 */
noWorkaround: boolean, notes: string, 
/**
 * The contacts it depends on (e.g. card payments → POS vendor, internet, power).
 */
contactIds: number[], };

export type Priority = "essential" | "important" | "can_wait";

export type CustomersPer = "hour" | "day";

export type Workaround = { id: number, serviceId: number, title: string, 
/**
 * What staff do, one step per line.
 */
steps: string, 
/**
 * What to tell customers meanwhile.
 */
customerMessage: string, 
/**
 * Its limits ("cash only; keep a float of 200").
 */
limits: string, 
/**
 * The contacts the workaround itself depends on.
 */
contactIds: number[], 
/**
 * Other services it needs working (a phone hotspot needs the phone network).
 */
serviceIds: number[], };

export type WorkaroundDetails = { title: string, 
/**
 * What staff do, one step per line.
 */
steps: string, 
/**
 * What to tell customers meanwhile.
 */
customerMessage: string, 
/**
 * Its limits ("cash only; keep a float of 200").
 */
limits: string, 
/**
 * The contacts the workaround itself depends on.
 */
contactIds: number[], 
/**
 * Other services it needs working (a phone hotspot needs the phone network).
 */
serviceIds: number[], };

export type Runbook = { id: number, updatedAt: string, title: string, 
/**
 * The service it restores, if any.
 */
serviceId: number | null, 
/**
 * The steps in order.
 */
steps: Array<string>, };

export type RunbookDetails = { title: string, 
/**
 * The service it restores, if any.
 */
serviceId: number | null, 
/**
 * The steps in order.
 */
steps: Array<string>, };

export type SafetyPlan = { 
/**
 * When the owner last marked the whole plan reviewed.
 */
reviewedAt: string | null, 
/**
 * The numbers to call in an emergency, by [`emergency_numbers`]: read, never saved.
 */
emergency: Array<Phone>, assemblyPoint: string, 
/**
 * What to check first in any incident, in order.
 */
checklist: Array<string>, 
/**
 * Staff contacts in the order they are called.
 */
callTree: Array<CallTreeEntry>, };

export type SafetyDetails = { assemblyPoint: string, 
/**
 * What to check first in any incident, in order.
 */
checklist: Array<string>, 
/**
 * Staff contacts in the order they are called.
 */
callTree: Array<CallTreeEntry>, };

export type CallTreeEntry = { contactId: number, callerId: number | null, };

export type PlanOverview = { services: number, workarounds: number, runbooks: number, contacts: number, reviewedAt: string | null, reviewDueAt: string | null, findings: Array<Finding>, };

export type StartUp = { 
/**
 * Why the data was not opened; then nothing below but the language and text size is read.
 */
problem: DataProblem | null, 
/**
 * The language of the computer, for the first-run questions and the problem screen.
 */
systemLanguage: Language, 
/**
 * The text size chosen on this computer.
 */
textSize: TextSize, 
/**
 * `None`: no plan yet, the first-run questions come first.
 */
business: Business | null, home: Home | null, openIncident: number | null, 
/**
 * The reminders due now.
 */
reminders: Array<Reminder>, backups: BackupsOverview | null, 
/**
 * Whether the system shows notifications (`None`: not known yet); the shell fills it.
 */
notifications: boolean | null, 
/**
 * Steady was started to deal with an outage (`steady --outage`, the launcher's
 * "Something's down"): the window opens on the start screen. The shell fills it.
 */
somethingDown: boolean, };

export type Home = { 
/**
 * The outage in progress, if there is one: then it is all the screen shows first.
 */
outage: OutageAtAGlance | null, plan: PlanOverview, print: PrintStatus, 
/**
 * Announced outages nothing was decided about yet, the soonest first.
 */
announced: Array<Announced>, 
/**
 * When the plan was last rehearsed, and whether a drill is suggested.
 */
rehearsal: Rehearsal, 
/**
 * The drill in progress, if any: never an outage, but the window shows it.
 */
drill: DrillSummary | null, };

export type OutageAtAGlance = { id: number, title: string, 
/**
 * What is still down (services not yet confirmed back, and what the owner named).
 */
stillDown: Array<string>, severity: Severity, startedAt: string, 
/**
 * How long it has been down, in the owner's words ("1 hour 20 minutes").
 */
downFor: string, nextStep: Step, nextUpdate: NextUpdate, 
/**
 * Every provider called, with what they promised.
 */
providers: Array<Promise>, 
/**
 * The workarounds in use.
 */
workarounds: Array<string>, 
/**
 * The tasks handed to someone of the team ("Karim calls Ouest Power").
 */
handoffs: Array<Handoff>, };

export type NextUpdate = { "kind": "firstNotice" } | { "kind": "due", at: string, within: string, } | { "kind": "late", at: string, overdue: string, } | { "kind": "noneScheduled" };

export type Promise = { contact: string, ticket: string, calledAt: string, 
/**
 * When they said it would be fixed.
 */
eta: string | null, 
/**
 * That time has passed and it is still down.
 */
etaPassed: boolean, 
/**
 * When they said they would call back.
 */
callBackAt: string | null, };

export type Paper = "a4" | "letter";

export type PrintDocument = "binder" | "emergency_card" | "incident_report" | "door_sign" | "role_cards" | "after_action" | "claim_pack" | "year_in_outages";

export type PrintOptions = { document: PrintDocument, 
/**
 * The incident, for an incident report or a claim pack.
 */
incidentId: number | null, 
/**
 * The drill, for an after-action report.
 */
drillId?: number | null, paper: Paper, 
/**
 * Account numbers and customer IDs are printed only when this is on.
 */
includeSensitive: boolean, 
/**
 * For a door sign: its text, as the owner left it (a notice for the door channel).
 */
text?: string | null, 
/**
 * For a door sign: the language of its notice, which may not be the business's, and so
 * of the paper's own words (title, header, footer). Every other document is in the
 * business's language (the binder's "out of date" check compares it so).
 */
language?: Language | null, };

export type PrintStatus = { binderPrintedAt: string | null, 
/**
 * The plan as printed today would differ from the last printed binder.
 */
changedSincePrinted: boolean, cardPrintedAt: string | null, 
/**
 * How many people get a role card: those who hold or stand in for a role.
 */
roleCards: number, };

export type Reminder = { 
/**
 * Names this reminder for good (`eta:12`, `update:3:41`).
 */
key: string, kind: ReminderKind, dueAt: string, 
/**
 * The incident it is about; `None` for the plan's reminders.
 */
incidentId: number | null, 
/**
 * The announced outage it is about.
 */
announcedId: number | null, title: string, body: string, snoozedUntil: string | null, };

export type ReminderKind = "customer_update" | "eta_passed" | "call_back" | "check_safety" | "plan_review" | "reprint" | "announced_phase" | "announced_start" | "announced_ask" | "team_no_answer" | "team_late" | "drill_action" | "drill_inject" | "claim_deadline" | "cold_chain";

export type ReminderSettings = { notifications: boolean, 
/**
 * Minutes between customer updates; `None`: no update after the first notice.
 */
criticalEvery: number | null, majorEvery: number | null, minorEvery: number | null, };

export type ReminderOpened = { kind: ReminderKind, incidentId: number | null, announcedId: number | null, };

export type Finding = { "kind": "noServices" } | { "kind": "noWorkaround", serviceId: number, service: string, } | { "kind": "noContactToCall", serviceId: number, service: string, } | { "kind": "sharedDependency", serviceId: number, service: string, workaround: string, contact: string, } | { "kind": "noAccountNumber", contactId: number, contact: string, } | { "kind": "useInstead", placeholderId: number, placeholder: string, contactId: number, contact: string, 
/**
 * What the placeholder is linked to: services, and the services whose workarounds
 * need it.
 */
services: Array<string>, } | { "kind": "noPhone", count: number, } | { "kind": "noEmergencyNumber" } | { "kind": "noSafetyChecklist" } | { "kind": "noAssemblyPoint" } | { "kind": "noCallTree" } | { "kind": "emptyRunbook", runbookId: number, runbook: string, } | { "kind": "noRoles" } | { "kind": "roleNobody", roleId: number, role: string, } | { "kind": "roleNoStandIn", roleId: number, role: string, person: string, } | { "kind": "teamPersonNoPhone", contactId: number, person: string, } | { "kind": "roleNamesGone", roleId: number, role: string, names: Array<string>, } | { "kind": "noOwnerPhone" } | { "kind": "neverReviewed" } | { "kind": "reviewDue", reviewedAt: string, } | { "kind": "drillAction", actionId: number, 
/**
 * When the drill that found it started (`None`: the drill was deleted).
 */
drillStartedAt: string | null, 
/**
 * What to fix, in the words of the language it was found in.
 */
text: string, owner: string, dueOn: string | null, 
/**
 * The contact it is about (a number that did not work), to open it.
 */
contactId: number | null, };

export type StarterSummary = { services: number, workarounds: number, runbooks: number, contacts: number, checklistItems: number, roles: number, };

export type Severity = "minor" | "major" | "critical";

export type SeverityReason = { "kind": "danger" } | { "kind": "suspectedAttack" } | { "kind": "exceedsTolerance", service: string, priority: Priority, expectedMinutes: number, toleratedMinutes: number, } | { "kind": "withinTolerance", service: string, priority: Priority, expectedMinutes: number, toleratedMinutes: number, } | { "kind": "unknownDuration", service: string, priority: Priority, } | { "kind": "alreadyDown", service: string, priority: Priority, downMinutes: number, toleratedMinutes: number, } | { "kind": "notInPlan" };

export type Assessment = { severity: Severity, 
/**
 * Each reason with the level it leads to, most severe first.
 */
reasons: Array<[Severity, SeverityReason]>, };

export type Cause = "unknown" | "power" | "internet" | "phone" | "vendor" | "attack" | "hardware" | "weather";

export type CouldRecur = "yes" | "no" | "unsure";

export type Happened = { "kind": "started", what: string, } | { "kind": "assessed" } | { "kind": "severity_changed", severity: Severity, } | { "kind": "severity_overridden", severity: Severity | null, reason: string, } | { "kind": "call_logged", contact: string, ticket: string, } | { "kind": "notice_sent", stage: Stage, channel: Channel, } | { "kind": "workaround_activated", title: string, } | { "kind": "service_restored", service: string, } | { "kind": "resolved" } | { "kind": "reopened" } | { "kind": "joined", what: string, } | { "kind": "reviewed" } | { "kind": "note", text: string, } | { "kind": "checked", item: string, } | { "kind": "unchecked", item: string, } | { "kind": "checked_in", person: string, state: TeamState, arrivingIn: number | null, } | { "kind": "handed_off", task: string, label: string, person: string | null, } | { "kind": "resolved_not_all_safe", names: Array<string>, } | { "kind": "drill_started", title: string, what: string, 
/**
 * The speed it started at (later changes are their own entries), so drill time can
 * be told from the timeline; absent in a drill recorded before it was kept.
 */
speed?: DrillSpeed, } | { "kind": "inject_thrown", inject: string, text: string, } | { "kind": "inject_answered", inject: string, answer: string, text: string, } | { "kind": "number_bad", name: string, number: string, } | { "kind": "drill_paused" } | { "kind": "drill_resumed" } | { "kind": "drill_speed_changed", speed: DrillSpeed, } | { "kind": "drill_ended", outcome: DrillOutcome, } | { "kind": "expense_added", what: string, amount: string, } | { "kind": "expense_removed", what: string, } | { "kind": "stock_spoiled", item: string, quantity: string, amount: string, } | { "kind": "spoiled_removed", item: string, } | { "kind": "temperature_read", store: string, reading: string, } | { "kind": "claim_sent", claim: string, };

export type Reason = { 
/**
 * The severity this reason leads to.
 */
level: Severity, text: string, };

export type Step = "assess" | "call" | "tell" | "workarounds" | "resolve";

export type ChecklistItem = { step: Step, 
/**
 * What the file keeps when it is ticked: `assess.danger`.
 */
key: string, text: string, done: boolean, };

export type IncidentStart = { serviceIds: number[], 
/**
 * A free label for something down that is not in the plan.
 */
somethingElse: string, 
/**
 * When it began, if before now (the laptop went on battery at 10:42, and the owner
 * starts the outage at 10:44); `None`: now. At most a week back, never ahead.
 */
startedAt?: string | null, };

export type AssessInput = { 
/**
 * What failed, in the owner's words.
 */
summary: string, cause: Cause, danger: boolean, 
/**
 * The owner's own figure; `None` uses the plan's estimate.
 */
customersAffected: number | null, 
/**
 * `None`: unknown yet.
 */
expectedMinutes: number | null, };

export type IncidentService = { id: number, serviceId: number | null, name: string, priority: Priority, customerFacing: boolean, maxDowntimeMinutes: number, customersAffected: number | null, customersPer: CustomersPer, restoredAt: string | null, };

export type CallInput = { contactId: number | null, 
/**
 * Who was called when it is not a saved contact.
 */
contactName: string, ticket: string, spokeTo: string, 
/**
 * When the provider said it would be fixed.
 */
eta: string | null, 
/**
 * When to call them back.
 */
callBackAt: string | null, notes: string, };

export type CallLogEntry = { id: number, contactId: number | null, contactName: string, calledAt: string, ticket: string, spokeTo: string, eta: string | null, callBackAt: string | null, notes: string, 
/**
 * The promised ETA has passed while the incident is still open.
 */
etaSlipped: boolean, };

export type NoticeInput = { stage: Stage, channel: Channel, text: string, };

export type SentNotice = { id: number, sentAt: string, stage: Stage, channel: Channel, text: string, };

export type Activation = { workaroundId: number | null, title: string, activatedAt: string, };

export type PreventionAction = { text: string, owner: string, dueOn: string | null, };

export type ReviewInput = { 
/**
 * Internal only: never put in a customer notice.
 */
rootCause: string, couldRecur: CouldRecur, actions: Array<PreventionAction>, };

export type TimelineEvent = { id: number, at: string, happened: Happened, 
/**
 * In the owner's words and language, as the window and the report say it.
 */
text: string, };

export type Recurrence = { days: number, 
/**
 * Earlier incidents with the same (known) cause in the window.
 */
sameCause: number, 
/**
 * For each affected service, earlier incidents that affected it too.
 */
sameService: Array<[string, number]>, 
/**
 * For each provider called, earlier incidents in which they were called too.
 */
sameProvider: Array<[string, number]>, };

export type Incident = { id: number, 
/**
 * A drill's incident: a rehearsal, marked as such everywhere, never counted as an outage.
 */
drill: boolean, startedAt: string, services: Array<IncidentService>, somethingElse: string, summary: string, 
/**
 * The owner's summary, or else what was down: how lists and reports name it.
 */
title: string, cause: Cause, danger: boolean, customersAffected: number | null, 
/**
 * The plan's estimate from the services' customer figures and the expected duration.
 */
estimatedCustomers: number | null, expectedMinutes: number | null, 
/**
 * What the plan says.
 */
assessment: Assessment, 
/**
 * The assessment's reasons in words, most severe first.
 */
reasons: Array<Reason>, severityOverride: Severity | null, overrideReason: string, 
/**
 * The override when there is one, else the assessment.
 */
severity: Severity, calls: Array<CallLogEntry>, notices: Array<SentNotice>, activations: Array<Activation>, 
/**
 * When the next customer update is due, by the severity's cadence.
 */
nextUpdateDue: string | null, resolvedAt: string | null, rootCause: string, couldRecur: CouldRecur, actions: Array<PreventionAction>, reviewedAt: string | null, timeline: Array<TimelineEvent>, recurrence: Recurrence, 
/**
 * Every step's checklist, with what is ticked.
 */
checklist: Array<ChecklistItem>, 
/**
 * The step to go to now: the first of the protocol with nothing done yet.
 */
nextStep: Step, };

export type IncidentSummary = { id: number, 
/**
 * A drill's incident.
 */
drill: boolean, startedAt: string, resolvedAt: string | null, title: string, cause: Cause, severity: Severity, services: Array<string>, };

export type IncidentPage = { incidents: Array<IncidentSummary>, total: number, };

export type SameOutage = { id: number, startedAt: string, 
/**
 * What it has down, as lists name it.
 */
title: string, };

export type IncidentFilter = { 
/**
 * `Some(true)`: open only; `Some(false)`: resolved only.
 */
open: boolean | null, cause: Cause | null, serviceId: number | null, from: string | null, to: string | null, 
/**
 * At most this many, the newest (`None`: every one).
 */
limit: number | null, 
/**
 * `Some(true)`: the drills' incidents only; otherwise real outages only (a drill never
 * counts as an outage).
 */
drills?: boolean | null, };

export type TeamState = "not_called" | "no_answer" | "on_the_way" | "here" | "cant_come" | "safe";

export type CheckInInput = { contactId: number, state: TeamState, 
/**
 * When it happened, if before now; `None`: now. Never ahead, never before the outage.
 */
at?: string | null, 
/**
 * For someone on the way: when they expect to arrive (not before `at`).
 */
arrivalAt?: string | null, };

export type CheckIn = { id: number, contactId: number | null, 
/**
 * The person's name then.
 */
name: string, state: TeamState, at: string, arrivalAt: string | null, };

export type Handoff = { 
/**
 * What it is, for good: `step:tell`, `call:<contact id>`, `workaround:<workaround id>`.
 */
task: string, 
/**
 * Its words when it was handed over ("Ouest Power", "Cash only").
 */
label: string, contactId: number | null, 
/**
 * Who does it, as named then.
 */
name: string, at: string, };

export type TeamMember = { contactId: number, name: string, 
/**
 * In the plan's call tree (those come first, in its order).
 */
inCallTree: boolean, phones: Array<Phone>, 
/**
 * The `tel:` link of each phone, in the same order (empty when it cannot be dialled).
 */
telLinks: Array<string>, state: TeamState, 
/**
 * Since when (`None`: never marked during this outage).
 */
since: string | null, 
/**
 * The latest check-in, which a reminder about this person is named after.
 */
checkInId: number | null, 
/**
 * For someone on the way: when they expect to arrive.
 */
arrivalAt: string | null, 
/**
 * That time has passed and they are still on the way.
 */
arrivalPassed: boolean, 
/**
 * The roles they hold, by name.
 */
roles: Array<string>, 
/**
 * The tasks handed to them.
 */
tasks: Array<Handoff>, };

export type StandInOffer = { roleId: number, role: string, standInId: number, standIn: string, standInState: TeamState, };

export type IncidentTeam = { incidentId: number, danger: boolean, resolved: boolean, 
/**
 * Every member of staff: the call tree's order first, then the others by name.
 */
people: Array<TeamMember>, 
/**
 * Every task handed over, in the order it was.
 */
handoffs: Array<Handoff>, 
/**
 * For each role whose people all can't come, its stand-in.
 */
standIns: Array<StandInOffer>, 
/**
 * In a danger outage, who is not yet accounted for (not marked safe, and not "can't
 * come"); empty otherwise.
 */
notSafe: Array<string>, 
/**
 * Every check-in, in order: who was reached when.
 */
checkIns: Array<CheckIn>, };

export type Stage = "initial" | "update" | "resolved" | "follow_up" | "planned";

export type Channel = "sms" | "email" | "social" | "website" | "phone" | "door";

export type Clock = "h24" | "h12";

export type Draft = { stage: Stage, channel: Channel, language: Language, 
/**
 * Only for email.
 */
subject: string | null, body: string, 
/**
 * The markers left for the owner to fill (`[HOW MANY CUSTOMERS]`).
 */
unfilled: Array<string>, };

export type LengthReport = { 
/**
 * Characters as the channel counts them (septets for GSM-7, UTF-16 units for UCS-2).
 */
length: number, 
/**
 * The most the channel takes in one piece, if it has a limit.
 */
limit: number | null, smsEncoding: SmsEncoding | null, smsSegments: number | null, 
/**
 * More than one line where one is allowed.
 */
multiline: boolean, over: boolean, };

export type SmsEncoding = "gsm7" | "ucs2";

export type Warning = { kind: WarningKind, 
/**
 * The text as it stands in the notice.
 */
matched: string, 
/**
 * Where, in UTF-16 units (as the UI's strings count).
 */
start: number, end: number, 
/**
 * What to say instead; empty means leave it out.
 */
suggestion: string, };

export type WarningKind = "providerName" | "identifier" | "rootCause" | "internalNote" | "ipAddress" | "hostname" | "softwareVersion" | "staffName" | "alarmingWord";

export type NoticeCheck = { length: LengthReport, warnings: Array<Warning>, unfilled: Array<string>, };

export type QrImage = { 
/**
 * Modules a side, quiet zone included: the `viewBox` is `0 0 size size`.
 */
size: number, 
/**
 * The dark modules as one SVG path in module units, to fill in black on white.
 */
path: string, 
/**
 * What the code holds (what a phone reads from it).
 */
payload: string, };

export type Supply = "power" | "internet";

export type RoleKind = "opens" | "calls_providers" | "talks_to_customers" | "runs_workaround" | "safety_lead" | "it" | "own";

export type Scenario = "power_at_opening" | "internet_saturday" | "card_terminal_lunch" | "phone_line_cut" | "supplier_no_delivery" | "till_break_in" | "own";

export type DrillSpeed = "x1" | "x2" | "x5";

export type DrillOutcome = "resolved" | "abandoned" | "stopped_for_real";

export type Rating = "performed" | "some_challenges" | "major_challenges" | "not_performed";

export type DrillStart = { scenario: Scenario, 
/**
 * The service rehearsed: required for `own`, else the scenario picks the plan's own.
 */
serviceId: number | null, speed: DrillSpeed, };

export type InjectChoice = { key: string, text: string, };

export type Inject = { 
/**
 * Its key within the scenario.
 */
key: string, 
/**
 * When it comes, in minutes of drill time.
 */
atMinute: number, text: string, choices: Array<InjectChoice>, firedAt: string | null, 
/**
 * The key of the choice made.
 */
answer: string | null, answeredAt: string | null, };

export type BadNumber = { id: number, contactId: number | null, name: string, number: string, at: string, };

export type Drill = { id: number, 
/**
 * The incident the drill runs in the outage mode.
 */
incidentId: number, scenario: Scenario, serviceId: number | null, 
/**
 * The scenario's name in the owner's words, with the plan's names.
 */
title: string, 
/**
 * What the scenario says happens, to read before starting.
 */
situation: string, speed: DrillSpeed, startedAt: string, 
/**
 * Drill time gone, in seconds, as of when it was read.
 */
clockSeconds: number, paused: boolean, endedAt: string | null, outcome: DrillOutcome | null, injects: Array<Inject>, badNumbers: Array<BadNumber>, };

export type DrillSummary = { id: number, incidentId: number, scenario: Scenario, title: string, startedAt: string, endedAt: string | null, outcome: DrillOutcome | null, };

export type ScenarioChoice = { scenario: Scenario, title: string, situation: string, 
/**
 * The plan's service it is about (`None`: none matched; for `own`, the owner picks).
 */
serviceId: number | null, 
/**
 * Whether it can be started on this plan (a scenario about a service the plan lacks
 * cannot; `own` needs a service in the plan).
 */
available: boolean, };

export type PlanAction = { id: number, drillId: number | null, kind: string, contactId: number | null, serviceId: number | null, text: string, owner: string, dueOn: string | null, createdAt: string, doneAt: string | null, };

export type Objective = "assess" | "first_notice" | "workaround" | "steps" | "notices" | "numbers" | "surprises";

export type ObjectiveScore = { objective: Objective, 
/**
 * The objective's name in the owner's words (the vocabulary's).
 */
name: string, rating: Rating, 
/**
 * How long it took, in drill minutes (timed objectives, when it was done).
 */
tookMinutes: number | null, 
/**
 * The plan's target, in drill minutes (timed objectives).
 */
targetMinutes: number | null, 
/**
 * What happened, in a plain sentence.
 */
sentence: string, 
/**
 * What to fix in the plan or the practice; empty when nothing.
 */
fix: string, 
/**
 * The same objective's rating at the last ended drill of the same scenario.
 */
previous: Rating | null, };

export type Decision = { 
/**
 * The surprise's key within the scenario.
 */
inject: string, firedAt: string | null, 
/**
 * The key of the choice made; `None`: not answered.
 */
answer: string | null, answeredAt: string | null, };

export type PreviousDrill = { id: number, startedAt: string, };

export type Scorecard = { drillId: number, incidentId: number, scenario: Scenario, speed: DrillSpeed, startedAt: string, endedAt: string | null, outcome: DrillOutcome | null, 
/**
 * How long the drill ran, in drill minutes (until now while it runs).
 */
drillMinutes: number, objectives: Array<ObjectiveScore>, decisions: Array<Decision>, 
/**
 * The last ended drill of the same scenario, whose ratings are `objectives[].previous`.
 */
previous: PreviousDrill | null, };

export type DrillDue = "never" | "months_ago" | "plan_changed";

export type Rehearsal = { 
/**
 * The last drill resolved, and when it ended.
 */
lastDrillId: number | null, lastRehearsedAt: string | null, 
/**
 * Things of the plan added or edited since.
 */
changesSince: number, 
/**
 * Why a drill is suggested now; `None`: not yet.
 */
due: DrillDue | null, };

export type RoleDetails = { kind: RoleKind, 
/**
 * The owner's name for it: required for [`RoleKind::Own`], empty for the others.
 */
name: string, 
/**
 * What the role does, in order: its first lines are the first things its people do.
 */
duties: Array<string>, 
/**
 * The staff contacts who hold it, first holder first.
 */
holderIds: number[], 
/**
 * Who takes it when its people are away: never one of them.
 */
standInId: number | null, 
/**
 * The contacts its duties are about (the providers it calls), whose numbers go on the
 * card.
 */
contactIds: number[], 
/**
 * The services its duties are about.
 */
serviceIds: number[], };

export type Role = { id: number, 
/**
 * The role's name as people read it: the owner's, else the kind's word.
 */
title: string, 
/**
 * What its duties named that is no longer in the plan.
 */
gone: Array<Gone>, updatedAt: string, kind: RoleKind, 
/**
 * The owner's name for it: required for [`RoleKind::Own`], empty for the others.
 */
name: string, 
/**
 * What the role does, in order: its first lines are the first things its people do.
 */
duties: Array<string>, 
/**
 * The staff contacts who hold it, first holder first.
 */
holderIds: number[], 
/**
 * Who takes it when its people are away: never one of them.
 */
standInId: number | null, 
/**
 * The contacts its duties are about (the providers it calls), whose numbers go on the
 * card.
 */
contactIds: number[], 
/**
 * The services its duties are about.
 */
serviceIds: number[], };

export type Gone = { 
/**
 * `true`: a contact; `false`: a service.
 */
contact: boolean, name: string, };

export type CardSettings = { contactId: number, 
/**
 * The card's language; `None`: the owner's.
 */
language: Language | null, 
/**
 * Whether the card may carry account numbers (only where the person's role calls
 * providers).
 */
accountNumbers: boolean, };

export type TeamSettings = { ownerName: string, ownerPhone: string, deputyId: number | null, };

export type TeamPerson = { contact: Contact, 
/**
 * The roles they hold, in the plan's order.
 */
roleIds: number[], 
/**
 * The roles they stand in for.
 */
standInFor: number[], card: CardSettings, };

export type Team = { roles: Array<Role>, people: Array<TeamPerson>, settings: TeamSettings, 
/**
 * The owner's `tel:` link, empty when the number cannot be dialled.
 */
ownerTel: string, };

export type TeamMessage = { language: Language, 
/**
 * Short, for a text message.
 */
sms: string, 
/**
 * Everything: what happened, where to go, who does what, the tickets, the owner's number.
 */
text: string, };

export type Suggestion = { "kind": "lost", supply: Supply, since: string, } | { "kind": "back", supply: Supply, since: string, incidentId: number, };

export type SuggestionText = { title: string, body: string, 
/**
 * The button that does what it suggests.
 */
action: string, };

export type Asked = { suggestion: Suggestion, text: SuggestionText, 
/**
 * For a loss: what the start screen has ticked, from when it began.
 */
start: IncidentStart | null, 
/**
 * For a loss during an announced outage of it: that one, to follow rather than start
 * another.
 */
announcedId: number | null, };

export type Battery = { onBattery: boolean, 
/**
 * The system's estimate while on battery; `None` while it has none yet.
 */
minutesLeft: number | null, };

export type AnnouncedWhat = "power" | "internet" | "phone" | "vendor" | "other";

export type Phase = "days_before" | "day_before" | "hour_before" | "during" | "after";

export type Outcome = "happened" | "did_not_happen";

export type AnnouncedDetails = { what: AnnouncedWhat, 
/**
 * The owner's name for it; empty: named after `what`.
 */
label: string, startsAt: string, expectedMinutes: number, 
/**
 * Where the announcement came from (a letter, an email, the provider's page).
 */
source: string, 
/**
 * The plan's services it will take down.
 */
serviceIds: number[], };

export type AnnouncedCheck = { phase: Phase, 
/**
 * What the file keeps when it is ticked: `day_before.tell`.
 */
key: string, text: string, done: boolean, };

export type PhasePlan = { phase: Phase, beginsAt: string, items: Array<AnnouncedCheck>, };

export type Announced = { id: number, 
/**
 * The label, or the name of `what`.
 */
title: string, endsAt: string, 
/**
 * Where it stands now.
 */
phase: Phase, phases: Array<PhasePlan>, 
/**
 * The services' names, for the screens and the notices.
 */
services: Array<string>, outcome: Outcome | null, 
/**
 * The live incident it became.
 */
incidentId: number | null, createdAt: string, updatedAt: string, what: AnnouncedWhat, 
/**
 * The owner's name for it; empty: named after `what`.
 */
label: string, startsAt: string, expectedMinutes: number, 
/**
 * Where the announcement came from (a letter, an email, the provider's page).
 */
source: string, 
/**
 * The plan's services it will take down.
 */
serviceIds: number[], };

export type WatchSettings = { ask: boolean, startAtLogin: boolean, };

export type PocketStatus = { 
/**
 * The file written again after every change, if the owner asked for it.
 */
keptAt: string | null, 
/**
 * The last time it was due, the file could not be written (the USB stick is out, the
 * folder is gone or full).
 */
unreachable: boolean, 
/**
 * Whether the kept file carries the account numbers and customer IDs.
 */
sensitive: boolean, };

export type NoticeDraft = { draft: Draft, check: NoticeCheck, };

export type NoticeTemplate = { stage: Stage, channel: Channel, language: Language, 
/**
 * Only for email.
 */
subject: string | null, body: string, 
/**
 * The owner's own wording rather than the default.
 */
customised: boolean, };

export type Currency = "EUR" | "USD" | "GBP" | "CAD" | "CHF";

export type Money = number;

export type OpeningDay = { 
/**
 * ISO weekday: 1 is Monday, 7 Sunday.
 */
weekday: number, opens: string, closes: string, takingsPerHour: Money | null, };

export type WorkaroundSales = { workaroundId: number, title: string, 
/**
 * Percent of the service's takings still made while it runs; `None`: not said.
 */
keptPercent: number | null, };

export type ServiceCosts = { serviceId: number, name: string, takings: Array<Money | null>, workarounds: Array<WorkaroundSales>, };

export type CostSettings = { currency: Currency, 
/**
 * The days the business is open, Monday first; a day not listed is closed.
 */
days: Array<OpeningDay>, staffPerHour: Money | null, subscribedKva: number | null, utility: string, insurer: string, policyNumber: string, 
/**
 * The business-interruption cover's waiting period, in hours.
 */
waitingHours: number | null, 
/**
 * Every service of the plan, in the plan's order, with its own costs.
 */
services: Array<ServiceCosts>, 
/**
 * `None` until the owner saved them once.
 */
updatedAt: string | null, };

export type OpeningDayInput = { open: boolean, opens: string, closes: string, takings: string, };

export type CostSettingsInput = { currency: Currency, 
/**
 * Seven days, Monday first.
 */
days: Array<OpeningDayInput>, staffPerHour: string, subscribedKva: number | null, utility: string, insurer: string, policyNumber: string, waitingHours: number | null, };

export type WorkaroundSalesInput = { workaroundId: number, keptPercent: number | null, };

export type ServiceCostsInput = { 
/**
 * Seven amounts, Monday first; blank: the business's takings that day.
 */
takings: Array<string>, workarounds: Array<WorkaroundSalesInput>, };

export type Expense = { id: number, what: string, amount: Money, spentOn: string | null, };

export type ExpenseInput = { what: string, amount: string, spentOn: string | null, };

export type SpoiledItem = { id: number, item: string, 
/**
 * Thousandths of the unit: 2.5 kg is 2500.
 */
quantityMilli: number, unit: string, unitCost: Money, 
/**
 * Quantity times unit cost, rounded once.
 */
total: Money, thrownAt: string, why: string, coldStoreId: number | null, };

export type SpoiledInput = { item: string, quantity: string, unit: string, unitCost: string, 
/**
 * When it was thrown away; `None`: now.
 */
thrownAt: string | null, why: string, coldStoreId: number | null, };

export type IncidentCosts = { expenses: Array<Expense>, spoiled: Array<SpoiledItem>, };

export type Missing = "opening_hours" | "takings" | "staff_cost" | "workaround_share";

export type LossSegment = { from: string, to: string, minutes: number, perHour: Money, 
/**
 * Percent of the takings still made (by a workaround); 0 without one.
 */
keptPercent: number, 
/**
 * Whether `per_hour` is the service's own figure, not the business's.
 */
ownTakings: boolean, amount: Money, };

export type ServiceLoss = { serviceId: number | null, name: string, downFrom: string, 
/**
 * `None` while it is still down.
 */
downTo: string | null, downMinutes: number, 
/**
 * Of which the business was open.
 */
openMinutes: number, segments: Array<LossSegment>, 
/**
 * Its takings lost, less what its workaround kept.
 */
lost: Money, 
/**
 * What its workaround still sold.
 */
kept: Money, };

export type Loss = { currency: Currency, 
/**
 * Still going: the figures grow.
 */
ongoing: boolean, services: Array<ServiceLoss>, 
/**
 * Taken off the services' sum: the same takings lost by services down together.
 */
countedOnce: Money, lostTakings: Money, staffPerHour: Money | null, staffMinutes: number, staffCost: Money, expenses: Money, spoiled: Money, total: Money, missing: Array<Missing>, };

export type ClaimPayer = "utility" | "isp" | "insurer";

export type ClaimOutcome = { key: string, who: ClaimPayer, title: string, 
/**
 * Whether the outage meets every condition Steady can check.
 */
applies: boolean, 
/**
 * Why, one sentence per condition weighed.
 */
why: Array<string>, currency: Currency, 
/**
 * The amount, when it can be counted from what was entered.
 */
estimate: Money | null, 
/**
 * "You may be entitled to …. Check with your provider."
 */
estimateText: string, 
/**
 * Paid without a claim.
 */
automatic: boolean, 
/**
 * The last day to claim, counted from the outage's end; `None`: no deadline known, or
 * the outage is not over.
 */
deadline: string | null, send: string, to: string, source: string, checkedOn: string, 
/**
 * What the research did and did not confirm.
 */
sourceNote: string, sentOn: string | null, };

export type InsuranceOutcome = { title: string, insurer: string, policyNumber: string, waitingHours: number | null, 
/**
 * Whether the outage lasted longer than the waiting period; `None`: not said.
 */
passed: boolean | null, why: string, documents: Array<string>, sentOn: string | null, };

export type Claims = { 
/**
 * How long the power (the longest service down) was out, in minutes.
 */
lastedMinutes: number, 
/**
 * An announced outage became this incident.
 */
planned: boolean, ongoing: boolean, rules: Array<ClaimOutcome>, insurance: InsuranceOutcome, };

export type ColdKind = "fridge" | "freezer_full" | "freezer_half";

export type ColdState = "ok" | "warning" | "past" | "stopped";

export type ColdSource = { name: string, url: string, checkedOn: string, };

export type ColdDefault = { kind: ColdKind, safeMinutes: number, };

export type ColdStore = { id: number, name: string, kind: ColdKind, safeMinutes: number, 
/**
 * The service whose loss stops it; `None`: any outage whose cause is power.
 */
serviceId: number | null, };

export type ColdStores = { stores: Array<ColdStore>, defaults: Array<ColdDefault>, source: ColdSource, };

export type ColdStoreInput = { name: string, kind: ColdKind, 
/**
 * Blank: the guidance's for its kind.
 */
safeMinutes: number | null, serviceId: number | null, };

export type ColdReading = { id: number, at: string, 
/**
 * Tenths of a degree Celsius.
 */
tenths: number, 
/**
 * As the owner reads it (`6,5 °C`).
 */
text: string, };

export type ColdReadingInput = { 
/**
 * As typed: `6,5`, `6.5`, `-18`.
 */
celsius: string, 
/**
 * When it was read; `None`: now.
 */
at: string | null, };

export type ColdClock = { storeId: number, name: string, kind: ColdKind, safeMinutes: number, startedAt: string, limitAt: string, 
/**
 * When its power came back (or the outage was resolved); `None` while it runs.
 */
stoppedAt: string | null, 
/**
 * Until the limit, at `now` or when it stopped; below zero: past it by that much.
 */
minutesLeft: number, state: ColdState, readings: Array<ColdReading>, };

export type Amount = { amount: Money, text: string, };

export type MonthOutages = { 
/**
 * The month's first day.
 */
firstDay: string, 
/**
 * Its short name ("Jan", "janv.").
 */
label: string, outages: number, 
/**
 * Minutes down of each service of [`YearInOutages::services`], in that order.
 */
minutes: Array<number>, 
/**
 * Takings lost by each service, in that order.
 */
lost: Array<Money>, 
/**
 * The month's money lost, services down together counted once.
 */
total: Money, };

export type YearRow = { name: string, outages: number, minutes: number, 
/**
 * Hours down as the owner reads them ("31.5 h").
 */
hours: string, lost: Amount, };

export type BackupSaving = { 
/**
 * Its key in `costs/backups.json` (`router_4g`, `ups`).
 */
key: string, 
/**
 * The outages it applies to.
 */
outages: number, 
/**
 * Minutes of those outages it would have covered while the business was open.
 */
coveredMinutes: number, 
/**
 * The takings it would have kept.
 */
kept: Money, 
/**
 * What it costs over a year (a monthly price times 12), or once.
 */
cost: Money, sentence: string, };

export type YearTotals = { outages: number, 
/**
 * The outages' downtime, end to end (not service by service).
 */
minutes: number, hours: string, lostTakings: Amount, staffCost: Amount, expenses: Amount, spoiled: Amount, total: Amount, };

export type YearInOutages = { currency: Currency, language: Language, 
/**
 * The services down in the year, most hours first: the chart's legend and stacks.
 */
services: Array<string>, months: Array<MonthOutages>, byService: Array<YearRow>, byProvider: Array<YearRow>, totals: YearTotals, backups: Array<BackupSaving>, 
/**
 * What Steady could not count, for want of a figure in the plan.
 */
missing: Array<Missing>, };

// Every closed choice, in the order the window offers it.
export const BUSINESS_TYPES = ["retail_shop", "cafe_restaurant", "salon", "office", "other"] as const satisfies readonly BusinessType[];
export const LANGUAGES = ["en", "fr"] as const satisfies readonly Language[];
export const COUNTRIES = ["fr", "be", "ch", "lu", "ca", "us", "gb", "ie", "de", "es", "it", "nl", "pt", "other"] as const satisfies readonly Country[];
export const CONTACT_KINDS = ["power_utility", "internet_provider", "phone_provider", "card_payments", "website_vendor", "software_vendor", "it_support", "landlord", "insurance", "bank", "staff", "emergency", "supplier", "other"] as const satisfies readonly ContactKind[];
export const PRIORITIES = ["essential", "important", "can_wait"] as const satisfies readonly Priority[];
export const ROLE_KINDS = ["opens", "calls_providers", "talks_to_customers", "runs_workaround", "safety_lead", "it", "own"] as const satisfies readonly RoleKind[];
export const CUSTOMERS_PER = ["hour", "day"] as const satisfies readonly CustomersPer[];
export const SEVERITIES = ["minor", "major", "critical"] as const satisfies readonly Severity[];
export const CAUSES = ["unknown", "power", "internet", "phone", "vendor", "attack", "hardware", "weather"] as const satisfies readonly Cause[];
export const COULD_RECUR = ["yes", "no", "unsure"] as const satisfies readonly CouldRecur[];
export const STAGES = ["initial", "update", "resolved", "follow_up", "planned"] as const satisfies readonly Stage[];
export const TEAM_STATES = ["not_called", "no_answer", "on_the_way", "here", "cant_come", "safe"] as const satisfies readonly TeamState[];
export const CURRENCIES = ["EUR", "USD", "GBP", "CAD", "CHF"] as const satisfies readonly Currency[];
export const COLD_KINDS = ["fridge", "freezer_full", "freezer_half"] as const satisfies readonly ColdKind[];
export const CHANNELS = ["sms", "email", "social", "website", "phone", "door"] as const satisfies readonly Channel[];
export const ANNOUNCED_WHATS = ["power", "internet", "phone", "vendor", "other"] as const satisfies readonly AnnouncedWhat[];
export const PHASES = ["days_before", "day_before", "hour_before", "during", "after"] as const satisfies readonly Phase[];
export const PAPERS = ["a4", "letter"] as const satisfies readonly Paper[];
export const BACKUP_REASONS = ["daily", "manual", "before_upgrade", "before_restore", "before_import", "before_join"] as const satisfies readonly BackupReason[];
export const STEPS = ["assess", "call", "tell", "workarounds", "resolve"] as const satisfies readonly Step[];
export const TEXT_SIZES = ["100", "125", "150", "200"] as const satisfies readonly TextSize[];
