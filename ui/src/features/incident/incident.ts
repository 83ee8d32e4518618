// Pure helpers for outage mode: which workarounds may fail because they depend on something
// that is down too. (The next step and what the record says in words come from the core.)
import type { CriticalService, Incident, Workaround } from "../../lib/ipc";

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
