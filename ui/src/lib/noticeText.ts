// A notice as the owner sends it, the same way the core writes it (`notices::whole_text`):
// an email's subject, a blank line, then its body, each part as it was checked.

export function wholeText(subject: string | null, body: string): string {
  const heading = subject?.trim();
  return heading ? `${heading}\n\n${body.trim()}` : body;
}
