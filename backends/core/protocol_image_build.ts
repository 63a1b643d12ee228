/**
 * Backend calls for image content: push, save, load, import, commit, build, prune, search and
 * registry login. Calls that stream Docker's JSON progress reply with the encoded lines, started
 * already: a failure before the first line rejects the call (and becomes its HTTP status), a
 * later one is an `errorDetail` line, as dockerd does once it has flushed.
 *
 * @module
 */
import type { Filters } from "./filters.ts";
import type { PruneReport } from "./images/mod.ts";
import type { LoginResult, RegistryCredentials } from "./registry/mod.ts";
import type { ContainerConfig } from "./container_types.ts";

/** The query of `POST /build` the classic builder honours, decoded. */
export interface BuildOptions {
  /** Path of the Dockerfile inside the context (default `Dockerfile`). */
  dockerfile: string;
  /** Tags (`t`, repeatable). */
  tags: string[];
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  /** The stage to stop at. */
  target?: string;
  nocache: boolean;
  /** Pull FROM images even when they are in the store. */
  pull: boolean;
  /** Only the final image ID is printed. */
  quiet: boolean;
  /** Remove intermediate containers (always done: the builder keeps none). */
  rm: boolean;
  /** A URL to fetch the context from instead of the body (`remote`). */
  remote?: string;
  platform?: string;
  /** Credentials by registry (`X-Registry-Config`), for the images FROM and COPY --from pull. */
  registryAuth?: Record<string, RegistryCredentials>;
}

/** `POST /commit`'s query and body. */
export interface CommitRequest {
  container: string;
  repo?: string;
  tag?: string;
  comment?: string;
  author?: string;
  /** Dockerfile instructions applied to the config (`changes`, repeatable). */
  changes: string[];
  /** Config fields from the body, over the container's. */
  config?: ContainerConfig;
}

/** `POST /images/create?fromSrc=…`: a root filesystem tarball becomes a one-layer image. */
export interface ImportRequest {
  /** The request body when `fromSrc=-`, otherwise a URL to fetch. */
  source: ReadableStream<Uint8Array> | string;
  repo?: string;
  tag?: string;
  changes: string[];
  message?: string;
  platform?: string;
}

export interface ImageBuildCalls {
  /** `docker push`: JSON lines, started. */
  "image.push": {
    request: { name: string; tag?: string; credentials?: RegistryCredentials };
    reply: ReadableStream<Uint8Array>;
  };
  /** `docker save` of one or many names: the archive, after every name resolved. */
  "image.save": { request: { names: string[] }; reply: ReadableStream<Uint8Array> };
  /** `docker load`: JSON lines (`{"stream":"Loaded image: …\n"}`). */
  "image.load": {
    request: { archive: ReadableStream<Uint8Array>; quiet: boolean };
    reply: ReadableStream<Uint8Array>;
  };
  /** `docker import`: JSON lines ending with `{"status":"sha256:…"}`. */
  "image.import": { request: ImportRequest; reply: ReadableStream<Uint8Array> };
  "image.commit": { request: CommitRequest; reply: { Id: string } };
  "image.prune": { request: { filters: Filters }; reply: PruneReport };
  "image.search": {
    request: { term: string; limit?: number; filters: Filters };
    reply: unknown[];
  };
  /** `docker build` with the classic builder: JSON lines, started. */
  "image.build": {
    request: { context: ReadableStream<Uint8Array> | null; options: BuildOptions };
    reply: ReadableStream<Uint8Array>;
  };
  /** `docker builder prune`: empties the classic builder's layer cache. */
  "image.buildPrune": {
    request: Record<never, never>;
    reply: { CachesDeleted: string[] | null; SpaceReclaimed: number };
  };
  /** `docker login`: checks credentials against the registry they name. */
  "system.auth": { request: { credentials: RegistryCredentials }; reply: LoginResult };
}
