/**
 * Go's `path.Match`, ported rune for rune, because Docker's `reference=` image filter matches
 * with it (`reference.FamiliarMatch`): `*` and `?` never cross `/`, `[a-z]`/`[^…]` classes,
 * `\` escapes, and a malformed pattern is an error even when an earlier part fails to match.
 *
 * @module
 */

/** Go's `path.ErrBadPattern`. */
export class BadPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern: ${JSON.stringify(pattern)}`);
    this.name = "BadPatternError";
  }
}

type Runes = string[];

/**
 * Reports whether `name` matches the shell pattern, exactly as Go's `path.Match`.
 *
 * @example
 * ```ts
 * matchPath("busy*", "busybox"); // true
 * matchPath("*", "localhost:5000/x"); // false: `*` does not match "/"
 * ```
 */
export function matchPath(pattern: string, name: string): boolean {
  const bad = () => new BadPatternError(pattern);
  let p: Runes = Array.from(pattern);
  let n: Runes = Array.from(name);
  outer: while (p.length > 0) {
    const scanned = scanChunk(p);
    const { star, chunk } = scanned;
    p = scanned.rest;
    if (star && chunk.length === 0) return !n.includes("/");
    const here = matchChunk(chunk, n, bad);
    if (here && (here.length === 0 || p.length > 0)) {
      n = here;
      continue;
    }
    if (star) {
      for (let i = 0; i < n.length && n[i] !== "/"; i++) {
        const skipped = matchChunk(chunk, n.slice(i + 1), bad);
        if (skipped) {
          if (p.length === 0 && skipped.length > 0) continue;
          n = skipped;
          continue outer;
        }
      }
    }
    // Like Go, a failed match still reports a malformed rest of the pattern.
    while (p.length > 0) {
      const next = scanChunk(p);
      p = next.rest;
      matchChunk(next.chunk, [], bad);
    }
    return false;
  }
  return n.length === 0;
}

function scanChunk(pattern: Runes): { star: boolean; chunk: Runes; rest: Runes } {
  let star = false;
  let start = 0;
  while (start < pattern.length && pattern[start] === "*") {
    start++;
    star = true;
  }
  let inRange = false;
  let i = start;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case "\\":
        if (i + 1 < pattern.length) i++;
        break;
      case "[":
        inRange = true;
        break;
      case "]":
        inRange = false;
        break;
      case "*":
        if (!inRange) break scan;
    }
  }
  return { star, chunk: pattern.slice(start, i), rest: pattern.slice(i) };
}

// Returns the unmatched rest of `s`, or null when the chunk does not match its start.
function matchChunk(chunk: Runes, s: Runes, bad: () => Error): Runes | null {
  let failed = false;
  let c = 0;
  let k = 0;
  while (c < chunk.length) {
    if (!failed && k >= s.length) failed = true;
    const token = chunk[c];
    if (token === "[") {
      const r = failed ? "" : s[k++];
      c++;
      let negated = false;
      if (chunk[c] === "^") {
        negated = true;
        c++;
      }
      let match = false;
      let ranges = 0;
      while (true) {
        if (chunk[c] === "]" && ranges > 0) {
          c++;
          break;
        }
        const lo = escaped(chunk, c, bad);
        c = lo.next;
        let hi = lo.rune;
        if (chunk[c] === "-") {
          const upper = escaped(chunk, c + 1, bad);
          c = upper.next;
          hi = upper.rune;
        }
        if (!failed && lo.rune <= r && r <= hi) match = true;
        ranges++;
      }
      if (match === negated) failed = true;
    } else if (token === "?") {
      if (!failed) {
        if (s[k] === "/") failed = true;
        k++;
      }
      c++;
    } else {
      if (token === "\\") {
        c++;
        if (c >= chunk.length) throw bad();
      }
      if (!failed) {
        if (chunk[c] !== s[k]) failed = true;
        k++;
      }
      c++;
    }
  }
  return failed ? null : s.slice(k);
}

function escaped(chunk: Runes, at: number, bad: () => Error): { rune: string; next: number } {
  let i = at;
  if (i >= chunk.length || chunk[i] === "-" || chunk[i] === "]") throw bad();
  if (chunk[i] === "\\") {
    i++;
    if (i >= chunk.length) throw bad();
  }
  const rune = chunk[i];
  if (i + 1 >= chunk.length) throw bad();
  return { rune, next: i + 1 };
}
