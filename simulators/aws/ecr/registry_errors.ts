/**
 * Errors of the OCI distribution API as ECR answers them: thrown where the fact is known and
 * rendered once as `{"errors":[{"code","message","detail"}]}` with the spec's status for the code.
 *
 * @module
 */

/** The distribution spec's error codes the simulator's registry uses, with their HTTP status. */
const STATUS = {
  BLOB_UNKNOWN: 404,
  BLOB_UPLOAD_INVALID: 400,
  BLOB_UPLOAD_UNKNOWN: 404,
  DENIED: 403,
  DIGEST_INVALID: 400,
  MANIFEST_BLOB_UNKNOWN: 400,
  MANIFEST_INVALID: 400,
  MANIFEST_UNKNOWN: 404,
  NAME_INVALID: 400,
  NAME_UNKNOWN: 404,
  SIZE_INVALID: 400,
  TAG_INVALID: 400,
  UNAUTHORIZED: 401,
  UNSUPPORTED: 405,
} as const;

export type RegistryErrorCode = keyof typeof STATUS;

/** A registry error with its code; `status` overrides the code's usual status (416 for ranges). */
export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly detail?: unknown,
    readonly status: number = STATUS[code],
  ) {
    super(message);
    this.name = code;
  }
}

/** The headers every registry answer carries. */
export const REGISTRY_HEADERS = { "docker-distribution-api-version": "registry/2.0" };

/** Renders an error; anything that is not a RegistryError is a simulator bug, a 500 saying what. */
export function registryErrorResponse(
  e: unknown,
  extraHeaders: Record<string, string> = {},
  method = "GET",
): Response {
  if (!(e instanceof RegistryError)) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return Response.json(
      { errors: [{ code: "UNKNOWN", message: `simulator failure: ${message}` }] },
      { status: 500, headers: REGISTRY_HEADERS },
    );
  }
  const body = JSON.stringify({
    errors: [{
      code: e.code,
      message: e.message,
      ...(e.detail !== undefined && { detail: e.detail }),
    }],
  });
  const headers = { ...REGISTRY_HEADERS, "content-type": "application/json", ...extraHeaders };
  // A HEAD answer has no body; the status and headers carry the error.
  return new Response(method === "HEAD" ? null : body, { status: e.status, headers });
}
