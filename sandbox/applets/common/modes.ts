/**
 * File modes: the `ls -l` permission string and chmod's symbolic and octal mode syntax
 * ("u+x,go-w", "a=rX", "755"), plus the 1 KiB block count `ls -s`, `du` and `ls -l`'s "total"
 * report (the in-memory filesystem allocates in 4 KiB pages, like tmpfs).
 *
 * @module
 */
import type { FileKind, Stat } from "../../types.ts";

const KIND_LETTER: Record<FileKind, string> = {
  file: "-",
  dir: "d",
  symlink: "l",
  chardev: "c",
  fifo: "p",
};

/** "drwxr-xr-x"-style string with setuid/setgid/sticky letters. */
export function modeString(stat: Stat): string {
  const m = stat.mode;
  const triple = (shift: number, special: number, letter: string) => {
    const r = m & (4 << shift) ? "r" : "-";
    const w = m & (2 << shift) ? "w" : "-";
    const x = m & (1 << shift);
    const s = m & special;
    const xs = s ? (x ? letter : letter.toUpperCase()) : x ? "x" : "-";
    return r + w + xs;
  };
  return KIND_LETTER[stat.kind] + triple(6, 0o4000, "s") + triple(3, 0o2000, "s") +
    triple(0, 0o1000, "t");
}

/** 1 KiB blocks a file occupies: whole 4 KiB pages for data; symlinks and devices take none. */
export function blocksKb(stat: Stat): number {
  if (stat.kind === "dir") return 4;
  if (stat.kind !== "file") return 0;
  return Math.ceil(stat.size / 4096) * 4;
}

/**
 * Applies a chmod mode (octal, or comma-separated symbolic clauses) to `current`. Returns
 * undefined when the text is not a valid mode. `umask` applies to clauses without a who part.
 */
export function applyMode(
  text: string,
  current: number,
  isDir: boolean,
  umask = 0,
): number | undefined {
  if (/^[0-7]+$/.test(text)) {
    const n = parseInt(text, 8);
    if (n > 0o7777) return undefined;
    // Like GNU and busybox, a short octal mode on a directory keeps its setgid/setuid bits.
    return isDir && text.length <= 3 ? n | (current & 0o6000) : n;
  }
  let mode = current & 0o7777;
  for (const clause of text.split(",")) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] === "" ? "a" : m[1];
    let mask = 0;
    if (who.includes("u") || who.includes("a")) mask |= 0o4700;
    if (who.includes("g") || who.includes("a")) mask |= 0o2070;
    if (who.includes("o") || who.includes("a")) mask |= 0o1007;
    const noWho = m[1] === "";
    for (const action of m[2].match(/[-+=][rwxXstugo]*/g)!) {
      const op = action[0];
      let bits = 0;
      for (const p of action.slice(1)) {
        if (p === "r") bits |= 0o444;
        else if (p === "w") bits |= 0o222;
        else if (p === "x") bits |= 0o111;
        else if (p === "X") bits |= isDir || (mode & 0o111) ? 0o111 : 0;
        else if (p === "s") bits |= 0o6000;
        else if (p === "t") bits |= 0o1000;
        else {
          const shift = p === "u" ? 6 : p === "g" ? 3 : 0;
          const v = (mode >> shift) & 7;
          bits |= (v << 6) | (v << 3) | v;
        }
      }
      let effective = bits & mask;
      if (noWho && op !== "=") effective &= ~umask;
      if (op === "+") mode |= effective;
      else if (op === "-") mode &= ~effective;
      else mode = (mode & ~mask) | effective;
    }
  }
  return mode;
}
