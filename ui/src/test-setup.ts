import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";
import { afterFirstScreen, firstScreenShown } from "./lib/firstFrame";
import { i18n } from "./lib/i18n/index.svelte";

// jsdom lays nothing out, so it has no ResizeObserver: sizes never change there.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// A screen tested alone is the first screen, drawn: it listens at once (`firstFrame.ts`).
firstScreenShown();
await afterFirstScreen;

// Tests switch language at once: every dictionary is read before they start.
await i18n.use("fr");
i18n.lang = "en";

afterEach(() => {
  clearMocks();
});
