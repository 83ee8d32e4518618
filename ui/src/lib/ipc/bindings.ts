// Generated from the Rust types by src-tauri/core/src/bindings.rs. Do not edit:
// run `make bindings` after changing a type that crosses IPC.

export type ApiError = { code: ErrorCode, message: string, fields: Array<FieldError>, };

export type ErrorCode = "Validation" | "NotFound" | "Storage" | "OpenFailed";

export type FieldError = { field: string, problem: FieldProblem, };

export type FieldProblem = { "kind": "required" } | { "kind": "invalidPhone" } | { "kind": "invalidEmail" } | { "kind": "invalidUrl" } | { "kind": "tooLong", max: number, };

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
