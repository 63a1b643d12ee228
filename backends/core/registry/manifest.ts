/**
 * Fetching and storing manifests and blobs from a registry, verified by digest: a manifest
 * pulled by digest must hash to it, one pulled by tag to the `Docker-Content-Digest` the
 * registry announces; blobs stream into the store, which checks digest and size.
 *
 * @module
 */
import { InvalidParameter, NotImplemented } from "../errors.ts";
import {
  type BlobStore,
  DigestMismatchError,
  digestOf,
  isIndexMediaType,
  isManifestMediaType,
  MediaType,
  type StoredBlob,
} from "../images/mod.ts";
import { type RegistryClient, registryError } from "./client.ts";

/** What the registry may answer a manifest request with. */
export const manifestAccept = [
  MediaType.ociIndex,
  MediaType.dockerManifestList,
  MediaType.ociManifest,
  MediaType.dockerManifest,
].join(", ");

// Docker refuses manifests above 4 MiB; so do we, before buffering one.
const maxManifestBytes = 4 * 1024 * 1024;

/** A manifest or index exactly as the registry sent it. */
export interface FetchedManifest {
  bytes: Uint8Array;
  mediaType: string;
  digest: string;
}

/** Fetches a manifest by tag or digest and checks its digest. */
export async function fetchManifest(
  client: RegistryClient,
  repository: string,
  tagOrDigest: string,
  what: string,
): Promise<FetchedManifest> {
  const response = await client.request(`/v2/${repository}/manifests/${tagOrDigest}`, {
    headers: { accept: manifestAccept },
    scopes: [`repository:${repository}:pull`],
  });
  if (!response.ok) throw await registryError(response, `manifest for ${what}`);
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > maxManifestBytes) {
    await response.body?.cancel();
    throw new InvalidParameter(`manifest for ${what} is too large (${length} bytes)`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxManifestBytes) {
    throw new InvalidParameter(`manifest for ${what} is too large`);
  }
  const digest = digestOf(bytes);
  const expected = tagOrDigest.includes(":")
    ? tagOrDigest
    : response.headers.get("docker-content-digest");
  if (expected && expected !== digest) {
    throw new DigestMismatchError(expected, digest, `manifest for ${what}`);
  }
  let body: { mediaType?: string; schemaVersion?: number };
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new InvalidParameter(`manifest for ${what} is not JSON`);
  }
  const mediaType = body.mediaType ?? response.headers.get("content-type")?.split(";")[0].trim() ??
    "";
  if (
    body.schemaVersion === 1 ||
    mediaType.startsWith("application/vnd.docker.distribution.manifest.v1")
  ) {
    throw new NotImplemented(
      `${what} is a Docker Image manifest version 2, schema 1; support for it has been removed ` +
        "(as in Docker 28)",
    );
  }
  if (!isIndexMediaType(mediaType) && !isManifestMediaType(mediaType)) {
    throw new NotImplemented(
      `manifest for ${what} has unsupported media type ${JSON.stringify(mediaType)}`,
    );
  }
  return { bytes, mediaType, digest };
}

/** Streams a blob from the registry into the store, verified against its descriptor. */
export async function fetchBlob(
  client: RegistryClient,
  repository: string,
  blob: { digest: string; size: number },
  store: BlobStore,
  what: string,
): Promise<{ stored: StoredBlob; response: Response }> {
  const response = await openBlob(client, repository, blob.digest, what);
  const stored = await store.put(response.body!, { digest: blob.digest, size: blob.size, what });
  return { stored, response };
}

/** Opens a blob download (the caller consumes or cancels the body). */
export async function openBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  what: string,
): Promise<Response> {
  const response = await client.request(`/v2/${repository}/blobs/${digest}`, {
    scopes: [`repository:${repository}:pull`],
  });
  if (!response.ok || !response.body) throw await registryError(response, what);
  return response;
}
