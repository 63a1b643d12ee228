/**
 * POSIX regular expressions (BRE and ERE, with the GNU extensions glibc's regcomp accepts and
 * busybox therefore has: `\|`, `\+`, `\?`, `\<`, `\>`, `\w`, `\s`, `\b`) translated to JS RegExp
 * source. Input is a binary string (one char per byte); `.` matches any byte, newline included,
 * as in regcomp without REG_NEWLINE. Leftmost-longest alternation is not reproduced: JS takes the
 * first alternative that matches.
 *
 * @module
 */

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "0-9a-zA-Z",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\v\\f\\r",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "0-9a-zA-Z_",
};

export class RegexSyntaxError extends Error {}

/** Escapes one literal char for JS regex source. */
function literal(ch: string): string {
  return /[\\^$.*+?()[\]{}|\/]/.test(ch) ? "\\" + ch : ch;
}

/** Translates a bracket expression starting at `pattern[start] === "["`; returns [source, end]. */
function bracket(pattern: string, start: number): [string, number] {
  let i = start + 1;
  let out = "[";
  if (pattern[i] === "^") {
    out += "^";
    i++;
  }
  let first = true;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "]" && !first) return [out + "]", i + 1];
    first = false;
    if (
      ch === "[" && (pattern[i + 1] === ":" || pattern[i + 1] === "=" || pattern[i + 1] === ".")
    ) {
      const kind = pattern[i + 1];
      const close = pattern.indexOf(kind + "]", i + 2);
      if (close < 0) throw new RegexSyntaxError("Unmatched [, [^, [:, [., or [=");
      const name = pattern.slice(i + 2, close);
      if (kind === ":") {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexSyntaxError("Invalid character class name");
        out += cls;
      } else out += name.replace(/[\\\][^-]/g, "\\$&");
      i = close + 2;
      continue;
    }
    if (ch === "-") {
      const atEdge = out.endsWith("[") || out.endsWith("[^") || pattern[i + 1] === "]";
      out += atEdge ? "\\-" : "-";
      i++;
      continue;
    }
    out += ch === "\\" || ch === "]" || ch === "[" || ch === "^" ? "\\" + ch : ch;
    i++;
  }
  throw new RegexSyntaxError("Unmatched [, [^, [:, [., or [=");
}

/** Reads a `{m,n}` interval body at `pattern[i]` (after the opening brace); returns [source, end]. */
function interval(pattern: string, i: number, closing: string): [string, number] | undefined {
  const rest = pattern.slice(i);
  const m = /^(\d*)(,?)(\d*)/.exec(rest)!;
  const after = i + m[0].length;
  if (!pattern.startsWith(closing, after) || (m[1] === "" && m[3] === "" && m[2] === "")) {
    return undefined;
  }
  const min = m[1] === "" ? "0" : m[1];
  return [`{${min}${m[2]}${m[3]}}`, after + closing.length];
}

/** Translates a POSIX regex to JS source. `extended` selects ERE (grep -E, sed -E, awk). */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = "";
  let groups = 0;
  const open: number[] = [];
  // Where a `*` is literal (start of the expression or of a group/alternative) in a BRE.
  let atStart = true;
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    const wasStart = atStart;
    atStart = false;
    if (ch === "[") {
      const [source, end] = bracket(pattern, i);
      out += source;
      i = end;
      continue;
    }
    if (ch === "\\") {
      const next = pattern[i + 1];
      i += 2;
      if (next === undefined) throw new RegexSyntaxError("Trailing backslash");
      if (!extended && next === "(") {
        groups++;
        open.push(groups);
        out += "(";
        atStart = true;
      } else if (!extended && next === ")") {
        if (open.pop() === undefined) throw new RegexSyntaxError("Unmatched ) or \\)");
        out += ")";
      } else if (!extended && next === "|") {
        out += "|";
        atStart = true;
      } else if (!extended && (next === "+" || next === "?")) {
        out += wasStart ? "\\" + next : next;
      } else if (!extended && next === "{") {
        const iv = interval(pattern, i, "\\}");
        if (!iv) throw new RegexSyntaxError("Invalid preceding regular expression");
        out += iv[0];
        i = iv[1];
      } else if (next === "<") out += "\\b(?=\\w)";
      else if (next === ">") out += "\\b(?<=\\w)";
      else if (/[1-9]/.test(next)) {
        // Like regcomp: a back reference needs a group that has already closed or opened.
        if (Number(next) > groups) throw new RegexSyntaxError("Invalid back reference");
        out += "\\" + next;
      } else if ("wWsSbB".includes(next)) out += "\\" + next;
      else if (next === "n") out += "\\n";
      else if (next === "t") out += "\\t";
      else out += literal(next);
      continue;
    }
    if (extended) {
      if (ch === "(") {
        groups++;
        open.push(groups);
        out += "(";
        atStart = true;
      } else if (ch === ")") {
        if (open.pop() === undefined) out += "\\)";
        else out += ")";
      } else if (ch === "|") {
        out += "|";
        atStart = true;
      } else if (ch === "{") {
        const iv = interval(pattern, i + 1, "}");
        if (iv && !wasStart) {
          out += iv[0];
          i = iv[1];
          continue;
        }
        out += "\\{";
      } else if ((ch === "*" || ch === "+" || ch === "?") && wasStart) out += "\\" + ch;
      else if (ch === "^") {
        out += "^";
        atStart = true;
      } else if (ch === ".") out += ".";
      else if (ch === "}" || ch === "/") out += "\\" + ch;
      else out += ch;
      i++;
      continue;
    }
    if (ch === "*") out += wasStart ? "\\*" : "*";
    else if (ch === ".") out += ".";
    else if (ch === "^") {
      if (wasStart) {
        out += "^";
        atStart = true;
      } else out += "\\^";
    } else if (ch === "$") {
      const rest = pattern.slice(i + 1);
      out += rest === "" || rest.startsWith("\\)") || rest.startsWith("\\|") ? "$" : "\\$";
    } else out += literal(ch);
    i++;
  }
  if (open.length > 0) throw new RegexSyntaxError("Unmatched ( or \\(");
  return out;
}

/** Compiles a POSIX regex; `flags` are JS flags ("i", "g"). Dot matches newline ("s"). */
export function compilePosix(pattern: string, extended: boolean, flags = ""): RegExp {
  const source = posixToJs(pattern, extended);
  try {
    return new RegExp(source, flags + "s");
  } catch (error) {
    throw new RegexSyntaxError(error instanceof Error ? error.message : String(error));
  }
}
