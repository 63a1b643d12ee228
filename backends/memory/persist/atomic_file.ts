/**
 * Crash-safe files: each write goes to a temporary file that is fsynced and renamed over the
 * old one (which is kept as `<name>.prev`), then the directory is fsynced. The first line holds
 * the SHA-256 of the rest, so a torn or garbled file is detected on read and the previous good
 * copy is used instead.
 *
 * @module
 */
import { createHash } from "node:crypto";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function digest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await Deno.open(dir, { read: true });
  try {
    await handle.sync();
  } finally {
    handle.close();
  }
}

async function writeSynced(path: string, bytes: Uint8Array): Promise<void> {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  try {
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.syncData();
  } finally {
    file.close();
  }
}

/**
 * Replaces `path` with `body` so that a crash at any moment leaves either the old or the new
 * content readable by {@link readDurable}.
 */
export async function writeDurable(path: string, body: Uint8Array | string): Promise<void> {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const head = encoder.encode(`${digest(bytes)}\n`);
  const framed = new Uint8Array(head.length + bytes.length);
  framed.set(head);
  framed.set(bytes, head.length);
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  await writeSynced(`${path}.tmp`, framed);
  await Deno.rename(path, `${path}.prev`).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  await Deno.rename(`${path}.tmp`, path);
  await syncDirectory(dir);
}

async function readChecked(path: string): Promise<Uint8Array | undefined> {
  let framed: Uint8Array;
  try {
    framed = await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const cut = framed.indexOf(10);
  if (cut !== 64) return undefined;
  const body = framed.subarray(cut + 1);
  return decoder.decode(framed.subarray(0, cut)) === digest(body) ? body : undefined;
}

/**
 * The last good content written to `path`: the file itself if its checksum holds, else the
 * previous copy (a crash between the two renames, or a torn file); undefined if neither exists.
 * Throws when copies exist but none is intact, naming the file: that is corruption, not absence.
 */
export async function readDurable(path: string): Promise<Uint8Array | undefined> {
  const current = await readChecked(path);
  if (current) return current;
  const previous = await readChecked(`${path}.prev`);
  if (previous) return previous;
  const exists = async (p: string) => await Deno.stat(p).then(() => true, () => false);
  if (await exists(path) || await exists(`${path}.prev`)) {
    throw new Error(`${path}: no intact copy (checksums of it and ${path}.prev fail)`);
  }
  return undefined;
}

/** {@link readDurable} decoded as JSON. */
export async function readDurableJson<T>(path: string): Promise<T | undefined> {
  const bytes = await readDurable(path);
  return bytes ? JSON.parse(decoder.decode(bytes)) as T : undefined;
}
