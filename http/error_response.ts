/**
 * Renders any thrown value as Docker's error body `{"message": …}` with moby's status mapping:
 * typed {@link DockerError}s carry their status; anything else is a 500.
 *
 * @module
 */
import { DockerError } from "../backends/core/errors.ts";
import { log } from "../daemon/log.ts";
import { jsonResponse } from "./json.ts";

export function errorResponse(error: unknown): Response {
  if (error instanceof DockerError) {
    // 304 has no body by definition; clients only look at the status.
    if (error.status === 304) return new Response(null, { status: 304 });
    return jsonResponse({ message: error.message }, error.status);
  }
  const message = error instanceof Error ? error.message : String(error);
  log.error("request failed", { error: message, stack: error instanceof Error ? error.stack : "" });
  return jsonResponse({ message }, 500);
}
