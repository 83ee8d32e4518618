// Builders for outage-mode component tests.
import type { Incident } from "../../lib/ipc";

export function anIncident(extra: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    drill: false,
    startedAt: "2026-11-28T09:00:00Z",
    services: [
      {
        id: 10,
        serviceId: 1,
        name: "Card payments",
        priority: "essential",
        customerFacing: true,
        maxDowntimeMinutes: 120,
        customersAffected: 20,
        customersPer: "hour",
        restoredAt: null,
      },
    ],
    somethingElse: "",
    summary: "",
    title: "Card payments",
    cause: "unknown",
    danger: false,
    customersAffected: null,
    estimatedCustomers: 20,
    expectedMinutes: null,
    assessment: { severity: "major", reasons: [] },
    reasons: [],
    severityOverride: null,
    overrideReason: "",
    severity: "major",
    calls: [],
    notices: [],
    activations: [],
    nextUpdateDue: null,
    resolvedAt: null,
    rootCause: "",
    couldRecur: "unsure",
    actions: [],
    reviewedAt: null,
    timeline: [
      {
        id: 1,
        at: "2026-11-28T09:00:00Z",
        happened: { kind: "started", what: "Card payments" },
        text: "Started: Card payments",
      },
    ],
    recurrence: { days: 90, sameCause: 0, sameService: [], sameProvider: [] },
    checklist: [
      { step: "assess", key: "assess.danger", text: "Check nobody is in danger", done: false },
      { step: "call", key: "call.ticket", text: "Get a ticket or reference number", done: false },
    ],
    nextStep: "assess",
    ...extra,
  };
}
