/**
 * Lexical path handling for container paths. These never touch a filesystem: symlinks are the
 * filesystem's business.
 *
 * @module
 */

/** Normalises an absolute path: collapses `//`, `.` and `..` (which stops at the root). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return "/" + parts.join("/");
}

/** Resolves `path` against the absolute directory `cwd` and normalises the result. */
export function resolvePath(cwd: string, path: string): string {
  return normalizePath(path.startsWith("/") ? path : `${cwd}/${path}`);
}

/** The parent directory of an absolute path ("/" for "/"). */
export function dirname(path: string): string {
  const normal = normalizePath(path);
  const cut = normal.lastIndexOf("/");
  return cut <= 0 ? "/" : normal.slice(0, cut);
}

/** The last component of an absolute path ("" for "/"). */
export function basename(path: string): string {
  const normal = normalizePath(path);
  return normal.slice(normal.lastIndexOf("/") + 1);
}
