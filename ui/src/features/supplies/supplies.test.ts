import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { tick } from "svelte";
import { describe, expect, it, vi } from "vitest";
import type { Battery } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import BatteryLine from "./BatteryLine.svelte";
import WatchPanel from "./WatchPanel.svelte";

describe("BatteryLine", () => {
  async function shown(battery: Battery | null) {
    fakeBackend({ get_battery: () => battery });
    const onTell = vi.fn();
    render(BatteryLine, { told: false, onTell, onPrint: vi.fn() });
    await vi.waitFor(() => expect(document.getElementById("battery-line")).not.toBeNull());
    return onTell;
  }

  it("says how long the battery lasts, and under 30 minutes what to do first", async () => {
    const onTell = await shown({ onBattery: true, minutesLeft: 25 });
    expect(document.getElementById("battery-line")?.textContent).toContain(
      "On battery: about 25 minutes left.",
    );
    await userEvent.setup().click(screen.getByRole("button", { name: "Tell customers" }));
    expect(onTell).toHaveBeenCalledOnce();
  });

  it("rounds hours as a person says them and lists nothing while there is time", async () => {
    await shown({ onBattery: true, minutesLeft: 82 });
    expect(document.getElementById("battery-line")?.textContent).toContain(
      "about 1 hour 20 minutes left",
    );
    expect(document.getElementById("battery-low-title")).toBeNull();
  });

  it("says nothing on mains power", async () => {
    let answered = false;
    fakeBackend({
      get_battery: () => {
        answered = true;
        return { onBattery: false, minutesLeft: null };
      },
    });
    render(BatteryLine, { told: false, onTell: vi.fn(), onPrint: vi.fn() });
    await vi.waitFor(() => expect(answered).toBe(true));
    // Every promise after the answer settles before the next task.
    await new Promise((next) => setTimeout(next, 0));
    await tick();
    expect(document.getElementById("battery-line")).toBeNull();
  });
});

describe("WatchPanel", () => {
  it("saves each box at once and shows what holds", async () => {
    const saved: unknown[] = [];
    fakeBackend({
      get_watch_settings: () => ({ ask: true, startAtLogin: false }),
      save_watch_settings: (args) => {
        saved.push(args);
        return args.settings;
      },
    });
    const onNotice = vi.fn();
    render(WatchPanel, { onNotice });
    const login = await screen.findByLabelText<HTMLInputElement>(
      "Start Steady in the background when I log in",
    );
    await userEvent.setup().click(login);
    expect(saved).toEqual([{ settings: { ask: true, startAtLogin: true } }]);
    expect(onNotice).toHaveBeenCalledWith("Settings saved.");
    expect(login.checked).toBe(true);
  });
});
