import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CheckInInput, IncidentTeam, TeamMember } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import { noCosts, withoutCostReads } from "../costs/testing";
import HandOffSelect from "./HandOffSelect.svelte";
import ResolveStep from "./ResolveStep.svelte";
import TeamPanel from "./TeamPanel.svelte";
import { outageTeam } from "./team.svelte";
import { anIncident } from "./testing";

function aPerson(contactId: number, name: string, extra: Partial<TeamMember> = {}): TeamMember {
  return {
    contactId,
    name,
    inCallTree: true,
    phones: [{ label: "Mobile", number: "06 12 34 56 78" }],
    telLinks: ["tel:+33612345678"],
    state: "not_called",
    since: null,
    checkInId: null,
    arrivalAt: null,
    arrivalPassed: false,
    roles: [],
    tasks: [],
    ...extra,
  };
}

function aTeam(extra: Partial<IncidentTeam> = {}): IncidentTeam {
  return {
    incidentId: 1,
    danger: false,
    resolved: false,
    people: [aPerson(2, "Léa", { roles: ["Opens and assesses"] }), aPerson(3, "Karim")],
    handoffs: [],
    standIns: [],
    notSafe: [],
    checkIns: [],
    ...extra,
  };
}

beforeEach(() => {
  outageTeam.current = null;
  outageTeam.changes = 0;
});

describe("TeamPanel", () => {
  it("lists everyone in order with their number, and marks a state in one click", async () => {
    const sent: CheckInInput[] = [];
    fakeBackend({
      check_in: ({ checkIn }) => {
        sent.push(checkIn);
        return aTeam({
          people: [
            aPerson(2, "Léa"),
            aPerson(3, "Karim", { state: "no_answer", since: new Date().toISOString() }),
          ],
        });
      },
    });
    outageTeam.current = aTeam();
    render(TeamPanel, { onNotice: vi.fn() });
    const people = screen.getAllByRole("listitem");
    expect(people.map((li) => li.querySelector("strong")?.textContent)).toEqual(["Léa", "Karim"]);
    expect(within(people[0] as HTMLElement).getByText("Opens and assesses")).toBeInTheDocument();
    expect(
      within(people[1] as HTMLElement).getByRole("link", { name: "Call Karim" }),
    ).toHaveAttribute("href", "tel:+33612345678");
    // No danger: nobody is asked to be marked safe.
    expect(screen.queryByRole("button", { name: "Safe" })).toBeNull();

    const karim = within(people[1] as HTMLElement);
    await userEvent.setup().click(karim.getByRole("button", { name: "Called, no answer" }));
    expect(sent).toEqual([{ contactId: 3, state: "no_answer", at: null, arrivalAt: null }]);
    expect(outageTeam.changes).toBe(1);
    const after = within(screen.getAllByRole("listitem")[1] as HTMLElement);
    expect(after.getByRole("button", { name: "Called, no answer" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(after.getByText(/^since /)).toBeInTheDocument();
  });

  it("gives someone on the way an arrival in 15 minutes, which the owner can change", async () => {
    const sent: CheckInInput[] = [];
    fakeBackend({
      check_in: ({ checkIn }) => {
        sent.push(checkIn);
        return aTeam({
          people: [
            aPerson(2, "Léa", {
              state: "on_the_way",
              since: new Date().toISOString(),
              arrivalAt: checkIn.arrivalAt ?? null,
            }),
            aPerson(3, "Karim"),
          ],
        });
      },
    });
    outageTeam.current = aTeam();
    render(TeamPanel, { onNotice: vi.fn() });
    const user = userEvent.setup();
    const before = Date.now();
    await user.click(
      within(screen.getAllByRole("listitem")[0] as HTMLElement).getByRole("button", {
        name: "On the way",
      }),
    );
    const arrival = new Date(sent[0]?.arrivalAt ?? "").getTime();
    expect(arrival - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(arrival - before).toBeLessThan(16 * 60_000);

    const time = screen.getByLabelText("Expected at");
    await user.clear(time);
    await user.type(time, "23:59");
    await user.click(screen.getByRole("button", { name: "Change" }));
    expect(sent[1]?.state).toBe("on_the_way");
    expect(new Date(sent[1]?.arrivalAt ?? "").getHours()).toBe(23);
  });

  it("reads an arrival after midnight as tomorrow's", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 11, 5, 23, 50));
    try {
      const sent: CheckInInput[] = [];
      fakeBackend({
        check_in: ({ checkIn }) => {
          sent.push(checkIn);
          return aTeam({
            people: [
              aPerson(2, "Léa", {
                state: "on_the_way",
                since: new Date().toISOString(),
                arrivalAt: checkIn.arrivalAt ?? null,
              }),
              aPerson(3, "Karim"),
            ],
          });
        },
      });
      outageTeam.current = aTeam();
      render(TeamPanel, { onNotice: vi.fn() });
      const user = userEvent.setup();
      await user.click(
        within(screen.getAllByRole("listitem")[0] as HTMLElement).getByRole("button", {
          name: "On the way",
        }),
      );
      const time = screen.getByLabelText("Expected at");
      await user.clear(time);
      await user.type(time, "00:15");
      await user.click(screen.getByRole("button", { name: "Change" }));
      expect(new Date(sent[1]?.arrivalAt ?? "")).toEqual(new Date(2026, 11, 6, 0, 15));
    } finally {
      vi.useRealTimers();
    }
  });

  it("in a danger outage offers Safe, says who is not safe yet, and offers the stand-in", async () => {
    fakeBackend({});
    outageTeam.current = aTeam({
      danger: true,
      notSafe: ["Léa", "Karim"],
      standIns: [
        {
          roleId: 1,
          role: "Calls providers",
          standInId: 2,
          standIn: "Léa",
          standInState: "not_called",
        },
      ],
    });
    render(TeamPanel, { onNotice: vi.fn() });
    expect(screen.getAllByRole("button", { name: "Safe" })).toHaveLength(2);
    expect(screen.getByText("Not yet marked safe: Léa, Karim")).toBeInTheDocument();
    expect(
      screen.getByText("Nobody for “Calls providers” can come: ask Léa, the stand-in."),
    ).toBeInTheDocument();
  });

  it("shows a refused time next to the person", async () => {
    fakeBackend({
      check_in: () => {
        throw {
          code: "Validation",
          message: "",
          fields: [{ field: "state", problem: { kind: "closed" } }],
        };
      },
    });
    outageTeam.current = aTeam();
    render(TeamPanel, { onNotice: vi.fn() });
    await userEvent.setup().click(
      within(screen.getAllByRole("listitem")[1] as HTMLElement).getByRole("button", {
        name: "Here",
      }),
    );
    expect(screen.getByRole("alert")).toHaveTextContent("This outage is resolved");
  });
});

describe("HandOffSelect", () => {
  it("hands a task to a person in one choice, and shows who has it", async () => {
    const calls = fakeBackend({
      hand_off: ({ task, contactId }) =>
        aTeam({
          handoffs: [
            { task, label: "Ouest Power", contactId, name: "Karim", at: "2026-11-28T09:05:00Z" },
          ],
        }),
    });
    outageTeam.current = aTeam();
    render(HandOffSelect, { task: "call:7", what: "Ouest Power" });
    const select = screen.getByLabelText("Who does it: Ouest Power");
    await userEvent.setup().selectOptions(select, "Karim");
    expect(calls).toEqual([{ cmd: "hand_off", args: { id: 1, task: "call:7", contactId: 3 } }]);
    expect(select).toHaveValue("3");
  });
});

describe("ResolveStep in a danger outage", () => {
  it("names who is not safe and resolves only when the owner says so", async () => {
    const calls = fakeBackend({
      ...noCosts,
      resolve_incident: ({ notSafeOverride }) => {
        if (!notSafeOverride) {
          throw {
            code: "Validation",
            message: "",
            fields: [{ field: "team", problem: { kind: "notSafe", names: ["Karim", "Sam"] } }],
          };
        }
        return anIncident({ resolvedAt: "2026-11-28T10:00:00Z" });
      },
    });
    const onChange = vi.fn();
    const incident = anIncident({ danger: true });
    for (const service of incident.services) service.restoredAt = "2026-11-28T09:50:00Z";
    render(ResolveStep, { incident, onChange });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Mark as resolved" }));
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Not everyone is marked safe yet: Karim, Sam.",
    );
    expect(onChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Resolve anyway: I say so" }));
    expect(withoutCostReads(calls).map((c) => c.args)).toEqual([
      { id: 1, notSafeOverride: false },
      { id: 1, notSafeOverride: true },
    ]);
    expect(onChange).toHaveBeenCalledWith(
      expect.anything(),
      "Resolved on your word. The timeline names who was not marked safe.",
    );
  });
});
