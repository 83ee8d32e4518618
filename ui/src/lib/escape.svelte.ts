// Escape closes a form — but never throws away what the owner typed without asking: with
// changes made, the first Escape only says so, and a second one discards them.

export class EscapeGuard {
  /** The first Escape on a changed form was pressed: the next one discards. */
  armed = $state(false);
  #changed = false;
  readonly #close: () => void;

  constructor(close: () => void) {
    this.#close = close;
  }

  /** For the form's `oninput` and `onchange`: something was changed. */
  changed = () => {
    this.#changed = true;
    this.armed = false;
  };

  /** For the form's `onkeydown`. */
  keydown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    if (!this.#changed || this.armed) {
      this.armed = false;
      this.#close();
    } else {
      this.armed = true;
    }
  };
}
