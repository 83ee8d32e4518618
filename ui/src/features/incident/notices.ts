// Pure helpers for the notice composer.
import { STAGES, type Warning } from "../../lib/ipc";

/** The stages of a live outage's notices (the planned-outage one comes before any). */
export const LIVE_STAGES = STAGES.filter((stage) => stage !== "planned");

/** The same warning keeps the same key while the owner edits around it. */
export function warningKey(warning: Warning): string {
  return `${warning.kind}:${warning.matched}`;
}

/** A key unique to one occurrence, for lists (the same words may stand twice). */
export function occurrenceKey(warning: Warning): string {
  return `${warning.kind}:${warning.start}`;
}

/**
 * The text with the warning's words replaced by its safer wording (or left out), spaces
 * and punctuation tidied where words were removed. Offsets are UTF-16, as JS strings count.
 */
export function applySuggestion(text: string, warning: Warning): string {
  const before = text.slice(0, warning.start);
  const after = text.slice(warning.end);
  if (warning.suggestion) return before + warning.suggestion + after;
  return `${before.trimEnd()} ${after.trimStart()}`
    .replace(/ ([,.;:!?)])/g, "$1")
    .replace(/\( /g, "(")
    .trim();
}
