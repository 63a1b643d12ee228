/**
 * Why an image could not be pulled, in the words a Fargate task's `stoppedReason` uses
 * (containerd's errors behind ECS's `CannotPullContainerError:` prefix), e.g.
 * `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve
 * ref docker.io/library/nosuch:latest: docker.io/library/nosuch:latest: not found`.
 *
 * @module
 */
import {
  DockerError,
  Forbidden,
  NotFound,
  Unauthorized,
  Unavailable,
} from "../../../backends/core/errors.ts";

/** The image named cannot be pulled; `message` is the whole stoppedReason. */
export class ImagePullError extends Error {
  constructor(
    message: string,
    /** The reference could not be resolved to a manifest (Lambda: the image "does not exist"). */
    readonly missing: boolean,
    /** The registry could not be reached at all. */
    readonly unreachable: boolean,
  ) {
    super(message);
    this.name = "ImagePullError";
  }
}

/** Turns what the registry client threw while pulling `qualified` into an {@link ImagePullError}. */
export function cannotPull(qualified: string, error: unknown, attempts: number): ImagePullError {
  const detail = (error as Error)?.message ?? String(error);
  const manifest = (text: string, n = 1) =>
    `CannotPullContainerError: pull image manifest has been retried ${n} time(s): ${text}`;
  if (error instanceof Unavailable) {
    return new ImagePullError(
      manifest(`failed to resolve ref ${qualified}: failed to do request: ${detail}`, attempts),
      false,
      true,
    );
  }
  if (error instanceof NotFound) {
    // A platform missing from an index is reported by containerd in its own words.
    if (/^no matching manifest for /.test(detail)) {
      return new ImagePullError(
        manifest("image Manifest does not contain descriptor matching platform 'linux/amd64'"),
        false,
        false,
      );
    }
    return new ImagePullError(
      manifest(`failed to resolve ref ${qualified}: ${qualified}: not found`),
      true,
      false,
    );
  }
  if (error instanceof Unauthorized || error instanceof Forbidden) {
    return new ImagePullError(
      manifest(
        `failed to resolve ref ${qualified}: pull access denied, repository does not exist or ` +
          `may require authorization: server message: ${detail}`,
      ),
      false,
      false,
    );
  }
  // Content that fails verification, or any other failure after the manifest resolved.
  const kind = error instanceof DockerError ? "" : "unexpected error: ";
  return new ImagePullError(
    `CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: ${kind}${detail}`,
    false,
    false,
  );
}
