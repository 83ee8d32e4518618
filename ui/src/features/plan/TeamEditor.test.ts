import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { Contact, Role, RoleDetails, Team, TeamPerson } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import TeamEditor from "./TeamEditor.svelte";
import { aContact, aService, emptyTeam } from "./testing";

const karim = aContact(1, "Karim", "staff");
const lea = aContact(2, "Léa", "staff");
const power = aContact(3, "Ouest Power", "power_utility");
const contacts = [karim, lea, power];
const services = [aService(7, "Card payments")];

function person(contact: Contact, roleIds: number[] = [], standInFor: number[] = []): TeamPerson {
  return {
    contact,
    roleIds,
    standInFor,
    card: { contactId: contact.id, language: null, accountNumbers: false },
  };
}

const kindWords: Record<string, string> = {
  opens: "Opens and assesses",
  calls_providers: "Calls providers",
};

/** A backend keeping the team as the core would, refusing a stand-in who holds the role. */
function teamBackend(initial: Team) {
  const team: Team = structuredClone(initial);
  const sent: RoleDetails[] = [];
  const calls = fakeBackend({
    get_team: () => {
      const people = team.people.map((p) => ({
        ...p,
        roleIds: team.roles.filter((r) => r.holderIds.includes(p.contact.id)).map((r) => r.id),
        standInFor: team.roles.filter((r) => r.standInId === p.contact.id).map((r) => r.id),
      }));
      return structuredClone({ ...team, people });
    },
    save_role: ({ id, details }) => {
      sent.push(details);
      if (details.standInId !== null && details.holderIds.includes(details.standInId)) {
        throw {
          code: "Validation",
          message: "",
          fields: [{ field: "standInId", problem: { kind: "samePerson" } }],
        };
      }
      const role: Role = {
        ...details,
        duties: details.duties.map((d) => d.trim()).filter(Boolean),
        id: id ?? 100 + team.roles.length,
        title: details.kind === "own" ? details.name : (kindWords[details.kind] ?? details.kind),
        gone: [],
        updatedAt: "",
      };
      team.roles =
        id === null ? [...team.roles, role] : team.roles.map((r) => (r.id === id ? role : r));
      return role;
    },
    delete_role: ({ id }) => {
      team.roles = team.roles.filter((r) => r.id !== id);
      return null;
    },
    move_role: ({ id, to }) => {
      const role = team.roles.find((r) => r.id === id);
      if (!role) throw { code: "NotFound", message: "", fields: [] };
      const rest = team.roles.filter((r) => r.id !== id);
      rest.splice(to, 0, role);
      team.roles = rest;
      return null;
    },
    save_team_settings: ({ settings }) => {
      if (settings.ownerPhone === "12ab") {
        throw {
          code: "Validation",
          message: "",
          fields: [{ field: "ownerPhone", problem: { kind: "invalidPhone" } }],
        };
      }
      team.settings = settings;
      return settings;
    },
    save_card_settings: ({ card }) => {
      team.people = team.people.map((p) => (p.contact.id === card.contactId ? { ...p, card } : p));
      return card;
    },
  });
  return { calls, sent, team: () => team };
}

const staffed: Team = { ...emptyTeam, people: [person(karim), person(lea)] };

afterEach(() => {
  i18n.lang = "en";
});

describe("TeamEditor", () => {
  it("adds a role with its people and what they do first", async () => {
    const backend = teamBackend(staffed);
    render(TeamEditor, { contacts, services, onClose: vi.fn(), onOpenContacts: vi.fn() });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Add a role" }));
    await user.selectOptions(screen.getByLabelText("Role"), "Calls providers");
    await user.click(screen.getByLabelText("Léa"));
    await user.click(screen.getByLabelText("Karim"));
    await user.selectOptions(screen.getByLabelText("Stand-in when they are away"), "Karim");
    await user.type(
      screen.getByLabelText(/What to do/),
      "Find the provider{Enter}Call them{Enter}Ask for a ticket{Enter}Tell the owner",
    );
    await user.click(screen.getByLabelText(/Ouest Power/));
    await user.click(screen.getByLabelText("Card payments"));
    await user.click(screen.getByRole("button", { name: "Save role" }));

    // Karim holds it and stands in: refused next to the stand-in, the form kept as typed.
    const standIn = screen.getByLabelText("Stand-in when they are away");
    expect(standIn).toHaveAccessibleDescription(
      "They already do this role: choose someone else to stand in.",
    );
    expect(standIn).toHaveFocus();
    expect(backend.team().roles).toEqual([]);

    await user.click(screen.getByLabelText("Karim"));
    await user.click(screen.getByRole("button", { name: "Save role" }));
    expect(backend.sent.at(-1)).toEqual({
      kind: "calls_providers",
      name: "",
      duties: ["Find the provider", "Call them", "Ask for a ticket", "Tell the owner"],
      holderIds: [2],
      standInId: 1,
      contactIds: [3],
      serviceIds: [7],
    });

    const role = await screen.findByRole("heading", { name: "Calls providers" });
    const card = role.closest("li") as HTMLElement;
    expect(card).toHaveTextContent("Done by Léa");
    expect(card).toHaveTextContent("Stand-in: Karim");
    expect(card).toHaveTextContent("First things to do");
    expect(card).toHaveTextContent("Calls: Ouest Power");
    expect(card).toHaveTextContent("Looks after: Card payments");
    const [first] = within(card).getAllByRole("list");
    if (!first) throw new Error("no list of first things");
    expect(
      within(first)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Find the provider", "Call them", "Ask for a ticket"]);
  });

  it("asks a name for the owner's own role, and moves and deletes roles", async () => {
    const opens: Role = {
      id: 10,
      kind: "opens",
      name: "",
      title: "Opens and assesses",
      duties: [],
      holderIds: [],
      standInId: null,
      contactIds: [],
      serviceIds: [],
      gone: [{ contact: true, name: "Old Power Co" }],
      updatedAt: "",
    };
    const backend = teamBackend({ ...staffed, roles: [opens] });
    render(TeamEditor, { contacts, services, onClose: vi.fn(), onOpenContacts: vi.fn() });
    const user = userEvent.setup();

    expect(await screen.findByText("Nobody does this yet.")).toBeInTheDocument();
    expect(screen.getByText(/No longer in the plan: Old Power Co/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Add a role" }));
    await user.selectOptions(screen.getByLabelText("Role"), "Own role");
    await user.type(screen.getByLabelText("Name of the role"), "Keeps the food safe");
    await user.click(screen.getByRole("button", { name: "Save role" }));
    expect(await screen.findByRole("heading", { name: "Keeps the food safe" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Move “Keeps the food safe” up" }));
    expect(backend.team().roles.map((r) => r.id)).toEqual([101, 10]);

    await user.click(screen.getByRole("button", { name: "Delete the role “Opens and assesses”" }));
    const ask = screen.getByRole("alertdialog");
    expect(ask).toHaveTextContent(
      "Delete the role “Opens and assesses”? Nobody will have it any more.",
    );
    await user.click(within(ask).getByRole("button", { name: "Delete the role" }));
    expect(backend.team().roles.map((r) => r.id)).toEqual([101]);
  });

  it("says how to add staff when there is none", async () => {
    teamBackend(emptyTeam);
    const onOpenContacts = vi.fn();
    render(TeamEditor, { contacts: [power], services, onClose: vi.fn(), onOpenContacts });
    const user = userEvent.setup();
    expect(await screen.findByText(/No staff yet/)).toBeInTheDocument();
    const [add] = screen.getAllByRole("button", { name: "Add a staff member" });
    if (!add) throw new Error("no way to add staff");
    await user.click(add);
    expect(onOpenContacts).toHaveBeenCalled();
  });

  it("saves the owner's number, showing a refusal next to it", async () => {
    const backend = teamBackend(staffed);
    render(TeamEditor, { contacts, services, onClose: vi.fn(), onOpenContacts: vi.fn() });
    const user = userEvent.setup();

    const phone = await screen.findByLabelText("Your phone number");
    await user.type(phone, "12ab");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(phone).toHaveAccessibleDescription(expect.stringContaining("Use digits"));
    expect(backend.team().settings.ownerPhone).toBe("");

    await user.clear(phone);
    await user.type(phone, "06 99 88 77 66");
    await user.type(screen.getByLabelText("Your name as the team knows you"), "Marie");
    await user.selectOptions(screen.getByLabelText("If nobody can reach you, call"), "Léa");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(backend.team().settings).toEqual({
      ownerName: "Marie",
      ownerPhone: "06 99 88 77 66",
      deputyId: 2,
    });
  });

  it("offers account numbers on the card only to whoever calls providers, in French too", async () => {
    i18n.lang = "fr";
    const calls: Role = {
      id: 10,
      kind: "calls_providers",
      name: "",
      title: "Appelle les fournisseurs",
      duties: ["Appeler"],
      holderIds: [1],
      standInId: null,
      contactIds: [],
      serviceIds: [],
      gone: [],
      updatedAt: "",
    };
    const backend = teamBackend({ ...staffed, roles: [calls] });
    render(TeamEditor, { contacts, services, onClose: vi.fn(), onOpenContacts: vi.fn() });
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { name: "Qui fait quoi" })).toBeInTheDocument();
    expect(
      await screen.findAllByLabelText("Mettre les numéros de client sur la carte"),
    ).toHaveLength(1);
    await user.click(screen.getByLabelText("Mettre les numéros de client sur la carte"));
    await user.selectOptions(screen.getByLabelText("Langue de la carte de Léa"), "en");
    expect(backend.team().people.map((p) => p.card)).toEqual([
      { contactId: 1, language: null, accountNumbers: true },
      { contactId: 2, language: "en", accountNumbers: false },
    ]);
  });
});
