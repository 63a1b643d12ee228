import assert from "node:assert/strict";
import {
  digestOf,
  gzipBytes,
  ImageStore,
  MediaType,
  parseReference,
  registerImage,
} from "../../backends/core/images/mod.ts";
import { addTestImage } from "../../backends/core/images/test_utils.ts";
import { drain, pullImage, pushImage } from "../../backends/core/registry/mod.ts";
import { randomLayer } from "./busybox_image.ts";
import { skopeo } from "./oci_layout.ts";
import { registryTest, startRegistry } from "./registry_server.ts";

interface SkopeoInspect {
  Digest: string;
  Layers: string[];
  Architecture: string;
  Os: string;
  Labels: Record<string, string> | null;
}

async function inspect(reference: string): Promise<SkopeoInspect> {
  return JSON.parse(await skopeo("inspect", "--tls-verify=false", `docker://${reference}`));
}

Deno.test(
  registryTest(
    "push to a real registry: upload, chunked upload, mount, skopeo inspect",
    async () => {
      const registry = await startRegistry();
      const root = await Deno.makeTempDir({ prefix: "store-" });
      try {
        const store = await ImageStore.open(root);

        // A new image, uploaded monolithically, then checked by skopeo.
        const built = await addTestImage(store, {
          tags: [`${registry.host}/made/here:v1`],
          labels: { origin: "sockerless" },
          layers: [{ "a.txt": "alpha" }, { "b.txt": "beta" }],
        });
        const pushed = await drain(pushImage(store, `${registry.host}/made/here:v1`));
        assert.deepEqual(pushed.messages[0], {
          status: `The push refers to repository [${registry.host}/made/here]`,
        });
        const ids = built.layers.map((l) => l.digest.slice(7, 19));
        for (const id of ids) {
          assert.ok(pushed.messages.some((m) => m.status === "Preparing" && m.id === id));
          assert.ok(pushed.messages.some((m) => m.status === "Pushed" && m.id === id));
        }
        assert.equal(pushed.result.digest, built.manifestDigest);
        assert.deepEqual(pushed.messages.at(-2), {
          status: `v1: digest: ${built.manifestDigest} size: ${pushed.result.size}`,
        });
        assert.deepEqual(pushed.messages.at(-1)?.aux, {
          Tag: "v1",
          Digest: built.manifestDigest,
          Size: pushed.result.size,
        });
        const seen = await inspect(`${registry.host}/made/here:v1`);
        assert.equal(seen.Digest, built.manifestDigest);
        assert.deepEqual(seen.Layers, built.layers.map((l) => l.digest));
        assert.deepEqual(seen.Labels, { origin: "sockerless" });
        assert.deepEqual(store.get(built.id)!.repoDigests, [
          `${registry.host}/made/here@${built.manifestDigest}`,
        ]);

        // Pushing again finds every layer there.
        const again = await drain(pushImage(store, `${registry.host}/made/here:v1`));
        assert.equal(again.messages.filter((m) => m.status === "Layer already exists").length, 2);

        // Another repository of the same registry: layers are mounted, not uploaded.
        await store.tag(built.id, `${registry.host}/other/place:v2`);
        const mounted = await drain(pushImage(store, `${registry.host}/other/place:v2`));
        for (const id of ids) {
          assert.ok(
            mounted.messages.some((m) => m.status === "Mounted from made/here" && m.id === id),
            id,
          );
        }
        assert.equal(
          (await inspect(`${registry.host}/other/place:v2`)).Digest,
          built.manifestDigest,
        );

        // A 3 MB layer in 1 MB chunks (PATCH with Content-Range), pulled back into a fresh store.
        const layer = await randomLayer("data.bin", 3_000_000);
        const heavy = await addLayerImage(store, layer, `${registry.host}/big/one:2`);
        const chunked = await drain(
          pushImage(store, `${registry.host}/big/one:2`, { chunkSize: 1_000_000 }),
        );
        const progress = chunked.messages.filter((m) => m.status === "Pushing").map((m) =>
          m.progressDetail?.current
        );
        assert.ok(
          progress.includes(heavy.layers[0].size),
          `progress reached the total: ${progress}`,
        );
        assert.equal((await inspect(`${registry.host}/big/one:2`)).Digest, heavy.manifestDigest);
        const freshRoot = await Deno.makeTempDir({ prefix: "store-" });
        try {
          const fresh = await ImageStore.open(freshRoot);
          const back = await drain(
            pullImage(fresh, `${registry.host}/big/one@${heavy.manifestDigest}`),
          );
          assert.equal(back.result.id, heavy.id);
          assert.equal(back.result.layers[0].diffId, heavy.layers[0].diffId);
        } finally {
          await Deno.remove(freshRoot, { recursive: true });
        }

        await assert.rejects(drain(pushImage(store, `${registry.host}/not/here:1`)), {
          name: "NotFound",
          message: `An image does not exist locally with the tag: ${registry.host}/not/here`,
        });
      } finally {
        await registry.stop();
        await Deno.remove(root, { recursive: true });
      }
    },
  ),
);

// An image whose one layer is the given tar, gzipped, stored through the public store API.
async function addLayerImage(store: ImageStore, tar: Uint8Array, tag: string) {
  const gz = await gzipBytes(tar);
  await store.blobs.putBytes(gz);
  const config = new TextEncoder().encode(JSON.stringify({
    architecture: "amd64",
    os: "linux",
    config: { Cmd: ["sh"] },
    rootfs: { type: "layers", diff_ids: [digestOf(tar)] },
  }));
  await store.blobs.putBytes(config);
  const manifest = new TextEncoder().encode(JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: digestOf(config), size: config.length },
    layers: [{ mediaType: MediaType.ociLayerGzip, digest: digestOf(gz), size: gz.length }],
  }));
  await store.blobs.putBytes(manifest);
  return await registerImage(store, {
    manifestBytes: manifest,
    manifestMediaType: MediaType.ociManifest,
    layerContents: [{ diffId: digestOf(tar), size: tar.length }],
  }, { tags: [parseReference(tag)] });
}
