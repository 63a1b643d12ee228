/**
 * The comparison behind `sort`: POSIX key fields (`-k F[.C][opts][,F[.C][opts]]`, `-t`), the
 * per-key modifiers b d f i n g M r, and busybox's last-resort whole-line comparison.
 *
 * @module
 */
import { die } from "../common/errors.ts";

export interface SortModes {
  b?: boolean;
  d?: boolean;
  f?: boolean;
  i?: boolean;
  n?: boolean;
  g?: boolean;
  M?: boolean;
  V?: boolean;
  r?: boolean;
}

export interface SortKey {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  /** Trailing modifiers on the start (b) or end (b) position. */
  startBlanks: boolean;
  endBlanks: boolean;
  modes: SortModes;
  /** True when the key itself gave modifiers (then the global ones do not apply). */
  ownModes: boolean;
}

const MODE_LETTERS = "bdfinMgrV";

/** Parses one `-k` argument. */
export function parseKey(text: string): SortKey {
  const match = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(text);
  if (!match || Number(match[1]) === 0) die(`invalid number '${text}'`);
  const modes: SortModes = {};
  for (const letter of (match[3] ?? "") + (match[6] ?? "")) {
    if (!MODE_LETTERS.includes(letter)) die(`unknown key option '${letter}'`);
    (modes as Record<string, boolean>)[letter] = true;
  }
  return {
    startField: Number(match[1]),
    startChar: match[2] ? Number(match[2]) : 1,
    endField: match[4] ? Number(match[4]) : 0,
    endChar: match[5] ? Number(match[5]) : 0,
    startBlanks: (match[3] ?? "").includes("b"),
    endBlanks: (match[6] ?? "").includes("b"),
    modes,
    ownModes: (match[3] ?? "") + (match[6] ?? "") !== "",
  };
}

const isBlank = (c: string) => c === " " || c === "\t";

/** Start offsets of each field: with a separator, after each; without, at blank→nonblank runs. */
function fieldStarts(line: string, separator: string | undefined): number[] {
  const starts = [0];
  if (separator !== undefined) {
    for (let i = line.indexOf(separator); i >= 0; i = line.indexOf(separator, i + 1)) {
      starts.push(i + 1);
    }
    return starts;
  }
  for (let i = 0; i < line.length; i++) {
    // A field starts at its leading blanks: a new one begins where blanks follow a non-blank.
    if (i > 0 && isBlank(line[i]) && !isBlank(line[i - 1])) starts.push(i);
  }
  return starts;
}

/** Extracts the text a key covers from `line`. */
export function keyText(
  line: string,
  key: SortKey,
  separator: string | undefined,
  globalB: boolean,
) {
  const starts = fieldStarts(line, separator);
  const fieldEnd = (f: number) =>
    f < starts.length ? (separator !== undefined ? starts[f] - 1 : starts[f]) : line.length;
  let start: number;
  if (key.startField > starts.length) start = line.length;
  else {
    start = starts[key.startField - 1];
    if (key.startBlanks || (globalB && !key.ownModes)) {
      while (start < line.length && isBlank(line[start])) start++;
    }
    start = Math.min(start + key.startChar - 1, fieldEnd(key.startField));
  }
  let end: number;
  if (key.endField === 0 || key.endField > starts.length) end = line.length;
  else if (key.endChar === 0) end = fieldEnd(key.endField);
  else {
    let from = starts[key.endField - 1];
    if (key.endBlanks) { while (from < line.length && isBlank(line[from])) from++; }
    end = Math.min(from + key.endChar, fieldEnd(key.endField));
  }
  return end > start ? line.slice(start, end) : "";
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

function numericPrefix(text: string): number {
  const match = /^\s*(-?)(\d*)(?:\.(\d*))?/.exec(text)!;
  if (match[2] === "" && (match[3] ?? "") === "") return 0;
  return Number(`${match[1]}${match[2] || "0"}.${match[3] ?? ""}0`);
}

function generalNumber(text: string): number {
  const n = parseFloat(text);
  return Number.isNaN(n) ? -Infinity : n;
}

function versionCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i], y = pb[i];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d < 0 ? -1 : 1;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Compares two key texts under `modes` (without applying `r`). */
export function compareText(a: string, b: string, modes: SortModes): number {
  let x = a, y = b;
  if (modes.b) {
    x = x.replace(/^[ \t]+/, "");
    y = y.replace(/^[ \t]+/, "");
  }
  if (modes.d) {
    x = x.replace(/[^ \t0-9A-Za-z]/g, "");
    y = y.replace(/[^ \t0-9A-Za-z]/g, "");
  }
  if (modes.i) {
    x = x.replace(/[^\x20-\x7e]/g, "");
    y = y.replace(/[^\x20-\x7e]/g, "");
  }
  if (modes.f) {
    x = x.toUpperCase();
    y = y.toUpperCase();
  }
  if (modes.n) {
    const d = numericPrefix(x) - numericPrefix(y);
    return d < 0 ? -1 : d > 0 ? 1 : 0;
  }
  if (modes.g) {
    const p = generalNumber(x), q = generalNumber(y);
    return p < q ? -1 : p > q ? 1 : 0;
  }
  if (modes.M) {
    const p = MONTHS.indexOf(x.trim().slice(0, 3).toUpperCase());
    const q = MONTHS.indexOf(y.trim().slice(0, 3).toUpperCase());
    return p - q;
  }
  if (modes.V) return versionCompare(x, y);
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface SortPlan {
  keys: SortKey[];
  global: SortModes;
  separator?: string;
  stable: boolean;
}

/** Builds the line comparator; `keysOnly` leaves out the last resort (for -u and -c -u). */
export function comparator(plan: SortPlan, keysOnly: boolean): (a: string, b: string) => number {
  const { keys, global, separator } = plan;
  return (a, b) => {
    for (const key of keys) {
      const modes = key.ownModes ? key.modes : { ...global, ...key.modes };
      const x = keyText(a, key, separator, !!global.b);
      const y = keyText(b, key, separator, !!global.b);
      const c = compareText(x, y, modes);
      if (c !== 0) return modes.r ? -c : c;
    }
    if (keys.length === 0) {
      const c = compareText(a, b, global);
      if (c !== 0) return global.r ? -c : c;
    }
    if (keysOnly || plan.stable) return 0;
    const c = a < b ? -1 : a > b ? 1 : 0;
    return global.r ? -c : c;
  };
}
