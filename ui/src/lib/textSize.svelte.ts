// How large the window draws everything, chosen on this computer: in Settings, or with
// Ctrl + and Ctrl − anywhere (Ctrl 0 goes back to normal; the keys are in shortcuts.ts).
import { ipc, TEXT_SIZES, type TextSize } from "./ipc";

let current = $state<TextSize>("100");
/** The saves in the order they were asked for: Ctrl + pressed three times quickly is 200 %. */
let saving: Promise<void> = Promise.resolve();

export const textSize = {
  get value(): TextSize {
    return current;
  },

  /** Reads the size this computer keeps (the window already draws at it). */
  async load() {
    current = await ipc.getTextSize().catch(() => current);
  },

  /** Takes `size` at once, so the next key press steps from it, and saves it in turn. */
  set(size: TextSize): Promise<void> {
    const before = current;
    current = size;
    saving = saving.then(async () => {
      const saved = await ipc.setTextSize(size).catch(() => null);
      if (saved === null && current === size) current = before;
    });
    return saving;
  },

  /** One size larger (`1`) or smaller (`-1`), stopping at the ends. */
  step(by: 1 | -1) {
    const next = TEXT_SIZES[TEXT_SIZES.indexOf(current) + by];
    if (next) return this.set(next);
  },
};
