import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { DisplaySettings } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import DisplayPanel from "./DisplayPanel.svelte";

function backend(start: DisplaySettings) {
  let display = start;
  const calls = fakeBackend({
    get_display_settings: () => display,
    save_safe_display: ({ on }) => {
      display = { ...display, remembered: on };
      return display;
    },
  });
  return calls;
}

describe("DisplayPanel", () => {
  it("says nothing when the display is normal", async () => {
    const calls = backend({ safeNow: false, remembered: false });
    render(DisplayPanel, { onNotice: vi.fn() });
    await vi.waitFor(() => expect(calls.map((c) => c.cmd)).toEqual(["get_display_settings"]));
    expect(screen.queryByRole("heading", { name: "Display" })).toBeNull();
  });

  it("says safe mode is on, and the switch tries the normal display from the next start", async () => {
    const calls = backend({ safeNow: true, remembered: true });
    const onNotice = vi.fn();
    render(DisplayPanel, { onNotice });
    expect(await screen.findByText(/display safe mode on this computer/)).toBeVisible();
    const normal = screen.getByRole("checkbox", { name: "Try the normal display again" });
    expect(normal).not.toBeChecked();
    expect(screen.getByText(/Takes effect the next time Steady starts/)).toBeVisible();

    const user = userEvent.setup();
    await user.click(normal);
    expect(calls.at(-1)).toEqual({ cmd: "save_safe_display", args: { on: false } });
    expect(normal).toBeChecked();
    expect(await screen.findByText(/normal display next time/)).toBeVisible();
    expect(onNotice).toHaveBeenCalledWith("Settings saved.");

    await user.click(normal);
    expect(calls.at(-1)).toEqual({ cmd: "save_safe_display", args: { on: true } });
  });
});
