// How large the window draws everything, chosen on this computer: in Settings, or with
// Ctrl + and Ctrl − anywhere (Ctrl 0 goes back to normal; the keys are in shortcuts.ts).
import { ipc, TEXT_SIZES, type TextSize } from "./ipc";

let current = $state<TextSize>("100");

export const textSize = {
  get value(): TextSize {
    return current;
  },

  /** Reads the size this computer keeps (the window already draws at it). */
  async load() {
    current = await ipc.getTextSize().catch(() => current);
  },

  async set(size: TextSize) {
    current = await ipc.setTextSize(size).catch(() => current);
  },

  /** One size larger (`1`) or smaller (`-1`), stopping at the ends. */
  step(by: 1 | -1) {
    const next = TEXT_SIZES[TEXT_SIZES.indexOf(current) + by];
    if (next) return this.set(next);
  },
};
