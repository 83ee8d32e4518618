// Pure helpers for outage mode: the suggested next step, and which workarounds may fail
// because they depend on something that is down too. (What the record says in words comes
// from the core, in the owner's language.)
import type { CriticalService, Incident, Step, Workaround } from "../../lib/ipc";

/** The step to highlight: the first one with nothing done yet, in the protocol's order. */
export function suggestedStep(incident: Incident): Step {
  if (incident.resolvedAt) return "resolve";
  if (!incident.timeline.some((e) => e.happened.kind === "assessed")) return "assess";
  if (incident.calls.length === 0 && incident.services.length > 0) return "call";
  if (incident.notices.length === 0) return "tell";
  if (incident.activations.length === 0) return "workarounds";
  return "resolve";
}

/** The plan's services that are down in this incident. */
export function affectedServices(incident: Incident, plan: CriticalService[]): CriticalService[] {
  const ids = incident.services.filter((s) => !s.restoredAt).map((s) => s.serviceId);
  return plan.filter((s) => ids.includes(s.id));
}

/**
 * Whether a workaround depends on a service that is down, or on a provider the down services
 * depend on: then it may fail too.
 */
export function alsoDown(workaround: Workaround, down: CriticalService[]): boolean {
  const downIds = down.map((s) => s.id);
  const downContacts = down.flatMap((s) => s.contactIds);
  return (
    workaround.serviceIds.some((id) => downIds.includes(id)) ||
    workaround.contactIds.some((id) => downContacts.includes(id))
  );
}
