// Pure helpers for the contact screens.
import type { Contact, ContactDetails, ContactKind } from "../../lib/ipc";

/** Every kind, in the order the owner sees them (the most-called first). */
export const CONTACT_KINDS: ContactKind[] = [
  "power_utility",
  "internet_provider",
  "phone_provider",
  "card_payments",
  "website_vendor",
  "software_vendor",
  "it_support",
  "landlord",
  "insurance",
  "bank",
  "staff",
  "emergency",
  "supplier",
  "other",
];

export function emptyDetails(kind: ContactKind = "power_utility"): ContactDetails {
  return {
    kind,
    organisation: "",
    person: "",
    phones: [{ label: "", number: "" }],
    email: "",
    website: "",
    outagePage: "",
    statusPage: "",
    accountNumber: "",
    customerId: "",
    supportHours: "",
    notes: "",
  };
}

/** The editable part of a saved contact, as a fresh copy (with one phone row to type into). */
export function detailsOf(contact: Contact): ContactDetails {
  const { id: _id, createdAt: _c, updatedAt: _u, ...details } = contact;
  const phones = details.phones.map((p) => ({ ...p }));
  return { ...details, phones: phones.length > 0 ? phones : [{ label: "", number: "" }] };
}

export function displayName(contact: Pick<ContactDetails, "organisation" | "person">): string {
  return contact.organisation || contact.person;
}

/** Contacts in groups by kind, in the order of CONTACT_KINDS, empty groups left out. */
export function groupByKind(contacts: Contact[]): { kind: ContactKind; contacts: Contact[] }[] {
  return CONTACT_KINDS.map((kind) => ({
    kind,
    contacts: contacts.filter((c) => c.kind === kind),
  })).filter((group) => group.contacts.length > 0);
}

/** A web address as it reads best on screen: without the scheme and trailing slash. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}
