/**
 * Blob uploads of the distribution spec: existence check (HEAD), cross-repository mount, and
 * monolithic (POST + PUT) or chunked (POST + PATCH… + PUT) uploads.
 *
 * @module
 */
import type { BlobStore } from "../images/mod.ts";
import { type RegistryClient, registryError } from "./client.ts";

/** How a blob reached the registry. */
export type UploadOutcome = { kind: "exists" } | { kind: "mounted"; from: string } | {
  kind: "uploaded";
};

/** Options of {@link uploadBlob}. */
export interface UploadOptions {
  /** Repositories on the same registry that already hold the blob, tried for a mount. */
  mountFrom?: string[];
  /** Blobs larger than this go up in chunks of this size (PATCH); smaller ones in one PUT. */
  chunkSize?: number;
  /** Called with the bytes sent so far. */
  onProgress?: (sent: number) => void;
}

/** Default chunk size of chunked uploads. */
export const defaultChunkSize = 16 * 1024 * 1024;

/** Makes sure the registry has a blob from the store in `repository`. */
export async function uploadBlob(
  client: RegistryClient,
  blobs: BlobStore,
  repository: string,
  blob: { digest: string; size: number },
  options: UploadOptions = {},
): Promise<UploadOutcome> {
  const push = `repository:${repository}:pull,push`;
  const head = await client.request(`/v2/${repository}/blobs/${blob.digest}`, {
    method: "HEAD",
    scopes: [push],
  });
  await head.body?.cancel();
  if (head.ok) return { kind: "exists" };
  let location: string | undefined;
  for (const from of options.mountFrom ?? []) {
    const mount = await client.request(
      `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(blob.digest)}&from=${
        encodeURIComponent(from)
      }`,
      { method: "POST", scopes: [push, `repository:${from}:pull`] },
    );
    await mount.body?.cancel();
    if (mount.status === 201) return { kind: "mounted", from };
    // 202: the registry could not mount and opened an ordinary upload instead.
    if (mount.status === 202) {
      location = uploadLocation(mount, client);
      break;
    }
  }
  if (!location) {
    const start = await client.request(`/v2/${repository}/blobs/uploads/`, {
      method: "POST",
      scopes: [push],
    });
    if (start.status !== 202) {
      throw await registryError(start, `upload of ${blob.digest} to ${repository}`);
    }
    await start.body?.cancel();
    location = uploadLocation(start, client);
  }
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  if (blob.size <= chunkSize) {
    await putMonolithic(client, blobs, repository, blob, location, options.onProgress);
  } else {
    await putChunked(client, blobs, repository, blob, location, chunkSize, options.onProgress);
  }
  return { kind: "uploaded" };
}

function uploadLocation(response: Response, client: RegistryClient): string {
  const location = response.headers.get("location");
  if (!location) throw new Error(`registry ${client.domain} opened an upload without a Location`);
  return new URL(location, client.baseUrl).href;
}

function withDigest(location: string, digest: string): string {
  const url = new URL(location);
  url.searchParams.set("digest", digest);
  return url.href;
}

async function putMonolithic(
  client: RegistryClient,
  blobs: BlobStore,
  repository: string,
  blob: { digest: string; size: number },
  location: string,
  onProgress?: (sent: number) => void,
): Promise<void> {
  const response = await client.request(withDigest(location, blob.digest), {
    method: "PUT",
    headers: { "content-type": "application/octet-stream", "content-length": String(blob.size) },
    body: async () => {
      let sent = 0;
      const counting = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          sent += chunk.byteLength;
          onProgress?.(sent);
          controller.enqueue(chunk);
        },
      });
      return (await blobs.open(blob.digest)).pipeThrough(counting);
    },
    scopes: [`repository:${repository}:pull,push`],
  });
  if (response.status !== 201) {
    throw await registryError(response, `upload of ${blob.digest} to ${repository}`);
  }
  await response.body?.cancel();
}

async function putChunked(
  client: RegistryClient,
  blobs: BlobStore,
  repository: string,
  blob: { digest: string; size: number },
  firstLocation: string,
  chunkSize: number,
  onProgress?: (sent: number) => void,
): Promise<void> {
  const scopes = [`repository:${repository}:pull,push`];
  let location = firstLocation;
  const file = await Deno.open(blobs.path(blob.digest));
  try {
    for (let offset = 0; offset < blob.size; offset += chunkSize) {
      const chunk = new Uint8Array(Math.min(chunkSize, blob.size - offset));
      let filled = 0;
      while (filled < chunk.length) {
        const read = await file.read(chunk.subarray(filled));
        if (read === null) {
          throw new Error(`blob ${blob.digest} is shorter than ${blob.size} bytes`);
        }
        filled += read;
      }
      const response = await client.request(location, {
        method: "PATCH",
        headers: {
          "content-type": "application/octet-stream",
          "content-range": `${offset}-${offset + chunk.length - 1}`,
          "content-length": String(chunk.length),
        },
        body: () => chunk,
        scopes,
      });
      if (response.status !== 202) {
        throw await registryError(response, `chunk upload of ${blob.digest}`);
      }
      await response.body?.cancel();
      location = uploadLocation(response, client);
      onProgress?.(offset + chunk.length);
    }
  } finally {
    file.close();
  }
  const done = await client.request(withDigest(location, blob.digest), { method: "PUT", scopes });
  if (done.status !== 201) {
    throw await registryError(done, `upload of ${blob.digest} to ${repository}`);
  }
  await done.body?.cancel();
}
