/**
 * Pathname expansion over the sandbox filesystem: a pattern is matched one path component at a
 * time; names starting with `.` match only an explicit leading `.`; results are sorted.
 *
 * @module
 */
import type { FileSystem } from "../types.ts";
import { hasGlobChars, matchPattern, unescapePattern } from "./pattern.ts";

/** The paths matching `pattern` (relative patterns give relative paths), or [] for none. */
export async function expandGlob(
  fs: FileSystem,
  cwd: string,
  pattern: string,
  options: { dotglob?: boolean } = {},
): Promise<string[]> {
  const absolute = pattern.startsWith("/");
  const parts = pattern.split("/").filter((p, i) => p !== "" || i === 0);
  let prefixes: string[] = [absolute ? "/" : ""];
  for (let i = absolute ? 1 : 0; i < parts.length; i++) {
    const part = parts[i];
    const next: string[] = [];
    for (const prefix of prefixes) {
      const dir = prefix === "" ? cwd : prefix.startsWith("/") ? prefix : `${cwd}/${prefix}`;
      if (!hasGlobChars(part)) {
        const candidate = join(prefix, unescapePattern(part));
        if (i < parts.length - 1 || await exists(fs, absoluteOf(cwd, candidate))) {
          next.push(candidate);
        }
        continue;
      }
      let names: string[];
      try {
        names = (await fs.readdir(dir)).map((e) => e.name);
      } catch {
        continue;
      }
      const dotOk = part.startsWith(".") || part.startsWith("\\.");
      // An explicit leading dot also matches the directory's own "." and "..", as in ash.
      if (dotOk) names.unshift(".", "..");
      for (const name of names) {
        if (name.startsWith(".") && !dotOk && !(options.dotglob && name !== "." && name !== "..")) {
          continue;
        }
        if (matchPattern(part, name)) next.push(join(prefix, name));
      }
    }
    prefixes = next;
    if (prefixes.length === 0) return [];
  }
  if (pattern.endsWith("/")) {
    const dirs: string[] = [];
    for (const p of prefixes) if (await isDirectory(fs, absoluteOf(cwd, p))) dirs.push(p + "/");
    prefixes = dirs;
  }
  return prefixes.sort();
}

function join(prefix: string, name: string): string {
  if (prefix === "") return name;
  return prefix.endsWith("/") ? prefix + name : `${prefix}/${name}`;
}

function absoluteOf(cwd: string, path: string): string {
  return path.startsWith("/") ? path : `${cwd}/${path}`;
}

async function isDirectory(fs: FileSystem, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).kind === "dir";
  } catch {
    return false;
  }
}

async function exists(fs: FileSystem, path: string): Promise<boolean> {
  try {
    await fs.stat(path, { follow: false });
    return true;
  } catch {
    return false;
  }
}
