/**
 * sed's text operations: `s` replacement expansion and substitution (with busybox's empty-match
 * rule and occurrence numbers), and the `l` command's unambiguous listing.
 *
 * @module
 */
import type { Command } from "./sed_script.ts";

/** Expands a replacement: & is the match, \1..\9 groups, \n newline, \X a literal X. */
export function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === "&") out += match[0];
    else if (ch === "\\" && i + 1 < replacement.length) {
      const next = replacement[++i];
      if (/[0-9]/.test(next)) out += match[Number(next)] ?? "";
      else if (next === "n") out += "\n";
      else if (next === "t") out += "\t";
      else out += next;
    } else out += ch;
  }
  return out;
}

/** Substitutes like sed: no empty match right after a previous match. */
export function substitute(text: string, regex: RegExp, cmd: Command): string | undefined {
  const re = new RegExp(regex.source, regex.flags.includes("g") ? regex.flags : regex.flags + "g");
  let out = "";
  let last = 0;
  let count = 0;
  let changed = false;
  let prevEnd = -1;
  // busybox ignores the occurrence number when g is given too ("s/a/b/2g" replaces all).
  const wanted = cmd.global ? 1 : cmd.occurrence ?? 1;
  for (let pos = 0; pos <= text.length;) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    if (m[0] === "" && m.index === prevEnd) {
      if (m.index >= text.length) break;
      pos = m.index + 1;
      continue;
    }
    count++;
    const end = m.index + m[0].length;
    if (count >= wanted) {
      out += text.slice(last, m.index) + expandReplacement(cmd.replacement!, m);
      last = end;
      changed = true;
      if (!cmd.global) break;
    }
    prevEnd = end;
    pos = m[0] === "" ? end + 1 : end;
    if (m[0] === "" && m.index < text.length && count >= wanted) {
      out += text[m.index];
      last = m.index + 1;
    }
  }
  if (!changed) return undefined;
  return out + text.slice(last);
}

/** `l` output: C escapes, octal for other unprintables, lines folded at 69 chars + "\". */
export function listLine(text: string): string {
  const escapes: Record<string, string> = {
    "\\": "\\\\",
    "\x07": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
  };
  let out = "";
  let width = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    const piece = escapes[ch] ?? (c < 32 || c >= 127 ? "\\" + c.toString(8).padStart(3, "0") : ch);
    if (width + piece.length > 69) {
      out += "\\\n";
      width = 0;
    }
    out += piece;
    width += piece.length;
  }
  return out + "$\n";
}
