import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import Welcome from "./Welcome.svelte";

describe("Welcome", () => {
  afterEach(() => {
    i18n.lang = "en";
  });

  it("saves the name, type, language and country the owner chose, with the plan, in one call", async () => {
    const saved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "system_country") return "be";
      if (cmd !== "start_business") throw new Error(cmd);
      saved.push(args);
      return { ...(args as { input: object }).input, createdAt: "", updatedAt: "" };
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
    const commands: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      commands.push({ cmd, args });
      return { ...(args as { input: object }).input, createdAt: "", updatedAt: "" };
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
    mockIPC(() => {
      throw {
        code: "Validation",
        message: "name",
        fields: [{ field: "name", problem: { kind: "required" } }],
      };
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
