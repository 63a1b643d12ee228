/**
 * Shell pattern matching (`case`, `[[ == ]]`, `${x#pat}`, pathname globs). A pattern is a string
 * in which a backslash quotes the next character; expansion produces it by escaping the quoted
 * parts of a word. Patterns compile to anchored RegExps, cached.
 *
 * @module
 */

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  cntrl: "\\x00-\\x1f\\x7f",
  print: "\\x20-\\x7e",
  graph: "\\x21-\\x7e",
  word: "a-zA-Z0-9_",
};

const cache = new Map<string, RegExp>();

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|\/-]/.test(c) ? "\\" + c : c;
}

/** The RegExp source for a pattern; `*` and `?` also match `/` (callers glob per component). */
export function patternSource(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const ext = "?*+@!".includes(c) && pattern[i + 1] === "(" ? extglob(pattern, i) : undefined;
    if (ext) {
      out += ext.source;
      i = ext.end;
    } else if (c === "\\") {
      i++;
      out += i < pattern.length ? escapeRegExp(pattern[i]) : "\\\\";
    } else if (c === "*") {
      out += "[^]*";
    } else if (c === "?") {
      out += "[^]";
    } else if (c === "[") {
      const bracket = bracketSource(pattern, i);
      if (bracket) {
        out += bracket.source;
        i = bracket.end;
      } else {
        out += "\\[";
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

/**
 * bash's extended globs `?(a|b)`, `*(…)`, `+(…)`, `@(…)`, `!(…)` starting at `start`; undefined
 * when no `)` closes the group (then the characters are ordinary).
 */
function extglob(pattern: string, start: number): { source: string; end: number } | undefined {
  const alternatives: string[] = [];
  let depth = 0;
  let from = start + 2;
  for (let i = from; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
    } else if (c === "(") {
      depth++;
    } else if (c === "|" && depth === 0) {
      alternatives.push(pattern.slice(from, i));
      from = i + 1;
    } else if (c === ")") {
      if (depth > 0) {
        depth--;
        continue;
      }
      alternatives.push(pattern.slice(from, i));
      const group = `(?:${alternatives.map(patternSource).join("|")})`;
      const op = pattern[start];
      const source = op === "?"
        ? `${group}?`
        : op === "*"
        ? `${group}*`
        : op === "+"
        ? `${group}+`
        : op === "@"
        ? group
        : `(?:(?!${group}$)[^]*)`;
      return { source, end: i };
    }
  }
  return undefined;
}

function bracketSource(pattern: string, start: number): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === "!" || pattern[i] === "^") {
    negate = true;
    i++;
  }
  let body = "";
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "]" && !first) return { source: `[${negate ? "^" : ""}${body}]`, end: i };
    first = false;
    if (c === "[" && pattern[i + 1] === ":") {
      const close = pattern.indexOf(":]", i + 2);
      if (close > 0) {
        const cls = CLASSES[pattern.slice(i + 2, close)];
        if (cls) {
          body += cls;
          i = close + 1;
          continue;
        }
      }
    }
    if (c === "\\" && i + 1 < pattern.length) {
      i++;
      body += "\\" + pattern[i];
    } else if (c === "-" && body !== "" && pattern[i + 1] !== "]") {
      body += "-";
    } else {
      body += /[\\\]^\-[]/.test(c) ? "\\" + c : c;
    }
  }
  return null;
}

/** Whether the whole of `text` matches `pattern`. */
export function matchPattern(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${patternSource(pattern)})$`);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(text);
}

/** Whether the pattern has an unquoted `*`, `?` or `[`, i.e. globbing could change it. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?") return true;
    else if (
      (c === "+" || c === "@" || c === "!") && pattern[i + 1] === "(" && extglob(pattern, i)
    ) {
      return true;
    } // A `[` only starts a bracket expression when a `]` closes it: `[ -n x ]`'s `[` is literal.
    else if (c === "[" && bracketSource(pattern, i)) return true;
  }
  return false;
}

/** Removes the quoting backslashes from a pattern, giving the literal text. */
export function unescapePattern(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "\\" && i + 1 < pattern.length) i++;
    out += pattern[i];
  }
  return out;
}

/** Quotes every pattern character of a literal string. */
export function escapePattern(text: string): string {
  let out = "";
  for (const c of text) out += c === "\\" || c === "*" || c === "?" || c === "[" ? "\\" + c : c;
  return out;
}
