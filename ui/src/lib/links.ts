// Links in Steady never navigate its own window: a contact's web pages open in the system
// browser, its email in the mail app and its numbers in the phone app, through the backend.
// The window names the contact and which of its links, never an address: the backend rebuilds
// the link from what is stored. (A phone number's tel: link, shown as the anchor's address,
// comes with the contact, made by the core's one phone-number reader.)
import { i18n } from "./i18n/index.svelte";
import { type ContactLink, ipc } from "./ipc";

/**
 * Opens one of contact `contactId`'s links outside the app. Returns the words to show when it
 * could not be opened (no browser, no phone app), or null.
 */
export async function openContactLink(
  contactId: number,
  link: ContactLink,
  shownText: string,
): Promise<string | null> {
  try {
    await ipc.openLink(contactId, link);
    return null;
  } catch {
    return link.kind === "phone"
      ? i18n.t.contacts.callFailed(shownText)
      : i18n.t.contacts.openFailed;
  }
}

/** Opens the mail app with a notice ready to send to whoever the owner picks there. */
export async function emailNotice(subject: string, body: string): Promise<string | null> {
  try {
    await ipc.emailNotice(subject, body);
    return null;
  } catch {
    return i18n.t.contacts.openFailed;
  }
}
