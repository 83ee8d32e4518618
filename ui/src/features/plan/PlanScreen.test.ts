import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Business, PlanOverview, PrintStatus } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import PlanScreen from "./PlanScreen.svelte";
import { aContact, aService, emptySafety, emptyTeam, overview } from "./testing";

const business: Business = {
  name: "Corner Café",
  businessType: "cafe_restaurant",
  language: "en",
  country: "fr",
  clock: "h24",
  createdAt: "",
  updatedAt: "",
};

const neverPrinted: PrintStatus = {
  binderPrintedAt: null,
  changedSincePrinted: false,
  cardPrintedAt: null,
  roleCards: 0,
};

function backend(plan: { overview: PlanOverview; printStatus?: PrintStatus }) {
  return fakeBackend({
    get_plan_overview: () => plan.overview,
    list_services: () => [aService(1, "Card payments", { contactIds: [5] })],
    list_runbooks: () => [
      { id: 4, title: "Paper till", serviceId: 1, steps: ["Get the book"], updatedAt: "" },
    ],
    // The core's rule: the plan's own emergency numbers (Urgences below), else the country's.
    get_safety_plan: () => ({
      ...emptySafety,
      assemblyPoint: "Car park",
      emergency: [{ label: "SAMU", number: "15" }],
    }),
    list_contacts: () => [
      aContact(5, "SumUp", "card_payments"),
      { ...aContact(6, "Urgences", "emergency"), phones: [{ label: "SAMU", number: "15" }] },
    ],
    get_print_status: () => plan.printStatus ?? neverPrinted,
    apply_starter_plan: () => ({
      services: 0,
      workarounds: 0,
      runbooks: 0,
      contacts: 0,
      checklistItems: 0,
      roles: 0,
    }),
    get_team: () => emptyTeam,
    list_cold_stores: () => ({
      stores: [],
      defaults: [{ kind: "fridge", safeMinutes: 240 }],
      source: {
        name: "FoodSafety.gov",
        url: "https://www.foodsafety.gov",
        checkedOn: "2026-12-05",
      },
    }),
    use_contact_instead: () => {
      plan.overview = { ...plan.overview, findings: [] };
      return null;
    },
    mark_plan_reviewed: () => {
      plan.overview = { ...plan.overview, findings: [], reviewedAt: "2026-11-28T09:00:00Z" };
      return { ...emptySafety, reviewedAt: "2026-11-28T09:00:00Z" };
    },
  });
}

describe("PlanScreen", () => {
  it("lists what is missing and the services with their reach", async () => {
    backend({ overview });
    render(PlanScreen, {
      business,
      onOpenContacts: vi.fn(),
      onPrint: vi.fn(),
      onRehearse: vi.fn(),
      onOpenScorecard: vi.fn(),
    });

    const missing = await screen.findByRole("region", { name: "What is missing" });
    expect(
      within(missing)
        .getAllByRole("listitem")
        .map((li) => li.firstChild?.textContent),
    ).toEqual(["Card payments has no workaround.", "The plan has never been reviewed."]);
    const card = screen.getByRole("button", { name: "Open Card payments" }).closest("li");
    expect(card).toHaveTextContent("Tolerates 2 hours");
    expect(card).toHaveTextContent("≈ 20 customers an hour");
    expect(card).toHaveTextContent("Depends on SumUp");
    expect(card).toHaveTextContent("No workaround yet.");
    expect(screen.getByText("Car park")).toBeInTheDocument();
    expect(screen.getByText("SAMU").closest("li")).toHaveTextContent(/SAMU\s*15/);
    expect(screen.getByLabelText("Type of business")).toHaveValue("cafe_restaurant");
  });

  it("uses the contact with a number in place of the placeholder in one click", async () => {
    const plan = {
      overview: {
        ...overview,
        findings: [
          {
            kind: "useInstead" as const,
            placeholderId: 7,
            placeholder: "Electricity supplier",
            contactId: 9,
            contact: "Ouest Power",
            services: ["Power and lighting"],
          },
        ],
      },
    };
    const calls = backend(plan);
    render(PlanScreen, {
      business,
      onOpenContacts: vi.fn(),
      onPrint: vi.fn(),
      onRehearse: vi.fn(),
      onOpenScorecard: vi.fn(),
    });

    const missing = await screen.findByRole("region", { name: "What is missing" });
    expect(missing).toHaveTextContent(
      "Use Ouest Power for Power and lighting? Electricity supplier has no number.",
    );
    await userEvent.click(within(missing).getByRole("button", { name: "Use Ouest Power" }));

    expect(
      await screen.findByText("Ouest Power is now in the plan where Electricity supplier was."),
    ).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "use_contact_instead")?.args).toEqual({
      placeholderId: 7,
      contactId: 9,
    });
    expect(await screen.findByText(/^Nothing is missing/)).toBeInTheDocument();
  });

  it("takes the owner to the fix", async () => {
    backend({ overview });
    render(PlanScreen, {
      business,
      onOpenContacts: vi.fn(),
      onPrint: vi.fn(),
      onRehearse: vi.fn(),
      onOpenScorecard: vi.fn(),
    });
    const user = userEvent.setup();
    const missing = await screen.findByRole("region", { name: "What is missing" });
    await user.click(
      within(missing).getByRole("button", { name: "Fix: Card payments has no workaround." }),
    );
    expect(screen.getByRole("heading", { level: 1, name: "Card payments" })).toBeInTheDocument();
  });

  it("marks the plan reviewed and refreshes what is missing", async () => {
    const calls = backend({ overview });
    render(PlanScreen, {
      business,
      onOpenContacts: vi.fn(),
      onPrint: vi.fn(),
      onRehearse: vi.fn(),
      onOpenScorecard: vi.fn(),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Mark as reviewed today" }));
    expect(await screen.findByText(/Nothing is missing/)).toBeInTheDocument();
    expect(screen.getByText(/Last reviewed on November 28, 2026/)).toBeInTheDocument();
    expect(calls.map((c) => c.cmd)).toContain("mark_plan_reviewed");
  });

  it("applies the starter plan chosen, in the current language, and says when it adds nothing", async () => {
    const calls = backend({ overview });
    render(PlanScreen, {
      business,
      onOpenContacts: vi.fn(),
      onPrint: vi.fn(),
      onRehearse: vi.fn(),
      onOpenScorecard: vi.fn(),
    });
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Type of business"), "salon");
    await user.click(screen.getByRole("button", { name: "Add the usual plan" }));
    expect(await screen.findByText(/already has everything/)).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "apply_starter_plan")?.args).toEqual({
      businessType: "salon",
      language: "en",
    });
  });

  it("says when the printed plan is out of date and leads to printing it", async () => {
    backend({
      overview,
      printStatus: {
        binderPrintedAt: "2026-11-02T09:00:00Z",
        changedSincePrinted: true,
        cardPrintedAt: null,
        roleCards: 0,
      },
    });
    const onPrint = vi.fn();
    render(PlanScreen, {
      business,
      onOpenContacts: vi.fn(),
      onPrint,
      onRehearse: vi.fn(),
      onOpenScorecard: vi.fn(),
    });
    expect(
      await screen.findByText(
        "The plan changed since you printed it on November 2, 2026: print it again and replace the old copies.",
      ),
    ).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Print the plan" }));
    expect(onPrint).toHaveBeenCalledOnce();
  });

  it("says when the plan was printed and is still current", async () => {
    backend({
      overview,
      printStatus: {
        binderPrintedAt: "2026-11-02T09:00:00Z",
        changedSincePrinted: false,
        cardPrintedAt: null,
        roleCards: 0,
      },
    });
    render(PlanScreen, {
      business,
      onOpenContacts: vi.fn(),
      onPrint: vi.fn(),
      onRehearse: vi.fn(),
      onOpenScorecard: vi.fn(),
    });
    expect(await screen.findByText("Last printed on November 2, 2026.")).toBeInTheDocument();
  });
});
