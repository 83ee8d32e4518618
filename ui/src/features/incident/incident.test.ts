import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { Workaround } from "../../lib/ipc";
import { aService } from "../plan/testing";
import { alsoDown, eventText, reasonText, suggestedStep } from "./incident";
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
  afterEach(() => {
    i18n.lang = "en";
  });

  it("words the severity reasons with the plan's figures", () => {
    expect(
      reasonText({
        kind: "exceedsTolerance",
        service: "Card payments",
        priority: "essential",
        expectedMinutes: 360,
        toleratedMinutes: 120,
      }),
    ).toBe(
      "Card payments is essential and the expected 6 hours exceeds the 2 hours your plan tolerates",
    );
    i18n.lang = "fr";
    expect(reasonText({ kind: "danger" })).toBe("quelqu’un est peut-être en danger");
  });

  it("suggests the first step not done yet, in the protocol's order", () => {
    const assessed = { id: 2, at: "", kind: "assessed" as const, detail: "" };
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

  it("words timeline events, severities included", () => {
    expect(eventText("severity_changed", "critical")).toBe("Severity now Critical");
    expect(eventText("call_logged", "Fibre Net · T-1")).toBe("Call: Fibre Net · T-1");
    expect(eventText("checked", "call.ticket")).toBe("Done: Get a ticket or reference number");
    expect(eventText("notice_sent", "initial · sms")).toBe("Notice sent: First notice · SMS");
    expect(eventText("unchecked", "call.nonsense")).toBe("Not done after all: call.nonsense");
  });
});
