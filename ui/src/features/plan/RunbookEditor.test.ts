import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { RunbookDetails } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import RunbookEditor from "./RunbookEditor.svelte";
import { aService } from "./testing";

const runbook = {
  id: 4,
  title: "Backup internet",
  serviceId: 1,
  steps: ["Restart the router", "Turn on the hotspot"],
  updatedAt: "",
};

describe("RunbookEditor", () => {
  it("reads as a checklist to tick, then edits as one step per line", async () => {
    const sent: RunbookDetails[] = [];
    fakeBackend({
      update_runbook: ({ details }) => {
        sent.push(details);
        return { ...runbook, ...details };
      },
    });
    const onClose = vi.fn();
    render(RunbookEditor, { initial: runbook, services: [aService(1, "Internet")], onClose });
    const user = userEvent.setup();

    const first = screen.getByLabelText("Restart the router");
    await user.click(first);
    expect(first).toBeChecked();

    await user.click(screen.getByRole("button", { name: "Edit" }));
    const steps = screen.getByLabelText(/Steps in order/);
    expect(steps).toHaveValue("Restart the router\nTurn on the hotspot");
    await user.type(steps, "{Enter}Test a payment");
    await user.click(screen.getByRole("button", { name: "Save runbook" }));
    expect(sent[0]?.steps).toEqual(["Restart the router", "Turn on the hotspot", "Test a payment"]);
    expect(onClose).toHaveBeenCalledWith("Backup internet saved.");
  });
});
