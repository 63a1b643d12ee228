import assert from "node:assert/strict";
import { ImageStore } from "../../backends/core/images/mod.ts";
import { drain, pullImage } from "../../backends/core/registry/mod.ts";
import { busyboxLayer, randomLayer } from "./busybox_image.ts";
import { registryTest, startRegistry } from "./registry_server.ts";
import { seedBusybox, seedImage, seedIndex } from "./seed.ts";
import { storeSnapshot } from "./store_snapshot.ts";

Deno.test(
  registryTest(
    "bad registry content: clear errors, nothing half-written, images unchanged",
    async (t) => {
      const registry = await startRegistry();
      const root = await Deno.makeTempDir({ prefix: "store-" });
      try {
        const store = await ImageStore.open(root);
        const good = await seedBusybox(registry, "good/busybox:1");
        await drain(pullImage(store, good.reference));
        const before = await storeSnapshot(store);
        const unchanged = async () => assert.deepEqual(await storeSnapshot(store), before);

        await t.step("a blob whose digest does not match", async () => {
          // The corrupt layer fails first and stops the two bigger downloads beside it.
          const seeded = await seedImage(registry, "bad/corrupt:1", [
            await randomLayer("r.bin", 200_000),
            await randomLayer("s.bin", 4_000_000),
            await randomLayer("t.bin", 4_000_000),
          ]);
          const layer = await layerDigest(registry.host, "bad/corrupt", seeded.digest);
          const path = registry.blobPath(layer);
          const bytes = await Deno.readFile(path);
          bytes[bytes.length >> 1] ^= 0xff;
          await Deno.writeFile(path, bytes);
          await assert.rejects(drain(pullImage(store, seeded.reference)), {
            name: "DigestMismatchError",
            message: new RegExp(
              `^layer ${layer} verification failed: expected digest ${layer}, got sha256:`,
            ),
          });
          await unchanged();
        });

        await t.step("a layer truncated in the registry's storage", async () => {
          const seeded = await seedImage(registry, "bad/truncated:1", [
            await randomLayer("t.bin", 200_000),
          ]);
          const layer = await layerDigest(registry.host, "bad/truncated", seeded.digest);
          const bytes = await Deno.readFile(registry.blobPath(layer));
          await Deno.writeFile(registry.blobPath(layer), bytes.subarray(0, bytes.length >> 1));
          await assert.rejects(drain(pullImage(store, seeded.reference)), (error: Error) => {
            assert.match(error.message, new RegExp(`layer ${layer}`));
            assert.match(error.message, /truncated|size mismatch|verification failed/);
            return true;
          });
          await unchanged();
        });

        await t.step("a truncated gzip layer whose digest is right", async () => {
          const seeded = await seedImage(
            registry,
            "bad/gzip:1",
            [await busyboxLayer()],
            undefined,
            (gz) => gz.slice(0, gz.length - 100),
          );
          await assert.rejects(drain(pullImage(store, seeded.reference)), {
            name: "LayerContentError",
            message: /cannot be decompressed \(truncated or corrupt\)/,
          });
          await unchanged();
        });

        await t.step("a manifest for another platform only", async () => {
          const seeded = await seedIndex(registry, "bad/arm-only:1", [{
            os: "linux",
            architecture: "arm64",
            variant: "v8",
          }]);
          await assert.rejects(drain(pullImage(store, seeded.reference)), {
            name: "NotFound",
            message:
              `no matching manifest for linux/amd64 in the manifest list entries of ${seeded.reference}: ` +
              "available platforms: linux/arm64/v8",
          });
          await unchanged();
        });

        await t.step("an unknown tag", async () => {
          await assert.rejects(drain(pullImage(store, `${registry.host}/good/busybox:nope`)), {
            name: "NotFound",
            message:
              `manifest for ${registry.host}/good/busybox:nope not found: manifest unknown: manifest unknown`,
          });
          await unchanged();
        });

        await t.step("a pull abandoned by its reader, and one aborted by its signal", async () => {
          const seeded = await seedImage(registry, "big/abandoned:1", [
            await randomLayer("a.bin", 3_000_000),
            await randomLayer("b.bin", 3_000_000),
          ]);
          for await (const message of pullImage(store, seeded.reference)) {
            if (message.status === "Pulling fs layer") break;
          }
          await unchanged();
          const abort = new AbortController();
          const pull = pullImage(store, seeded.reference, { signal: abort.signal });
          await assert.rejects(
            (async () => {
              for await (const message of pull) {
                if (message.status === "Downloading") abort.abort(new Error("client went away"));
              }
            })(),
            /client went away/,
          );
          await unchanged();
        });

        await t.step("an unreachable registry is Unavailable after retries", async () => {
          const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
          const port = (closed.addr as Deno.NetAddr).port;
          closed.close();
          await assert.rejects(
            drain(
              pullImage(store, `127.0.0.1:${port}/x:1`, { retry: { attempts: 2, baseDelayMs: 5 } }),
            ),
            {
              name: "Unavailable",
              message: new RegExp(`registry 127.0.0.1:${port} is unreachable`),
            },
          );
          await unchanged();
        });
      } finally {
        await registry.stop();
        await Deno.remove(root, { recursive: true });
      }
    },
  ),
);

async function layerDigest(
  host: string,
  repository: string,
  manifestDigest: string,
): Promise<string> {
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${manifestDigest}`, {
    headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
  });
  return (await response.json()).layers[0].digest;
}
