/**
 * Quote removal rules that differ by context: inside double quotes a backslash quotes only a few
 * characters, and `$'...'` strings decode C-like escapes.
 *
 * @module
 */

/** Inside double quotes a backslash quotes only $ ` " \ and newline. */
export function dquoteLiteral(value: string): string {
  if (!value.includes("\\")) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\" && i + 1 < value.length) {
      const next = value[i + 1];
      if (next === "$" || next === "`" || next === '"' || next === "\\") {
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

const ANSI: Record<string, string> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/** Decodes the escapes of a $'...' string. */
export function ansiC(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== "\\" || i + 1 >= value.length) {
      out += c;
      continue;
    }
    const next = value[++i];
    if (ANSI[next] !== undefined) out += ANSI[next];
    else if (next === "x") {
      let hex = "";
      while (hex.length < 2 && /[0-9a-fA-F]/.test(value[i + 1] ?? "")) hex += value[++i];
      out += hex ? String.fromCharCode(parseInt(hex, 16)) : "\\x";
    } else if (next >= "0" && next <= "7") {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(value[i + 1] ?? "")) oct += value[++i];
      out += String.fromCharCode(parseInt(oct, 8) & 255);
    } else out += "\\" + next;
  }
  return out;
}
