// Plan-health findings in the owner's words, and where each one is fixed.

import { formatDate } from "../../lib/durations";
import { i18n } from "../../lib/i18n/index.svelte";
import { dateTimeFormat } from "../../lib/intl";
import type { Finding } from "../../lib/ipc";

export type FixTarget =
  | { to: "service"; id: number }
  | { to: "newService" }
  | { to: "runbook"; id: number }
  | { to: "safety" }
  | { to: "contacts"; id?: number }
  | { to: "review" }
  | { to: "team"; roleId?: number; owner?: boolean }
  | { to: "useInstead"; placeholderId: number; contactId: number }
  | { to: "drillAction"; id: number };

/** The day a drill was run, short ("5 Dec"). */
function drillDay(iso: string): string {
  return dateTimeFormat(i18n.locale, { day: "numeric", month: "short" }).format(new Date(iso));
}

export function findingText(finding: Finding): string {
  const t = i18n.t.findings;
  switch (finding.kind) {
    case "noServices":
      return t.noServices;
    case "noWorkaround":
      return t.noWorkaround(finding.service);
    case "noContactToCall":
      return t.noContactToCall(finding.service);
    case "sharedDependency":
      return t.sharedDependency(finding.service, finding.workaround, finding.contact);
    case "noAccountNumber":
      return t.noAccountNumber(finding.contact);
    case "useInstead":
      return t.useInstead(finding.contact, finding.services, finding.placeholder);
    case "noPhone":
      return t.noPhone(finding.count);
    case "noEmergencyNumber":
      return t.noEmergencyNumber;
    case "noSafetyChecklist":
      return t.noSafetyChecklist;
    case "noAssemblyPoint":
      return t.noAssemblyPoint;
    case "noCallTree":
      return t.noCallTree;
    case "emptyRunbook":
      return t.emptyRunbook(finding.runbook);
    case "noRoles":
      return t.noRoles;
    case "roleNobody":
      return t.roleNobody(finding.role);
    case "roleNoStandIn":
      return t.roleNoStandIn(finding.role, finding.person);
    case "teamPersonNoPhone":
      return t.teamPersonNoPhone(finding.person);
    case "roleNamesGone":
      return t.roleNamesGone(finding.role, finding.names);
    case "noOwnerPhone":
      return t.noOwnerPhone;
    case "neverReviewed":
      return t.neverReviewed;
    case "reviewDue":
      return t.reviewDue(formatDate(finding.reviewedAt));
    case "drillAction":
      return finding.drillStartedAt
        ? i18n.t.drillActions.finding(drillDay(finding.drillStartedAt), finding.text)
        : i18n.t.drillActions.findingUndated(finding.text);
  }
}

export function fixTarget(finding: Finding): FixTarget {
  switch (finding.kind) {
    case "noWorkaround":
    case "noContactToCall":
    case "sharedDependency":
      return { to: "service", id: finding.serviceId };
    case "noServices":
      return { to: "newService" };
    case "emptyRunbook":
      return { to: "runbook", id: finding.runbookId };
    case "noSafetyChecklist":
    case "noAssemblyPoint":
    case "noCallTree":
      return { to: "safety" };
    case "noAccountNumber":
      return { to: "contacts", id: finding.contactId };
    case "useInstead":
      return {
        to: "useInstead",
        placeholderId: finding.placeholderId,
        contactId: finding.contactId,
      };
    case "noPhone":
    case "noEmergencyNumber":
      return { to: "contacts" };
    case "noRoles":
      return { to: "team" };
    case "roleNobody":
    case "roleNoStandIn":
    case "roleNamesGone":
      return { to: "team", roleId: finding.roleId };
    case "noOwnerPhone":
      return { to: "team", owner: true };
    case "teamPersonNoPhone":
      return { to: "contacts", id: finding.contactId };
    case "neverReviewed":
    case "reviewDue":
      return { to: "review" };
    case "drillAction":
      // A number that did not work is fixed on its contact; the rest where the actions are.
      return finding.contactId !== null
        ? { to: "contacts", id: finding.contactId }
        : { to: "drillAction", id: finding.actionId };
  }
}
