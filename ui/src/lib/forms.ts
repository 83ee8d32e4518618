// The one way a screen saves something the core may refuse: a refusal reaches its fields (each
// message next to its input, the first one focused), anything else is said in the owner's words.
// A screen says what its work is and where a failure shows, never how a refusal is read.
import type { AnyField } from "./ipc";
import { type FieldMessages, failureText, focusFirstInvalid, refusal } from "./problems";

/** What a screen does when its work fails. */
export interface Failing<F extends AnyField> {
  /** Shows the messages of a refusal next to their fields. Without it, a refusal is a failure
   * like any other. */
  refused?: (messages: FieldMessages<F>) => void;
  /** The form (a CSS selector) whose first invalid field takes the focus once the messages of
   * a refusal are on screen. */
  focus?: string;
  /** Says any other failure: `text` is the disk's reason or the general message, or what
   * `say` makes of the failure. Awaited when it returns a promise. */
  failed: (text: string, reason: unknown) => unknown;
  /** The screen's own words for a failure, instead of [`failureText`]. */
  say?: (reason: unknown) => string;
}

/**
 * Runs `work` (the call and what follows its success) and hands a failure to `failing`.
 * Resolves to whether the work was done; it never rejects.
 */
export async function attempt<F extends AnyField = never>(
  work: () => Promise<unknown>,
  failing: Failing<F>,
): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (reason) {
    const messages = failing.refused ? refusal<F>(reason) : null;
    if (messages && failing.refused) {
      failing.refused(messages);
      if (failing.focus) await focusFirstInvalid(failing.focus);
    } else {
      await failing.failed((failing.say ?? failureText)(reason), reason);
    }
    return false;
  }
}
