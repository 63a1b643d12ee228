/**
 * Backslash escapes as busybox's bb_process_escape_sequence reads them, shared by `echo -e`,
 * `printf` formats and `printf %b`.
 *
 * @module
 */

const SIMPLE: Record<string, string> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/** The result of expanding escapes; `stop` is set when `\c` cut the output short. */
export interface Expanded {
  text: string;
  stop: boolean;
}

/**
 * Expands escapes in `text`. `octalNeedsZero` selects echo/%b style (`\0NNN`) over printf-format
 * style (`\NNN`); both forms accept `\xHH`.
 */
export function expandEscapes(text: string, octalNeedsZero: boolean): Expanded {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "\\" || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === "c") return { text: out, stop: true };
    if (SIMPLE[next] !== undefined) {
      out += SIMPLE[next];
      i++;
      continue;
    }
    if (next === "x" && /[0-9a-fA-F]/.test(text[i + 2] ?? "")) {
      let digits = "";
      let j = i + 2;
      while (digits.length < 2 && /[0-9a-fA-F]/.test(text[j] ?? "")) digits += text[j++];
      out += String.fromCharCode(parseInt(digits, 16));
      i = j - 1;
      continue;
    }
    if (/[0-7]/.test(next)) {
      // echo and %b read "\0NNN" as well as "\NNN"; a printf format only "\NNN".
      let j = octalNeedsZero && next === "0" ? i + 2 : i + 1;
      let digits = "";
      while (digits.length < 3 && /[0-7]/.test(text[j] ?? "")) digits += text[j++];
      out += String.fromCharCode(parseInt(digits || "0", 8) & 0xff);
      i = j - 1;
      continue;
    }
    out += "\\" + next;
    i++;
  }
  return { text: out, stop: false };
}
