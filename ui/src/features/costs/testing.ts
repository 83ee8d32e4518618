// Fakes of an outage's costs for the tests of screens that show them beside other things.
import type { Call, Fakes } from "../../lib/ipc/fake";

/** An outage with no costs entered and nothing counted yet. */
export const noCosts = {
  get_incident_costs: () => ({ expenses: [], spoiled: [] }),
  get_loss: () => ({
    currency: "EUR" as const,
    ongoing: true,
    services: [],
    countedOnce: 0,
    lostTakings: 0,
    staffPerHour: null,
    staffMinutes: 0,
    staffCost: 0,
    expenses: 0,
    spoiled: 0,
    total: 0,
    missing: [],
  }),
} satisfies Fakes;

/** The calls a screen made, without its reading of the outage's costs. */
export function withoutCostReads(calls: Call[]): Call[] {
  return calls.filter((c) => c.cmd !== "get_incident_costs" && c.cmd !== "get_loss");
}
