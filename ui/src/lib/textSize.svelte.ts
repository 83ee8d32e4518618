// How large the window draws everything, chosen on this computer: in Settings, or with
// Ctrl + and Ctrl − anywhere (Ctrl 0 goes back to normal; the keys are in shortcuts.ts).
import { ipc, TEXT_SIZES, type TextSize } from "./ipc";

let current = $state<TextSize>("100");
/** The size this computer has kept: what the window goes back to when a save fails. */
let kept: TextSize = "100";
/** Whether a size was chosen (a key pressed) since Steady opened. */
let chosen = false;
/** The reads and saves in the order they were asked for: Ctrl + pressed three times quickly
 * is 200 %, and a key pressed while Steady opens is not undone by the first read. */
let saving: Promise<void> = Promise.resolve();

export const textSize = {
  get value(): TextSize {
    return current;
  },

  /** Reads the size this computer keeps (the window already draws at it). */
  load(): Promise<void> {
    saving = saving.then(async () => {
      kept = await ipc.getTextSize().catch(() => kept);
      current = kept;
    });
    return saving;
  },

  /** Takes the size read at start-up, unless a key already chose one while Steady opened. */
  adopt(size: TextSize): Promise<void> {
    saving = saving.then(() => {
      if (chosen) return;
      kept = size;
      current = size;
    });
    return saving;
  },

  /** Takes `size` at once, so the next key press steps from it, and saves it in turn. */
  set(size: TextSize): Promise<void> {
    chosen = true;
    current = size;
    saving = saving.then(async () => {
      const saved = await ipc.setTextSize(size).catch(() => null);
      if (saved !== null) kept = saved;
      else if (current === size) current = kept;
    });
    return saving;
  },

  /** One size larger (`1`) or smaller (`-1`), stopping at the ends. */
  step(by: 1 | -1) {
    const next = TEXT_SIZES[TEXT_SIZES.indexOf(current) + by];
    if (next) return this.set(next);
  },
};
