/**
 * `docker push`: uploads an image's layers and config (skipping what the registry has,
 * mounting from another repository of the same registry when the image came from one), then
 * puts the manifest under the tag. Progress is Docker's JSON messages.
 *
 * @module
 */
import { InvalidParameter, NotFound } from "../errors.ts";
import {
  familiarName,
  type ImageStore,
  parseReference,
  repositoryName,
  shortId,
  withDefaultTag,
} from "../images/mod.ts";
import { RegistryClient, registryError, type RegistryOptions } from "./client.ts";
import {
  ProgressChannel,
  type ProgressMessage,
  progressMessage,
  statusMessage,
} from "./progress.ts";
import { uploadBlob } from "./upload.ts";

/** Options of {@link pushImage}. */
export interface PushOptions extends RegistryOptions {
  /** Blobs above this size are uploaded in chunks of it (PATCH); default 16 MiB. */
  chunkSize?: number;
  /** Layers uploaded at once (dockerd's default is 5). */
  concurrency?: number;
}

/** What the registry stored: the manifest digest under the tag. */
export interface PushResult {
  tag: string;
  digest: string;
  size: number;
}

/**
 * Pushes the image a tagged name points at to that name's registry.
 *
 * @example
 * ```ts
 * const { result } = await drain(pushImage(store, "localhost:5000/busybox:latest"));
 * ```
 */
export async function* pushImage(
  store: ImageStore,
  name: string,
  options: PushOptions = {},
): AsyncGenerator<ProgressMessage, PushResult> {
  const parsed = parseReference(name);
  if (parsed.digest) throw new InvalidParameter(`cannot push a digest reference: ${name}`);
  const reference = withDefaultTag(parsed);
  const image = store.findByReference(reference);
  if (!image) {
    throw new NotFound(`An image does not exist locally with the tag: ${familiarName(reference)}`);
  }
  const tag = reference.tag!;
  const repository = reference.path;
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  const client = new RegistryClient(reference.domain, { ...options, signal });
  const mountFrom = [
    ...new Set(
      [...image.repoDigests, ...image.repoTags]
        .map((ref) => parseReference(ref))
        .filter((ref) => ref.domain === reference.domain && ref.path !== repository)
        .map((ref) => ref.path),
    ),
  ];

  yield statusMessage(`The push refers to repository [${repositoryName(reference)}]`);
  const layers = [...image.layers].reverse();
  const channel = new ProgressChannel<ProgressMessage>();
  for (const layer of layers) channel.push(statusMessage("Preparing", shortId(layer.digest)));
  const limit = options.concurrency ?? 5;
  for (const layer of layers.slice(limit)) {
    channel.push(statusMessage("Waiting", shortId(layer.digest)));
  }
  let next = 0;
  const worker = async () => {
    while (next < layers.length) {
      const layer = layers[next++];
      const id = shortId(layer.digest);
      let reported = 0;
      const outcome = await uploadBlob(client, store.blobs, repository, layer, {
        mountFrom,
        chunkSize: options.chunkSize,
        onProgress(sent) {
          if (Date.now() - reported < 100 && sent < layer.size) return;
          reported = Date.now();
          channel.push(progressMessage("Pushing", id, sent, layer.size));
        },
      });
      channel.push(statusMessage(
        outcome.kind === "exists"
          ? "Layer already exists"
          : outcome.kind === "mounted"
          ? `Mounted from ${outcome.from}`
          : "Pushed",
        id,
      ));
    }
  };
  const uploads = Promise.all(Array.from({ length: Math.min(limit, layers.length) }, worker));
  uploads.then(() => channel.close(), (error) => {
    abort.abort(error);
    channel.fail(error);
  });
  for await (const message of channel) yield message;
  await uploads;

  const configSize = await store.blobs.size(image.id);
  await uploadBlob(client, store.blobs, repository, { digest: image.id, size: configSize }, {
    mountFrom,
  });
  const manifestBytes = await store.blobs.readBytes(image.manifestDigest);
  const response = await client.request(`/v2/${repository}/manifests/${tag}`, {
    method: "PUT",
    headers: { "content-type": image.manifestMediaType },
    body: () => manifestBytes,
    scopes: [`repository:${repository}:pull,push`],
  });
  if (response.status !== 201) throw await registryError(response, `manifest for ${name}`);
  await response.body?.cancel();
  const announced = response.headers.get("docker-content-digest");
  if (announced && announced !== image.manifestDigest) {
    throw new Error(`registry stored manifest ${announced}, but ${image.manifestDigest} was sent`);
  }
  await store.put(image, {
    digests: [{ domain: reference.domain, path: repository, digest: image.manifestDigest }],
  });
  const result = { tag, digest: image.manifestDigest, size: manifestBytes.length };
  yield statusMessage(`${tag}: digest: ${result.digest} size: ${result.size}`);
  yield { progressDetail: {}, aux: { Tag: tag, Digest: result.digest, Size: result.size } };
  return result;
}
