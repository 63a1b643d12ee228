/**
 * Writing COPY/ADD items into a step container: ownership from `--chown` (names looked up in
 * the image's /etc/passwd and /etc/group, numbers taken as they are, root otherwise), modes
 * from `--chmod`, missing parent directories created 0755 root-owned, then the container's
 * changes become the step's layer.
 *
 * @module
 */
import { createTarPacker, type TarHeader } from "modern-tar";
import { InvalidParameter } from "../../core/errors.ts";
import type { CopyItem } from "./copy_sources.ts";
import type { StepContainer } from "./step_container.ts";

/** Reads `--chmod`: octal digits only, as moby's classic builder accepts. */
export function parseChmod(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-7]{3,4}$/.test(value)) throw new InvalidParameter(`invalid chmod parameter: ${value}`);
  return Number.parseInt(value, 8);
}

function lookup(file: Uint8Array | undefined, name: string, field: number): number | undefined {
  if (!file) return undefined;
  for (const line of new TextDecoder().decode(file).split("\n")) {
    const parts = line.split(":");
    if (parts[0] === name && parts.length > field) return Number.parseInt(parts[field], 10);
  }
  return undefined;
}

/** `--chown=user[:group]` to numbers, as moby's `parseChownFlag` does. */
export async function resolveOwner(
  container: StepContainer,
  chown: string | undefined,
): Promise<{ uid: number; gid: number }> {
  if (!chown) return { uid: 0, gid: 0 };
  const [user, group] = chown.split(":");
  const numeric = (s: string) => /^\d+$/.test(s) ? Number(s) : undefined;
  let passwd: Uint8Array | undefined;
  const readPasswd = async () => passwd ??= await container.readFile("/etc/passwd");
  let uid = numeric(user);
  let primaryGid: number | undefined;
  if (uid === undefined) {
    uid = lookup(await readPasswd(), user, 2);
    if (uid === undefined) {
      throw new InvalidParameter(
        `unable to convert uid/gid chown string to host mapping: ` +
          `can't find uid for user ${user}: no such user: ${user}`,
      );
    }
  }
  if (group === undefined) {
    primaryGid = numeric(user) ?? lookup(await readPasswd(), user, 3) ?? uid;
    return { uid, gid: primaryGid };
  }
  let gid = numeric(group);
  if (gid === undefined) {
    gid = lookup(await container.readFile("/etc/group"), group, 2);
    if (gid === undefined) {
      throw new InvalidParameter(
        `unable to convert uid/gid chown string to host mapping: ` +
          `can't find gid for group ${group}: no such group: ${group}`,
      );
    }
  }
  return { uid, gid };
}

function depth(path: string): string[] {
  return path.split("/");
}

/** Parents first: sorted as path segment tuples. */
function byPath(a: CopyItem, b: CopyItem): number {
  const x = depth(a.path);
  const y = depth(b.path);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Writes the items into the container and returns the step's layer tar.
 */
export async function writeCopy(
  container: StepContainer,
  items: CopyItem[],
  options: { chown?: string; chmod?: number },
): Promise<Uint8Array> {
  const owner = await resolveOwner(container, options.chown);
  const sorted = [...items].sort(byPath);
  const written = new Set(sorted.map((i) => i.path));
  const parents: string[] = [];
  for (const item of sorted) {
    const parts = item.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      if (written.has(parent)) continue;
      written.add(parent);
      if (!await container.kind(`/${parent}`)) parents.push(parent);
    }
  }
  const { readable, controller } = createTarPacker();
  const done = new Response(readable).arrayBuffer();
  const add = async (header: TarHeader, body?: Uint8Array) => {
    const writer = controller.add(header).getWriter();
    if (body?.length) await writer.write(body);
    await writer.close();
  };
  for (const parent of parents) {
    await add({ name: `${parent}/`, type: "directory", size: 0, mode: 0o755, uid: 0, gid: 0 });
  }
  const itemPaths = new Set(sorted.map((i) => i.path));
  for (const { path, entry } of sorted) {
    if (path === "") continue; // the root itself keeps its metadata
    const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    // A directory copied onto an existing one adds to it and leaves its metadata alone.
    if (
      entry.type === "directory" && !itemPaths.has(parent) &&
      await container.kind(`/${path}`) === "dir"
    ) continue;
    const mode = options.chmod ?? entry.mode;
    const common = { uid: owner.uid, gid: owner.gid, mtime: new Date(entry.mtimeMs || Date.now()) };
    if (entry.type === "directory") {
      await add({ name: `${path}/`, type: "directory", size: 0, mode, ...common });
    } else if (entry.type === "symlink") {
      await add({
        name: path,
        type: "symlink",
        linkname: entry.linkname,
        size: 0,
        mode: 0o777,
        ...common,
      });
    } else {
      const data = entry.data ?? new Uint8Array();
      await add({ name: path, type: "file", size: data.length, mode, ...common }, data);
    }
  }
  controller.finalize();
  await container.extract(new Uint8Array(await done));
  return await container.commitLayer();
}
