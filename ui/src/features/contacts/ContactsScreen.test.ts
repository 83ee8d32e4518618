import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Contact, ContactUsage } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import ContactsScreen from "./ContactsScreen.svelte";
import { emptyDetails } from "./details";

const unused: ContactUsage = {
  services: [],
  workarounds: [],
  inCallTree: false,
  holds: [],
  standsInFor: [],
  namedBy: [],
  ownerDeputy: false,
};

/** An in-memory backend that answers the contact commands like the real one. */
function contactsBackend(initial: Contact[] = []) {
  let contacts = [...initial];
  const deleted: Contact[] = [];
  let nextId = Math.max(0, ...contacts.map((c) => c.id)) + 1;
  const disk = { full: false };
  const calls = fakeBackend({
    list_contacts: ({ filter: { query, kind } }) =>
      contacts.filter(
        (c) =>
          (kind === null || c.kind === kind) &&
          c.organisation.toLowerCase().includes(query.trim().toLowerCase()),
      ),
    create_contact: ({ details }) => {
      if (disk.full) throw { code: "DiskFull", message: "database or disk is full", fields: [] };
      const bad = details.phones.findIndex((p) => /[a-z]/i.test(p.number));
      if (bad >= 0) {
        throw {
          code: "Validation",
          message: "bad phone",
          fields: [{ field: `phones.${bad}.number`, problem: { kind: "invalidPhone" } }],
        };
      }
      const contact = { ...details, id: nextId++, telLinks: [], createdAt: "", updatedAt: "" };
      contacts.push(contact);
      return contact;
    },
    get_contact_usage: ({ id }) =>
      id === 99
        ? { ...unused, services: ["Internet"] }
        : id === 98
          ? { ...unused, holds: ["Calls providers"], standsInFor: ["Opens and assesses"] }
          : unused,
    delete_contact: ({ id }) => {
      const gone = contacts.find((c) => c.id === id);
      if (!gone) throw { code: "NotFound", message: "gone", fields: [] };
      deleted.push(gone);
      contacts = contacts.filter((c) => c.id !== id);
      return gone;
    },
    restore_contact: ({ id }) => {
      // The window names the contact; the backend keeps what was deleted.
      const back = deleted.find((c) => c.id === id);
      if (!back) throw { code: "NotFound", message: "gone", fields: [] };
      contacts.push(back);
      return back;
    },
  });
  return { calls, contacts: () => contacts, disk };
}

function contact(id: number, organisation: string, kind: Contact["kind"]): Contact {
  return {
    ...emptyDetails(kind),
    id,
    organisation,
    phones: [{ label: "Outage line", number: "0800 123 456" }],
    // The core's reading of the number: the window does not parse numbers itself.
    telLinks: ["tel:0800123456"],
    accountNumber: `ACC-${id}`,
    createdAt: "",
    updatedAt: "",
  };
}

describe("ContactsScreen", () => {
  it("lists contacts by kind with dialable numbers", async () => {
    contactsBackend([
      contact(1, "Fibre Net", "internet_provider"),
      contact(2, "EDF", "power_utility"),
    ]);
    render(ContactsScreen);

    const cards = await screen.findAllByRole("article");
    expect(cards.map((c) => within(c).getByRole("heading").textContent)).toEqual([
      "EDF",
      "Fibre Net",
    ]);
    const internet = screen.getByRole("article", { name: "Fibre Net" });
    expect(within(internet).getByText("Internet provider")).toBeInTheDocument();
    expect(within(internet).getByRole("link", { name: "0800 123 456" })).toHaveAttribute(
      "href",
      "tel:0800123456",
    );
    expect(within(internet).getByText("ACC-1")).toBeInTheDocument();
  });

  it("opens the contact a plan finding points at", async () => {
    contactsBackend([
      contact(1, "Fibre Net", "internet_provider"),
      contact(2, "EDF", "power_utility"),
    ]);
    render(ContactsScreen, { editId: 2 });
    expect(await screen.findByRole("heading", { name: "Edit contact" })).toBeInTheDocument();
    expect(screen.getByLabelText("Organisation")).toHaveValue("EDF");
  });

  it("says plainly when there is nothing yet", async () => {
    contactsBackend();
    render(ContactsScreen);
    expect(await screen.findByText(/No contacts yet/)).toBeInTheDocument();
  });

  it("searches and filters through the backend", async () => {
    const backend = contactsBackend([
      contact(1, "Fibre Net", "internet_provider"),
      contact(2, "EDF", "power_utility"),
    ]);
    render(ContactsScreen);
    const user = userEvent.setup();
    await screen.findByText("EDF");

    await user.type(screen.getByLabelText("Search contacts"), "fibre");
    await waitFor(() => expect(screen.queryByText("EDF")).not.toBeInTheDocument());
    expect(screen.getByText("Fibre Net")).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Show"), "power_utility");
    expect(await screen.findByText("No contact matches your search.")).toBeInTheDocument();
    expect(backend.calls.at(-1)?.args).toEqual({
      filter: { query: "fibre", kind: "power_utility" },
    });

    await user.click(screen.getByRole("button", { name: "Clear search" }));
    expect(await screen.findByText("EDF")).toBeInTheDocument();
  });

  it("shows a refused phone number next to its field and keeps the form open", async () => {
    const backend = contactsBackend();
    render(ContactsScreen);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Add contact" }));
    await user.type(screen.getByLabelText("Organisation"), "Fibre Net");
    await user.type(screen.getByLabelText("Phone 1"), "call Bob");
    await user.click(screen.getByRole("button", { name: "Save contact" }));

    const number = screen.getByLabelText("Phone 1");
    await waitFor(() => expect(number).toHaveAttribute("aria-invalid", "true"));
    expect(number).toHaveAccessibleDescription(expect.stringContaining("digits"));
    expect(number).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("Nothing was saved");
    expect(backend.contacts()).toEqual([]);

    await user.clear(number);
    await user.type(number, "0800 123 456");
    await user.click(screen.getByRole("button", { name: "Save contact" }));
    expect(await screen.findByRole("heading", { name: "Fibre Net" })).toBeInTheDocument();
    expect(backend.contacts()).toHaveLength(1);
  });

  it("says the disk is full in the form it could not save, and saves once there is room", async () => {
    const backend = contactsBackend();
    backend.disk.full = true;
    render(ContactsScreen);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Add contact" }));
    await user.type(screen.getByLabelText("Organisation"), "Ouest Power");
    await user.click(screen.getByRole("button", { name: "Save contact" }));

    const form = screen.getByRole("form", { name: "New contact" });
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      /Not saved: the disk is full\. Nothing was changed\. Free some space/,
    );
    expect(screen.getByLabelText("Organisation")).toHaveValue("Ouest Power");

    backend.disk.full = false;
    await user.click(screen.getByRole("button", { name: "Save contact" }));
    expect(await screen.findByRole("heading", { name: "Ouest Power" })).toBeInTheDocument();
  });

  it("deletes at once and can undo", async () => {
    const backend = contactsBackend([contact(1, "EDF", "power_utility")]);
    render(ContactsScreen);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Delete EDF" }));
    expect(await screen.findByText("EDF was deleted.")).toBeInTheDocument();
    expect(backend.contacts()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(await screen.findByRole("heading", { name: "EDF" })).toBeInTheDocument();
    expect(backend.contacts().map((c) => c.id)).toEqual([1]);
  });

  it("asks first when the plan depends on the contact, and then offers no undo", async () => {
    const backend = contactsBackend([contact(99, "Fibre Net", "internet_provider")]);
    render(ContactsScreen);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Delete Fibre Net" }));
    const dialog = screen.getByRole("alertdialog", { name: "Fibre Net is part of your plan" });
    expect(dialog).toHaveTextContent("Services that depend on it: Internet");
    expect(within(dialog).getByRole("button", { name: "Keep it" })).toHaveFocus();
    expect(backend.contacts()).toHaveLength(1);

    await user.click(within(dialog).getByRole("button", { name: "Delete anyway" }));
    expect(await screen.findByText("Fibre Net was deleted.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Undo" })).not.toBeInTheDocument();
    expect(backend.contacts()).toEqual([]);
  });

  it("names the roles a staff member holds before deleting them", async () => {
    const backend = contactsBackend([contact(98, "Karim", "staff")]);
    render(ContactsScreen);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Delete Karim" }));
    const dialog = screen.getByRole("alertdialog", { name: "Karim is part of your plan" });
    expect(dialog).toHaveTextContent("Roles they do: Calls providers");
    expect(dialog).toHaveTextContent("Roles they stand in for: Opens and assesses");
    expect(backend.contacts()).toHaveLength(1);
  });

  it("can be used from the keyboard: Escape leaves the form", async () => {
    contactsBackend();
    render(ContactsScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add contact" }));
    expect(screen.getByLabelText("Kind")).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(await screen.findByRole("button", { name: "Add contact" })).toBeInTheDocument();
  });

  it("never drops typed changes on one Escape: it asks, and a second Escape discards", async () => {
    const { calls } = contactsBackend();
    render(ContactsScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add contact" }));
    await user.type(screen.getByLabelText("Organisation"), "Enedis");
    await user.keyboard("{Escape}");
    expect(screen.getByRole("status")).toHaveTextContent(
      "You have changes that are not saved: press Escape again to discard them, or save.",
    );
    expect(screen.getByLabelText("Organisation")).toHaveValue("Enedis");
    // Typing again means the owner is still at it: the next Escape asks again.
    await user.type(screen.getByLabelText("Organisation"), " Pro");
    expect(screen.queryByText(/press Escape again/)).toBeNull();
    await user.keyboard("{Escape}");
    expect(screen.getByText(/press Escape again/)).toBeVisible();
    await user.keyboard("{Escape}");
    expect(await screen.findByRole("button", { name: "Add contact" })).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "create_contact")).toBe(false);
  });
});
