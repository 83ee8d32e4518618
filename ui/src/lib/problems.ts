// Field problems from the backend, in the owner's words, keyed by the field they belong to.
import { tick } from "svelte";
import { i18n } from "./i18n/index.svelte";
import { type FieldError, type FieldProblem, type FileProblem, toIpcError } from "./ipc";
import { label } from "./vocabulary";

export type FieldMessages = Record<string, string>;

export function problemText(problem: FieldProblem, field: string): string {
  const words = i18n.t.problems;
  switch (problem.kind) {
    case "required":
      if (field === "organisation") return words.nameOrPerson;
      if (field === "serviceIds") return words.nothingDown;
      return words.required;
    case "invalidPhone":
      return words.invalidPhone;
    case "notANumberIn":
      return words.notANumberIn(label("Country", problem.country));
    case "invalidEmail":
      return words.invalidEmail;
    case "invalidUrl":
      return words.invalidUrl;
    case "tooLong":
      return words.tooLong(problem.max);
    case "notPositive":
      return words.notPositive;
    case "notRecent":
      return words.notRecent;
    case "notAhead":
      return words.notAhead;
    case "tooLarge":
      return words.tooLarge(problem.max);
    case "unknown":
      return field === "body" || field === "subject" ? words.unknownPlaceholder : words.unknown;
    case "cycle":
      return words.cycle;
    case "unfilled":
      return words.unfilled;
  }
}

/**
 * The message for a multi-line field: its own, or the first of its lines' ("Line 4: Too
 * long") when the backend names a line (`steps.3`).
 */
export function listMessage(messages: FieldMessages, field: string): string | undefined {
  if (messages[field]) return messages[field];
  const line = Object.keys(messages).find((key) => key.startsWith(`${field}.`));
  if (!line) return undefined;
  const index = Number(line.split(".")[1]);
  return i18n.t.problems.onLine(index + 1, messages[line] ?? "");
}

export function fieldMessages(errors: FieldError[]): FieldMessages {
  const messages: FieldMessages = {};
  for (const { field, problem } of errors) {
    messages[field] ??= problemText(problem, field);
  }
  return messages;
}

/** The field messages of a refused save, or null when the backend failed for another reason. */
export function refusal(reason: unknown): FieldMessages | null {
  const error = toIpcError(reason);
  return error.code === "Validation" ? fieldMessages(error.fields) : null;
}

/**
 * Why a save failed, in the owner's words: the disk's own reason when it refused the write
 * (full, read-only, failing — each with what to do), else the general message.
 */
export function failureText(reason: unknown): string {
  return failureOr(reason, i18n.t.problems.unexpected);
}

/** As [`failureText`], with the screen's own words (`otherwise`) when the disk is not at
 * fault: "The backup could not be made." becomes "The disk is full…" when it is. */
export function failureOr(reason: unknown, otherwise: string): string {
  const words = i18n.t.problems;
  switch (toIpcError(reason).code) {
    case "DiskFull":
      return words.diskFull;
    case "ReadOnly":
      return words.readOnly;
    case "DiskError":
      return words.diskError;
    default:
      return otherwise;
  }
}

/** Once the messages are on screen, takes the owner to the first field to fix in `form`. */
export async function focusFirstInvalid(form: string): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>(`${form} [aria-invalid='true']`)?.focus();
}

/** What is wrong with a file the owner chose to import, with the line when there is one. */
export function fileProblemText(problem: FileProblem): string {
  const words = i18n.t.data.file;
  const reason = problem.reason;
  let text: string;
  switch (reason.kind) {
    case "badField": {
      const field = reason.field;
      const names = i18n.t.data.fieldNames;
      const what = (field.startsWith("phones.") ? names.phone : names[field]) ?? field;
      text = words.badField(what, problem.place, reason.value);
      return problem.line === null ? text : words.onLine(problem.line, text);
    }
    case "newerFormat":
      text = words.newerFormat;
      break;
    case "tooLarge":
      text = words.tooLarge;
      break;
    default:
      text = words[reason.kind];
  }
  if (problem.line !== null) return words.onLine(problem.line, text);
  if (problem.place && reason.kind !== "notJson") return words.at(problem.place, text);
  return text;
}

/** The message for a failed import or restore: the file's problem, or the general one. */
export function importFailure(reason: unknown): string {
  const error = toIpcError(reason);
  if (error.code === "BadFile" && error.file) {
    return `${fileProblemText(error.file)} ${i18n.t.data.file.nothingChanged}`;
  }
  return failureText(reason);
}
