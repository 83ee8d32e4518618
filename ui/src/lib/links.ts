// Links in Steady never navigate its own window: web pages open in the system browser,
// mailto: in the mail app and tel: in the phone app, through the backend. (A phone number's
// tel: link comes with the contact, made by the core's one phone-number reader.)
import { i18n } from "./i18n/index.svelte";
import { ipc } from "./ipc";

/**
 * Opens `href` outside the app. Returns the words to show when it could not be opened
 * (no browser, no phone app), or null.
 */
export async function openOutside(href: string, shownText: string): Promise<string | null> {
  try {
    await ipc.openLink(href);
    return null;
  } catch {
    return href.startsWith("tel:")
      ? i18n.t.contacts.callFailed(shownText)
      : i18n.t.contacts.openFailed;
  }
}
