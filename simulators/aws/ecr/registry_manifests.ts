/**
 * Manifests, tags and the catalog of the distribution API: PUT/GET/HEAD/DELETE of a manifest by
 * tag or digest (served as the exact bytes pushed, with their media type), `tags/list` and
 * `_catalog` with the spec's `n`/`last` paging.
 *
 * @module
 */
import type { World } from "../context.ts";
import { epochSeconds } from "../context.ts";
import { DIGEST, TAG } from "./manifest.ts";
import { REGISTRY_HEADERS, RegistryError } from "./registry_errors.ts";
import { allowMethods, type RepositoryRequest } from "./registry_request.ts";
import { deleteImage, findImage, putImage } from "./repository_images.ts";

/** ECR's limit on a manifest's size. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

function _checkReference(reference: string): void {
  const ok = reference.startsWith("sha256:") ? DIGEST.test(reference) : TAG.test(reference);
  if (!ok) throw new RegistryError("MANIFEST_INVALID", `invalid reference ${reference}`);
}

/** `GET|HEAD|PUT|DELETE /v2/<name>/manifests/<reference>`. */
export async function serveManifest(r: RepositoryRequest, reference: string): Promise<Response> {
  allowMethods(r.req, "GET", "HEAD", "PUT", "DELETE");
  if (r.req.method === "PUT") return await _putManifest(r, reference);
  _checkReference(reference);
  if (r.req.method === "DELETE") {
    const outcome = deleteImage(
      r.contents,
      reference.startsWith("sha256:") ? { imageDigest: reference } : { imageTag: reference },
    );
    if ("failureCode" in outcome) {
      throw outcome.failureCode === "ImageNotFound"
        ? new RegistryError("MANIFEST_UNKNOWN", outcome.failureReason)
        : new RegistryError("DENIED", outcome.failureReason);
    }
    r.world.store.changed();
    return new Response(null, { status: 202, headers: REGISTRY_HEADERS });
  }
  const image = findImage(r.contents, reference);
  if (!image) throw new RegistryError("MANIFEST_UNKNOWN", "Requested image not found");
  const bytes = new TextEncoder().encode(image.imageManifest);
  const headers = {
    ...REGISTRY_HEADERS,
    "content-type": image.imageManifestMediaType,
    "docker-content-digest": image.imageDigest,
    "content-length": String(bytes.length),
  };
  if (r.req.method === "HEAD") return new Response(null, { headers });
  image.lastRecordedPullTime = epochSeconds();
  r.world.store.changed();
  return new Response(bytes, { headers });
}

async function _putManifest(r: RepositoryRequest, reference: string): Promise<Response> {
  const declared = Number(r.req.headers.get("content-length") ?? 0);
  if (declared > MAX_MANIFEST_BYTES) {
    throw new RegistryError("SIZE_INVALID", `manifests are limited to ${MAX_MANIFEST_BYTES} bytes`);
  }
  const bytes = new Uint8Array(await r.req.arrayBuffer());
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new RegistryError("SIZE_INVALID", `manifests are limited to ${MAX_MANIFEST_BYTES} bytes`);
  }
  const image = await putImage(
    r.repo,
    r.contents,
    reference,
    bytes,
    r.req.headers.get("content-type"),
  );
  r.world.store.changed();
  return new Response(null, {
    status: 201,
    headers: {
      ...REGISTRY_HEADERS,
      location: `/v2/${r.name}/manifests/${image.imageDigest}`,
      "docker-content-digest": image.imageDigest,
    },
  });
}

/** One page of a sorted list by the spec's `n` (page size) and `last` (exclusive start). */
function _page(all: string[], url: URL): { items: string[]; next?: string } {
  const last = url.searchParams.get("last");
  const n = url.searchParams.get("n");
  const from = last === null ? all : all.filter((item) => item > last);
  if (n === null) return { items: from };
  const size = Number(n);
  if (!Number.isInteger(size) || size < 0) {
    throw new RegistryError(
      "UNSUPPORTED",
      `n must be a non-negative integer, not ${n}`,
      undefined,
      400,
    );
  }
  const items = from.slice(0, size);
  const more = from.length > size && items.length > 0;
  return more
    ? { items, next: `${url.pathname}?n=${size}&last=${encodeURIComponent(items.at(-1)!)}` }
    : { items };
}

function _listing(body: Record<string, unknown>, next?: string): Response {
  return Response.json(body, {
    headers: { ...REGISTRY_HEADERS, ...(next && { link: `<${next}>; rel="next"` }) },
  });
}

/** `GET /v2/<name>/tags/list`. */
export function serveTags(r: RepositoryRequest): Promise<Response> {
  allowMethods(r.req, "GET");
  const tags = Object.values(r.contents.images).flatMap((image) => image.imageTags).sort();
  const { items, next } = _page(tags, r.url);
  return Promise.resolve(_listing({ name: r.name, tags: items }, next));
}

/** `GET /v2/_catalog`: the repositories of the caller's region. */
export function serveCatalog(req: Request, url: URL, world: World, region: string): Response {
  allowMethods(req, "GET");
  const names = Object.values(world.state.repositories)
    .filter((repo) => repo.repositoryArn.startsWith(`arn:aws:ecr:${region}:`))
    .map((repo) => repo.repositoryName)
    .sort();
  const { items, next } = _page(names, url);
  return _listing({ repositories: items }, next);
}
