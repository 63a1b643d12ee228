/**
 * Writes OCI image layouts (`oci-layout`, `index.json`, `blobs/sha256/…`) that `skopeo copy
 * oci:<dir>:<tag>` pushes to a registry: single images, and indexes of several platforms.
 *
 * @module
 */
import {
  type Descriptor,
  digestOf,
  gzipBytes,
  type ImageConfig,
  MediaType,
  type Platform,
} from "../../backends/core/images/mod.ts";

const encoder = new TextEncoder();

/** An image to put in a layout. */
export interface LayoutImage {
  /** Uncompressed layer tars; they are gzipped. */
  layers: Uint8Array[];
  platform?: Platform;
  config?: ImageConfig["config"];
  created?: string;
  /** Changes a gzipped layer before it is written (to make broken images on purpose). */
  mangle?: (gzipped: Uint8Array, index: number) => Uint8Array;
}

/** An OCI layout being written to a directory. */
export class OciLayout {
  #refs: Descriptor[] = [];

  constructor(readonly dir: string) {}

  /** Writes a blob and returns its descriptor. */
  async blob(mediaType: string, bytes: Uint8Array): Promise<Descriptor> {
    const digest = digestOf(bytes);
    await Deno.mkdir(`${this.dir}/blobs/sha256`, { recursive: true });
    await Deno.writeFile(`${this.dir}/blobs/sha256/${digest.slice(7)}`, bytes);
    return { mediaType, digest, size: bytes.length };
  }

  /** Writes an image (layers, config, manifest); returns the manifest descriptor. */
  async image(image: LayoutImage): Promise<Descriptor> {
    const platform = image.platform ?? { os: "linux", architecture: "amd64" };
    const layers: Descriptor[] = [];
    for (const [i, tar] of image.layers.entries()) {
      const gzipped = await gzipBytes(tar);
      layers.push(await this.blob(MediaType.ociLayerGzip, image.mangle?.(gzipped, i) ?? gzipped));
    }
    const config: ImageConfig = {
      created: image.created ?? "2024-05-01T12:00:00Z",
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant && { variant: platform.variant }),
      config: image.config ?? {},
      rootfs: { type: "layers", diff_ids: image.layers.map((tar) => digestOf(tar)) },
      history: image.layers.map((_, i) => ({
        created: image.created ?? "2024-05-01T12:00:00Z",
        created_by: `/bin/sh -c #(nop) layer ${i}`,
      })),
    };
    const configDescriptor = await this.blob(
      MediaType.ociConfig,
      encoder.encode(JSON.stringify(config)),
    );
    const manifest = {
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: configDescriptor,
      layers,
    };
    const descriptor = await this.blob(
      MediaType.ociManifest,
      encoder.encode(JSON.stringify(manifest)),
    );
    return { ...descriptor, platform };
  }

  /** Writes an index of platform manifests; returns its descriptor. */
  async index(manifests: Descriptor[]): Promise<Descriptor> {
    const index = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests };
    return await this.blob(MediaType.ociIndex, encoder.encode(JSON.stringify(index)));
  }

  /** Names a manifest or index in `index.json` (`oci:<dir>:<name>`). */
  async tag(name: string, descriptor: Descriptor): Promise<void> {
    const { platform: _, ...plain } = descriptor;
    this.#refs.push({ ...plain, annotations: { "org.opencontainers.image.ref.name": name } });
    await Deno.writeTextFile(
      `${this.dir}/oci-layout`,
      JSON.stringify({ imageLayoutVersion: "1.0.0" }),
    );
    await Deno.writeTextFile(
      `${this.dir}/index.json`,
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: this.#refs }),
    );
  }
}

/** Runs `skopeo` and fails with its stderr when it fails. */
export async function skopeo(...args: string[]): Promise<string> {
  const output = await new Deno.Command("skopeo", { args, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder();
  if (!output.success) {
    throw new Error(`skopeo ${args.join(" ")} failed: ${text.decode(output.stderr)}`);
  }
  return text.decode(output.stdout);
}

/** Pushes `oci:<dir>:<name>` to `docker://<target>` over plain HTTP (`--all` for indexes). */
export async function skopeoPush(
  layout: OciLayout,
  name: string,
  target: string,
  all = false,
): Promise<void> {
  await skopeo(
    "copy",
    "--quiet",
    ...(all ? ["--all"] : []),
    "--dest-tls-verify=false",
    `oci:${layout.dir}:${name}`,
    `docker://${target}`,
  );
}
