// Opening marks at the start, closing marks at the end. A trailing ’ is left out: it is as often an
// apostrophe ("the teachers’") as a closing single quote.
const OPENS_WITH_QUOTE = /^[“"‘«„‚]/;
const CLOSES_WITH_QUOTE = /[”"»]$/;

/**
 * A passage of the article in curly quotes, unless it already carries its own quotation marks
 * (a marked quotation such as “We’re living in dangerous times,” he said.): those are not doubled.
 */
export function quoted(text: string): string {
  const t = text.trim();
  return OPENS_WITH_QUOTE.test(t) || CLOSES_WITH_QUOTE.test(t) ? t : `“${t}”`;
}

export function QuotedText({ text }: { text: string }) {
  return <>{quoted(text)}</>;
}
