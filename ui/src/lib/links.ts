// Links in Steady never navigate its own window: web pages open in the system browser,
// mailto: in the mail app and tel: in the phone app, through the backend.
import { i18n } from "./i18n/index.svelte";
import { ipc } from "./ipc";

/** The `tel:` address of a phone number as the owner wrote it ("01 23 45 67 89 ext. 12"). */
export function telHref(number: string): string {
  const match = /^(.*?)(?:\s*(?:ext\.?|x|poste|#)\s*(\d+))?\s*$/i.exec(number);
  const main = match?.[1] ?? number;
  const extension = match?.[2];
  const digits = main.replace(/(?!^\+)[^\d]/g, "");
  return extension ? `tel:${digits};ext=${extension}` : `tel:${digits}`;
}

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
