/**
 * `docker pull`: resolves a reference to one image manifest (through an index for the wanted
 * platform), streams config and layers into the store with digest and DiffID verification,
 * and only then records the image. Progress comes out as Docker's JSON messages. A failure
 * stores no image and removes the blobs this pull added that nothing else uses.
 *
 * @module
 */
import { InvalidParameter, NotFound } from "../errors.ts";
import {
  assertDigest,
  familiarString,
  type ImageManifest,
  type ImageRecord,
  type ImageStore,
  isIndexMediaType,
  layerCompression,
  type LayerContent,
  measureLayer,
  parseImageConfig,
  parseReference,
  type Platform,
  registerImage,
  shortId,
  withDefaultTag,
} from "../images/mod.ts";
import { RegistryClient, type RegistryOptions } from "./client.ts";
import { fetchBlob, fetchManifest, openBlob } from "./manifest.ts";
import { defaultPlatform, formatPlatform, platformMatches, selectManifest } from "./platform.ts";
import {
  ProgressChannel,
  type ProgressMessage,
  progressMessage,
  statusMessage,
} from "./progress.ts";

/** Options of {@link pullImage}. */
export interface PullOptions extends RegistryOptions {
  /** `--platform`; linux/amd64 when absent. */
  platform?: Platform;
  /** Layers downloaded at once (dockerd's default is 3). */
  concurrency?: number;
}

/**
 * Pulls an image, yielding progress; the generator's return value is the stored image.
 *
 * @example
 * ```ts
 * for await (const message of pullImage(store, "localhost:5000/busybox:latest")) {
 *   console.log(message.status, message.id ?? "");
 * }
 * ```
 */
export async function* pullImage(
  store: ImageStore,
  name: string,
  options: PullOptions = {},
): AsyncGenerator<ProgressMessage, ImageRecord> {
  const reference = withDefaultTag(parseReference(name));
  const what = familiarString(reference.digest ? { ...reference, tag: undefined } : reference);
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  const client = new RegistryClient(reference.domain, { ...options, signal });
  const repository = reference.path;
  const tagOrDigest = reference.digest ?? reference.tag!;
  const wanted = options.platform ?? defaultPlatform;

  const top = await fetchManifest(client, repository, tagOrDigest, what);
  let chosen = top;
  if (isIndexMediaType(top.mediaType)) {
    const index = JSON.parse(new TextDecoder().decode(top.bytes)) as { manifests?: [] };
    const entry = selectManifest(index.manifests ?? [], wanted, what);
    chosen = await fetchManifest(client, repository, entry.digest, what);
    if (isIndexMediaType(chosen.mediaType)) {
      throw new NotFound(`${what}: nested indexes are not supported`);
    }
  }
  const manifest = JSON.parse(new TextDecoder().decode(chosen.bytes)) as ImageManifest;
  if (!manifest.config?.digest || !Array.isArray(manifest.layers)) {
    throw new InvalidParameter(`manifest ${chosen.digest} for ${what} has no config or layers`);
  }
  for (const blob of [manifest.config, ...manifest.layers]) assertDigest(blob.digest);
  yield statusMessage(`Pulling from ${repository}`, tagOrDigest);

  const layerDigests = manifest.layers.map((l) => l.digest);
  const release = store.lease([chosen.digest, manifest.config.digest, ...layerDigests]);
  const created: string[] = [];
  let image: ImageRecord | undefined;
  let downloads: Promise<LayerContent[]> | undefined;
  const downloaded = new Set<string>();
  try {
    created.push(...addedBy(await store.blobs.putBytes(chosen.bytes, { digest: chosen.digest })));
    if (!(await store.blobs.has(manifest.config.digest))) {
      const { stored } = await fetchBlob(
        client,
        repository,
        manifest.config,
        store.blobs,
        `image config ${manifest.config.digest}`,
      );
      created.push(...addedBy(stored));
    }
    const config = parseImageConfig(await store.blobs.readBytes(manifest.config.digest));
    if (options.platform && !platformMatches(options.platform, config)) {
      throw new NotFound(
        `image with reference ${what} was found but does not match the specified platform: ` +
          `wanted ${formatPlatform(options.platform)}, actual: ${formatPlatform(config)}`,
      );
    }
    for (const layer of manifest.layers) layerCompression(layer.mediaType);

    const channel = new ProgressChannel<ProgressMessage>();
    downloads = downloadLayers(
      store,
      client,
      repository,
      manifest,
      channel,
      created,
      downloaded,
      options.concurrency ?? 3,
      (reason) => abort.abort(reason),
    );
    downloads.then(() => channel.close(), (error) => {
      abort.abort(error);
      channel.fail(error);
    });
    for await (const message of channel) yield message;
    const contents = await downloads;

    const before = reference.digest ? undefined : store.findByReference(reference);
    image = await registerImage(store, {
      manifestBytes: chosen.bytes,
      manifestMediaType: chosen.mediaType,
      layerContents: contents,
    }, {
      tags: reference.digest ? [] : [reference],
      digests: [{ domain: reference.domain, path: reference.path, digest: top.digest }],
    });
    for (const layer of manifest.layers) {
      if (downloaded.has(layer.digest)) yield statusMessage("Pull complete", shortId(layer.digest));
    }
    yield statusMessage(`Digest: ${top.digest}`);
    yield statusMessage(
      before?.id === image.id
        ? `Status: Image is up to date for ${what}`
        : `Status: Downloaded newer image for ${what}`,
    );
    return image;
  } finally {
    if (!image) {
      // Failed or abandoned: stop the downloads and wait for them, so every blob they added
      // is known before cleaning up.
      abort.abort(new Error(`pull of ${what} was stopped`));
      await downloads?.catch(() => {});
    }
    release();
    if (!image) await store.collectGarbage(created);
  }
}

function addedBy(stored: { digest: string; created: boolean }): string[] {
  return stored.created ? [stored.digest] : [];
}

// Downloads the missing layers, `limit` at a time, each verified by digest, size and DiffID.
// The first failure stops the others (`onFailure` aborts them), but every download settles
// before this does, so `created` is complete when the caller cleans up.
async function downloadLayers(
  store: ImageStore,
  client: RegistryClient,
  repository: string,
  manifest: ImageManifest,
  channel: ProgressChannel<ProgressMessage>,
  created: string[],
  downloaded: Set<string>,
  limit: number,
  onFailure: (reason: unknown) => void,
): Promise<LayerContent[]> {
  const known = new Map(store.list().flatMap((image) => image.layers).map((l) => [l.digest, l]));
  const queue: { digest: string; run: () => Promise<void> }[] = [];
  const contents: LayerContent[] = new Array(manifest.layers.length);
  for (const [i, layer] of manifest.layers.entries()) {
    const id = shortId(layer.digest);
    const have = known.get(layer.digest);
    if (have && await store.blobs.has(layer.digest)) {
      channel.push(statusMessage("Already exists", id));
      contents[i] = { diffId: have.diffId, size: have.uncompressedSize };
      continue;
    }
    channel.push(statusMessage("Pulling fs layer", id));
    queue.push({
      digest: layer.digest,
      run: async () => {
        contents[i] = await downloadLayer(store, client, repository, layer, channel, created);
        downloaded.add(layer.digest);
      },
    });
  }
  for (const waiting of queue.slice(limit)) {
    channel.push(statusMessage("Waiting", shortId(waiting.digest)));
  }
  const results: PromiseSettledResult<void>[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < queue.length && !failed) {
      const job = queue[next++];
      const [result] = await Promise.allSettled([job.run()]);
      results.push(result);
      if (result.status === "rejected" && !failed) {
        failed = true;
        onFailure(result.reason);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
  const failure = results.find((r) => r.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return contents;
}

async function downloadLayer(
  store: ImageStore,
  client: RegistryClient,
  repository: string,
  layer: { digest: string; size: number; mediaType: string },
  channel: ProgressChannel<ProgressMessage>,
  created: string[],
): Promise<LayerContent> {
  const id = shortId(layer.digest);
  const what = `layer ${layer.digest}`;
  const response = await openBlob(client, repository, layer.digest, what);
  let current = 0;
  let reported = 0;
  const counting = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      current += chunk.byteLength;
      const now = Date.now();
      if (now - reported >= 100) {
        reported = now;
        channel.push(progressMessage("Downloading", id, current, layer.size));
      }
      controller.enqueue(chunk);
    },
  });
  const [toStore, toMeasure] = response.body!.pipeThrough(counting).tee();
  const [stored, content] = await Promise.allSettled([
    store.blobs.put(toStore, { digest: layer.digest, size: layer.size, what }),
    measureLayer(toMeasure, layerCompression(layer.mediaType), what),
  ]);
  if (stored.status === "fulfilled" && stored.value.created) created.push(stored.value.digest);
  // The last chunk may have fallen inside the throttle window: show the bar full.
  if (current > 0) channel.push(progressMessage("Downloading", id, current, layer.size));
  if (stored.status === "rejected") throw stored.reason;
  channel.push(statusMessage("Verifying Checksum", id));
  if (content.status === "rejected") throw content.reason;
  channel.push(statusMessage("Download complete", id));
  return content.value;
}
