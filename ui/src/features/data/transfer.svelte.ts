// The flow both file transfers share (the whole plan, and contacts as vCard): export to a file
// the owner names, or choose a file, see what it would change, then import it or cancel.
// Each step moves the keyboard focus to what comes next, and a refused file is said next to
// the button that chose it.
import { tick } from "svelte";
import { ipc } from "../../lib/ipc";
import { failureText, importFailure } from "../../lib/problems";

export interface TransferSteps<Preview, Done> {
  /** The id of the button that chooses a file: the focus returns there on cancel. */
  chooseId: string;
  /** The id of the button that imports the chosen file: the focus goes there on preview. */
  importId: string;
  /** Saves the export where the owner chooses; null when they cancelled the dialog. */
  save: () => Promise<string | null>;
  /** Asks for a file and reads what importing it would change; null when cancelled. */
  choose: () => Promise<Preview | null>;
  /** Imports the file chosen last. */
  apply: () => Promise<Done>;
  onSaved: (path: string) => void;
  onImported: (done: Done) => void;
}

export class Transfer<Preview, Done> {
  preview = $state<Preview | null>(null);
  busy = $state(false);
  problem = $state<string | null>(null);
  readonly #steps: TransferSteps<Preview, Done>;

  constructor(steps: TransferSteps<Preview, Done>) {
    this.#steps = steps;
  }

  save = async () => {
    this.problem = null;
    try {
      const path = await this.#steps.save();
      if (path) this.#steps.onSaved(path);
    } catch (reason) {
      this.problem = failureText(reason);
    }
  };

  choose = async () => {
    this.problem = null;
    this.preview = null;
    try {
      this.preview = await this.#steps.choose();
      if (this.preview) {
        await tick();
        document.getElementById(this.#steps.importId)?.focus();
      }
    } catch (reason) {
      this.problem = importFailure(reason);
    }
  };

  apply = async () => {
    this.busy = true;
    this.problem = null;
    try {
      const done = await this.#steps.apply();
      this.preview = null;
      this.#steps.onImported(done);
    } catch (reason) {
      this.problem = importFailure(reason);
    } finally {
      this.busy = false;
    }
  };

  cancel = async () => {
    this.preview = null;
    ipc.cancelChosen().catch(() => {});
    await tick();
    document.getElementById(this.#steps.chooseId)?.focus();
  };
}
