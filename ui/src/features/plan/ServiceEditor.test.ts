import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ServiceDetails, Workaround } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import ServiceEditor from "./ServiceEditor.svelte";
import { aContact, aService } from "./testing";

const contacts = [aContact(1, "SumUp", "card_payments"), aContact(2, "Fibre", "internet_provider")];

describe("ServiceEditor", () => {
  it("saves the downtime in minutes from the unit chosen, with its dependencies", async () => {
    const sent: ServiceDetails[] = [];
    fakeBackend({
      create_service: ({ details }) => {
        sent.push(details);
        return aService(7, details.name, details);
      },
    });
    const onChanged = vi.fn();
    render(ServiceEditor, { initial: null, contacts, services: [], onClose: vi.fn(), onChanged });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText("Name"), "Card payments");
    const downtime = screen.getByLabelText("Longest it can be down before it really hurts");
    await user.clear(downtime);
    await user.type(downtime, "3");
    await user.selectOptions(screen.getByLabelText("Unit"), "days");
    await user.click(screen.getByLabelText(/SumUp/));
    await user.click(screen.getByRole("button", { name: "Save service" }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      name: "Card payments",
      maxDowntimeMinutes: 4320,
      contactIds: [1],
    });
    expect(onChanged).toHaveBeenCalledWith("Card payments saved.");
    expect(await screen.findByRole("button", { name: "Add a workaround" })).toBeInTheDocument();
  });

  it("shows a refused downtime next to its field", async () => {
    fakeBackend({
      update_service: () => {
        throw {
          code: "Validation",
          message: "",
          fields: [{ field: "maxDowntimeMinutes", problem: { kind: "notPositive" } }],
        };
      },
    });
    render(ServiceEditor, {
      initial: aService(1, "Internet"),
      contacts,
      services: [],
      onClose: vi.fn(),
      onChanged: vi.fn(),
    });
    const user = userEvent.setup();
    const downtime = screen.getByLabelText("Longest it can be down before it really hurts");
    await user.clear(downtime);
    await user.click(screen.getByRole("button", { name: "Save service" }));

    expect(downtime).toHaveAttribute("aria-invalid", "true");
    expect(downtime).toHaveAccessibleDescription("Must be more than zero.");
    expect(downtime).toHaveFocus();
  });

  it("says plainly when there is no workaround, and lists the ones there are", () => {
    fakeBackend({});
    const { unmount } = render(ServiceEditor, {
      initial: aService(1, "Refrigeration", { noWorkaround: true }),
      contacts,
      services: [],
      onClose: vi.fn(),
      onChanged: vi.fn(),
    });
    expect(screen.getByText("No workaround: when this is down, it is down.")).toBeInTheDocument();
    unmount();

    render(ServiceEditor, {
      initial: aService(1, "Card payments", {
        contactIds: [1],
        workarounds: [
          {
            id: 3,
            serviceId: 1,
            title: "Cash only",
            steps: "Put up the sign\nCheck the float",
            customerMessage: "Cash only for now.",
            limits: "Cash only",
            contactIds: [2],
            serviceIds: [],
          },
        ],
      }),
      contacts,
      services: [],
      onClose: vi.fn(),
      onChanged: vi.fn(),
    });
    const card = screen.getByRole("article", { name: "Cash only" });
    expect(
      within(card)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Put up the sign", "Check the float"]);
    expect(within(card).getByText("Cash only for now.")).toBeInTheDocument();
    expect(within(card).getByText("Depends on Fibre")).toBeInTheDocument();
  });

  it("adds a workaround and shows it", async () => {
    let workarounds: Workaround[] = [];
    fakeBackend({
      create_workaround: ({ serviceId, details }) => {
        const w = { id: 9, serviceId, ...details };
        workarounds = [w];
        return w;
      },
      list_services: () => [aService(1, "Internet", { workarounds })],
    });
    render(ServiceEditor, {
      initial: aService(1, "Internet"),
      contacts,
      services: [aService(1, "Internet"), aService(2, "Phone line")],
      onClose: vi.fn(),
      onChanged: vi.fn(),
    });
    const user = userEvent.setup();
    expect(screen.getByText("No workaround yet.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add a workaround" }));
    const form = screen.getByRole("form", { name: "New workaround" });
    expect(within(form).queryByLabelText("Internet")).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText("Title"), "Phone hotspot");
    await user.click(within(form).getByLabelText("Phone line"));
    await user.click(within(form).getByRole("button", { name: "Save workaround" }));

    expect(await screen.findByRole("article", { name: "Phone hotspot" })).toBeInTheDocument();
    expect(workarounds).toEqual([
      expect.objectContaining({ title: "Phone hotspot", serviceIds: [2] }),
    ]);
  });
});

describe("ServiceEditor deleting a workaround", () => {
  it("asks first, and only then deletes", async () => {
    const backend = fakeBackend({
      list_services: () => [aService(1, "Card payments")],
      delete_workaround: () => null,
    });
    const calls = () => backend.map((call) => call.cmd);
    const cash = {
      id: 3,
      serviceId: 1,
      title: "Cash only",
      steps: "",
      customerMessage: "",
      limits: "",
      contactIds: [],
      serviceIds: [],
    };
    render(ServiceEditor, {
      initial: aService(1, "Card payments", { workarounds: [cash] }),
      contacts,
      services: [],
      onClose: vi.fn(),
      onChanged: vi.fn(),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Delete workaround Cash only" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete the workaround “Cash only”?" });
    expect(calls()).not.toContain("delete_workaround");
    await user.click(within(dialog).getByRole("button", { name: "Yes, delete it" }));
    expect(calls()).toContain("delete_workaround");
  });
});
