// The one door to the Rust backend: no other module imports @tauri-apps/api.
// Every function here is typed with the generated bindings, and every failure is an IpcError
// whose `code` the screens branch on.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  ApiError,
  AssessInput,
  BackupContents,
  BackupOutcome,
  BackupPlace,
  BackupsOverview,
  Business,
  BusinessInput,
  BusinessType,
  CallInput,
  Channel,
  Contact,
  ContactDetails,
  ContactFilter,
  ContactUsage,
  CopyOutcome,
  CriticalService,
  DataProblem,
  Draft,
  ErrorCode,
  FieldError,
  FileProblem,
  ImportPreview,
  Incident,
  IncidentFilter,
  IncidentStart,
  IncidentSummary,
  Language,
  NoticeCheck,
  NoticeDraft,
  NoticeInput,
  NoticeTemplate,
  Paper,
  PlanOverview,
  PrintOptions,
  PrintStatus,
  Reminder,
  ReminderKind,
  ReminderSettings,
  RestoreOutcome,
  ReviewInput,
  Runbook,
  RunbookDetails,
  SafetyDetails,
  SafetyPlan,
  ServiceDetails,
  Severity,
  Stage,
  StarterSummary,
  VcardPreview,
  Workaround,
  WorkaroundDetails,
} from "./bindings";

export type * from "./bindings";

export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  /** With `BadFile`: where in the chosen file, and why. */
  readonly file: FileProblem | null;

  constructor(error: ApiError) {
    super(error.message);
    this.name = "IpcError";
    this.code = error.code;
    this.fields = error.fields;
    this.file = error.file ?? null;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    Array.isArray((value as { fields?: unknown }).fields)
  );
}

/** Turns anything a command rejected with into an IpcError. */
export function toIpcError(reason: unknown): IpcError {
  if (reason instanceof IpcError) return reason;
  if (isApiError(reason)) return new IpcError(reason);
  return new IpcError({ code: "Storage", message: String(reason), fields: [] });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

export const ipc = {
  systemLanguage: () => call<Language>("system_language"),
  openLink: (url: string) => call<null>("open_link", { url }),

  /** Why the data file was refused at start, or null when it is open. */
  dataProblem: () => call<DataProblem | null>("data_problem"),
  retryData: () => call<DataProblem | null>("retry_data"),
  quitApp: () => call<null>("quit_app"),
  openDataFolder: () => call<null>("open_data_folder"),
  getBackups: () => call<BackupsOverview>("get_backups"),
  backUpNow: () => call<BackupOutcome>("back_up_now"),
  /** Asks for the copy folder with the system dialog; null when cancelled. */
  chooseCopyFolder: (title: string) => call<BackupOutcome | null>("choose_copy_folder", { title }),
  forgetCopyFolder: () => call<BackupsOverview>("forget_copy_folder"),
  /** Restores a listed backup; `machine` names the computer of one in the copy folder. */
  restoreBackup: (place: BackupPlace, machine: string | null, fileName: string) =>
    call<RestoreOutcome>("restore_backup", { place, machine, fileName }),
  /** Starts a new plan where the data file went missing (the backups stay). */
  startAfresh: () => call<null>("start_afresh"),
  /** Asks for a backup file anywhere and says what it holds; null when cancelled. */
  chooseBackupFile: (title: string) => call<BackupContents | null>("choose_backup_file", { title }),
  restoreChosenBackup: () => call<RestoreOutcome>("restore_chosen_backup"),
  /** Asks where to save, then writes; the path, or null when cancelled. */
  exportPlan: (title: string) => call<string | null>("export_plan", { title }),
  exportContacts: (title: string) => call<string | null>("export_contacts", { title }),
  /** Asks for a plan file and says what importing it would change; null when cancelled. */
  choosePlanFile: (title: string) => call<ImportPreview | null>("choose_plan_file", { title }),
  importPlan: () => call<BackupOutcome | null>("import_plan"),
  chooseContactsFile: (title: string) =>
    call<VcardPreview | null>("choose_contacts_file", { title }),
  importContacts: () => call<VcardPreview>("import_contacts"),
  cancelChosen: () => call<null>("cancel_chosen"),

  getBusiness: () => call<Business | null>("get_business"),
  saveBusiness: (input: BusinessInput) => call<Business>("save_business", { input }),

  listContacts: (filter: ContactFilter) => call<Contact[]>("list_contacts", { filter }),
  createContact: (details: ContactDetails) => call<Contact>("create_contact", { details }),
  updateContact: (id: number, details: ContactDetails) =>
    call<Contact>("update_contact", { id, details }),
  deleteContact: (id: number) => call<Contact>("delete_contact", { id }),
  /** Puts back a contact deleted in this run. */
  restoreContact: (id: number) => call<Contact>("restore_contact", { id }),
  getContactUsage: (id: number) => call<ContactUsage>("get_contact_usage", { id }),

  getPlanOverview: () => call<PlanOverview>("get_plan_overview"),
  applyStarterPlan: (businessType: BusinessType, language: Language) =>
    call<StarterSummary>("apply_starter_plan", { businessType, language }),
  markPlanReviewed: () => call<SafetyPlan>("mark_plan_reviewed"),

  listServices: () => call<CriticalService[]>("list_services"),
  createService: (details: ServiceDetails) => call<CriticalService>("create_service", { details }),
  updateService: (id: number, details: ServiceDetails) =>
    call<CriticalService>("update_service", { id, details }),
  deleteService: (id: number) => call<null>("delete_service", { id }),
  createWorkaround: (serviceId: number, details: WorkaroundDetails) =>
    call<Workaround>("create_workaround", { serviceId, details }),
  updateWorkaround: (id: number, details: WorkaroundDetails) =>
    call<Workaround>("update_workaround", { id, details }),
  deleteWorkaround: (id: number) => call<null>("delete_workaround", { id }),

  listRunbooks: () => call<Runbook[]>("list_runbooks"),
  createRunbook: (details: RunbookDetails) => call<Runbook>("create_runbook", { details }),
  updateRunbook: (id: number, details: RunbookDetails) =>
    call<Runbook>("update_runbook", { id, details }),
  deleteRunbook: (id: number) => call<null>("delete_runbook", { id }),

  startIncident: (start: IncidentStart) => call<Incident>("start_incident", { start }),
  getIncident: (id: number) => call<Incident>("get_incident", { id }),
  getOpenIncident: () => call<number | null>("get_open_incident"),
  listIncidents: (filter: IncidentFilter) => call<IncidentSummary[]>("list_incidents", { filter }),
  assessIncident: (id: number, input: AssessInput) =>
    call<Incident>("assess_incident", { id, input }),
  overrideSeverity: (id: number, severity: Severity | null, reason: string) =>
    call<Incident>("override_severity", { id, severity, reason }),
  logCall: (id: number, callInput: CallInput) =>
    call<Incident>("log_call", { id, call: callInput }),
  recordNotice: (id: number, notice: NoticeInput) =>
    call<Incident>("record_notice", { id, notice }),
  activateWorkaround: (id: number, workaroundId: number) =>
    call<Incident>("activate_workaround", { id, workaroundId }),
  confirmRestored: (id: number, incidentServiceId: number) =>
    call<Incident>("confirm_restored", { id, incidentServiceId }),
  resolveIncident: (id: number) => call<Incident>("resolve_incident", { id }),
  reopenIncident: (id: number) => call<Incident>("reopen_incident", { id }),
  saveReview: (id: number, review: ReviewInput) => call<Incident>("save_review", { id, review }),
  addIncidentNote: (id: number, text: string) => call<Incident>("add_incident_note", { id, text }),
  draftNotice: (incidentId: number, stage: Stage, channel: Channel, language: Language) =>
    call<NoticeDraft>("draft_notice", { incidentId, stage, channel, language }),
  checkNotice: (
    incidentId: number,
    channel: Channel,
    language: Language,
    subject: string | null,
    body: string,
  ) => call<NoticeCheck>("check_notice", { incidentId, channel, language, subject, body }),
  copyText: (text: string) => call<null>("copy_text", { text }),
  getNoticeTemplate: (stage: Stage, channel: Channel, language: Language) =>
    call<NoticeTemplate>("get_notice_template", { stage, channel, language }),
  saveNoticeTemplate: (template: NoticeTemplate) =>
    call<NoticeTemplate>("save_notice_template", { template }),
  restoreNoticeTemplate: (stage: Stage, channel: Channel, language: Language) =>
    call<NoticeTemplate>("restore_notice_template", { stage, channel, language }),
  previewNotice: (template: NoticeTemplate) => call<Draft>("preview_notice", { template }),
  tickIncidentCheck: (id: number, item: string, done: boolean) =>
    call<Incident>("tick_incident_check", { id, item, done }),

  defaultPaper: () => call<Paper>("default_paper"),
  getPrintStatus: () => call<PrintStatus>("get_print_status"),
  /** Opens the system print dialog; false when the owner cancelled it. */
  printDocument: (options: PrintOptions) => call<boolean>("print_document", { options }),
  /** Asks where to save, then writes the PDF; the path, or null when cancelled. */
  saveDocumentPdf: (options: PrintOptions) => call<string | null>("save_document_pdf", { options }),

  listReminders: () => call<Reminder[]>("list_reminders"),
  snoozeReminder: (key: string, minutes: number) =>
    call<Reminder[]>("snooze_reminder", { key, minutes }),
  dismissReminder: (key: string) => call<Reminder[]>("dismiss_reminder", { key }),
  getReminderSettings: () => call<ReminderSettings>("get_reminder_settings"),
  saveReminderSettings: (settings: ReminderSettings) =>
    call<ReminderSettings>("save_reminder_settings", { settings }),
  /** Whether system notifications work: null until one was tried. */
  systemNotifications: () => call<boolean | null>("system_notifications"),
  testNotification: () => call<null>("test_notification"),

  getSafetyPlan: () => call<SafetyPlan>("get_safety_plan"),
  saveSafetyPlan: (details: SafetyDetails) => call<SafetyPlan>("save_safety_plan", { details }),
};

/** Where a clicked notification leads. */
export type ReminderOpened = { kind: ReminderKind; incidentId: number | null };

/** What the backend tells the window without being asked. */
export const events = {
  /** Reminders fell due. */
  onRemindersChanged: (handler: () => void): Promise<UnlistenFn> =>
    listen("reminders-changed", () => handler()),
  /** The owner clicked a notification. */
  onReminderOpened: (handler: (opened: ReminderOpened) => void): Promise<UnlistenFn> =>
    listen<ReminderOpened>("reminder-opened", (event) => handler(event.payload)),
  /** The backup could not be copied to the copy folder (once a run): what happened. */
  onBackupCopyMissing: (handler: (copy: CopyOutcome) => void): Promise<UnlistenFn> =>
    listen<CopyOutcome>("backup-copy-missing", (event) => handler(event.payload)),
  /** The first notification could not be shown. */
  onNotificationsUnavailable: (handler: () => void): Promise<UnlistenFn> =>
    listen("notifications-unavailable", () => handler()),
};
