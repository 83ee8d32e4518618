// Pure helpers for the contact screens.
import { CONTACT_KINDS, type Contact, type ContactDetails, type ContactKind } from "../../lib/ipc";

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

/** Contacts in the order of CONTACT_KINDS, keeping the backend's name order within a kind. */
export function byKindThenName(contacts: Contact[]): Contact[] {
  const rank = (c: Contact) => CONTACT_KINDS.indexOf(c.kind);
  return [...contacts].sort((a, b) => rank(a) - rank(b));
}

/** A web address as it reads best on screen: without the scheme and trailing slash. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}
