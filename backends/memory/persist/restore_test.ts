import assert from "node:assert/strict";
import type { BackendHandlers } from "../../core/protocol.ts";
import { createMemoryBackend } from "../backend.ts";
import { TEST_IMAGE } from "../container_test_backend.ts";

type Inspect = {
  Name: string;
  RestartCount: number;
  State: { Status: string; ExitCode: number };
  NetworkSettings: { Networks: Record<string, { IPAddress: string; NetworkID: string }> };
};

async function backendOn(dataRoot: string): Promise<BackendHandlers> {
  return await createMemoryBackend({ dataRoot, ncpu: 2, memTotal: 1 << 30 });
}

async function inspect(h: BackendHandlers, id: string): Promise<Inspect> {
  return await h["container.inspect"]({ id, size: false }) as unknown as Inspect;
}

async function removeAll(h: BackendHandlers): Promise<void> {
  const list = await h["container.list"]({ all: true, filters: {} } as never) as { Id: string }[];
  for (const { Id } of list) {
    await Promise.resolve(h["container.remove"]({ id: Id, force: true, volumes: true } as never))
      .catch(() => {});
  }
}

Deno.test("a backend opened on a crashed backend's data root recovers as moby does", async () => {
  const before = await Deno.makeTempDir({ prefix: "sockerless-persist-" });
  const after = await Deno.makeTempDir({ prefix: "sockerless-persist-" });
  const a = await backendOn(before);
  let b: BackendHandlers | undefined;
  try {
    for await (const _ of await a["image.pull"]({ name: TEST_IMAGE } as never)) { /* drain */ }
    const make = async (name: string, body: Record<string, unknown>, start = true) => {
      const { Id } = await a["container.create"]({
        name,
        body: { Image: TEST_IMAGE, Cmd: ["sleep", "1000"], ...body },
      });
      if (start) await a["container.start"]({ id: Id });
      return Id;
    };
    await a["network.create"]({
      body: { Name: "back", IPAM: { Config: [{ Subnet: "10.9.0.0/24" }] } },
    });
    const bridgeId = (await a["network.inspect"]({ id: "bridge" } as never) as { Id: string }).Id;
    await make("plain", {});
    await make("onfail", {
      HostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 } },
    });
    const unless = await make("unless", {
      HostConfig: { RestartPolicy: { Name: "unless-stopped" } },
    });
    await a["container.stop"]({ id: unless, timeout: 0 });
    await make("fixed", {
      HostConfig: { NetworkMode: "back" },
      NetworkingConfig: { EndpointsConfig: { back: { IPAMConfig: { IPv4Address: "10.9.0.42" } } } },
    });
    await make("scratch", { HostConfig: { AutoRemove: true }, Volumes: { "/data": {} } });
    await make("never", {}, false);
    const anonymous =
      (await a["volume.list"]({ filters: {} } as never) as { Volumes: { Name: string }[] })
        .Volumes.map((v) => v.Name);
    assert.equal(anonymous.length, 1);

    // Every reply above was written before it was given: a copy now is what a kill -9 leaves.
    const copy = await new Deno.Command("cp", { args: ["-a", `${before}/.`, after] }).output();
    assert.ok(copy.success);
    b = await backendOn(after);

    const plain = await inspect(b, "plain");
    assert.deepEqual([plain.State.Status, plain.State.ExitCode], ["exited", 255]);
    const onfail = await inspect(b, "onfail");
    assert.equal(onfail.State.Status, "running", "on-failure restarts after exit code 255");
    assert.equal((await inspect(b, "unless")).State.Status, "exited", "stopped by the user");
    assert.equal((await inspect(b, "never")).State.Status, "created");
    await assert.rejects(Promise.resolve(inspect(b, "scratch")), /No such container: scratch/);
    const volumes = await b["volume.list"]({ filters: {} } as never) as {
      Volumes: { Name: string }[];
    };
    assert.deepEqual(volumes.Volumes, [], "AutoRemove took its anonymous volume along");
    const network = await b["network.inspect"]({ id: "back" } as never) as {
      Containers: Record<string, { Name: string; IPv4Address: string }>;
    };
    assert.deepEqual(Object.values(network.Containers).map((c) => c.IPv4Address), ["10.9.0.42/24"]);
    assert.equal(
      (await b["network.inspect"]({ id: "bridge" } as never) as { Id: string }).Id,
      bridgeId,
    );
    await assert.rejects(
      Promise.resolve(
        b["container.create"]({ name: "plain", body: { Image: TEST_IMAGE, Cmd: ["true"] } }),
      ),
      /is already in use/,
    );
    await b["container.start"]({ id: "fixed" });
    const fixed = await inspect(b, "fixed");
    assert.equal(fixed.NetworkSettings.Networks.back.IPAddress, "10.9.0.42");
  } finally {
    await removeAll(a);
    if (b) await removeAll(b);
    await Deno.remove(before, { recursive: true });
    await Deno.remove(after, { recursive: true });
  }
});
