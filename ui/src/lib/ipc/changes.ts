// One listener for `data-changed`, shared by everything on screen that follows the data
// (the app's header, the reminders, the home screen): each follows it here rather than
// asking the backend for a listener of its own, so start-up asks for one, not three.
import type { UnlistenFn } from "@tauri-apps/api/event";
import { listening } from "../firstFrame";
import { type DataChanged, events } from "./commands";

type Follower = (changed: DataChanged) => void;

const followers = new Set<Follower>();
let heard: Promise<UnlistenFn | null> | null = null;

/** Calls `follower` after every command that changed data; the returned function stops. */
export function followChanges(follower: Follower): () => void {
  followers.add(follower);
  // Asked once the first screen is drawn (`firstFrame.ts`): start-up is not held up by it.
  heard ??= listening
    .then(() =>
      events.onDataChanged((changed) => {
        for (const each of [...followers]) each(changed);
      }),
    )
    .catch(() => null);
  return () => {
    followers.delete(follower);
    if (followers.size > 0 || heard === null) return;
    const stopping = heard;
    heard = null;
    stopping.then((stop) => stop?.()).catch(() => {});
  };
}
