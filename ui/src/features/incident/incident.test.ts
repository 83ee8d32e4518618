import { describe, expect, it } from "vitest";
import type { Workaround } from "../../lib/ipc";
import { aService } from "../plan/testing";
import { alsoDown, suggestedStep } from "./incident";
import { anIncident } from "./testing";

function workaround(contactIds: number[], serviceIds: number[]): Workaround {
  return {
    id: 1,
    serviceId: 1,
    title: "Hotspot",
    steps: "",
    customerMessage: "",
    limits: "",
    contactIds,
    serviceIds,
  };
}

describe("outage helpers", () => {
  it("suggests the first step not done yet, in the protocol's order", () => {
    const assessed = {
      id: 2,
      at: "",
      happened: { kind: "assessed" as const },
      text: "Assessment updated",
    };
    expect(suggestedStep(anIncident())).toBe("assess");
    const afterAssess = anIncident({ timeline: [assessed] });
    expect(suggestedStep(afterAssess)).toBe("call");
    const call = {
      id: 1,
      contactId: 1,
      contactName: "Fibre",
      calledAt: "",
      ticket: "",
      spokeTo: "",
      eta: null,
      callBackAt: null,
      notes: "",
      etaSlipped: false,
    };
    expect(suggestedStep(anIncident({ timeline: [assessed], calls: [call] }))).toBe("tell");
    expect(suggestedStep(anIncident({ resolvedAt: "2026-11-28T10:00:00Z" }))).toBe("resolve");
  });

  it("flags a workaround that depends on something down", () => {
    const down = [aService(1, "Internet", { contactIds: [7] })];
    expect(alsoDown(workaround([7], []), down)).toBe(true);
    expect(alsoDown(workaround([], [1]), down)).toBe(true);
    expect(alsoDown(workaround([8], [2]), down)).toBe(false);
  });
});
