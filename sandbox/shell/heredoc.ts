/**
 * Here-document bodies: with an unquoted delimiter the body is expanded (parameters, commands,
 * arithmetic; a backslash quotes only $ ` \ and newline), with a quoted one it is literal;
 * `<<-` strips leading tabs.
 *
 * @module
 */
import type { Word } from "./ast.ts";
import { partFragments } from "./expand.ts";
import type { Shell } from "./shell.ts";

/** Expands a here-document body: parameters, commands and arithmetic, but quotes stay. */
export async function expandHeredoc(sh: Shell, word: Word, stripTabs: boolean): Promise<string> {
  let out = "";
  let lineStart = true;
  for (const part of word.Parts) {
    if (part.type === "Lit") {
      let text = heredocLiteral(part.Value);
      if (stripTabs) text = stripLeadingTabs(text, lineStart);
      out += text;
      lineStart = text.endsWith("\n");
    } else {
      out += (await partFragments(sh, part, true)).map((f) => f.text).join("");
      lineStart = false;
    }
  }
  return out;
}

/** A quoted here-document delimiter means the body is taken literally. */
export function heredocQuoted(delimiter: Word | null): boolean {
  return !!delimiter?.Parts.some((p) => p.type !== "Lit" || (p.Value as string).includes("\\"));
}

export function stripLeadingTabs(text: string, atLineStart: boolean): string {
  return text.split("\n").map((line, i) => i > 0 || atLineStart ? line.replace(/^\t+/, "") : line)
    .join("\n");
}

function heredocLiteral(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\" && i + 1 < value.length) {
      const next = value[i + 1];
      if (next === "$" || next === "`" || next === "\\") {
        out += next;
        i++;
        continue;
      }
      if (next === "\n") {
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}
