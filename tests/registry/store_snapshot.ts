/**
 * A snapshot of everything an image store holds on disk, to prove a failed operation left it
 * exactly as it was: blobs, temp files and the listing `docker images` would show.
 *
 * @module
 */
import { type ImageStore, listImages } from "../../backends/core/images/mod.ts";

/** Blob digests, temp files and the image listing of a store. */
export async function storeSnapshot(
  store: ImageStore,
): Promise<{ blobs: string[]; temp: string[]; images: string }> {
  const blobs: string[] = [];
  for await (const digest of store.blobs.digests()) blobs.push(digest);
  const temp: string[] = [];
  for await (const entry of Deno.readDir(`${store.root}/tmp`)) temp.push(entry.name);
  return { blobs: blobs.sort(), temp, images: JSON.stringify(listImages(store)) };
}
