/**
 * Writing one image layer's diff as an OCI layer tar (for `docker save`, a registry push, or a
 * build cache): its files and directories, hard links as link entries, and deletions as OCI
 * whiteouts (`.wh.<name>`, `.wh..wh..opq`).
 *
 * @module
 */
import { createTarPacker, type TarHeader } from "modern-tar";
import {
  type DirNode,
  type Layer,
  type Node,
  OPAQUE_WHITEOUT,
  WHITEOUT_PREFIX,
} from "../fs/mod.ts";

const CHUNK = 64 * 1024;

function meta(node: Node): Partial<TarHeader> {
  return { mode: node.mode, uid: node.uid, gid: node.gid, mtime: new Date(node.mtimeMs) };
}

type Add = (header: TarHeader, body?: Uint8Array) => Promise<void>;

async function writeDir(dir: DirNode, prefix: string, links: Map<Node, string>, add: Add) {
  const marker = (name: string) =>
    add({ name: `${prefix}${name}`, size: 0, type: "file", mode: 0 });
  if (dir.opaque) await marker(OPAQUE_WHITEOUT);
  for (const name of [...(dir.whiteouts ?? [])].sort()) await marker(`${WHITEOUT_PREFIX}${name}`);
  for (const name of [...dir.entries.keys()].sort()) {
    const node = dir.entries.get(name)!;
    const path = `${prefix}${name}`;
    const first = links.get(node);
    if (first !== undefined) {
      await add({ name: path, size: 0, type: "link", linkname: first });
      continue;
    }
    switch (node.kind) {
      case "dir":
        // A directory the layer never described stays undescribed, so it keeps its lower metadata.
        if (!node.implicit) {
          await add({ name: `${path}/`, size: 0, type: "directory", ...meta(node) });
        }
        await writeDir(node, `${path}/`, links, add);
        break;
      case "file":
        if (node.nlink > 1) links.set(node, path);
        await add(
          { name: path, size: node.size, type: "file", ...meta(node) },
          node.data.subarray(0, node.size),
        );
        break;
      case "symlink":
        await add({ name: path, size: 0, type: "symlink", linkname: node.target, ...meta(node) });
        break;
      case "fifo":
        await add({ name: path, size: 0, type: "fifo", ...meta(node) });
        break;
      default:
        throw new Error(
          `cannot write ${path} into a layer tar: ${node.kind} entries are not supported`,
        );
    }
  }
}

/** The layer's own diff (not its parents) as a tar stream. */
export function exportLayer(layer: Layer): ReadableStream<Uint8Array> {
  const { readable, controller } = createTarPacker();
  const add: Add = async (header, body) => {
    const writer = controller.add(header).getWriter();
    for (let offset = 0; body && offset < body.length; offset += CHUNK) {
      await writer.write(body.subarray(offset, offset + CHUNK));
    }
    await writer.close();
  };
  (async () => {
    try {
      await writeDir(layer.diff, "", new Map(), add);
      controller.finalize();
    } catch (error) {
      controller.error(error);
    }
  })();
  return readable as ReadableStream<Uint8Array>;
}
