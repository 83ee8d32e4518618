import { emit } from "@tauri-apps/api/event";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Reminder } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import RemindersPanel from "./RemindersPanel.svelte";

const eta: Reminder = {
  key: "eta:4",
  kind: "eta_passed",
  dueAt: "2026-11-28T10:00:00Z",
  incidentId: 2,
  announcedId: null,
  title: "Call back SumUp?",
  body: "They said it would be fixed by now. Ticket INC-42.",
  snoozedUntil: null,
};
const safety: Reminder = {
  ...eta,
  key: "safety:2",
  kind: "check_safety",
  title: "Check everyone is safe",
  body: "Someone may be in danger: go through the safety checklist first.",
};

function backend(state: { due: Reminder[]; system?: boolean | null }) {
  const putAway = ({ key }: { key: string }) => {
    state.due = state.due.filter((r) => r.key !== key);
    return state.due;
  };
  return fakeBackend({
    list_reminders: () => state.due,
    system_notifications: () => state.system ?? null,
    snooze_reminder: putAway,
    dismiss_reminder: putAway,
  });
}

describe("RemindersPanel", () => {
  it("lists what is due and opens, snoozes or dismisses each", async () => {
    const calls = backend({ due: [safety, eta] });
    const onOpen = vi.fn();
    render(RemindersPanel, { onOpen });
    const user = userEvent.setup();
    const region = await screen.findByRole("region", { name: "Reminders" });
    expect(within(region).getAllByRole("listitem")).toHaveLength(2);
    expect(
      within(region).getByText("They said it would be fixed by now. Ticket INC-42."),
    ).toBeVisible();

    await user.click(screen.getByRole("button", { name: "Open: Call back SumUp?" }));
    expect(onOpen).toHaveBeenCalledWith(eta);
    await user.click(
      screen.getByRole("button", { name: "Remind me in 15 minutes: Call back SumUp?" }),
    );
    expect(calls.find((c) => c.cmd === "snooze_reminder")?.args).toEqual({
      key: "eta:4",
      minutes: 15,
    });
    await user.click(screen.getByRole("button", { name: "Dismiss: Check everyone is safe" }));
    expect(calls.find((c) => c.cmd === "dismiss_reminder")?.args).toEqual({ key: "safety:2" });
    expect(screen.queryByRole("region", { name: "Reminders" })).toBeNull();
  });

  it("offers no snooze for a drill's surprise: it is answered, not put off", async () => {
    const surprise: Reminder = {
      ...eta,
      key: "drill:1:provider_longer",
      kind: "drill_inject",
      title: "DRILL: Ouest Power now says 4 hours",
      body: "A surprise of the drill: open Steady and decide what to do.",
    };
    backend({ due: [surprise, eta] });
    render(RemindersPanel, { onOpen: vi.fn() });
    await screen.findByRole("button", { name: "Open: DRILL: Ouest Power now says 4 hours" });
    expect(
      screen.queryByRole("button", {
        name: "Remind me in 15 minutes: DRILL: Ouest Power now says 4 hours",
      }),
    ).toBeNull();
    expect(
      screen.getByRole("button", { name: "Remind me in 15 minutes: Call back SumUp?" }),
    ).toBeVisible();
  });

  it("reads the reminders again when the backend says some fell due", async () => {
    const state: { due: Reminder[] } = { due: [] };
    const calls = backend(state);
    render(RemindersPanel, { onOpen: vi.fn() });
    // Read once as it is made, and again once listening (after the first screen is drawn).
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_reminders")).toHaveLength(2));
    expect(screen.queryByRole("region", { name: "Reminders" })).toBeNull();
    state.due = [eta];
    await emit("reminders-changed");
    expect(await screen.findByText("Call back SumUp?")).toBeVisible();
    // Said to screen readers too, wherever the owner is in the window.
    expect(await screen.findByText("New reminder: Call back SumUp?")).toHaveAttribute(
      "role",
      "status",
    );
  });

  it("says once that system notifications are unavailable", async () => {
    backend({ due: [eta], system: false });
    render(RemindersPanel, { onOpen: vi.fn() });
    const user = userEvent.setup();
    expect(await screen.findByText(/System notifications are not available/)).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText(/System notifications are not available/)).toBeNull();
    await emit("data-changed", { what: ["reminders"] });
    await emit("notifications-unavailable");
    await screen.findByText("Call back SumUp?");
    expect(screen.queryByText(/System notifications are not available/)).toBeNull();
  });

  it("takes the line back when notifications work again, and says it again if they stop", async () => {
    const state: { due: Reminder[]; system: boolean | null } = { due: [], system: false };
    const calls = backend(state);
    render(RemindersPanel, { onOpen: vi.fn() });
    expect(await screen.findByText(/System notifications are not available/)).toBeVisible();
    // Read once at once, and again once it listens to the backend's events.
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "system_notifications")).toHaveLength(2),
    );
    state.system = true;
    await emit("notifications-available");
    await waitFor(() =>
      expect(screen.queryByText(/System notifications are not available/)).toBeNull(),
    );
    state.system = false;
    await emit("notifications-unavailable");
    expect(await screen.findByText(/System notifications are not available/)).toBeVisible();
  });

  it("folds away all but the first two, so the screen stays in sight", async () => {
    backend({
      due: [
        safety,
        eta,
        { ...eta, key: "callback:4", kind: "call_back", title: "Time to call SumUp back" },
      ],
    });
    render(RemindersPanel, { onOpen: vi.fn() });
    const user = userEvent.setup();
    const region = await screen.findByRole("region", { name: "Reminders" });
    expect(within(region).getAllByRole("listitem")).toHaveLength(2);
    await user.click(within(region).getByRole("button", { name: "Show 1 more" }));
    expect(within(region).getAllByRole("listitem")).toHaveLength(3);
    expect(within(region).getByText("Time to call SumUp back")).toBeVisible();
  });
});
