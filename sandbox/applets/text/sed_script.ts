/**
 * Parses a sed script into commands, as busybox's editors/sed.c reads it: addresses (N, $,
 * /re/, \cREc, addr,+N, 0,/re/), `!`, blocks, labels, and the text arguments of a, i, c, which
 * may follow on the next line after a backslash or, as a GNU extension, on the same line.
 *
 * @module
 */
import { die } from "../common/errors.ts";
import { compilePosix, RegexSyntaxError } from "../common/regex.ts";

export type Address =
  | { kind: "line"; line: number }
  | { kind: "last" }
  | { kind: "regex"; regex: RegExp | null }
  | { kind: "relative"; count: number };

export interface Command {
  name: string;
  a1?: Address;
  a2?: Address;
  negate: boolean;
  /** Range state: true while inside addr1,addr2. */
  active?: boolean;
  rangeEnd?: number;
  text?: string;
  label?: string;
  /** Index of the matching "}" for "{", or the jump target for b/t/T. */
  jump?: number;
  regex?: RegExp | null;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  writeFile?: string;
  from?: string;
  to?: string;
  exitCode?: number;
}

export interface ParseOptions {
  extended: boolean;
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  peek(): string {
    return this.text[this.pos] ?? "";
  }
  skipSpace() {
    while (/[ \t]/.test(this.peek())) this.pos++;
  }
  atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}

function compile(pattern: string, extended: boolean, flags: string): RegExp | null {
  if (pattern === "") return null; // the empty regex reuses the last one at run time
  try {
    return compilePosix(pattern, extended, flags);
  } catch (error) {
    if (error instanceof RegexSyntaxError) die(`bad regex '${pattern}': ${error.message}`);
    throw error;
  }
}

/** Reads up to the unescaped delimiter; `\delim` becomes delim, `\n` a newline in regex parts. */
function delimited(c: Cursor, delim: string, isRegex: boolean): string {
  let out = "";
  while (!c.atEnd()) {
    const ch = c.text[c.pos];
    if (ch === "\\" && c.pos + 1 < c.text.length) {
      const next = c.text[c.pos + 1];
      c.pos += 2;
      if (next === delim) out += delim === "&" && !isRegex ? "\\&" : delim;
      else if (next === "n" && isRegex) out += "\n";
      else if (next === "\n") out += isRegex ? "\n" : "\\\n";
      else out += "\\" + next;
      continue;
    }
    if (ch === "[" && isRegex) {
      // A bracket expression may contain the delimiter unescaped.
      let j = c.pos + 1;
      if (c.text[j] === "^") j++;
      if (c.text[j] === "]") j++;
      while (j < c.text.length && c.text[j] !== "]") {
        if (c.text[j] === "[" && c.text[j + 1] === ":") {
          const end = c.text.indexOf(":]", j + 2);
          j = end < 0 ? j + 1 : end + 2;
        } else j++;
      }
      if (j < c.text.length) {
        out += c.text.slice(c.pos, j + 1);
        c.pos = j + 1;
        continue;
      }
    }
    if (ch === delim) {
      c.pos++;
      return out;
    }
    out += ch;
    c.pos++;
  }
  die(`unmatched '${delim}'`);
}

function address(c: Cursor, o: ParseOptions): Address | undefined {
  const ch = c.peek();
  if (/\d/.test(ch)) {
    const m = /^\d+/.exec(c.text.slice(c.pos))!;
    c.pos += m[0].length;
    if (c.peek() === "~") die("unsupported command ~");
    return { kind: "line", line: Number(m[0]) };
  }
  if (ch === "$") {
    c.pos++;
    return { kind: "last" };
  }
  if (ch === "/" || ch === "\\") {
    let delim = "/";
    if (ch === "\\") {
      delim = c.text[c.pos + 1];
      c.pos++;
    }
    c.pos++;
    const pattern = delimited(c, delim, true);
    let flags = "";
    while (c.peek() === "I") {
      flags += "i";
      c.pos++;
    }
    return { kind: "regex", regex: compile(pattern, o.extended, flags) };
  }
  return undefined;
}

/** Text for a/i/c: "a\<newline>text", "a\text" or "a text" (leading blanks dropped). */
function textArgument(c: Cursor): string {
  c.skipSpace();
  if (c.peek() === "\\") {
    c.pos++;
    if (c.peek() === "\n") c.pos++;
  }
  let out = "";
  while (!c.atEnd()) {
    const ch = c.text[c.pos];
    if (ch === "\\") {
      const next = c.text[c.pos + 1];
      c.pos += 2;
      if (next === undefined) break;
      out += next === "\n" ? "\n" : next === "t" ? "\t" : next;
      continue;
    }
    if (ch === "\n") {
      c.pos++;
      break;
    }
    out += ch;
    c.pos++;
  }
  return out;
}

function readLabel(c: Cursor): string {
  c.skipSpace();
  const m = /^[^;\n}]*/.exec(c.text.slice(c.pos))!;
  c.pos += m[0].length;
  return m[0].trim();
}

function readFilename(c: Cursor): string {
  c.skipSpace();
  const m = /^[^\n]*/.exec(c.text.slice(c.pos))!;
  c.pos += m[0].length;
  return m[0];
}

/** Parses a whole script (all -e/-f parts joined with newlines). */
export function parseScript(script: string, o: ParseOptions): Command[] {
  const c = new Cursor(script);
  const commands: Command[] = [];
  const blocks: number[] = [];
  while (true) {
    while (/[\s;]/.test(c.peek()) && !c.atEnd()) c.pos++;
    if (c.atEnd()) break;
    if (c.peek() === "#") {
      while (!c.atEnd() && c.peek() !== "\n") c.pos++;
      continue;
    }
    const cmd: Command = { name: "", negate: false };
    cmd.a1 = address(c, o);
    if (cmd.a1) {
      c.skipSpace();
      if (c.peek() === ",") {
        c.pos++;
        c.skipSpace();
        if (c.peek() === "+") {
          c.pos++;
          const m = /^\d+/.exec(c.text.slice(c.pos));
          if (!m) die("expected newer version of sed");
          c.pos += m[0].length;
          cmd.a2 = { kind: "relative", count: Number(m[0]) };
        } else {
          cmd.a2 = address(c, o);
          if (!cmd.a2) die("unexpected ','");
        }
      }
    }
    c.skipSpace();
    while (c.peek() === "!") {
      cmd.negate = true;
      c.pos++;
      c.skipSpace();
    }
    const name = c.peek();
    c.pos++;
    cmd.name = name;
    switch (name) {
      case "{":
        blocks.push(commands.length);
        break;
      case "}":
        if (blocks.length === 0) die("unexpected '}'");
        commands[blocks.pop()!].jump = commands.length;
        break;
      case "a":
      case "i":
      case "c":
        cmd.text = textArgument(c);
        break;
      case ":": {
        if (cmd.a1) die(": doesn't want any addresses");
        const label = readLabel(c);
        if (!label) die('":" lacks a label');
        cmd.label = label;
        break;
      }
      case "b":
      case "t":
      case "T":
        cmd.label = readLabel(c);
        break;
      case "r":
      case "R":
      case "w":
      case "W":
        cmd.writeFile = readFilename(c);
        break;
      case "q":
      case "Q": {
        c.skipSpace();
        const m = /^\d+/.exec(c.text.slice(c.pos));
        if (m) {
          c.pos += m[0].length;
          cmd.exitCode = Number(m[0]);
        }
        break;
      }
      case "s": {
        const delim = c.peek();
        if (!delim || delim === "\n" || delim === "\\") die("unterminated `s' command");
        c.pos++;
        const pattern = delimited(c, delim, true);
        cmd.replacement = delimited(c, delim, false);
        let flags = "";
        for (;;) {
          const f = c.peek();
          if (f === "g") cmd.global = true;
          else if (f === "p") cmd.print = true;
          else if (f === "i" || f === "I") flags += "i";
          else if (f === "m" || f === "M") flags += "m";
          else if (/\d/.test(f)) {
            const m = /^\d+/.exec(c.text.slice(c.pos))!;
            cmd.occurrence = Number(m[0]);
            c.pos += m[0].length - 1;
          } else if (f === "w") {
            c.pos++;
            cmd.writeFile = readFilename(c);
            break;
          } else {
            if (f !== "" && !/[\s;}#]/.test(f)) die("bad option in substitution expression");
            break;
          }
          c.pos++;
        }
        cmd.regex = compile(pattern, o.extended, flags);
        break;
      }
      case "y": {
        const delim = c.peek();
        c.pos++;
        const unescape = (s: string) =>
          s.replace(/\\(.)/gs, (_, x) => (x === "n" ? "\n" : x === "\\" ? "\\" : "\\" + x));
        cmd.from = unescape(delimited(c, delim, false));
        cmd.to = unescape(delimited(c, delim, false));
        if (cmd.from.length !== cmd.to.length) die("strings for y command are different lengths");
        break;
      }
      case "=":
      case "d":
      case "D":
      case "g":
      case "G":
      case "h":
      case "H":
      case "l":
      case "n":
      case "N":
      case "p":
      case "P":
      case "x":
      case "z":
        break;
      default:
        die(`unsupported command ${name}`);
    }
    commands.push(cmd);
    c.skipSpace();
    if (!/[;\n}#]/.test(c.peek()) && !c.atEnd() && "aic:btTrRwW{}".indexOf(name) < 0) {
      die(`extra characters after command`);
    }
  }
  if (blocks.length > 0) die("unmatched '{'");
  for (const cmd of commands) {
    if ((cmd.name === "b" || cmd.name === "t" || cmd.name === "T")) {
      if (!cmd.label) cmd.jump = commands.length;
      else {
        const target = commands.findIndex((x) => x.name === ":" && x.label === cmd.label);
        if (target < 0) die(`can't find label for jump to '${cmd.label}'`);
        cmd.jump = target;
      }
    }
  }
  return commands;
}
