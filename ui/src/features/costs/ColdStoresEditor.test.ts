import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ColdStoreInput, ColdStores } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import { aService } from "../plan/testing";
import ColdStoresEditor from "./ColdStoresEditor.svelte";

const guidance: Omit<ColdStores, "stores"> = {
  defaults: [
    { kind: "fridge", safeMinutes: 240 },
    { kind: "freezer_full", safeMinutes: 2880 },
    { kind: "freezer_half", safeMinutes: 1440 },
  ],
  source: {
    name: "FoodSafety.gov (USDA)",
    url: "https://www.foodsafety.gov/",
    checkedOn: "2026-12-05",
  },
};

describe("ColdStoresEditor", () => {
  it("shows the guidance with its source, leaves the safe time blank for it, and shows refusals", async () => {
    const sent: ColdStoreInput[] = [];
    fakeBackend({
      list_cold_stores: () => ({ ...guidance, stores: [] }),
      save_cold_store: ({ input }) => {
        sent.push(input);
        if (input.name.trim() === "") {
          throw {
            code: "Validation",
            message: "no name",
            fields: [{ field: "name", problem: { kind: "required" } }],
          };
        }
        return {
          ...guidance,
          stores: [
            {
              id: 1,
              name: input.name,
              kind: input.kind,
              safeMinutes: 240,
              serviceId: input.serviceId,
            },
          ],
        };
      },
    });
    const onNotice = vi.fn();
    render(ColdStoresEditor, { services: [aService(2, "Power")], onNotice });
    const user = userEvent.setup();
    expect(
      await screen.findByText(/Source: FoodSafety.gov \(USDA\)\. Checked on/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Fridge 240 min · Freezer, full 2880 min/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Add a fridge or freezer" }));
    expect(screen.getByText("Leave blank for the guidance: 240 minutes.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Required.")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");

    await user.type(screen.getByLabelText("Name"), "Fridge by the bar");
    await user.selectOptions(screen.getByLabelText("Stopped when this service is down"), "Power");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Fridge by the bar")).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({
      name: "Fridge by the bar",
      kind: "fridge",
      safeMinutes: null,
      serviceId: 2,
    });
    expect(onNotice).toHaveBeenCalledWith("Fridge by the bar saved.");
  });
});
