// Pure helpers for outage mode: reasons in words, the suggested next step, and which
// workarounds may fail because they depend on something that is down too.
import { formatMinutes } from "../../lib/durations";
import { i18n } from "../../lib/i18n/index.svelte";
import type { CriticalService, Incident, SeverityReason, Workaround } from "../../lib/ipc";

export const STEPS = ["assess", "call", "tell", "workarounds", "resolve"] as const;

export type Step = (typeof STEPS)[number];

export function reasonText(reason: SeverityReason): string {
  const t = i18n.t.outage;
  switch (reason.kind) {
    case "danger":
      return t.reasons.danger;
    case "suspectedAttack":
      return t.reasons.suspectedAttack;
    case "exceedsTolerance":
      return t.reasons.exceeds(
        reason.service,
        t.priorityWords[reason.priority],
        formatMinutes(reason.expectedMinutes),
        formatMinutes(reason.toleratedMinutes),
      );
    case "withinTolerance":
      return t.reasons.within(
        reason.service,
        t.priorityWords[reason.priority],
        formatMinutes(reason.expectedMinutes),
        formatMinutes(reason.toleratedMinutes),
      );
    case "unknownDuration":
      return t.reasons.unknown(reason.service, t.priorityWords[reason.priority]);
    case "alreadyDown":
      return t.reasons.alreadyDown(
        reason.service,
        t.priorityWords[reason.priority],
        formatMinutes(reason.downMinutes),
        formatMinutes(reason.toleratedMinutes),
      );
    case "notInPlan":
      return t.reasons.notInPlan;
  }
}

/** The step to highlight: the first one with nothing done yet, in the protocol's order. */
export function suggestedStep(incident: Incident): Step {
  if (incident.resolvedAt) return "resolve";
  if (!incident.timeline.some((e) => e.kind === "assessed")) return "assess";
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

/** The words of a checklist item from its key (`call.ticket`); the key if unknown. */
export function checkText(key: string): string {
  const [step, item] = key.split(".");
  const lists = i18n.t.outage.checklists as Record<string, Record<string, string>>;
  return (step && item && lists[step]?.[item]) || key;
}

/** The event's words for the timeline. */
export function eventText(kind: keyof typeof i18n.t.outage.events, detail: string): string {
  const t = i18n.t.outage;
  const severities = t.severities as Record<string, string>;
  switch (kind) {
    case "severity_changed":
      return t.events.severity_changed(severities[detail] ?? detail);
    case "notice_sent": {
      const [stage = "", channel = ""] = detail.split(" · ");
      const stages = t.stages as Record<string, string>;
      const channels = t.channels as Record<string, string>;
      return t.events.notice_sent(`${stages[stage] ?? stage} · ${channels[channel] ?? channel}`);
    }
    case "checked":
      return t.checked(checkText(detail));
    case "unchecked":
      return t.unchecked(checkText(detail));
    default:
      return t.events[kind](detail);
  }
}
