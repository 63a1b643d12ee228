/**
 * `set -x`: each simple command is printed to stderr after expansion, prefixed by `$PS4`, with
 * words quoted the way busybox ash's `maybe_single_quote` does.
 *
 * @module
 */
import type { ExpandedAssign } from "./assign.ts";
import type { Shell } from "./shell.ts";

const KEYWORDS = new Set([
  "!",
  "case",
  "do",
  "done",
  "elif",
  "else",
  "esac",
  "fi",
  "for",
  "if",
  "in",
  "then",
  "until",
  "while",
  "{",
  "}",
]);

/** ash quotes a word unless it is made of `+,-./0-9:@A-Z]^_a-z` only (and is not a keyword). */
export function traceQuote(word: string): string {
  let safe = word !== "" && !KEYWORDS.has(word);
  for (let i = 0; safe && i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (
      c < 0x2b || (c >= 0x3b && c <= 0x3f) || c === 0x60 || c === 0x5b || c === 0x5c || c > 0x7a
    ) {
      safe = false;
    }
  }
  return safe ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}

function assignText(a: ExpandedAssign): string {
  if (a.array) return `${a.name}=(${a.array.values.map(traceQuote).join(" ")})`;
  return `${a.name}${a.append ? "+" : ""}=${traceQuote(a.value)}`;
}

/** Prints one traced command line, assignments first. */
export async function trace(sh: Shell, words: string[], assigns: ExpandedAssign[] = []) {
  const line = [...assigns.map(assignText), ...words.map(traceQuote)].join(" ");
  const ps4 = sh.vars.value("PS4") ?? "+ ";
  await sh.output(2).write(`${ps4}${line}\n`).catch(() => {});
}
