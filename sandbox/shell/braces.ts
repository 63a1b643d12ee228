/**
 * bash brace expansion: `a{b,c}d` → `abd acd`, `{1..5}`, `{01..10..3}`, `{a..e}`. The parser
 * marks the braces (mvdan-sh's SplitBraces, only when the shell runs as bash); this turns one
 * word into several before any other expansion, as bash does.
 *
 * @module
 */
import type { Node, Word } from "./ast.ts";

/** Whether a word has brace expansions to perform. */
export function hasBraces(word: Word): boolean {
  return word.Parts.some((p) => p.type === "BraceExp");
}

/** The words a word with braces expands to, left to right. */
export function expandBraces(word: Word): Word[] {
  let results: Node[][] = [[]];
  for (const part of word.Parts) {
    if (part.type !== "BraceExp") {
      results = results.map((parts) => [...parts, part]);
      continue;
    }
    const alternatives: Word[] = part.Sequence
      ? sequence(part.Elems)
      : (part.Elems as Word[]).flatMap((e) => hasBraces(e) ? expandBraces(e) : [e]);
    const next: Node[][] = [];
    for (const parts of results) {
      for (const alt of alternatives) next.push([...parts, ...alt.Parts]);
    }
    results = next;
  }
  return results.map((parts) => ({ type: "Word", Parts: parts }));
}

function literalOf(word: Word): string {
  return word.Parts.map((p) => p.type === "Lit" ? p.Value : "").join("");
}

function lit(text: string): Word {
  return { type: "Word", Parts: [{ type: "Lit", Value: text }] };
}

/** `{x..y[..step]}` over integers (zero-padded when an end is) or single letters. */
function sequence(elems: Word[]): Word[] {
  const [from, to, by] = elems.map(literalOf);
  const step = Math.abs(Number(by ?? "1")) || 1;
  const integer = /^-?[0-9]+$/;
  if (integer.test(from) && integer.test(to)) {
    const a = Number(from);
    const b = Number(to);
    const padded = /^-?0[0-9]/.test(from) || /^-?0[0-9]/.test(to);
    const width = padded ? Math.max(from.length, to.length) : 0;
    const out: Word[] = [];
    for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) {
      const digits = String(Math.abs(n)).padStart(width - (n < 0 ? 1 : 0), "0");
      out.push(lit((n < 0 ? "-" : "") + digits));
    }
    return out;
  }
  if (from.length === 1 && to.length === 1) {
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    const out: Word[] = [];
    for (let c = a; a <= b ? c <= b : c >= b; c += a <= b ? step : -step) {
      out.push(lit(String.fromCharCode(c)));
    }
    return out;
  }
  // Not a valid sequence: bash leaves the text as it was written.
  return [lit(`{${[from, to, ...(by ? [by] : [])].join("..")}}`)];
}
