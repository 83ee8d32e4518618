import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { AssessInput } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import { noCosts, withoutCostReads } from "../costs/testing";
import { aService } from "../plan/testing";
import AssessStep from "./AssessStep.svelte";
import CallStep from "./CallStep.svelte";
import ResolveStep from "./ResolveStep.svelte";
import StartIncident from "./StartIncident.svelte";
import TellStep from "./TellStep.svelte";
import { anIncident } from "./testing";
import WorkaroundsStep from "./WorkaroundsStep.svelte";

describe("StartIncident", () => {
  it("starts with what is ticked", async () => {
    const sent: unknown[] = [];
    fakeBackend({
      start_incident: (args) => {
        sent.push(args);
        return anIncident();
      },
    });
    const onStarted = vi.fn();
    render(StartIncident, {
      services: [aService(1, "Card payments"), aService(2, "Internet")],
      onStarted,
      onCancel: vi.fn(),
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Internet"));
    await user.type(screen.getByLabelText("Something else"), "Coffee machine");
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(sent).toEqual([
      { start: { serviceIds: [2], somethingElse: "Coffee machine", startedAt: null } },
    ]);
    expect(onStarted).toHaveBeenCalledOnce();
  });

  it("opens ticked from what Steady noticed, from when it began, and can start now instead", async () => {
    const sent: unknown[] = [];
    fakeBackend({
      start_incident: (args) => {
        sent.push(args);
        return anIncident();
      },
    });
    const since = "2026-11-28T10:42:00Z";
    const props = {
      services: [aService(1, "Card payments"), aService(2, "Power")],
      prefill: { serviceIds: [2], somethingElse: "", startedAt: since },
      onStarted: vi.fn(),
      onCancel: vi.fn(),
    };
    const first = render(StartIncident, props);
    expect(screen.getByLabelText<HTMLInputElement>("Power").checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>("Card payments").checked).toBe(false);
    expect(document.getElementById("start-since")?.textContent).toContain("when Steady noticed it");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(sent).toEqual([{ start: { serviceIds: [2], somethingElse: "", startedAt: since } }]);

    first.unmount();
    render(StartIncident, props);
    await user.click(screen.getByRole("button", { name: "It started just now" }));
    expect(document.getElementById("start-since")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(sent[1]).toEqual({ start: { serviceIds: [2], somethingElse: "", startedAt: null } });
  });

  it("says what to do when nothing is ticked", async () => {
    fakeBackend({
      start_incident: () => {
        throw {
          code: "Validation",
          message: "",
          fields: [{ field: "serviceIds", problem: { kind: "required" } }],
        };
      },
    });
    render(StartIncident, {
      services: [aService(1, "Card payments")],
      onStarted: vi.fn(),
      onCancel: vi.fn(),
    });
    await userEvent.setup().click(screen.getByRole("button", { name: "Start" }));
    expect(screen.getByRole("group", { name: "What is down?" })).toHaveAccessibleDescription(
      "Tick what is down, or say what in “Something else”.",
    );
  });
});

describe("AssessStep", () => {
  it("sends the expected downtime in minutes, or unknown", async () => {
    const sent: AssessInput[] = [];
    fakeBackend({
      assess_incident: ({ input }) => {
        sent.push(input);
        return anIncident();
      },
    });
    const onChange = vi.fn();
    render(AssessStep, { incident: anIncident(), onChange });
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "Update the assessment" }));
    expect(sent[0]).toMatchObject({
      expectedMinutes: null,
      danger: false,
      customersAffected: null,
    });

    await user.click(screen.getByLabelText("Not known yet", { selector: "#assess-unknown" }));
    const duration = screen.getByLabelText("Expected downtime", { selector: "input" });
    await user.clear(duration);
    await user.type(duration, "3");
    await user.click(screen.getByLabelText("Yes, or maybe"));
    await user.selectOptions(screen.getByLabelText("Cause"), "attack");
    await user.click(screen.getByRole("button", { name: "Update the assessment" }));
    expect(sent[1]).toMatchObject({ expectedMinutes: 180, danger: true, cause: "attack" });
    expect(onChange).toHaveBeenCalledWith(expect.anything(), "Assessment saved.");
    expect(
      screen.getByText("The plan estimates about 20. Leave empty to use it."),
    ).toBeInTheDocument();
  });
});

describe("CallStep", () => {
  it("points out a promised time or a call-back time that has already passed", async () => {
    fakeBackend({});
    render(CallStep, {
      incident: anIncident(),
      down: [],
      contacts: [],
      onChange: vi.fn(),
      onNotice: vi.fn(),
    });
    const user = userEvent.setup();
    const eta = screen.getByLabelText("When they said it would be fixed");
    await user.type(eta, "2020-01-01T10:00");
    expect(eta).toHaveAccessibleDescription(
      "This time has already passed: check the date and hour.",
    );
    const back = screen.getByLabelText("When to call them back");
    await user.type(back, "2099-01-01T10:00");
    expect(back).not.toHaveAccessibleDescription();
  });
});

describe("WorkaroundsStep", () => {
  const hotspot = {
    id: 5,
    serviceId: 1,
    title: "Phone hotspot",
    steps: "Turn it on",
    customerMessage: "",
    limits: "",
    contactIds: [7],
    serviceIds: [],
  };

  it("flags a workaround that depends on something down, says none plainly, and activates", async () => {
    const calls = fakeBackend({ activate_workaround: () => anIncident() });
    const down = [
      aService(1, "Internet", { contactIds: [7], workarounds: [hotspot] }),
      aService(2, "Refrigeration", { noWorkaround: true }),
    ];
    render(WorkaroundsStep, { incident: anIncident(), down, onChange: vi.fn() });
    const card = screen.getByRole("article", { name: "Phone hotspot" });
    expect(within(card).getByText(/depends on something that is down too/)).toBeInTheDocument();
    expect(
      screen.getByText("Refrigeration: there is no workaround. Say so plainly to customers."),
    ).toBeInTheDocument();
    await userEvent.setup().click(within(card).getByRole("button", { name: "Use this now" }));
    expect(calls).toEqual([{ cmd: "activate_workaround", args: { id: 1, workaroundId: 5 } }]);
  });
});

describe("TellStep", () => {
  const meter = {
    length: 60,
    limit: 160,
    smsEncoding: "gsm7" as const,
    smsSegments: 1,
    multiline: false,
    over: false,
  };

  function backend() {
    return fakeBackend({
      draft_notice: ({ stage, channel, language }) => ({
        draft: {
          stage,
          channel,
          language,
          subject: channel === "email" ? "Corner Café: card payments" : null,
          body: "Corner Café: card payments is down for now, we are on it.",
          unfilled: [],
        },
        check: { length: meter, warnings: [], unfilled: [] },
      }),
      check_notice: ({ body }) => {
        const at = body.indexOf("Fibre Net");
        const warnings =
          at < 0
            ? []
            : [
                {
                  kind: "providerName" as const,
                  matched: "Fibre Net",
                  start: at,
                  end: at + 9,
                  suggestion: "our provider",
                },
              ];
        const unfilled = body.includes("[TIME]") ? ["[TIME]"] : [];
        return { length: { ...meter, length: body.length }, warnings, unfilled };
      },
      record_notice: () => anIncident(),
      copy_text: () => null,
    });
  }

  it("shows the ready draft with the next update and the SMS meter", async () => {
    backend();
    const notice = {
      id: 1,
      sentAt: "2026-11-28T09:00:00Z",
      stage: "initial" as const,
      channel: "sms" as const,
      text: "We know.",
    };
    render(TellStep, {
      incident: anIncident({ notices: [notice], nextUpdateDue: "2026-11-28T10:00:00Z" }),
      onChange: vi.fn(),
      onNotice: vi.fn(),
    });
    expect(screen.getByText(/Next customer update due by/)).toBeInTheDocument();
    expect(screen.getByText("We know.")).toBeInTheDocument();
    expect(screen.getByLabelText("Stage")).toHaveValue("update");
    expect(
      await screen.findByDisplayValue("Corner Café: card payments is down for now, we are on it."),
    ).toHaveAccessibleName("Message");
    expect(screen.getByText(/60\/160 characters · 1 SMS/)).toBeInTheDocument();
  });

  it("keeps the owner's edits when they look at another channel and come back", async () => {
    backend();
    render(TellStep, { incident: anIncident(), onChange: vi.fn(), onNotice: vi.fn() });
    const user = userEvent.setup();
    const body = await screen.findByDisplayValue(
      "Corner Café: card payments is down for now, we are on it.",
    );
    await user.clear(body);
    await user.type(body, "Cash only today, sorry!");
    await user.selectOptions(screen.getByLabelText("Channel"), "email");
    expect(
      await screen.findByDisplayValue("Corner Café: card payments is down for now, we are on it."),
    ).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Channel"), "sms");
    expect(await screen.findByDisplayValue("Cash only today, sorry!")).toBeInTheDocument();
  });

  it("flags a provider name, offers safer words, and will not send past a warning", async () => {
    const calls = backend();
    const onChange = vi.fn();
    render(TellStep, { incident: anIncident(), onChange, onNotice: vi.fn() });
    const user = userEvent.setup();
    const message = await screen.findByDisplayValue(/card payments is down/);
    await user.clear(message);
    await user.type(message, "Fibre Net is down");
    const warnings = await screen.findByRole("region", { name: "Before this reaches customers" });
    expect(warnings).toHaveTextContent("Fibre Net — Names your provider");

    await user.click(screen.getByRole("button", { name: "Mark as sent" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Check the warnings first");
    expect(calls.some((c) => c.cmd === "record_notice")).toBe(false);

    await user.click(within(warnings).getByRole("button", { name: "Use safer wording" }));
    expect(message).toHaveValue("our provider is down");
    await user.click(screen.getByRole("button", { name: "Mark as sent" }));
    expect(calls.find((c) => c.cmd === "record_notice")?.args).toEqual({
      id: 1,
      notice: { stage: "initial", channel: "sms", text: "our provider is down" },
    });
    expect(onChange).toHaveBeenCalledWith(expect.anything(), "Notice recorded.");
  });

  it("checks the text once the owner pauses, not at every key", async () => {
    const calls = backend();
    render(TellStep, { incident: anIncident(), onChange: vi.fn(), onNotice: vi.fn() });
    const user = userEvent.setup();
    const message = await screen.findByDisplayValue(/card payments is down/);
    const checks = () => calls.filter((c) => c.cmd === "check_notice");
    await user.clear(message);
    await user.type(message, "Fibre Net is down");
    await screen.findByRole("region", { name: "Before this reaches customers" });
    expect(checks().length).toBeLessThan(3);
    expect(checks().at(-1)?.args.body).toBe("Fibre Net is down");
  });

  it("lets the owner keep their words on purpose, and refuses unfilled markers", async () => {
    const calls = backend();
    render(TellStep, { incident: anIncident(), onChange: vi.fn(), onNotice: vi.fn() });
    const user = userEvent.setup();
    const message = await screen.findByDisplayValue(/card payments is down/);
    await user.clear(message);
    await user.type(message, "Fibre Net back at [[TIME]");
    await user.click(await screen.findByRole("button", { name: "Keep it" }));
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(message).toHaveAccessibleDescription(/Replace the \[BRACKETED\] parts/);
    expect(calls.some((c) => c.cmd === "copy_text")).toBe(false);

    await user.clear(message);
    await user.type(message, "Fibre Net back soon");
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(calls.find((c) => c.cmd === "copy_text")?.args).toEqual({ text: "Fibre Net back soon" });
  });
});

describe("ResolveStep", () => {
  it("confirms a service and saves the review with its actions", async () => {
    const resolved = () => anIncident({ resolvedAt: "2026-11-28T10:00:00Z" });
    const all = fakeBackend({ ...noCosts, confirm_restored: resolved, save_review: resolved });
    const calls = {
      at: (i: number) => withoutCostReads(all)[i],
    };
    const onChange = vi.fn();
    render(ResolveStep, {
      incident: anIncident({
        recurrence: {
          days: 90,
          sameCause: 2,
          sameService: [["Card payments", 2]],
          sameProvider: [],
        },
        cause: "internet",
      }),
      onChange,
    });
    const user = userEvent.setup();
    expect(screen.getByText("This is the third internet outage in 90 days.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Card payments works again" }));
    expect(calls.at(0)).toEqual({
      cmd: "confirm_restored",
      args: { id: 1, incidentServiceId: 10 },
    });
    expect(onChange).toHaveBeenCalledWith(expect.anything(), "Resolved. Well done.");

    await user.type(screen.getByLabelText(/Root cause/), "Cabinet flooded");
    await user.click(screen.getByLabelText("Yes"));
    await user.type(screen.getByLabelText("Action 1"), "4G backup");
    await user.click(screen.getByRole("button", { name: "Save the review" }));
    const saved = calls.at(1);
    expect(saved?.cmd).toBe("save_review");
    const review = saved?.cmd === "save_review" ? saved.args.review : null;
    expect(review).toEqual({
      rootCause: "Cabinet flooded",
      couldRecur: "yes",
      actions: [{ text: "4G backup", owner: "", dueOn: null }],
    });
  });

  it("reopens a resolved incident that broke again", async () => {
    const calls = fakeBackend({ ...noCosts, reopen_incident: () => anIncident() });
    const onChange = vi.fn();
    render(ResolveStep, { incident: anIncident({ resolvedAt: "2026-11-28T10:00:00Z" }), onChange });
    await userEvent.setup().click(screen.getByRole("button", { name: "It is down again: reopen" }));
    expect(withoutCostReads(calls)).toEqual([{ cmd: "reopen_incident", args: { id: 1 } }]);
    expect(onChange).toHaveBeenCalledWith(
      expect.anything(),
      "Reopened. Confirm each service again once it works.",
    );
  });

  it("offers no reopening while the incident is open", () => {
    fakeBackend(noCosts);
    render(ResolveStep, { incident: anIncident(), onChange: vi.fn() });
    expect(screen.queryByRole("button", { name: /reopen/ })).toBeNull();
  });
});
