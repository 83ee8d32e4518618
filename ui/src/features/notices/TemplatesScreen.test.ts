import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { NoticeTemplate } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import TemplatesScreen from "./TemplatesScreen.svelte";

describe("TemplatesScreen", () => {
  it("previews, saves the owner's wording, shows a refusal, and restores the default", async () => {
    const defaults: NoticeTemplate = {
      stage: "initial",
      channel: "sms",
      language: "en",
      subject: null,
      body: "{business}: {what} is down.",
      customised: false,
    };
    let saved: NoticeTemplate | null = null;
    const backend = fakeBackend({
      get_notice_template: () => saved ?? defaults,
      preview_notice: ({ template }) => {
        const body = template.body
          .replace("{business}", "Corner Café")
          .replace("{what}", "[WHAT IS DOWN]");
        return { ...defaults, subject: null, body, unfilled: ["[WHAT IS DOWN]"] };
      },
      save_notice_template: ({ template }) => {
        if (template.body.includes("{soon}")) {
          throw {
            code: "Validation",
            message: "",
            fields: [{ field: "body", problem: { kind: "unknown" } }],
          };
        }
        saved = { ...template, customised: true };
        return saved;
      },
      restore_notice_template: () => {
        saved = null;
        return defaults;
      },
    });
    const calls = () => backend.map((c) => c.cmd);
    render(TemplatesScreen);
    const user = userEvent.setup();

    expect(await screen.findByText("Corner Café: [WHAT IS DOWN] is down.")).toBeInTheDocument();
    expect(screen.getByText("Steady's wording")).toBeInTheDocument();

    const body = screen.getByLabelText("Template");
    await user.clear(body);
    await user.type(body, "{{business}: back {{soon}");
    await user.click(screen.getByRole("button", { name: "Save my wording" }));
    expect(body).toHaveAttribute("aria-invalid", "true");
    expect(body).toHaveAccessibleDescription("Use only the {braces} listed below.");

    await user.clear(body);
    await user.type(body, "Sorry! {{business}: {{what} is down.");
    await user.click(screen.getByRole("button", { name: "Save my wording" }));
    expect(await screen.findByText("Your wording")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText("Sorry! Corner Café: [WHAT IS DOWN] is down.")).toBeInTheDocument(),
    );

    // Asked first: keeping the owner's wording changes nothing.
    await user.click(screen.getByRole("button", { name: "Restore Steady's wording" }));
    await user.click(screen.getByRole("button", { name: "Keep my wording" }));
    expect(calls()).not.toContain("restore_notice_template");
    expect(screen.getByText("Your wording")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Restore Steady's wording" }));
    const question = screen.getByRole("alertdialog", {
      name: "Your own wording for this notice will be lost.",
    });
    await user.click(within(question).getByRole("button", { name: "Restore Steady's wording" }));
    expect(await screen.findByText("Steady's wording")).toBeInTheDocument();
    expect(body).toHaveValue("{business}: {what} is down.");
    expect(calls()).toContain("restore_notice_template");
  });
});
