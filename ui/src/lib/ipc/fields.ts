// Generated from src-tauri/core/src/field_paths.rs by src-tauri/core/src/bindings.rs.
// Do not edit: run `make bindings` after changing a form's fields. A refusal names only
// these paths, so a form reading another one is a type error.

export type ContactField = "organisation" | "person" | "phones" | `phones.${number}.label` | `phones.${number}.number` | "email" | "website" | "outagePage" | "statusPage" | "accountNumber" | "customerId" | "supportHours" | "notes";
export type ServiceField = "name" | "maxDowntimeMinutes" | "contactIds" | "notes";
export type WorkaroundField = "title" | "contactIds" | "serviceIds" | "steps" | "customerMessage" | "limits";
export type RunbookField = "title" | "steps" | `steps.${number}` | "serviceId";
export type SafetyField = "assemblyPoint" | "checklist" | `checklist.${number}` | "callTree" | `callTree.${number}` | `callTree.${number}.callerId`;
export type RoleField = "kind" | "name" | "duties" | `duties.${number}` | "holderIds" | `holderIds.${number}` | "standInId" | "contactIds" | "serviceIds";
export type TeamSettingsField = "ownerName" | "ownerPhone" | "deputyId";
export type CardSettingsField = "contactId" | "language" | "accountNumbers";
export type BusinessField = "name";
export type ReminderSettingsField = "criticalEvery" | "majorEvery" | "minorEvery";
export type StartField = "serviceIds" | "somethingElse" | "startedAt";
export type AssessField = "summary" | "expectedMinutes";
export type OverrideField = "overrideReason";
export type CallField = "contactName" | "contactId" | "ticket" | "spokeTo" | "notes";
export type NoticeField = "text";
export type ReviewField = "rootCause" | "actions" | `actions.${number}.text` | `actions.${number}.owner`;
export type ResolveField = "services" | "team";
export type CheckInField = "contactId" | "state" | "at" | "arrivalAt";
export type HandOffField = "task" | "contactId";
export type NoteField = "text";
export type ChecklistField = "item";
export type AnnouncedField = "startsAt" | "label" | "source" | "expectedMinutes" | "serviceIds";
export type TemplateField = "subject" | "body";
export type NoticeCheckField = "subject" | "body";
export type PhoneCodesField = "text";
export type DoorSignField = "text";
export type ReminderKeyField = "key";
export type VcardImportField = "kinds";
export type PlanActionField = "owner" | "dueOn";
export type DrillStartField = "scenario" | "serviceId";
export type DrillField = "id";
export type InjectAnswerField = "inject" | "answer";
export type BadNumberField = "contactId" | "number";
export type CostSettingsField = "currency" | "days" | `days.${number}.opens` | `days.${number}.closes` | `days.${number}.takings` | "staffPerHour" | "subscribedKva" | "utility" | "insurer" | "policyNumber" | "waitingHours";
export type ServiceCostsField = "takings" | `takings.${number}` | "workarounds" | `workarounds.${number}.workaroundId` | `workarounds.${number}.keptPercent`;
export type ExpenseField = "what" | "amount" | "spentOn";
export type SpoiledField = "item" | "quantity" | "unit" | "unitCost" | "thrownAt" | "why" | "coldStoreId";
export type ColdStoreField = "name" | "kind" | "safeMinutes" | "serviceId";
export type ColdReadingField = "celsius" | "at";

/** Every field any form's refusal can name. */
export type AnyField = ContactField | ServiceField | WorkaroundField | RunbookField | SafetyField | RoleField | TeamSettingsField | CardSettingsField | BusinessField | ReminderSettingsField | StartField | AssessField | OverrideField | CallField | NoticeField | ReviewField | ResolveField | CheckInField | HandOffField | NoteField | ChecklistField | AnnouncedField | TemplateField | NoticeCheckField | PhoneCodesField | DoorSignField | ReminderKeyField | VcardImportField | PlanActionField | DrillStartField | DrillField | InjectAnswerField | BadNumberField | CostSettingsField | ServiceCostsField | ExpenseField | SpoiledField | ColdStoreField | ColdReadingField;
