// One restore at a time in the whole window: the damaged-file screen and Settings → Backups
// each offer several (the newest backup, another listed one, a chosen file), in separate
// components; while one runs, every restore button waits for it.

class Restoring {
  running = $state(false);

  /** Runs `restore` with every restore button disabled until it settles. */
  async run<T>(restore: () => Promise<T>): Promise<T> {
    this.running = true;
    try {
      return await restore();
    } finally {
      this.running = false;
    }
  }
}

export const restoring = new Restoring();
