import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { Drill, DrillStart, LengthReport } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import CallStep from "../incident/CallStep.svelte";
import NoticeComposer from "../incident/NoticeComposer.svelte";
import StartIncident from "../incident/StartIncident.svelte";
import { anIncident } from "../incident/testing";
import DrillChooser from "./DrillChooser.svelte";
import DrillPanel from "./DrillPanel.svelte";
import { clockAt, drillChanged, formatClock, openDrill } from "./drill.svelte";
import ScorecardScreen from "./ScorecardScreen.svelte";
import { aDrill, anInject, aScorecard } from "./testing";

beforeEach(() => {
  openDrill.current = null;
  i18n.lang = "en";
});

describe("the drill clock", () => {
  it("runs at the drill's speed from when it was read, and stands still when paused", () => {
    const drill = aDrill({ clockSeconds: 60, speed: "x5" });
    expect(clockAt(drill, 1_000, 11_000)).toBe(110);
    expect(clockAt({ ...drill, paused: true }, 1_000, 11_000)).toBe(60);
    expect(formatClock(425)).toBe("7:05");
    expect(formatClock(3_750)).toBe("1:02:30");
  });
});

describe("DrillChooser", () => {
  const choices = [
    {
      scenario: "internet_saturday" as const,
      title: "Internet down on a Saturday",
      situation: "Saturday 10:00: the Orange box shows a red light.",
      serviceId: 2,
      available: true,
    },
    {
      scenario: "power_at_opening" as const,
      title: "Power cut at opening time",
      situation: "",
      serviceId: null,
      available: false,
    },
    {
      scenario: "own" as const,
      title: "My own",
      situation: "Any service",
      serviceId: null,
      available: true,
    },
  ];

  it("offers the scenarios in the plan's words and starts the chosen one at the chosen speed", async () => {
    const sent: DrillStart[] = [];
    fakeBackend({
      drill_scenarios: () => choices,
      list_services: () => [],
      start_drill: ({ start }) => {
        sent.push(start);
        return aDrill({ speed: start.speed });
      },
    });
    const onStarted = vi.fn();
    render(DrillChooser, { onStarted, onOpenIncident: vi.fn(), onCancel: vi.fn() });
    const user = userEvent.setup();
    const internet = await screen.findByRole("radio", { name: /Internet down on a Saturday/ });
    expect(internet).toBeChecked();
    expect(
      screen.getByText("Saturday 10:00: the Orange box shows a red light."),
    ).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: /Power cut at opening time/ })).toBeDisabled();
    await user.click(screen.getByRole("radio", { name: "Five times as fast" }));
    await user.click(screen.getByRole("button", { name: "Start the drill" }));
    expect(sent).toEqual([{ scenario: "internet_saturday", serviceId: null, speed: "x5" }]);
    expect(onStarted).toHaveBeenCalledWith(expect.objectContaining({ id: 7, speed: "x5" }));
    expect(openDrill.current?.id).toBe(7);
  });

  it("shows a refusal next to the field it is about, in French", async () => {
    i18n.lang = "fr";
    fakeBackend({
      drill_scenarios: () => choices,
      list_services: () => [{ id: 2, name: "Internet" } as never],
      start_drill: () => {
        throw {
          code: "Validation",
          message: "refused",
          fields: [{ field: "serviceId", problem: { kind: "required" } }],
        };
      },
    });
    render(DrillChooser, { onStarted: vi.fn(), onOpenIncident: vi.fn(), onCancel: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("radio", { name: /My own/ }));
    expect(screen.getByLabelText("Quel service")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Commencer l’exercice" }));
    const select = screen.getByLabelText("Quel service");
    expect(select).toHaveAttribute("aria-invalid", "true");
    expect(document.getElementById("drill-service-error")?.textContent).toBeTruthy();
  });
});

describe("DrillPanel", () => {
  it("shows the surprises come, answers one, and keeps the answer", async () => {
    const answers: [string, string][] = [];
    fakeBackend({
      answer_inject: ({ inject, answer }) => {
        answers.push([inject, answer]);
        return aDrill({ injects: [anInject({ answer, answeredAt: "2026-11-28T09:06:00Z" })] });
      },
    });
    drillChanged(aDrill());
    const { rerender } = render(DrillPanel, {
      drill: openDrill.current as Drill,
      onEnded: vi.fn(),
      onNotice: vi.fn(),
    });
    expect(screen.getByText("7:05")).toBeInTheDocument();
    expect(screen.getByText("Orange now says 4 hours, not 1.")).toBeInTheDocument();
    // A surprise not come yet is not shown, only when the next one comes.
    expect(screen.queryByText("later")).not.toBeInTheDocument();
    expect(screen.getByText("Next surprise at minute 20 of the drill.")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Use the next workaround" }));
    expect(answers).toEqual([["longer", "workaround"]]);
    await rerender({ drill: openDrill.current as Drill, onEnded: vi.fn(), onNotice: vi.fn() });
    expect(screen.getByText("Your answer: Use the next workaround")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Call again" })).not.toBeInTheDocument();
  });

  it("pauses, changes speed, and ends only once asked", async () => {
    const calls = fakeBackend({
      pause_drill: () => aDrill({ paused: true }),
      set_drill_speed: ({ speed }) => aDrill({ speed }),
      end_drill: () => aDrill({ endedAt: "2026-11-28T09:30:00Z", outcome: "abandoned" }),
    });
    drillChanged(aDrill());
    const onEnded = vi.fn();
    render(DrillPanel, { drill: aDrill(), onEnded, onNotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(openDrill.current?.paused).toBe(true);
    await user.click(screen.getByRole("radio", { name: "Twice as fast" }));
    expect(calls.map((c) => c.cmd)).toEqual(["pause_drill", "set_drill_speed"]);
    expect(calls[1]?.args).toEqual({ id: 7, speed: "x2" });
    await user.click(screen.getByRole("button", { name: "End the drill" }));
    expect(calls).toHaveLength(2);
    const question = screen.getByRole("alertdialog");
    await user.click(
      within(question).getByRole("button", { name: "End it and see the scorecard" }),
    );
    expect(onEnded).toHaveBeenCalledWith(expect.objectContaining({ outcome: "abandoned" }));
    // An ended drill is no longer the open one: the DRILL band goes.
    expect(openDrill.current).toBeNull();
  });

  it("marks a provider's number as not working in the Call step", async () => {
    const calls = fakeBackend({
      mark_number_bad: ({ contactId, number }) =>
        aDrill({
          badNumbers: [{ id: 1, contactId, name: "Orange", number, at: "2026-11-28T09:07:00Z" }],
        }),
    });
    const contact = {
      id: 4,
      kind: "provider",
      organisation: "Orange",
      person: "",
      phones: [{ label: "Support", number: "3900" }],
      telLinks: ["tel:3900"],
    } as never;
    drillChanged(aDrill());
    const props = {
      incident: anIncident({ drill: true }),
      down: [{ id: 1, contactIds: [4] } as never],
      contacts: [contact],
      drill: openDrill.current,
      onChange: vi.fn(),
      onNotice: vi.fn(),
    };
    const { rerender } = render(CallStep, props);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "This number did not work" }));
    expect(calls[0]?.args).toEqual({ id: 7, contactId: 4, number: "3900" });
    await rerender({ ...props, drill: openDrill.current });
    expect(screen.getByText("Did not work")).toBeInTheDocument();
  });
});

describe("copying a drill notice", () => {
  const meter: LengthReport = {
    length: 40,
    limit: 160,
    smsEncoding: "gsm7",
    smsSegments: 1,
    multiline: false,
    over: false,
  };

  it("asks first, and copies only when told to", async () => {
    const copied: string[] = [];
    fakeBackend({
      draft_notice: () => ({
        draft: {
          stage: "initial",
          channel: "sms",
          language: "en",
          subject: null,
          body: "EXERCICE / DRILL — Our internet is down.",
          unfilled: [],
        },
        check: { length: meter, warnings: [], unfilled: [] },
      }),
      check_notice: () => ({ length: meter, warnings: [], unfilled: [] }),
      copy_text: ({ text }) => {
        copied.push(text);
        return null;
      },
    });
    render(NoticeComposer, {
      incident: anIncident({ drill: true }),
      onChange: vi.fn(),
      onNotice: vi.fn(),
    });
    const user = userEvent.setup();
    const copy = await screen.findByRole("button", { name: "Copy" });
    await vi.waitFor(() => expect(copy).toBeEnabled());
    await user.click(copy);
    expect(screen.getByText("This is a drill notice: copy anyway?")).toBeInTheDocument();
    expect(copied).toEqual([]);
    await user.click(screen.getByRole("button", { name: "No, keep it here" }));
    expect(copied).toEqual([]);
    await user.click(copy);
    await user.click(screen.getByRole("button", { name: "Copy anyway" }));
    await vi.waitFor(() => expect(copied).toEqual(["EXERCICE / DRILL — Our internet is down."]));
  });

  it("asks before sending a drill's notice to the phone too", async () => {
    const asked: string[] = [];
    fakeBackend({
      draft_notice: () => ({
        draft: {
          stage: "initial",
          channel: "sms",
          language: "en",
          subject: null,
          body: "EXERCICE / DRILL — Our internet is down.",
          unfilled: [],
        },
        check: { length: meter, warnings: [], unfilled: [] },
      }),
      check_notice: () => ({ length: meter, warnings: [], unfilled: [] }),
      notice_codes: ({ text }) => {
        asked.push(text);
        return [{ size: 21, path: "M0 0h7v7h-7z", payload: text }];
      },
    });
    render(NoticeComposer, {
      incident: anIncident({ drill: true }),
      onChange: vi.fn(),
      onNotice: vi.fn(),
    });
    const user = userEvent.setup();
    const toPhone = await screen.findByRole("button", { name: "Send to my phone" });
    await vi.waitFor(() => expect(toPhone).toBeEnabled());
    await user.click(toPhone);
    expect(
      screen.getByText("This is a drill notice: send it to your phone anyway?"),
    ).toBeInTheDocument();
    expect(asked).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Send anyway" }));
    await vi.waitFor(() => expect(asked).toEqual(["EXERCICE / DRILL — Our internet is down."]));
  });

  it("copies a real outage's notice at once", async () => {
    const copied: string[] = [];
    fakeBackend({
      draft_notice: () => ({
        draft: {
          stage: "initial",
          channel: "sms",
          language: "en",
          subject: null,
          body: "Our internet is down.",
          unfilled: [],
        },
        check: { length: meter, warnings: [], unfilled: [] },
      }),
      check_notice: () => ({ length: meter, warnings: [], unfilled: [] }),
      copy_text: ({ text }) => {
        copied.push(text);
        return null;
      },
    });
    render(NoticeComposer, { incident: anIncident(), onChange: vi.fn(), onNotice: vi.fn() });
    const user = userEvent.setup();
    const copy = await screen.findByRole("button", { name: "Copy" });
    await vi.waitFor(() => expect(copy).toBeEnabled());
    await user.click(copy);
    await vi.waitFor(() => expect(copied).toEqual(["Our internet is down."]));
    expect(screen.queryByText("This is a drill notice: copy anyway?")).not.toBeInTheDocument();
  });
});

describe("ScorecardScreen", () => {
  it("rates each objective in words, with what to fix, beside the previous drill", async () => {
    fakeBackend({
      get_drill: () => aDrill({ endedAt: "2026-11-28T09:40:00Z", outcome: "resolved" }),
      drill_scorecard: () => {
        const card = aScorecard({ previous: { id: 3, startedAt: "2026-05-02T09:00:00Z" } });
        const numbers = card.objectives[1];
        if (numbers) numbers.previous = "not_performed";
        return card;
      },
      default_paper: () => "a4",
      plan_actions: () => [
        {
          id: 11,
          drillId: 7,
          kind: "bad_number",
          contactId: 4,
          serviceId: null,
          text: "Check Orange’s number 3900",
          owner: "",
          dueOn: null,
          createdAt: "2026-11-28T09:40:00Z",
          doneAt: null,
        },
        {
          id: 12,
          drillId: 3,
          kind: "bad_number",
          contactId: 4,
          serviceId: null,
          text: "from another drill",
          owner: "",
          dueOn: null,
          createdAt: "2026-05-02T09:40:00Z",
          doneAt: null,
        },
      ],
      save_plan_action: ({ id, owner, dueOn }) => ({
        id,
        drillId: 7,
        kind: "bad_number",
        contactId: 4,
        serviceId: null,
        text: "Check Orange’s number 3900",
        owner,
        dueOn,
        createdAt: "2026-11-28T09:40:00Z",
        doneAt: null,
      }),
    });
    render(ScorecardScreen, { id: 7, onOpenIncident: vi.fn(), onHome: vi.fn() });
    const numbers = await screen.findByText("Numbers that worked");
    const item = numbers.closest("li") as HTMLElement;
    expect(within(item).getByText("Performed with major challenges")).toBeInTheDocument();
    expect(within(item).getByText("Not performed")).toBeInTheDocument();
    expect(within(item).getByText(/Check Orange’s number in the plan/)).toBeInTheDocument();
    expect(screen.getByText("Performed")).toBeInTheDocument();
    expect(screen.getByText("Check Orange’s number 3900")).toBeInTheDocument();
    expect(screen.queryByText("from another drill")).not.toBeInTheDocument();
    expect(
      screen.getByRole("button", { name: "Save as PDF: After-action report" }),
    ).toBeInTheDocument();
  });
});

describe("a real outage during a drill", () => {
  it("asks to stop the drill first, then starts the real one", async () => {
    const calls = fakeBackend({
      start_incident: () => anIncident({ id: 2 }),
      open_drill: () => null,
    });
    drillChanged(aDrill());
    const onStarted = vi.fn();
    render(StartIncident, {
      services: [{ id: 1, name: "Card payments" } as never],
      onStarted,
      onCancel: vi.fn(),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole("checkbox", { name: "Card payments" }));
    await user.click(document.getElementById("start-assess") as HTMLElement);
    const question = screen.getByRole("alertdialog");
    expect(question).toHaveTextContent("Stop the drill? The real outage comes first.");
    expect(calls).toEqual([]);
    await user.click(within(question).getByRole("button", { name: "Stop the drill and start" }));
    expect(calls.map((c) => c.cmd)).toEqual(["start_incident", "open_drill"]);
    expect(onStarted).toHaveBeenCalledWith(expect.objectContaining({ id: 2 }), false);
    expect(openDrill.current).toBeNull();
  });
});
