import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { ColdClock, ColdReadingInput } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import ColdChainPanel from "./ColdChainPanel.svelte";

function clock(over: Partial<ColdClock> = {}): ColdClock {
  return {
    storeId: 3,
    name: "Fridge by the bar",
    kind: "fridge",
    safeMinutes: 240,
    startedAt: "2026-11-28T09:00:00Z",
    limitAt: "2026-11-28T13:00:00Z",
    stoppedAt: null,
    minutesLeft: 130,
    state: "ok",
    readings: [],
    ...over,
  };
}

afterEach(async () => {
  await i18n.use("en");
});

describe("ColdChainPanel", () => {
  it("says the time of safe cold left in words, and past the limit by how much", async () => {
    fakeBackend({
      cold_clocks: () => [
        clock(),
        clock({
          storeId: 4,
          name: "Chest freezer",
          kind: "freezer_half",
          minutesLeft: -15,
          state: "past",
        }),
      ],
    });
    render(ColdChainPanel, { incidentId: 7, onReading: vi.fn(), onNotice: vi.fn() });
    expect(await screen.findByText("2 h 10 min of safe cold left")).toBeInTheDocument();
    expect(screen.getByText("Past the safe limit by 15 min")).toBeInTheDocument();
    // The state in words as well as colour.
    expect(screen.getByText(/Past the safe limit ·/)).toBeInTheDocument();
    expect(screen.getByText(/Cold enough for now ·/)).toBeInTheDocument();
  });

  it("shows nothing when the outage stops no fridge", async () => {
    const calls = fakeBackend({ cold_clocks: () => [] });
    const { container } = render(ColdChainPanel, {
      incidentId: 7,
      onReading: vi.fn(),
      onNotice: vi.fn(),
    });
    await vi.waitFor(() => expect(calls.length).toBe(1));
    expect(container.querySelector("section")).toBeNull();
  });

  it("adds a reading as typed and shows the core's refusal next to the field", async () => {
    await i18n.use("fr");
    const sent: ColdReadingInput[] = [];
    let readings: ColdClock["readings"] = [];
    fakeBackend({
      cold_clocks: () => [clock({ readings })],
      add_cold_reading: ({ storeId, input }) => {
        sent.push(input);
        if (input.celsius === "chaud") {
          throw {
            code: "Validation",
            message: "not a temperature",
            fields: [{ field: "celsius", problem: { kind: "notATemperature" } }],
          };
        }
        expect(storeId).toBe(3);
        readings = [{ id: 1, at: "2026-11-28T10:00:00Z", tenths: 65, text: "6,5 °C" }];
        return [clock({ readings })];
      },
    });
    const onReading = vi.fn();
    const onNotice = vi.fn();
    render(ColdChainPanel, { incidentId: 7, onReading, onNotice });
    const user = userEvent.setup();
    expect(await screen.findByText("Encore 2 h 10 min de froid sûr")).toBeInTheDocument();

    const field = screen.getByLabelText("Température (°C)");
    await user.type(field, "chaud");
    await user.click(screen.getByRole("button", { name: "Ajouter un relevé" }));
    expect(await screen.findByText(/Saisissez une température en °C/)).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(onReading).not.toHaveBeenCalled();

    await user.clear(field);
    await user.type(field, "6,5");
    await user.click(screen.getByRole("button", { name: "Ajouter un relevé" }));
    expect(await screen.findByText("6,5 °C")).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({ celsius: "6,5", at: null });
    expect(onReading).toHaveBeenCalledTimes(1);
    expect(onNotice).toHaveBeenCalledWith("Fridge by the bar : 6,5 °C noté.");
    expect(field).toHaveValue("");
  });
});
