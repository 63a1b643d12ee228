/**
 * What every handler of a repository's registry routes receives, and the checks they share.
 *
 * @module
 */
import type { World } from "../context.ts";
import type { Repository, RepositoryContents } from "../state/model.ts";
import type { BlobStore } from "./blob_store.ts";
import { RegistryError } from "./registry_errors.ts";

/** One authorised request to an existing repository. */
export interface RepositoryRequest {
  req: Request;
  url: URL;
  world: World;
  /** The region the caller's token was issued in: the registry it is talking to. */
  region: string;
  name: string;
  repo: Repository;
  contents: RepositoryContents;
  blobs: BlobStore;
}

/** A repository name as ECR allows it (the same rule as CreateRepository). */
export const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Throws 405 UNSUPPORTED unless the method is one of `allowed`. */
export function allowMethods(req: Request, ...allowed: string[]): void {
  if (!allowed.includes(req.method)) {
    throw new RegistryError("UNSUPPORTED", `${req.method} is not allowed here`);
  }
}
