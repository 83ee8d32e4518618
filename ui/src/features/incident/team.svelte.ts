// The open outage's team, shared by the Team panel and the "who does it" selects beside the
// steps: whichever changes it, the others show it, and the incident screen reads the incident
// again (its timeline has a new line).
import { i18n } from "../../lib/i18n/index.svelte";
import type { Handoff, IncidentTeam } from "../../lib/ipc";

export const outageTeam = $state<{ current: IncidentTeam | null; changes: number }>({
  current: null,
  changes: 0,
});

/** Keeps the team the core answered with after a change. */
export function teamChanged(team: IncidentTeam) {
  outageTeam.current = team;
  outageTeam.changes += 1;
}

/** A task handed over, in words: "Karim calls Ouest Power". */
export function handoffText(handoff: Handoff): string {
  const t = i18n.t.outageTeam;
  if (handoff.task.startsWith("call:")) return t.handedCall(handoff.name, handoff.label);
  if (handoff.task.startsWith("workaround:"))
    return t.handedWorkaround(handoff.name, handoff.label);
  return t.handed(handoff.name, handoff.label);
}
