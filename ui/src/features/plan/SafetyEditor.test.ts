import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { SafetyDetails } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import SafetyEditor from "./SafetyEditor.svelte";
import { aContact, emptySafety } from "./testing";

const contacts = [
  aContact(1, "Marie", "staff"),
  aContact(2, "Paul", "staff"),
  aContact(3, "EDF", "power_utility"),
];

describe("SafetyEditor", () => {
  it("builds the call tree from staff only and saves it with the checklist", async () => {
    const sent: SafetyDetails[] = [];
    fakeBackend({
      save_safety_plan: ({ details }) => {
        sent.push(details);
        return { ...emptySafety };
      },
    });
    const onClose = vi.fn();
    render(SafetyEditor, { initial: emptySafety, contacts, onClose });
    const user = userEvent.setup();

    expect(screen.queryByLabelText("Include EDF")).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Assembly point"), "Car park");
    await user.type(
      screen.getByLabelText(/Safety checklist/),
      "Is anyone hurt?{Enter}Exits clear?",
    );
    await user.click(screen.getByLabelText("Include Marie"));
    await user.click(screen.getByLabelText("Include Paul"));
    await user.selectOptions(screen.getByLabelText("Who calls Paul"), "Marie");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(sent).toEqual([
      {
        assemblyPoint: "Car park",
        checklist: ["Is anyone hurt?", "Exits clear?"],
        callTree: [
          { contactId: 1, callerId: null },
          { contactId: 2, callerId: 1 },
        ],
      },
    ]);
    expect(onClose).toHaveBeenCalledWith("People and safety saved.");
  });

  it("shows a loop next to the person it concerns", async () => {
    fakeBackend({
      save_safety_plan: () => {
        throw {
          code: "Validation",
          message: "",
          fields: [{ field: "callTree.0.callerId", problem: { kind: "cycle" } }],
        };
      },
    });
    const initial = {
      ...emptySafety,
      callTree: [
        { contactId: 1, callerId: 2 },
        { contactId: 2, callerId: null },
      ],
    };
    render(SafetyEditor, { initial, contacts, onClose: vi.fn() });
    await userEvent.setup().click(screen.getByRole("button", { name: "Save" }));
    const select = screen.getByLabelText("Who calls Marie");
    expect(select).toHaveAttribute("aria-invalid", "true");
    expect(select).toHaveAccessibleDescription(/loop/);
  });
});
