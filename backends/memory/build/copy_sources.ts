/**
 * COPY and ADD sources: paths and Go wildcards in the build context or another stage's or
 * image's filesystem, turned into the entries to write under the destination, as moby's
 * `copier` lays them out: a directory's contents go into the destination, a file goes to the
 * destination path (or into it when it ends with `/` or is a directory), and ADD unpacks local
 * tar archives.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import { digestOf } from "../../core/images/mod.ts";
import { type ContextEntry, readTarEntries } from "./build_context.ts";
import { cleanPath } from "./dockerignore.ts";

/** Files by clean relative path (`.` is the root). */
export type SourceTree = Map<string, ContextEntry>;

/** One entry to write: its path below `/` (no leading slash) and its content. */
export interface CopyItem {
  path: string;
  entry: ContextEntry;
}

const wildcard = /[*?[]/;

function segmentRegex(pattern: string): RegExp {
  let out = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) throw new InvalidParameter(`syntax error in pattern: ${pattern}`);
      out += `[${pattern.slice(i + 1, end).replace(/^!/, "^")}]`;
      i = end;
    } else if (ch === "\\" && i + 1 < pattern.length) out += `\\${pattern[++i]}`;
    else out += ch.replace(/[.+^${}()|\]\\/]/g, "\\$&");
  }
  return new RegExp(out + "$");
}

/** The tree paths a source names (one, or every wildcard match), sorted. */
export function matchSources(tree: SourceTree, source: string): string[] {
  const clean = cleanPath(source.replace(/^\/+/, ""));
  if (!wildcard.test(clean)) return tree.has(clean) || clean === "." ? [clean] : [];
  const regex = segmentRegex(clean);
  return [...tree.keys()].filter((path) => path !== "." && regex.test(path)).sort();
}

function join(...parts: string[]): string {
  const joined = cleanPath(parts.filter((p) => p !== "" && p !== ".").join("/"));
  return joined === "." ? "" : joined;
}

function basename(path: string): string {
  return path.split("/").pop()!;
}

/** True when bytes are a tar (ustar magic) or gzip. */
function isArchive(data: Uint8Array): boolean {
  if (data[0] === 0x1f && data[1] === 0x8b) return true;
  const magic = new TextDecoder().decode(data.subarray(257, 262));
  return magic === "ustar";
}

/**
 * The items one source contributes under `dest` (a path below `/`, no leading slash).
 * `destIsDir`: the destination ends with `/`, names several sources, or is a directory.
 */
export async function itemsFor(
  tree: SourceTree,
  path: string,
  dest: string,
  destIsDir: boolean,
  unpack: boolean,
): Promise<CopyItem[]> {
  const entry = path === "." ? undefined : tree.get(path);
  if (!entry || entry.type === "directory") {
    const items: CopyItem[] = [];
    if (entry) items.push({ path: dest, entry });
    const prefix = path === "." ? "" : `${path}/`;
    for (const [key, child] of tree) {
      if (key === "." || !key.startsWith(prefix)) continue;
      items.push({ path: join(dest, key.slice(prefix.length)), entry: resolveLink(tree, child) });
    }
    return items;
  }
  const resolved = resolveLink(tree, entry);
  if (unpack && resolved.type === "file" && resolved.data && isArchive(resolved.data)) {
    const inner = await readTarEntries(
      new Blob([resolved.data as Uint8Array<ArrayBuffer>]).stream(),
    )
      .catch(() => undefined);
    if (inner) {
      return [...inner.values()].filter((e) => e.path !== ".").map((e) => ({
        path: join(dest, e.path),
        entry: e,
      }));
    }
  }
  return [{ path: destIsDir ? join(dest, basename(path)) : dest, entry: resolved }];
}

/** A hard link in the context becomes a copy of what it links to. */
function resolveLink(tree: SourceTree, entry: ContextEntry): ContextEntry {
  if (entry.type !== "link") return entry;
  const target = tree.get(entry.linkname ?? "");
  if (!target || target.type !== "file") {
    throw new InvalidParameter(`hard link ${entry.path} points at missing ${entry.linkname}`);
  }
  return { ...target, path: entry.path };
}

/** A digest of what the sources are, for the build cache key. */
export function sourcesDigest(tree: SourceTree, paths: string[]): string {
  const lines: string[] = [];
  for (const path of paths) {
    const prefix = path === "." ? "" : `${path}/`;
    for (const [key, e] of tree) {
      if (key !== path && !(key !== "." && key.startsWith(prefix))) continue;
      const content = e.data ? digestOf(e.data) : "";
      lines.push(`${key}\t${e.type}\t${e.mode.toString(8)}\t${e.linkname ?? ""}\t${content}`);
    }
  }
  return digestOf(lines.sort().join("\n"));
}

/** A tree from a `docker cp`-style tar of `path` (its base name at the top). */
export async function treeFromArchive(
  tar: ReadableStream<Uint8Array>,
  path: string,
): Promise<SourceTree> {
  const clean = cleanPath(path.replace(/^\/+/, ""));
  const parent = clean.includes("/") ? clean.slice(0, clean.lastIndexOf("/")) : "";
  const tree: SourceTree = new Map();
  for (const entry of (await readTarEntries(tar)).values()) {
    const full = join(parent, entry.path) || ".";
    tree.set(full, {
      ...entry,
      path: full,
      linkname: entry.type === "link" ? join(parent, entry.linkname ?? "") : entry.linkname,
    });
  }
  return tree;
}
