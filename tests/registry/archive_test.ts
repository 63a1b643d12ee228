import assert from "node:assert/strict";
import {
  ImageStore,
  inspectImage,
  loadImages,
  saveImages,
} from "../../backends/core/images/mod.ts";
import { drain, pullImage } from "../../backends/core/registry/mod.ts";
import { skopeo } from "./oci_layout.ts";
import { registryTest, startRegistry } from "./registry_server.ts";
import { seedBusybox } from "./seed.ts";

Deno.test(registryTest("save/load round trip, with skopeo's archives as the oracle", async (t) => {
  const registry = await startRegistry();
  const dir = await Deno.makeTempDir({ prefix: "archives-" });
  try {
    const seeded = await seedBusybox(registry, "arch/busybox:1");
    const store = await ImageStore.open(`${dir}/store`);
    const { result: image } = await drain(pullImage(store, seeded.reference));

    await t.step("our save, loaded back into a fresh store", async () => {
      await saveImages(store, [seeded.reference]).pipeTo(
        (await Deno.create(`${dir}/ours.tar`)).writable,
      );
      const fresh = await ImageStore.open(`${dir}/fresh`);
      const loaded = await loadImages(fresh, (await Deno.open(`${dir}/ours.tar`)).readable);
      assert.deepEqual(loaded.messages, [`Loaded image: ${seeded.reference}`]);
      assert.deepEqual(
        inspectImage(fresh.resolve(seeded.reference).image).Config,
        inspectImage(image).Config,
      );
      assert.equal(fresh.resolve(seeded.reference).image.manifestDigest, seeded.digest);
    });

    await t.step("skopeo reads our save both as docker-archive and as OCI layout", async () => {
      const asDocker = JSON.parse(await skopeo("inspect", `docker-archive:${dir}/ours.tar`));
      // skopeo's docker-archive source decompresses our gzip layers and names them by DiffID.
      assert.deepEqual(asDocker.Layers, image.layers.map((l) => l.diffId));
      assert.equal(asDocker.Labels["org.sockerless.test"], "busybox");
      const raw = JSON.parse(await skopeo("inspect", "--raw", `oci-archive:${dir}/ours.tar`));
      assert.equal(raw.config.digest, image.id);
    });

    await t.step("skopeo's docker-archive (uncompressed layers) loads", async () => {
      await skopeo(
        "copy",
        "--quiet",
        "--src-tls-verify=false",
        `docker://${seeded.reference}`,
        `docker-archive:${dir}/skopeo-docker.tar:${registry.host}/arch/from-skopeo:2`,
      );
      const fresh = await ImageStore.open(`${dir}/from-docker-archive`);
      const loaded = await loadImages(
        fresh,
        (await Deno.open(`${dir}/skopeo-docker.tar`)).readable,
      );
      assert.deepEqual(loaded.messages, [`Loaded image: ${registry.host}/arch/from-skopeo:2`]);
      const got = loaded.images[0].image;
      assert.equal(got.id, image.id, "same config, so the same image");
      assert.deepEqual(got.layers.map((l) => l.diffId), image.layers.map((l) => l.diffId));
    });

    await t.step(
      "skopeo's OCI archive loads (ref.name annotation is only a tag: untagged)",
      async () => {
        await skopeo(
          "copy",
          "--quiet",
          "--src-tls-verify=false",
          `docker://${seeded.reference}`,
          `oci-archive:${dir}/skopeo-oci.tar:v1`,
        );
        const fresh = await ImageStore.open(`${dir}/from-oci`);
        const loaded = await loadImages(fresh, (await Deno.open(`${dir}/skopeo-oci.tar`)).readable);
        assert.equal(loaded.images[0].image.id, image.id);
        assert.deepEqual(loaded.messages, [`Loaded image ID: ${image.id}`]);
      },
    );
  } finally {
    await registry.stop();
    await Deno.remove(dir, { recursive: true });
  }
}));
