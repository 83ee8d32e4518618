import { emit } from "@tauri-apps/api/event";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import type {
  BackupsOverview,
  Business,
  Home,
  PocketStatus,
  PrintStatus,
  Reminder,
} from "./lib/ipc";
import { type Fakes, fakeBackend } from "./lib/ipc/fake";

// jsdom has no media queries: the window is never phone-sized there.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
  }) as unknown as MediaQueryList;

const business: Business = {
  name: "Corner Café",
  businessType: "cafe_restaurant",
  language: "en",
  country: "fr",
  clock: "h24",
  createdAt: "",
  updatedAt: "",
};

const printStatus: PrintStatus = {
  binderPrintedAt: null,
  changedSincePrinted: false,
  cardPrintedAt: null,
  roleCards: 0,
};

const home: Home = {
  drill: null,
  outage: {
    id: 4,
    title: "Card payments",
    stillDown: ["Card payments"],
    severity: "major",
    startedAt: "2026-11-28T09:00:00Z",
    downFor: "1 hour",
    nextStep: "call",
    nextUpdate: { kind: "noneScheduled" },
    providers: [],
    workarounds: [],
    handoffs: [],
  },
  plan: {
    services: 1,
    workarounds: 0,
    runbooks: 0,
    contacts: 1,
    reviewedAt: null,
    reviewDueAt: null,
    findings: [],
  },
  print: printStatus,
  announced: [],
  rehearsal: { lastDrillId: null, lastRehearsedAt: null, changesSince: 0, due: "never" },
};

const reprint: Reminder = {
  key: "reprint",
  kind: "reprint",
  dueAt: "2026-11-28T10:00:00Z",
  incidentId: null,
  announcedId: null,
  title: "Print the plan again",
  body: "It changed since it was printed.",
  snoozedUntil: null,
};

const backups: BackupsOverview = {
  backups: [],
  dataFolder: "/data",
  copyFolder: null,
  copyFolderPresent: false,
  synced: null,
  current: null,
};

const noPocket: PocketStatus = { keptAt: null, unreachable: false, sensitive: false };

/** Steady with an outage open, as the home screen shows it first. */
function backend(
  state: { open: number | null; due: Reminder[]; down?: boolean },
  more: Fakes = {},
) {
  return fakeBackend({
    start_up: () => ({
      problem: null,
      systemLanguage: "en",
      textSize: "100",
      business,
      home,
      openIncident: state.open,
      reminders: state.due,
      backups,
      notifications: true,
      somethingDown: state.down ?? false,
    }),
    get_open_incident: () => state.open,
    get_home: () => home,
    get_backups: () => backups,
    list_reminders: () => state.due,
    system_notifications: () => true,
    window_ready: () => null,
    ...more,
  });
}

describe("App", () => {
  it("opens on the outage from one call, then only checks the reminders once listening", async () => {
    const calls = backend({ open: 4, due: [reprint] });
    render(App);
    expect(await screen.findByRole("button", { name: /Outage in progress/ })).toBeInTheDocument();
    await screen.findByRole("heading", { name: /Card payments/ });
    expect(await screen.findByText("Print the plan again")).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_reminders")).toHaveLength(1));
    // Once it drew a frame, the page tells the shell its window is not blank.
    await waitFor(() => expect(calls.some((c) => c.cmd === "window_ready")).toBe(true));
    expect(calls.map((c) => c.cmd).sort()).toEqual(
      ["start_up", "list_reminders", "system_notifications", "window_ready"].sort(),
    );
  });

  it("follows the data when a command changed it, whoever made the change", async () => {
    const state = { open: 4 as number | null, due: [] as Reminder[] };
    const calls = backend(state);
    render(App);
    await screen.findByRole("button", { name: /Outage in progress/ });
    const homeReads = () => calls.filter((c) => c.cmd === "get_home").length;
    const before = homeReads();

    state.open = null;
    state.due = [reprint];
    await emit("data-changed", { what: ["incidents"] });
    expect(await screen.findByRole("button", { name: /Something's down/ })).toBeInTheDocument();
    expect(await screen.findByText("Print the plan again")).toBeInTheDocument();
    await waitFor(() => expect(homeReads()).toBe(before + 1));
  });

  it("goes where a reminder leads, with its parameters, and lights its button", async () => {
    const calls = backend(
      { open: null, due: [reprint] },
      {
        default_paper: () => "a4",
        get_print_status: () => printStatus,
        list_incidents: () => ({ incidents: [], total: 0 }),
        pocket_plan_status: () => noPocket,
      },
    );
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Open: Print the plan again" }));
    expect(await screen.findByRole("button", { name: "Save as PDF: Recovery plan" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Print", current: "page" })).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "get_print_status")).toBe(true);
  });

  it("opens on the start screen when launched to deal with an outage", async () => {
    backend(
      { open: null, due: [], down: true },
      { list_services: () => [], open_drill: () => null },
    );
    render(App);
    expect(await screen.findByRole("heading", { name: "What is down?" })).toBeInTheDocument();
  });

  it("goes to the start screen when launched again to deal with an outage", async () => {
    backend({ open: null, due: [] }, { list_services: () => [], open_drill: () => null });
    render(App);
    await screen.findByRole("button", { name: /Something's down/ });
    expect(screen.queryByRole("heading", { name: "What is down?" })).toBeNull();
    await emit("something-down-asked");
    expect(await screen.findByRole("heading", { name: "What is down?" })).toBeInTheDocument();
  });
});
