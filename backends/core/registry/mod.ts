/**
 * A registry client for the OCI distribution spec: pull (by tag or digest, through indexes for
 * a platform) and push (monolithic or chunked uploads, cross-repository mounts, manifest put),
 * with Bearer/Basic auth from `X-Registry-Auth`, http for loopback and insecure registries,
 * retries with backoff, and digest verification of every blob. Progress is Docker's JSON
 * messages as an async iterable.
 *
 * @example Stream a pull as `POST /images/create` does
 * ```ts
 * import { decodeRegistryAuth, jsonLines, pullImage } from "./mod.ts";
 *
 * const credentials = decodeRegistryAuth(request.headers.get("x-registry-auth"));
 * const progress = pullImage(store, "localhost:5000/busybox:latest", { credentials });
 * // Rejects (404, 401, 503…) while nothing is sent; later failures become errorDetail lines.
 * const body = await startJsonLines(progress);
 * return new Response(body, { headers: { "content-type": "application/json" } });
 * ```
 *
 * @example Push, collecting the progress
 * ```ts
 * const { result } = await drain(pushImage(store, "localhost:5000/busybox:latest"));
 * result.digest; // "sha256:…"
 * ```
 *
 * Errors: `NotFound` (no such manifest, no platform match), `Unauthorized`/`Forbidden` (auth),
 * `Unavailable` (registry unreachable after retries: the one case where the memory backend may
 * fall back, loudly, to its built-in rootfs), `DigestMismatchError`/`SizeMismatchError`/
 * `LayerContentError` (bad content; nothing is stored).
 *
 * @module
 */
export {
  type BearerToken,
  type Challenge,
  decodeRegistryAuth,
  parseChallenges,
  type RegistryCredentials,
} from "./auth.ts";
export {
  registryBaseUrl,
  RegistryClient,
  registryError,
  type RegistryOptions,
  type RegistryRequest,
} from "./client.ts";
export { drain } from "./drain.ts";
export { login, loginDomain, type LoginResult } from "./login.ts";
export { type FetchedManifest, fetchManifest, manifestAccept } from "./manifest.ts";
export {
  defaultPlatform,
  formatPlatform,
  parsePlatform,
  platformMatches,
  selectManifest,
} from "./platform.ts";
export {
  errorMessage,
  humanSize,
  jsonLines,
  progressBar,
  ProgressChannel,
  type ProgressMessage,
  progressMessage,
  startJsonLines,
  statusMessage,
} from "./progress.ts";
export { pullImage, type PullOptions } from "./pull.ts";
export { backoffDelay, isRetryableStatus, type RetryOptions } from "./retry.ts";
export { pushImage, type PushOptions, type PushResult } from "./push.ts";
export { defaultChunkSize, uploadBlob, type UploadOptions, type UploadOutcome } from "./upload.ts";
