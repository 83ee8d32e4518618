// How large the window draws everything, chosen on this computer: in Settings, or with
// Ctrl + and Ctrl − anywhere (Ctrl 0 goes back to normal).
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

  /** For the window's key handler: whether `event` changed the size. */
  keydown(event: KeyboardEvent): boolean {
    if (!event.ctrlKey || event.altKey || event.metaKey) return false;
    if (event.key === "+" || event.key === "=") this.step(1);
    else if (event.key === "-" || event.key === "_") this.step(-1);
    else if (event.key === "0") this.set("100");
    else return false;
    event.preventDefault();
    return true;
  },
};
