import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { Business, BusinessInput } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import Welcome from "./Welcome.svelte";

/** The business the core would save from `input`. */
function asBusiness(input: BusinessInput): Business {
  return { ...input, country: input.country ?? null, clock: "h24", createdAt: "", updatedAt: "" };
}

describe("Welcome", () => {
  afterEach(() => {
    i18n.lang = "en";
  });

  it("saves the name, type, language and country the owner chose, with the plan, in one call", async () => {
    const saved: unknown[] = [];
    fakeBackend({
      system_country: () => "be",
      start_business: (args) => {
        saved.push(args);
        return asBusiness(args.input);
      },
    });
    const onDone = vi.fn();
    render(Welcome, { onDone, onRestored: vi.fn() });
    const user = userEvent.setup();

    await user.click(screen.getByLabelText("Français"));
    expect(screen.getByRole("heading", { name: "Bienvenue dans Steady" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Nom de l’entreprise"), "Le Coin");
    await user.click(screen.getByLabelText("Café ou restaurant"));
    const country = screen.getByLabelText("Pays");
    await vi.waitFor(() => expect(country).toHaveValue("be"));
    await user.selectOptions(country, "Suisse");
    await user.click(screen.getByRole("button", { name: "Continuer" }));

    expect(saved).toEqual([
      {
        input: { name: "Le Coin", businessType: "cafe_restaurant", language: "fr", country: "ch" },
        withStarter: true,
      },
    ]);
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ name: "Le Coin" }), true);
  });

  it("can start from an empty plan", async () => {
    const commands = fakeBackend({
      system_country: () => null,
      start_business: ({ input }) => asBusiness(input),
    });
    const onDone = vi.fn();
    render(Welcome, { onDone, onRestored: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Business name"), "Shop");
    await user.click(screen.getByLabelText(/Start from the usual plan/));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(commands.filter((c) => c.cmd !== "system_country")).toEqual([
      { cmd: "start_business", args: expect.objectContaining({ withStarter: false }) },
    ]);
    expect(onDone).toHaveBeenCalledWith(expect.anything(), false);
  });

  it("shows the backend's refusal next to the name field", async () => {
    fakeBackend({
      system_country: () => null,
      start_business: () => {
        throw {
          code: "Validation",
          message: "name",
          fields: [{ field: "name", problem: { kind: "required" } }],
        };
      },
    });
    const onDone = vi.fn();
    render(Welcome, { onDone, onRestored: vi.fn() });
    await userEvent.setup().click(screen.getByRole("button", { name: "Continue" }));

    const input = screen.getByLabelText("Business name");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("Required.");
    expect(onDone).not.toHaveBeenCalled();
  });
});
