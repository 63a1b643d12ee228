import assert from "node:assert/strict";
import { ImageStore, inspectImage, listImages, MediaType } from "../../backends/core/images/mod.ts";
import { drain, parsePlatform, pullImage } from "../../backends/core/registry/mod.ts";
import { skopeo } from "./oci_layout.ts";
import { registryTest, startRegistry } from "./registry_server.ts";
import { seedBusybox, seedIndex } from "./seed.ts";

const roots: string[] = [];
async function tempStore(): Promise<ImageStore> {
  roots.push(await Deno.makeTempDir({ prefix: "store-" }));
  return await ImageStore.open(roots.at(-1)!);
}

Deno.test(registryTest("pull from a real registry: by tag, by digest, multi-platform", async () => {
  const registry = await startRegistry();
  try {
    const seeded = await seedBusybox(registry, "test/busybox:1.0");
    const store = await tempStore();

    const { messages, result: image } = await drain(pullImage(store, seeded.reference));
    const statuses = messages.map((m) => m.status);
    assert.deepEqual(messages[0], {
      status: "Pulling from test/busybox",
      progressDetail: {},
      id: "1.0",
    });
    const layerId = image.layers[0].digest.slice(7, 19);
    for (
      const status of [
        "Pulling fs layer",
        "Verifying Checksum",
        "Download complete",
        "Pull complete",
      ]
    ) {
      assert.ok(
        messages.some((m) => m.status === status && m.id === layerId),
        `${status} for ${layerId}`,
      );
    }
    assert.ok(
      messages.some((m) =>
        m.status === "Downloading" && m.progressDetail?.total === image.layers[0].size
      ),
    );
    assert.equal(statuses.at(-2), `Digest: ${seeded.digest}`);
    assert.equal(statuses.at(-1), `Status: Downloaded newer image for ${seeded.reference}`);

    const inspect = inspectImage(store.resolve(seeded.reference).image);
    assert.deepEqual(inspect.RepoTags, [seeded.reference]);
    assert.deepEqual(inspect.RepoDigests, [`${registry.host}/test/busybox@${seeded.digest}`]);
    assert.deepEqual(inspect.Config.Cmd, ["sh"]);
    assert.equal(inspect.Config.WorkingDir, "/home");
    assert.deepEqual(inspect.Config.Labels, {
      "org.sockerless.test": "busybox",
      maintainer: "sockerless",
    });
    assert.ok((inspect.Config.Env as string[]).includes("GREETING=hello"));
    const busyboxSize = (await Deno.stat("/bin/busybox")).size;
    assert.ok(
      inspect.Size > busyboxSize,
      `uncompressed size ${inspect.Size} holds busybox (${busyboxSize})`,
    );

    const again = await drain(pullImage(store, seeded.reference));
    assert.equal(
      again.messages.at(-1)?.status,
      `Status: Image is up to date for ${seeded.reference}`,
    );
    assert.ok(again.messages.some((m) => m.status === "Already exists"));

    // Two pulls of the same image at once share the blobs and agree on one image.
    const racing = await tempStore();
    const [first, second] = await Promise.all([
      drain(pullImage(racing, seeded.reference)),
      drain(pullImage(racing, seeded.reference)),
    ]);
    assert.equal(first.result.id, second.result.id);
    assert.equal(racing.list().length, 1);

    const byDigest = `${registry.host}/test/busybox@${seeded.digest}`;
    const fresh = await tempStore();
    const pulled = await drain(pullImage(fresh, byDigest));
    assert.equal(pulled.result.id, image.id);
    assert.deepEqual(pulled.messages[0], {
      status: "Pulling from test/busybox",
      progressDetail: {},
      id: seeded.digest,
    });
    assert.equal(pulled.messages.at(-1)?.status, `Status: Downloaded newer image for ${byDigest}`);
    assert.deepEqual(listImages(fresh)[0].RepoTags, [], "a pull by digest adds no tag");
    assert.deepEqual(listImages(fresh)[0].RepoDigests, [byDigest]);

    // Docker schema 2 (what skopeo --format v2s2 and older registries serve).
    await skopeo(
      "copy",
      "--quiet",
      "--src-tls-verify=false",
      "--dest-tls-verify=false",
      "--format",
      "v2s2",
      `docker://${seeded.reference}`,
      `docker://${registry.host}/test/schema2:1`,
    );
    const schema2 = await drain(pullImage(fresh, `${registry.host}/test/schema2:1`));
    assert.equal(schema2.result.manifestMediaType, MediaType.dockerManifest);
    assert.equal(schema2.result.layers[0].mediaType, MediaType.dockerLayerGzip);
    assert.deepEqual(schema2.result.config.config?.Cmd, ["sh"]);

    const index = await seedIndex(registry, "test/multi:latest", [
      { os: "linux", architecture: "arm64", variant: "v8" },
      { os: "linux", architecture: "amd64" },
    ]);
    const amd64 = await drain(pullImage(store, index.reference));
    assert.equal(amd64.result.config.architecture, "amd64");
    assert.equal(amd64.result.manifestDigest, index.manifests[1].digest);
    // Same layer and config as test/busybox: the same image, now known under both names.
    assert.equal(amd64.result.id, image.id);
    assert.ok(amd64.result.repoDigests.includes(`${registry.host}/test/multi@${index.digest}`));
    const arm64 = await drain(
      pullImage(store, index.reference, { platform: parsePlatform("linux/arm64") }),
    );
    assert.equal(arm64.result.config.architecture, "arm64");
    assert.ok(arm64.messages.some((m) => m.status === "Already exists"), "the layer is shared");
    assert.equal(
      store.resolve(index.reference).image.id,
      arm64.result.id,
      "the tag moved to arm64",
    );
  } finally {
    await registry.stop();
    for (const root of roots.splice(0)) await Deno.remove(root, { recursive: true });
  }
}));
