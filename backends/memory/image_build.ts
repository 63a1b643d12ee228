/**
 * `docker build` (classic builder) and `docker commit` on the memory backend. The build's
 * reply is Docker's JSON lines, started: a context or Dockerfile that cannot be read fails the
 * request with its status; a step that fails later ends the stream with `errorDetail`.
 *
 * @module
 */
import { InvalidParameter, Unavailable } from "../core/errors.ts";
import {
  familiarString,
  type ImageRecord,
  parseReference,
  shortId,
  withDefaultTag,
} from "../core/images/mod.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import type { BuildOptions } from "../core/protocol_image_build.ts";
import { loginDomain, type RegistryCredentials, startJsonLines } from "../core/registry/mod.ts";
import { build, BuildCache, readBuildContext, type StreamMessage } from "./build/mod.ts";
import { imageLayerBytes } from "./image_rootfs.ts";
import { commitContainer } from "./image_commit.ts";
import { imageHandlers } from "./images.ts";
import type { MemoryBackendState } from "./state.ts";

type BuildHandlers = Pick<BackendHandlers, "image.build" | "image.buildPrune" | "image.commit">;

async function remoteContext(url: string): Promise<ReadableStream<Uint8Array>> {
  if (/^(git@|git:\/\/)|\.git(#|$)/.test(url)) {
    throw new InvalidParameter(
      `git build contexts are not supported by the memory backend: ${url}`,
    );
  }
  const response = await fetch(url).catch((error) => {
    throw new Unavailable(`cannot fetch the build context ${url}: ${(error as Error).message}`);
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new InvalidParameter(`fetching the build context ${url} failed: ${response.status}`);
  }
  return response.body;
}

/** The credentials the client sent for the registry of `name`, if any. */
function credentialsFor(options: BuildOptions, name: string): RegistryCredentials | undefined {
  const domain = parseReference(name).domain;
  for (const [registry, credentials] of Object.entries(options.registryAuth ?? {})) {
    if (loginDomain(registry) === domain) return credentials;
  }
  return undefined;
}

const buildCache = (state: MemoryBackendState) =>
  new BuildCache(`${state.options.dataRoot}/build-cache`);

/**
 * The build's messages; returning the iterator (the client went away) aborts the build at once,
 * even while a step is running and the generator cannot take the return yet.
 */
function buildMessages(
  state: MemoryBackendState,
  source: ReadableStream<Uint8Array>,
  options: BuildOptions,
): AsyncIterable<StreamMessage> {
  const abort = new AbortController();
  const steps = buildSteps(state, source, options, abort.signal);
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => steps.next(),
      return: (value?: unknown) => {
        abort.abort(new Error("the build's client went away"));
        return steps.return(value);
      },
    }),
  };
}

async function* buildSteps(
  state: MemoryBackendState,
  source: ReadableStream<Uint8Array>,
  options: BuildOptions,
  signal: AbortSignal,
): AsyncGenerator<StreamMessage> {
  const context = await readBuildContext(source, options.dockerfile, signal);
  const pull = imageHandlers(state)["image.pull"];
  const steps = build(
    {
      store: state.images,
      cache: buildCache(state),
      spawn: (args) => state.spawnContainer(args),
      host: { ncpu: state.options.ncpu, memTotal: state.options.memTotal },
      pull: (name) =>
        pull({ name, platform: options.platform, credentials: credentialsFor(options, name) }),
      layers: (image) => imageLayerBytes(state.images, image),
      signal,
    },
    context,
    options,
  );
  let image: ImageRecord;
  for (;;) {
    const next = await steps.next();
    if (next.done) {
      image = next.value;
      break;
    }
    if (!options.quiet) yield next.value;
  }
  yield { aux: { ID: image.id } };
  // With -q the docker CLI prints the stream it was sent at the end: only the ID, as moby sends.
  if (options.quiet) {
    yield { stream: `${image.id}\n` };
    return;
  }
  yield { stream: `Successfully built ${shortId(image.id)}\n` };
  for (const tag of options.tags) {
    const name = familiarString(withDefaultTag(parseReference(tag)));
    state.events.publish("image", "tag", { ID: image.id, Attributes: { name } });
    yield { stream: `Successfully tagged ${name}\n` };
  }
}

export function imageBuildHandlers(state: MemoryBackendState): BuildHandlers {
  return {
    "image.build": async ({ context, options }) => {
      for (const tag of options.tags) withDefaultTag(parseReference(tag)); // 400 before reading
      const source = options.remote ? await remoteContext(options.remote) : context;
      if (!source) throw new InvalidParameter("no build context: send a tar as the request body");
      return await startJsonLines(buildMessages(state, source, options));
    },
    "image.buildPrune": async () => {
      const { keys, bytes } = await buildCache(state).prune();
      return { CachesDeleted: keys.length ? keys : null, SpaceReclaimed: bytes };
    },
    "image.commit": (request) => commitContainer(state, request),
  };
}
