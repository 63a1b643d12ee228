/**
 * fnmatch(3) glob patterns for `find -name/-path`: `*`, `?`, bracket expressions with `!`/`^`
 * negation and POSIX classes, and backslash escapes. `*` matches "/" too (no FNM_PATHNAME), as
 * find uses it.
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
  xdigit: "0-9A-Fa-f",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
};

/** Translates a glob into an anchored RegExp. */
export function globToRegExp(pattern: string, ignoreCase = false): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") source += "[^]*";
    else if (ch === "?") source += "[^]";
    else if (ch === "\\" && i + 1 < pattern.length) {
      source += pattern[++i].replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&");
    } else if (ch === "[") {
      let j = i + 1;
      let body = "";
      if (pattern[j] === "!" || pattern[j] === "^") {
        body += "^";
        j++;
      }
      if (pattern[j] === "]") {
        body += "\\]";
        j++;
      }
      let closed = false;
      while (j < pattern.length) {
        const c = pattern[j];
        if (c === "]") {
          closed = true;
          break;
        }
        if (c === "[" && pattern[j + 1] === ":") {
          const end = pattern.indexOf(":]", j + 2);
          if (end > 0 && CLASSES[pattern.slice(j + 2, end)]) {
            body += CLASSES[pattern.slice(j + 2, end)];
            j = end + 2;
            continue;
          }
        }
        if (c === "\\" && j + 1 < pattern.length) {
          body += "\\" + pattern[j + 1];
          j += 2;
          continue;
        }
        body += c === "^" || c === "[" ? "\\" + c : c;
        j++;
      }
      if (!closed) source += "\\[";
      else {
        source += `[${body}]`;
        i = j;
      }
    } else source += ch.replace(/[.+^${}()|\/\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
}
