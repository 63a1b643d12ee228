/**
 * Docker's `GET /containers/{id}/changes`: the container layer against its image, computed the
 * way moby's `archive.OverlayChanges` walks an overlay upper directory. Entries come in walk
 * order (names sorted bytewise, parents before children); a directory whose metadata did not
 * change is not reported unless something was added to or deleted from it; a directory that was
 * removed and created again (an opaque directory in overlay terms) is reported deleted, and its
 * entries then as added or modified.
 *
 * @module
 */
import type { DirNode, Node } from "./node.ts";
import type { MemoryTree } from "./tree.ts";

export const ChangeKind = { Modified: 0, Added: 1, Deleted: 2 } as const;

/** One line of `docker diff`, shaped as the Engine API returns it. */
export interface Change {
  Path: string;
  Kind: 0 | 1 | 2;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function join(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

/** Names the container layer holds in `dir`: all of them, or only those that differ from the image. */
function upperNames(dir: DirNode, image: DirNode | undefined, tree: MemoryTree): string[] {
  const copiedUp = tree.owns(dir) && image !== undefined && dir.copiedFrom === image;
  if (!copiedUp) return [...dir.entries.keys()].sort(byteOrder);
  const names = new Set<string>();
  for (const [name, node] of dir.entries) if (image.entries.get(name) !== node) names.add(name);
  for (const name of image.entries.keys()) if (!dir.entries.has(name)) names.add(name);
  return [...names].sort(byteOrder);
}

/** The changes of `tree` against the image root it was created over. */
export function containerChanges(tree: MemoryTree): Change[] {
  const changes: Change[] = [];
  const changedDirs = new Set<string>();
  const push = (Path: string, Kind: Change["Kind"]) => changes.push({ Path, Kind });

  const walk = (dir: DirNode, image: DirNode | undefined, path: string) => {
    for (const name of upperNames(dir, image, tree)) {
      const child: Node | undefined = dir.entries.get(name);
      const below = image?.entries.get(name);
      const childPath = join(path, name);
      let kind: Change["Kind"];
      let report = true;
      if (!child) kind = ChangeKind.Deleted;
      else if (
        child.kind === "dir" && below && !(below.kind === "dir" && child.copiedFrom === below)
      ) {
        kind = ChangeKind.Deleted;
      } else if (!below) kind = ChangeKind.Added;
      else {
        kind = ChangeKind.Modified;
        if (child.kind === "dir" && below.kind === "dir") {
          report = child.mode !== below.mode || child.mtimeMs !== below.mtimeMs;
        }
      }
      if (report) {
        if (child?.kind === "dir") changedDirs.add(childPath);
        if (kind !== ChangeKind.Modified && !changedDirs.has(path) && path !== "/") {
          // A parent of an added or deleted entry counts as modified (moby#13590).
          push(path, ChangeKind.Modified);
          changedDirs.add(path);
        }
        push(childPath, kind);
      }
      if (child?.kind === "dir") walk(child, below?.kind === "dir" ? below : undefined, childPath);
    }
  };
  if (tree.owns(tree.root)) walk(tree.root, tree.base, "/");
  return changes;
}
