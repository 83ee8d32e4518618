import { emit } from "@tauri-apps/api/event";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type {
  CostSettings,
  CostSettingsInput,
  IncidentCosts,
  Loss,
  ServiceCostsInput,
  SpoiledInput,
} from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import CostEditor from "./CostEditor.svelte";
import LossPanel from "./LossPanel.svelte";
import OutageCosts from "./OutageCosts.svelte";

const blank: CostSettings = {
  currency: "EUR",
  days: [],
  staffPerHour: null,
  subscribedKva: null,
  utility: "",
  insurer: "",
  policyNumber: "",
  waitingHours: null,
  services: [
    {
      serviceId: 7,
      name: "Card payments",
      takings: [null, null, null, null, null, null, null],
      workarounds: [{ workaroundId: 70, title: "Cash only", keptPercent: null }],
    },
  ],
  updatedAt: null,
};

const refused = (field: string, kind: string) => ({
  code: "Validation",
  message: "",
  fields: [{ field, problem: { kind } }],
});

/** A backend that refuses a negative amount as the core does, and keeps what it saved. */
function costsBackend() {
  const settings = structuredClone(blank);
  const sent: CostSettingsInput[] = [];
  const sentServices: ServiceCostsInput[] = [];
  const calls = fakeBackend({
    get_cost_settings: () => structuredClone(settings),
    save_cost_settings: ({ input }) => {
      sent.push(input);
      if (input.staffPerHour.trim().startsWith("-")) throw refused("staffPerHour", "negative");
      settings.staffPerHour = 1850;
      settings.days = input.days.flatMap((d, i) =>
        d.open ? [{ weekday: i + 1, opens: d.opens, closes: d.closes, takingsPerHour: 12000 }] : [],
      );
      return structuredClone(settings);
    },
    save_service_costs: ({ input }) => {
      sentServices.push(input);
      if (input.takings[2] === "abc") throw refused("takings.2", "notAnAmount");
      return structuredClone(settings);
    },
  });
  return { calls, sent, sentServices };
}

function aLoss(total: number, changes: Partial<Loss> = {}): Loss {
  return {
    currency: "EUR",
    ongoing: true,
    services: [
      {
        serviceId: 7,
        name: "Card payments",
        downFrom: "2026-12-05T09:00:00Z",
        downTo: null,
        downMinutes: 320,
        openMinutes: 320,
        segments: [],
        lost: total,
        kept: 24000,
      },
    ],
    countedOnce: 0,
    lostTakings: total,
    staffPerHour: null,
    staffMinutes: 0,
    staffCost: 0,
    expenses: 0,
    spoiled: 0,
    total,
    missing: ["staff_cost"],
    ...changes,
  };
}

afterEach(() => {
  i18n.lang = "en";
  vi.useRealTimers();
});

describe("CostEditor", () => {
  it("shows a refusal beside its field and loses nothing typed", async () => {
    const backend = costsBackend();
    render(CostEditor, { onClose: vi.fn() });
    const user = userEvent.setup();

    await user.click(await screen.findByLabelText("Monday"));
    await user.type(screen.getByLabelText("Opens"), "08:00");
    await user.type(screen.getByLabelText("Closes"), "18:00");
    await user.type(screen.getByLabelText("Takings per hour"), "120");
    await user.type(screen.getByLabelText("Staff cost per hour"), "-18.50");
    await user.type(screen.getByLabelText("Cash only: still sells (%)"), "60");
    await user.click(screen.getByRole("button", { name: "Save the figures" }));

    const staff = screen.getByLabelText("Staff cost per hour");
    await waitFor(() => expect(staff).toHaveAccessibleDescription(/This cannot be below zero\./));
    expect(staff).toHaveFocus();
    expect(staff).toHaveValue("-18.50");
    expect(screen.getByLabelText("Opens")).toHaveValue("08:00");
    expect(screen.getByLabelText("Takings per hour")).toHaveValue("120");
    expect(screen.getByLabelText("Cash only: still sells (%)")).toHaveValue("60");
    // Refused as a whole: the services' figures were not sent either.
    expect(backend.sentServices).toEqual([]);

    await user.clear(staff);
    await user.type(staff, "18.50");
    await user.click(screen.getByRole("button", { name: "Save the figures" }));
    expect(await screen.findByText("The figures are saved.")).toBeInTheDocument();
    expect(backend.sent.at(-1)?.days[0]).toEqual({
      open: true,
      opens: "08:00",
      closes: "18:00",
      takings: "120",
    });
    expect(backend.sent.at(-1)?.staffPerHour).toBe("18.50");
    expect(backend.sentServices.at(-1)?.workarounds).toEqual([
      { workaroundId: 70, keptPercent: 60 },
    ]);
  });

  it("shows a service's refused takings beside that day, and a share that is not a number", async () => {
    const backend = costsBackend();
    render(CostEditor, { onClose: vi.fn() });
    const user = userEvent.setup();

    const wednesday = await screen.findByLabelText("Takings per hour, Wednesday");
    await user.type(wednesday, "abc");
    await user.type(screen.getByLabelText("Cash only: still sells (%)"), "sixty");
    await user.click(screen.getByRole("button", { name: "Save the figures" }));
    const share = screen.getByLabelText("Cash only: still sells (%)");
    expect(share).toHaveAccessibleDescription(/Type a whole number/);
    expect(backend.sent).toEqual([]);

    await user.clear(share);
    await user.type(share, "60");
    await user.click(screen.getByRole("button", { name: "Save the figures" }));
    await waitFor(() =>
      expect(wednesday).toHaveAccessibleDescription("Type an amount, such as 12.50."),
    );
    expect(wednesday).toHaveValue("abc");
    expect(screen.getByText(/Some figures were not saved/)).toBeInTheDocument();
  });
});

describe("LossPanel", () => {
  it("shows what is lost so far and what it cannot count, and follows the data", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let total = 73000;
    const calls = fakeBackend({ get_loss: () => aLoss(total) });
    const onSetCosts = vi.fn();
    render(LossPanel, { incidentId: 4, onSetCosts });

    const figure = await screen.findByText("€730.00", { selector: "#loss-total" });
    expect(figure.closest("p")).toHaveTextContent("Lost so far: €730.00");
    const panel = screen.getByRole("region", { name: "What this outage costs so far" });
    expect(panel).toHaveTextContent("a workaround kept €240.00");
    expect(within(panel).getByRole("listitem")).toHaveTextContent("Staff cost per hour is not set");
    await userEvent.click(within(panel).getByRole("button", { name: /Set the figures/ }));
    expect(onSetCosts).toHaveBeenCalled();

    total = 75050;
    await emit("data-changed", { what: ["incidents"] });
    expect(await screen.findByText("€750.50", { selector: "#loss-total" })).toBeInTheDocument();

    total = 80000;
    const before = calls.length;
    vi.advanceTimersByTime(59_000);
    expect(calls.length).toBe(before);
    vi.advanceTimersByTime(1_000);
    expect(await screen.findByText("€800.00", { selector: "#loss-total" })).toBeInTheDocument();
  });

  it("writes the figure in the owner's language", async () => {
    await i18n.use("fr");
    fakeBackend({ get_loss: () => aLoss(73000, { missing: [] }) });
    render(LossPanel, { incidentId: 4, onSetCosts: vi.fn() });
    const figure = await screen.findByText(/730,00/, { selector: "#loss-total" });
    expect(figure.textContent?.replace(/\s/g, " ")).toBe("730,00 €");
    expect(figure.closest("p")).toHaveTextContent(/Perdu jusqu’ici/);
  });
});

describe("OutageCosts", () => {
  it("adds spoiled stock, its refusal beside its field, and the total follows", async () => {
    const spoiled: SpoiledInput[] = [];
    const kept = (): IncidentCosts => ({
      expenses: [],
      spoiled: spoiled.map((input, i) => ({
        id: i + 1,
        item: input.item,
        quantityMilli: 2000,
        unit: input.unit,
        unitCost: 2500,
        total: 5000,
        thrownAt: input.thrownAt ?? "2026-12-05T12:00:00Z",
        why: input.why,
        coldStoreId: null,
      })),
    });
    fakeBackend({
      get_incident_costs: kept,
      get_loss: () =>
        aLoss(73000, { spoiled: spoiled.length ? 5000 : 0, total: spoiled.length ? 78000 : 73000 }),
      add_spoiled: ({ input }) => {
        if (input.quantity === "") throw refused("quantity", "required");
        spoiled.push(input);
        return kept();
      },
    });
    const onNotice = vi.fn();
    render(OutageCosts, { incidentId: 4, onNotice });
    const user = userEvent.setup();
    expect(
      await screen.findByText("€730.00", { selector: "#loss-summary-total" }),
    ).toBeInTheDocument();

    await user.type(screen.getByLabelText("Item"), "Cream");
    await user.type(screen.getByLabelText("Cost per unit"), "25");
    await user.click(screen.getByRole("button", { name: "Add the item" }));
    const quantity = screen.getByLabelText("Quantity");
    await waitFor(() => expect(quantity).toHaveAccessibleDescription("Required."));
    expect(screen.getByLabelText("Item")).toHaveValue("Cream");

    await user.type(quantity, "2");
    await user.type(screen.getByLabelText("Unit"), "kg");
    await user.click(screen.getByRole("button", { name: "Add the item" }));
    expect(
      await screen.findByText("€780.00", { selector: "#loss-summary-total" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 kg Cream at €25.00/)).toBeInTheDocument();
    expect(spoiled[0]?.quantity).toBe("2");
  });
});
