/**
 * Pull of a ~50 MB image (busybox + five 10 MB layers of random bytes) from a local
 * docker-registry into a fresh store, against `skopeo copy` of the same image to a local dir
 * in the same run (the baseline). Run: `deno bench -A bench/registry_bench.ts`.
 *
 * Our pull does more than skopeo's `dir:` copy: it also decompresses every layer to check its
 * DiffID and writes the image record, as dockerd does.
 */
import { ImageStore } from "../backends/core/images/mod.ts";
import { drain, pullImage } from "../backends/core/registry/mod.ts";
import { busyboxLayer, randomLayer } from "../tests/registry/busybox_image.ts";
import { skopeo } from "../tests/registry/oci_layout.ts";
import { missingPackages, startRegistry } from "../tests/registry/registry_server.ts";
import { seedImage } from "../tests/registry/seed.ts";

const missing = missingPackages();
if (missing.length > 0) {
  console.warn(`registry_bench SKIPPED: apt-get install -y ${missing.join(" ")}`);
} else {
  const registry = await startRegistry();
  const layers = [await busyboxLayer()];
  for (let i = 0; i < 5; i++) layers.push(await randomLayer(`data/${i}.bin`, 10_000_000));
  const { reference } = await seedImage(registry, "bench/fifty:1", layers);
  const scratch = await Deno.makeTempDir({ prefix: "registry-bench-" });
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(scratch, { recursive: true });
    registry.kill();
  });

  let run = 0;
  Deno.bench({
    name: "skopeo copy docker:// → dir: (baseline)",
    group: "pull 50 MB",
    baseline: true,
    n: 5,
    warmup: 1,
    async fn(b) {
      const target = `${scratch}/skopeo-${run++}`;
      b.start();
      await skopeo(
        "copy",
        "--quiet",
        "--src-tls-verify=false",
        `docker://${reference}`,
        `dir:${target}`,
      );
      b.end();
      await Deno.remove(target, { recursive: true });
    },
  });
  Deno.bench({
    name: "pullImage into a fresh store",
    group: "pull 50 MB",
    n: 5,
    warmup: 1,
    async fn(b) {
      const root = `${scratch}/store-${run++}`;
      const store = await ImageStore.open(root);
      b.start();
      await drain(pullImage(store, reference));
      b.end();
      await Deno.remove(root, { recursive: true });
    },
  });
}
