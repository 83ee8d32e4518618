// The drill still open, shared by the DRILL band on every screen, the drill panel of its
// incident, the Call step's "this number did not work" and the copy warning: whichever reads
// it again, all show the same. The drill's clock runs on between reads, at its speed.
import { type Drill, type DrillSpeed, ipc } from "../../lib/ipc";

export const openDrill = $state<{ current: Drill | null; readAt: number }>({
  current: null,
  readAt: 0,
});

/** Keeps the drill the core answered with (after a read or a change). */
export function drillChanged(drill: Drill | null) {
  openDrill.current = drill && drill.endedAt === null ? drill : null;
  openDrill.readAt = Date.now();
}

/** Reads the open drill again; a failure keeps what was shown. */
export async function refreshDrill(): Promise<void> {
  try {
    drillChanged(await ipc.openDrill());
  } catch {
    // The band stays as it was; the next change reads it again.
  }
}

/** Whether `incidentId` is the open drill's outage. */
export function isDrillIncident(incidentId: number): boolean {
  return openDrill.current?.incidentId === incidentId;
}

const FACTOR: Record<DrillSpeed, number> = { x1: 1, x2: 2, x5: 5 };

/** The drill's clock at `now`: as read, plus the real time since at its speed (not paused). */
export function clockAt(drill: Drill, readAt: number, now: number): number {
  if (drill.paused || drill.endedAt !== null) return drill.clockSeconds;
  const since = Math.max(0, Math.floor(((now - readAt) / 1000) * FACTOR[drill.speed]));
  return drill.clockSeconds + since;
}

/** A drill clock as it shows: "7:05", "1:02:30". */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The minute of the next surprise not come yet at `clock` (drill seconds), if any. */
export function nextSurprise(drill: Drill, clock: number): number | null {
  const waiting = drill.injects.filter(
    (inject) => inject.firedAt === null && inject.atMinute * 60 > clock,
  );
  return waiting.length === 0 ? null : Math.min(...waiting.map((inject) => inject.atMinute));
}
