// The first screen's data, read with the check of the data in one call at start-up
// (`start_up`): the home screen and the reminders take their part of it instead of each
// asking the backend, so the window waits on one round trip before it draws. Each part is
// handed out once, and only until anything moves (a screen opened, data changed): after
// that a screen reads afresh, never what start-up saw.
import type { StartUp } from "./ipc";

type Parts = Pick<StartUp, "home" | "backups" | "reminders" | "notifications">;

let parts: Partial<Parts> = {};

export const firstScreen = {
  /** Keeps what start-up read, for the screens about to draw. */
  keep(start: StartUp) {
    parts = {
      home: start.home,
      backups: start.backups,
      reminders: start.reminders,
      notifications: start.notifications,
    };
  },

  /** The part `key` of what start-up read, once; `undefined` when it is gone. */
  take<K extends keyof Parts>(key: K): Parts[K] | undefined {
    if (!(key in parts)) return undefined;
    const part = parts[key];
    delete parts[key];
    return part;
  },

  /** Something moved: what start-up read is no longer what a screen would read. */
  forget() {
    parts = {};
  },
};
