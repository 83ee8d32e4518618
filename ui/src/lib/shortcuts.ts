// The keyboard shortcuts of the whole window: one list, read by the key handler and shown in
// the help panel (F1 or ?), so the two cannot disagree.

export type ShortcutAction =
  | "somethingDown"
  | "newContact"
  | "searchContacts"
  | "print"
  | "help"
  | "textLarger"
  | "textSmaller"
  | "textNormal";

export type Shortcut = {
  action: ShortcutAction;
  /** The keys as shown, one way of pressing them per entry. */
  keys: string[];
  /** Whether it also works while typing in a field. */
  whileTyping: boolean;
};

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "somethingDown", keys: ["Ctrl+Shift+D"], whileTyping: true },
  { action: "newContact", keys: ["Ctrl+N"], whileTyping: false },
  { action: "searchContacts", keys: ["Ctrl+F"], whileTyping: false },
  { action: "print", keys: ["Ctrl+P"], whileTyping: false },
  { action: "textLarger", keys: ["Ctrl++"], whileTyping: true },
  { action: "textSmaller", keys: ["Ctrl+−"], whileTyping: true },
  { action: "textNormal", keys: ["Ctrl+0"], whileTyping: true },
  { action: "help", keys: ["F1", "?"], whileTyping: false },
];

/** Whether the owner is typing: keys then belong to the field, not to shortcuts. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

/** The action `event` asks for, if any. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  const typing = typingIn(event.target);
  const key = event.key.toLowerCase();
  const ctrl = event.ctrlKey && !event.altKey && !event.metaKey;
  let action: ShortcutAction | null = null;
  if (ctrl && event.shiftKey && key === "d") action = "somethingDown";
  else if (ctrl && !event.shiftKey && key === "n") action = "newContact";
  else if (ctrl && !event.shiftKey && key === "f") action = "searchContacts";
  else if (ctrl && !event.shiftKey && key === "p") action = "print";
  else if (ctrl && (key === "+" || key === "=")) action = "textLarger";
  else if (ctrl && (key === "-" || key === "_")) action = "textSmaller";
  else if (ctrl && key === "0") action = "textNormal";
  else if (key === "f1" || (key === "?" && !event.ctrlKey && !event.altKey)) action = "help";
  if (action === null) return null;
  const shortcut = SHORTCUTS.find((s) => s.action === action);
  return shortcut && (shortcut.whileTyping || !typing || key === "f1") ? action : null;
}
