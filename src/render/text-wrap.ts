// Text fitted to a width for a terminal: prose broken between words, table headers onto a few lines.
// Widths are counted in code points: every character this tool prints (ASCII, box drawing, ±, █, ░) is one
// column wide.

/** The columns a line takes on a terminal: its characters, without colour codes. */
export function displayWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

/**
 * `text` broken between words into lines of at most `width` columns, the first starting with `first` and
 * the rest with `rest` (a hanging indent); a word longer than a line keeps a line of its own, unbroken (a
 * URL or a command must stay whole to be copied). Without a width, one line.
 */
export function wrapWords(text: string, width: number | undefined, first = '', rest = first): string[] {
  if (width === undefined) return [`${first}${text}`];
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ').filter((part) => part !== '')) {
    if (!empty && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * A table header on as few lines as keep it within `width` columns, broken between words, and a long
 * dotted name (a plan path: endpoints.sdxl.workers.active) after a dot; never narrower than its longest part.
 */
export function wrapHeader(header: string, width: number): string[] {
  // Pieces with what joins each to the one before: a space between words, nothing inside a dotted name.
  const pieces: { text: string; joiner: string }[] = [];
  for (const word of header.split(' ').filter((part) => part !== '')) {
    const parts = displayWidth(word) <= width ? [word] : word.split(/(?<=\.)/);
    parts.forEach((text, i) => pieces.push({ text, joiner: i === 0 ? ' ' : '' }));
  }
  const lines: string[] = [];
  for (const { text, joiner } of pieces) {
    const last = lines.length - 1;
    const joined = last < 0 ? text : `${lines[last]}${joiner}${text}`;
    if (last >= 0 && displayWidth(joined) <= width) lines[last] = joined;
    else lines.push(text);
  }
  return lines;
}
