/**
 * `.dockerignore` with moby's `patternmatcher` rules: Go `filepath.Match` syntax plus `**` for
 * any number of directories, `!` re-includes, the last matching pattern wins, and a path is
 * excluded when it or any of its parent directories matches.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";

interface Pattern {
  source: string;
  regex: RegExp;
  exclusion: boolean;
}

/** Go's `filepath.Clean` for relative slash paths. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/") || ".";
}

function compile(pattern: string): RegExp {
  let out = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        // `**/` also matches no directory at all.
        if (pattern[i + 1] === "/") {
          i++;
          out += "(.*/)?";
        } else {
          out += ".*";
        }
      } else {
        out += "[^/]*";
      }
    } else if (ch === "?") {
      out += "[^/]";
    } else if (ch === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) throw new InvalidParameter(`syntax error in .dockerignore pattern: ${pattern}`);
      let body = pattern.slice(i + 1, end);
      if (body.startsWith("^") || body.startsWith("!")) body = "^" + body.slice(1);
      out += `[${body.replace(/\\(.)/g, "\\$1")}]`;
      i = end;
    } else if (ch === "\\" && i + 1 < pattern.length) {
      i++;
      out += pattern[i].replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    } else {
      out += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return new RegExp(out + "$");
}

/** Compiled `.dockerignore` patterns. */
export class IgnoreRules {
  readonly patterns: Pattern[];

  constructor(lines: string[]) {
    this.patterns = [];
    for (const raw of lines) {
      let line = raw.trim();
      if (line === "" || line.startsWith("#")) continue;
      const exclusion = line.startsWith("!");
      if (exclusion) line = line.slice(1).trim();
      line = cleanPath(line.replace(/^\/+/, ""));
      if (line === ".") continue;
      this.patterns.push({ source: line, regex: compile(line), exclusion });
    }
  }

  /** Reads a `.dockerignore` file's text. */
  static parse(text: string): IgnoreRules {
    return new IgnoreRules(text.split(/\r?\n/));
  }

  /** Whether a context path (relative, slash-separated) is left out of the context. */
  ignores(path: string): boolean {
    const clean = cleanPath(path);
    const parents: string[] = [];
    const parts = clean.split("/");
    for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join("/"));
    let matched = false;
    for (const pattern of this.patterns) {
      // An exclusion can only change a verdict that is already "ignored", and vice versa.
      if (pattern.exclusion !== matched) continue;
      const hit = pattern.regex.test(clean) || parents.some((p) => pattern.regex.test(p));
      if (hit) matched = !pattern.exclusion;
    }
    return matched;
  }
}
