// Generated from the Rust types by src-tauri/core/src/bindings.rs. Do not edit:
// run `make bindings` after changing a type that crosses IPC.

export type ApiError = { code: ErrorCode, message: string, fields: Array<FieldError>, };

export type ErrorCode = "Validation" | "NotFound" | "Storage" | "OpenFailed";

export type FieldError = { field: string, problem: FieldProblem, };

export type FieldProblem = { "kind": "required" } | { "kind": "invalidPhone" } | { "kind": "invalidEmail" } | { "kind": "invalidUrl" } | { "kind": "tooLong", max: number, } | { "kind": "notPositive" } | { "kind": "tooLarge", max: number, } | { "kind": "unknown" } | { "kind": "cycle" };

export type Business = { name: string, businessType: BusinessType, language: Language, createdAt: string, updatedAt: string, };

export type BusinessInput = { name: string, businessType: BusinessType, language: Language, };

export type BusinessType = "retail_shop" | "cafe_restaurant" | "salon" | "office" | "other";

export type Language = "en" | "fr";

export type Contact = { id: number, createdAt: string, updatedAt: string, kind: ContactKind, organisation: string, person: string, phones: Array<Phone>, email: string, website: string, outagePage: string, statusPage: string, accountNumber: string, customerId: string, supportHours: string, 
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

export type Phone = { label: string, number: string, };

export type ContactUsage = { 
/**
 * Services that depend on the contact.
 */
services: Array<string>, 
/**
 * Workarounds that depend on the contact, as "Service: workaround".
 */
workarounds: Array<string>, inCallTree: boolean, };

export type CriticalService = { id: number, workarounds: Array<Workaround>, createdAt: string, updatedAt: string, name: string, priority: Priority, 
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
reviewedAt: string | null, assemblyPoint: string, 
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

export type Finding = { "kind": "noServices" } | { "kind": "noWorkaround", serviceId: number, service: string, } | { "kind": "noContactToCall", serviceId: number, service: string, } | { "kind": "sharedDependency", serviceId: number, service: string, workaround: string, contact: string, } | { "kind": "noAccountNumber", contactId: number, contact: string, } | { "kind": "noPhone", count: number, } | { "kind": "noEmergencyNumber" } | { "kind": "noSafetyChecklist" } | { "kind": "noAssemblyPoint" } | { "kind": "noCallTree" } | { "kind": "emptyRunbook", runbookId: number, runbook: string, } | { "kind": "neverReviewed" } | { "kind": "reviewDue", reviewedAt: string, };

export type StarterSummary = { services: number, workarounds: number, runbooks: number, contacts: number, checklistItems: number, };
