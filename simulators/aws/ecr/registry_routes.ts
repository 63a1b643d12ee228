/**
 * The OCI distribution API (`/v2/…`) on the simulator's port, for its ECR repositories. Every
 * request carries ECR's Basic credentials (user `AWS`, the password from GetAuthorizationToken);
 * the token says which region's repositories the caller sees. Then the path picks the handler:
 * blobs and uploads, manifests, tags, the catalog.
 *
 * @module
 */
import type { World } from "../context.ts";
import { basicChallenge, verifyAuthorization } from "./auth_token.ts";
import { BlobStore } from "./blob_store.ts";
import { REGISTRY_HEADERS, RegistryError, registryErrorResponse } from "./registry_errors.ts";
import { contentsOf } from "./repository_images.ts";
import { serveBlob, serveUpload, startUpload } from "./registry_blobs.ts";
import { allowMethods, REPOSITORY_NAME, type RepositoryRequest } from "./registry_request.ts";
import { serveCatalog, serveManifest, serveTags } from "./registry_manifests.ts";

/** True for the paths this module serves. */
export function isRegistryPath(pathname: string): boolean {
  return pathname === "/v2" || pathname.startsWith("/v2/");
}

const ROUTES: [RegExp, (r: RepositoryRequest, match: RegExpExecArray) => Promise<Response>][] = [
  [/^\/v2\/(.+)\/blobs\/uploads\/?$/, (r) => startUpload(r)],
  [/^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/, (r, m) => serveUpload(r, m[2])],
  [/^\/v2\/(.+)\/blobs\/([^/]+)$/, (r, m) => serveBlob(r, m[2])],
  [/^\/v2\/(.+)\/manifests\/([^/]+)$/, (r, m) => serveManifest(r, decodeURIComponent(m[2]))],
  [/^\/v2\/(.+)\/tags\/list$/, (r) => serveTags(r)],
];

/** Serves one registry request for the simulator `world`. */
export async function serveRegistry(
  req: Request,
  world: World,
  accountId: string,
): Promise<Response> {
  try {
    const grant = await verifyAuthorization(world, req.headers.get("authorization"));
    const url = new URL(req.url);
    if (url.pathname === "/v2" || url.pathname === "/v2/") {
      allowMethods(req, "GET", "HEAD");
      return new Response(req.method === "HEAD" ? null : "{}", {
        headers: { ...REGISTRY_HEADERS, "content-type": "application/json" },
      });
    }
    if (url.pathname === "/v2/_catalog") {
      return serveCatalog(req, url, world, grant.region);
    }
    for (const [pattern, handler] of ROUTES) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      const name = match[1];
      if (!REPOSITORY_NAME.test(name) || name.length > 256) {
        throw new RegistryError("NAME_INVALID", `invalid repository name ${name}`);
      }
      const key = `${grant.region}/${name}`;
      const repo = world.state.repositories[key];
      if (!repo) {
        throw new RegistryError(
          "NAME_UNKNOWN",
          `The repository with name '${name}' does not exist in the registry with id '${accountId}'`,
        );
      }
      return await handler({
        req,
        url,
        world,
        region: grant.region,
        name,
        repo,
        contents: contentsOf(world.state.repositoryContents, key),
        blobs: BlobStore.of(world),
      }, match);
    }
    throw new RegistryError("UNSUPPORTED", `the registry serves nothing at ${url.pathname}`, {
      method: req.method,
    }, 404);
  } catch (e) {
    await req.body?.cancel().catch(() => {});
    const challenge = e instanceof RegistryError && e.code === "UNAUTHORIZED"
      ? basicChallenge(world)
      : {};
    return registryErrorResponse(e, challenge, req.method);
  }
}
