import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Business, ReminderSettings } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import SettingsScreen from "./SettingsScreen.svelte";

const business: Business = {
  name: "Corner Café",
  businessType: "cafe_restaurant",
  language: "en",
  country: "gb",
  clock: "h24",
  createdAt: "",
  updatedAt: "",
};
const countrySaved = async () => true;

function backend(opts: { testFails?: boolean } = {}) {
  let settings: ReminderSettings = {
    notifications: true,
    criticalEvery: 30,
    majorEvery: 60,
    minorEvery: null,
  };
  return fakeBackend({
    get_reminder_settings: () => settings,
    save_reminder_settings: (args) => {
      settings = args.settings;
      return settings;
    },
    get_backups: () => ({
      backups: [],
      dataFolder: "/data",
      copyFolder: null,
      copyFolderPresent: false,
      synced: null,
      current: null,
    }),
    test_notification: () => {
      if (opts.testFails) {
        throw { code: "Notification", message: "ServiceUnknown", fields: [] };
      }
      return null;
    },
  });
}

describe("SettingsScreen", () => {
  it("shows the cadence per severity and saves each choice at once", async () => {
    const calls = backend();
    render(SettingsScreen, {
      business,
      onDataReplaced: vi.fn(),
      onLanguage: vi.fn(),
      onCountry: countrySaved,
    });
    const user = userEvent.setup();
    const critical = await screen.findByLabelText("Critical outage");
    expect(critical).toHaveValue("30");
    expect(screen.getByLabelText("Minor outage")).toHaveValue("");
    expect(within(critical).getByRole("option", { name: "Every 90 minutes" })).toBeInTheDocument();
    await user.selectOptions(critical, "Every 15 minutes");
    await user.selectOptions(screen.getByLabelText("Major outage"), "Only the first notice");
    await user.click(screen.getByRole("checkbox", { name: /Show system notifications/ }));
    expect(await screen.findByRole("status")).toHaveTextContent("Settings saved.");
    // Each change is saved as it is made.
    const saved = calls.filter((c) => c.cmd === "save_reminder_settings").map((c) => c.args);
    expect(saved).toEqual([
      { settings: { notifications: true, criticalEvery: 15, majorEvery: 60, minorEvery: null } },
      { settings: { notifications: true, criticalEvery: 15, majorEvery: null, minorEvery: null } },
      { settings: { notifications: false, criticalEvery: 15, majorEvery: null, minorEvery: null } },
    ]);
  });

  it("sends a test notification, and says plainly when the system has none", async () => {
    backend({ testFails: true });
    render(SettingsScreen, {
      business,
      onDataReplaced: vi.fn(),
      onLanguage: vi.fn(),
      onCountry: countrySaved,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Send a test notification" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "System notifications are not available on this computer",
    );
  });

  it("confirms a test notification was sent", async () => {
    backend();
    render(SettingsScreen, {
      business,
      onDataReplaced: vi.fn(),
      onLanguage: vi.fn(),
      onCountry: countrySaved,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Send a test notification" }));
    expect(await screen.findByRole("status")).toHaveTextContent("A test notification was sent.");
  });

  it("changes Steady's language", async () => {
    backend();
    const onLanguage = vi.fn();
    render(SettingsScreen, {
      business,
      onDataReplaced: vi.fn(),
      onLanguage,
      onCountry: countrySaved,
    });
    await userEvent.setup().selectOptions(await screen.findByLabelText(/Steady's language/), "fr");
    expect(onLanguage).toHaveBeenCalledWith("fr");
  });

  it("shows the business's country and saves another", async () => {
    backend();
    const onCountry = vi.fn(async () => true);
    render(SettingsScreen, { business, onDataReplaced: vi.fn(), onLanguage: vi.fn(), onCountry });
    const country = await screen.findByLabelText("Your business's country");
    expect(country).toHaveValue("gb");
    await userEvent.setup().selectOptions(country, "ie");
    expect(onCountry).toHaveBeenCalledWith("ie");
    expect(await screen.findByRole("status")).toHaveTextContent("Settings saved.");
  });
});
