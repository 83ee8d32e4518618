// Builders for the plan's component tests.
import type { Contact, CriticalService, PlanOverview, SafetyPlan, Team } from "../../lib/ipc";
import { emptyDetails } from "../contacts/details";

export function aContact(id: number, organisation: string, kind: Contact["kind"]): Contact {
  return {
    ...emptyDetails(kind),
    telLinks: [],
    id,
    organisation: kind === "staff" ? "" : organisation,
    person: kind === "staff" ? organisation : "",
    phones: [],
    createdAt: "",
    updatedAt: "",
  };
}

export function aService(
  id: number,
  name: string,
  extra: Partial<CriticalService> = {},
): CriticalService {
  return {
    id,
    name,
    priority: "essential",
    customerFacing: true,
    maxDowntimeMinutes: 120,
    tolerates: "2 hours",
    customersAffected: 20,
    customersPer: "hour",
    noWorkaround: false,
    notes: "",
    contactIds: [],
    workarounds: [],
    createdAt: "",
    updatedAt: "",
    ...extra,
  };
}

export const emptySafety: SafetyPlan = {
  assemblyPoint: "",
  checklist: [],
  callTree: [],
  reviewedAt: null,
  emergency: [],
};

export const overview: PlanOverview = {
  services: 1,
  workarounds: 0,
  runbooks: 0,
  contacts: 1,
  reviewedAt: null,
  reviewDueAt: null,
  findings: [
    { kind: "noWorkaround", serviceId: 1, service: "Card payments" },
    { kind: "neverReviewed" },
  ],
};

export const emptyTeam: Team = {
  roles: [],
  people: [],
  settings: { ownerName: "", ownerPhone: "", deputyId: null },
  ownerTel: "",
};
