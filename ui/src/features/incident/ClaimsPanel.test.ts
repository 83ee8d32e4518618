import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ClaimOutcome, Claims } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import ClaimsPanel from "./ClaimsPanel.svelte";
import { anIncident } from "./testing";

function aRule(extra: Partial<ClaimOutcome> = {}): ClaimOutcome {
  return {
    key: "coned_commercial_spoilage",
    who: "utility",
    title: "Con Edison: commercial spoilage claim",
    applies: true,
    why: ["The outage lasted 13 hours, at least 12 hours."],
    currency: "USD",
    estimate: 1500,
    estimateText: "You may be entitled to your spoiled stock ($15.00). Check with your provider.",
    automatic: false,
    deadline: "2026-12-28",
    send: "The commercial spoilage claim form.",
    to: "Con Edison Claims Department",
    source: "https://www.coned.com/claims",
    checkedOn: "2026-12-05",
    sourceNote: "Confirmed: 30 days.",
    sentOn: null,
    ...extra,
  };
}

function someClaims(rule: ClaimOutcome): Claims {
  return {
    lastedMinutes: 780,
    planned: false,
    ongoing: false,
    rules: [rule],
    insurance: {
      title: "Business-interruption insurance",
      insurer: "",
      policyNumber: "",
      waitingHours: null,
      passed: null,
      why: "Enter your policy's waiting period.",
      documents: ["This claim pack"],
      sentOn: null,
    },
  };
}

describe("ClaimsPanel", () => {
  it("shows each rule with why, the estimate, the deadline and its checked source", async () => {
    fakeBackend({ get_claims: () => someClaims(aRule()) });
    render(ClaimsPanel, { incident: anIncident(), onNotice: () => {} });
    expect(await screen.findByText("Con Edison: commercial spoilage claim")).toBeTruthy();
    expect(screen.getByText("May apply")).toBeTruthy();
    expect(screen.getByText("The outage lasted 13 hours, at least 12 hours.")).toBeTruthy();
    expect(screen.getByText(/You may be entitled to your spoiled stock/)).toBeTruthy();
    expect(screen.getByText("https://www.coned.com/claims")).toBeTruthy();
    expect(screen.getByText(/checked on/)).toBeTruthy();
    // Nothing entered is said so, not left blank.
    expect(screen.getAllByText("not entered")).toHaveLength(2);
  });

  it("marks a claim as sent today, and says so", async () => {
    const calls = fakeBackend({
      get_claims: () => someClaims(aRule()),
      mark_claim_sent: ({ sentOn }) => someClaims(aRule({ sentOn })),
    });
    let said = "";
    render(ClaimsPanel, { incident: anIncident(), onNotice: (m: string) => (said = m) });
    // The rule's button comes first, the insurance notice's after it.
    const [ruleButton] = await screen.findAllByRole("button", { name: "Mark as sent" });
    if (!ruleButton) throw new Error("no button");
    await userEvent.click(ruleButton);
    const mark = calls.find((c) => c.cmd === "mark_claim_sent");
    if (!mark) throw new Error("not marked");
    expect(mark.args).toMatchObject({ rule: "coned_commercial_spoilage" });
    expect((mark.args as { sentOn: string }).sentOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await screen.findByText(/^Sent on/)).toBeTruthy();
    expect(said).toBe("Marked as sent.");
  });
});
