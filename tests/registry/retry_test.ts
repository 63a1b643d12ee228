import assert from "node:assert/strict";
import { ImageStore } from "../../backends/core/images/mod.ts";
import { drain, pullImage } from "../../backends/core/registry/mod.ts";
import { registryTest, startRegistry } from "./registry_server.ts";
import { seedBusybox } from "./seed.ts";

// A proxy in front of the real registry that answers the first `failures` blob requests with
// 503, as a registry behind an overloaded load balancer does.
function flakyProxy(target: string, failures: number) {
  let failed = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    if (url.pathname.includes("/blobs/") && failed < failures) {
      failed++;
      return new Response("overloaded", { status: 503 });
    }
    const upstream = await fetch(`http://${target}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
    });
    return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
  });
  return {
    host: `127.0.0.1:${server.addr.port}`,
    failures: () => failed,
    stop: () => server.shutdown(),
  };
}

Deno.test(registryTest("pulls retry 5xx with backoff and give up with a clear error", async () => {
  const registry = await startRegistry();
  const root = await Deno.makeTempDir({ prefix: "store-" });
  try {
    await seedBusybox(registry, "flaky/busybox:1");
    const store = await ImageStore.open(root);

    const proxy = flakyProxy(registry.host, 2);
    try {
      const pulled = await drain(
        pullImage(store, `${proxy.host}/flaky/busybox:1`, {
          retry: { attempts: 4, baseDelayMs: 5 },
        }),
      );
      assert.equal(proxy.failures(), 2);
      assert.equal(pulled.result.config.os, "linux");
    } finally {
      await proxy.stop();
    }

    const hopeless = flakyProxy(registry.host, 100);
    try {
      const fresh = await ImageStore.open(`${root}/second`);
      await assert.rejects(
        drain(
          pullImage(fresh, `${hopeless.host}/flaky/busybox:1`, {
            retry: { attempts: 3, baseDelayMs: 5 },
          }),
        ),
        { message: /registry answered 503: overloaded/ },
      );
      assert.equal(hopeless.failures(), 3, "three attempts, then the error");
      assert.deepEqual(fresh.list(), []);
    } finally {
      await hopeless.stop();
    }
  } finally {
    await registry.stop();
    await Deno.remove(root, { recursive: true });
  }
}));
