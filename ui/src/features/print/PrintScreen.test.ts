import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CommandMap, IncidentSummary, PocketStatus, PrintStatus } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import PrintScreen from "./PrintScreen.svelte";

const incidents: IncidentSummary[] = [
  {
    id: 7,
    drill: false,
    startedAt: "2026-11-20T09:00:00Z",
    resolvedAt: "2026-11-20T11:30:00Z",
    title: "Card payments",
    cause: "internet",
    severity: "critical",
    services: ["Card payments"],
  },
  {
    id: 3,
    drill: false,
    startedAt: "2026-10-02T09:00:00Z",
    resolvedAt: "2026-10-02T10:00:00Z",
    title: "Power",
    cause: "power",
    severity: "major",
    services: ["Lights"],
  },
];

function backend(opts: {
  status?: PrintStatus;
  pocket?: PocketStatus;
  save?: (args: CommandMap["save_document_pdf"]["args"]) => string | null;
  incidents?: IncidentSummary[];
}) {
  const noPocket: PocketStatus = { keptAt: null, unreachable: false, sensitive: false };
  return fakeBackend({
    default_paper: () => "letter",
    get_print_status: () =>
      opts.status ?? {
        binderPrintedAt: null,
        changedSincePrinted: false,
        cardPrintedAt: null,
        roleCards: 0,
      },
    list_incidents: () => {
      const all = opts.incidents ?? incidents;
      return { incidents: all, total: all.length };
    },
    save_document_pdf: (args) => (opts.save ? opts.save(args) : "/home/ana/Documents/plan.pdf"),
    print_document: () => false,
    pocket_plan_status: () => opts.pocket ?? noPocket,
    save_pocket_plan: () => "/media/ana/USB/Corner Café - Pocket plan.html",
    stop_pocket_refresh: () => noPocket,
  });
}

describe("PrintScreen", () => {
  it("saves the binder on the locale's paper, without account numbers when unticked", async () => {
    const calls = backend({});
    render(PrintScreen);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByRole("radio", { name: "US Letter" })).toBeChecked());
    expect(screen.getByText("Never printed yet.", { selector: "#binder-status" })).toBeVisible();
    await user.click(screen.getByRole("checkbox", { name: /Include account numbers/ }));
    await user.click(screen.getByRole("button", { name: "Save as PDF: Recovery plan" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Saved as /home/ana/Documents/plan.pdf",
    );
    expect(calls.find((c) => c.cmd === "save_document_pdf")?.args).toEqual({
      options: { document: "binder", incidentId: null, paper: "letter", includeSensitive: false },
    });
    // The status is read again after saving.
    expect(calls.filter((c) => c.cmd === "get_print_status")).toHaveLength(2);
  });

  it("reports on the incident chosen, the newest by default", async () => {
    const calls = backend({});
    render(PrintScreen);
    const user = userEvent.setup();
    const select = await screen.findByLabelText("Incident");
    expect(select).toHaveValue("7");
    await user.selectOptions(select, "3");
    await user.click(screen.getByRole("radio", { name: "A4" }));
    await user.click(screen.getByRole("button", { name: "Save as PDF: Incident report" }));
    await screen.findByRole("status");
    expect(calls.find((c) => c.cmd === "save_document_pdf")?.args).toEqual({
      options: { document: "incident_report", incidentId: 3, paper: "a4", includeSensitive: true },
    });
  });

  it("saves the claim pack of the outage opened from its record, never of a drill", async () => {
    const drill: IncidentSummary = {
      id: 9,
      drill: true,
      startedAt: "2026-11-25T09:00:00Z",
      resolvedAt: "2026-11-25T10:00:00Z",
      title: "Drill",
      cause: "internet",
      severity: "minor",
      services: [],
    };
    const calls = backend({ incidents: [drill, ...incidents] });
    render(PrintScreen, { incidentId: 3 });
    const user = userEvent.setup();
    const select = await screen.findByLabelText("Outage");
    await waitFor(() => expect(select).toHaveValue("3"));
    expect(within(select).queryByText(/Drill/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save as PDF: Claim pack" }));
    await screen.findByRole("status");
    expect(calls.find((c) => c.cmd === "save_document_pdf")?.args).toEqual({
      options: { document: "claim_pack", incidentId: 3, paper: "letter", includeSensitive: true },
    });
  });

  it("opens on the incident it was asked for", async () => {
    backend({});
    render(PrintScreen, { incidentId: 3 });
    expect(await screen.findByLabelText("Incident")).toHaveValue("3");
  });

  it("cannot print a report before there has been an incident", async () => {
    backend({ incidents: [] });
    render(PrintScreen);
    expect(await screen.findByText(/No incident yet/)).toBeVisible();
    expect(screen.getByRole("button", { name: "Save as PDF: Incident report" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Save as PDF: Recovery plan" })).toBeEnabled();
  });

  it("offers the role cards only once someone has a role, and says why", async () => {
    backend({});
    render(PrintScreen);
    const cards = await screen.findByRole("region", { name: "Role cards" });
    expect(await within(cards).findByText(/Nobody has a role yet/)).toBeVisible();
    expect(within(cards).getByRole("button", { name: "Save as PDF: Role cards" })).toBeDisabled();
    expect(within(cards).getByRole("button", { name: "Print: Role cards" })).toBeDisabled();
  });

  it("saves the role cards on the chosen paper", async () => {
    const calls = backend({
      status: {
        binderPrintedAt: null,
        changedSincePrinted: false,
        cardPrintedAt: null,
        roleCards: 3,
      },
    });
    render(PrintScreen);
    const user = userEvent.setup();
    const cards = await screen.findByRole("region", { name: "Role cards" });
    expect(
      await within(cards).findByText("3 cards, one for each person with a role."),
    ).toBeVisible();
    await user.click(screen.getByRole("radio", { name: "A4" }));
    await user.click(within(cards).getByRole("button", { name: "Save as PDF: Role cards" }));
    await screen.findByRole("status");
    expect(calls.find((c) => c.cmd === "save_document_pdf")?.args).toEqual({
      options: { document: "role_cards", incidentId: null, paper: "a4", includeSensitive: true },
    });
  });

  it("says nothing when the owner cancels, and says why when it fails", async () => {
    backend({
      save: (args) => {
        const { options } = args as { options: { document: string } };
        if (options.document === "binder") return null;
        throw { code: "Print", message: "The page to print did not load in time.", fields: [] };
      },
    });
    render(PrintScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Save as PDF: Recovery plan" }));
    await user.click(screen.getByRole("button", { name: "Print: Recovery plan" }));
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save as PDF: Emergency card" }));
    const card = screen.getByRole("region", { name: "Emergency card" });
    expect(await within(card).findByRole("alert")).toHaveTextContent(
      "It could not be printed. The page to print did not load in time.",
    );
  });

  it("warns when the plan changed since it was printed", async () => {
    backend({
      status: {
        binderPrintedAt: "2026-11-02T09:00:00Z",
        changedSincePrinted: true,
        cardPrintedAt: "2026-11-02T09:05:00Z",
        roleCards: 0,
      },
    });
    render(PrintScreen);
    expect(
      await screen.findByText(/The plan changed since you printed it on November 2, 2026/),
    ).toBeVisible();
    expect(
      screen.getByText("Last printed on November 2, 2026.", { selector: "#card-status" }),
    ).toBeVisible();
  });

  it("saves the pocket plan to be kept up to date, and says when the stick is out", async () => {
    const calls = backend({
      pocket: {
        keptAt: "/media/ana/USB/Corner Café - Pocket plan.html",
        unreachable: true,
        sensitive: false,
      },
    });
    render(PrintScreen);
    const user = userEvent.setup();
    expect(await screen.findByText(/Kept up to date: \/media\/ana\/USB/)).toBeVisible();
    expect(screen.getByRole("alert")).toHaveTextContent("Plug the USB stick back in");
    // A file already kept stays kept when saved again.
    const keep = screen.getByRole("checkbox", { name: /Write it again there after every change/ });
    expect(keep).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Save the pocket plan…" }));
    expect(calls.find((c) => c.cmd === "save_pocket_plan")?.args).toEqual({
      title: "Save the pocket plan…",
      keepUpToDate: true,
      includeSensitive: false,
    });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Pocket plan saved as /media/ana/USB/Corner Café - Pocket plan.html",
    );
    await user.click(screen.getByRole("button", { name: "Stop updating it" }));
    await waitFor(() => expect(screen.queryByText(/Kept up to date/)).toBeNull());
  });

  it("leaves account numbers out of the pocket plan unless asked, and keeps the choice", async () => {
    const calls = backend({});
    render(PrintScreen);
    const user = userEvent.setup();
    const pocket = await screen.findByRole("region", { name: "Pocket plan" });
    const sensitive = within(pocket).getByRole("checkbox", {
      name: "Put the account numbers and customer IDs in it too",
    });
    expect(sensitive).not.toBeChecked();
    await user.click(sensitive);
    await user.click(screen.getByRole("button", { name: "Save the pocket plan…" }));
    expect(calls.find((c) => c.cmd === "save_pocket_plan")?.args).toMatchObject({
      includeSensitive: true,
    });
  });
});
