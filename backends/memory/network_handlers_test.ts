import assert from "node:assert/strict";
import { Conflict, Forbidden, InvalidParameter, NotFound } from "../core/errors.ts";
import { startTestBackend } from "./container_test_backend.ts";

async function output(
  handlers: Awaited<ReturnType<typeof startTestBackend>>["handlers"],
  id: string,
): Promise<string> {
  const wait = await handlers["container.wait"]({ id, condition: "not-running" });
  for await (const _ of wait) { /* the exit arrives as the stream's one item */ }
  const logs = await handlers["container.logs"]({ id, follow: false, stdout: true, stderr: true });
  let text = "";
  for await (const chunk of logs.output) text += new TextDecoder().decode(chunk.data);
  return text;
}

Deno.test("memory backend networks: IPAM, endpoints, connectivity and cleanup", async (t) => {
  const backend = await startTestBackend();
  const { handlers } = backend;
  try {
    await t.step("create refuses bad input and leaves nothing behind", async () => {
      const { Id } = await handlers["network.create"]({
        body: { Name: "apps", IPAM: { Config: [{ Subnet: "10.20.0.0/24" }] }, Labels: { a: "b" } },
      });
      await assert.rejects(
        async () =>
          await handlers["network.create"]({
            body: { Name: "x", IPAM: { Config: [{ Subnet: "10.20.0.128/25" }] } },
          }),
        Forbidden,
      );
      await assert.rejects(
        async () =>
          await handlers["network.create"]({
            body: { Name: "y", IPAM: { Config: [{ Subnet: "nope" }] } },
          }),
        InvalidParameter,
      );
      await assert.rejects(
        async () => await handlers["network.create"]({ body: { Name: "apps" } }),
        Conflict,
      );
      const names = (await handlers["network.list"]({ filters: {} })).map((n) => n.Name).sort();
      assert.deepEqual(names, ["apps", "bridge", "host", "none"]);
      const apps = await handlers["network.inspect"]({ id: Id.slice(0, 6) });
      assert.deepEqual(apps.IPAM.Config, [{ Subnet: "10.20.0.0/24", Gateway: "10.20.0.1" }]);
      assert.deepEqual(apps.Labels, { a: "b" });
    });

    await t.step(
      "a failed create (static address taken) takes no address and no endpoint",
      async () => {
        const body = {
          HostConfig: { NetworkMode: "apps" },
          NetworkingConfig: {
            EndpointsConfig: { apps: { IPAMConfig: { IPv4Address: "10.20.0.5" } } },
          },
        };
        await backend.container(["sleep", "30"], { body, name: "fixed" });
        await assert.rejects(() => backend.container(["true"], { body, name: "clash" }), Conflict);
        const apps = await handlers["network.inspect"]({ id: "apps" });
        assert.deepEqual(Object.values(apps.Containers).map((c) => c.Name), ["fixed"]);
        await assert.rejects(
          () => backend.container(["true"], { body: { HostConfig: { NetworkMode: "gone" } } }),
          NotFound,
        );
      },
    );

    await t.step(
      "containers on a shared network talk by name; others cannot resolve it",
      async () => {
        const body = { HostConfig: { NetworkMode: "apps" } };
        await backend.container(["sh", "-c", "echo pong | nc -l -p 7"], {
          body,
          name: "echo",
          start: true,
        });
        const client = await backend.container(
          ["sh", "-c", "until nc echo.apps 7; do sleep 0.1; done"],
          { body, start: true },
        );
        assert.equal(await output(handlers, client), "pong\n");
        await backend.container(["sleep", "30"], { body, name: "keeper", start: true });
        const linked = await backend.container(["sh", "-c", "nslookup db | tail -2"], {
          body: {
            ...body,
            NetworkingConfig: { EndpointsConfig: { apps: { Links: ["keeper:db"] } } },
          },
          start: true,
        });
        assert.match(await output(handlers, linked), /^Address: 10\.20\.0\.\d+\n\n$/);
        const stranger = await backend.container(["nslookup", "echo"], { start: true });
        assert.match(await output(handlers, stranger), /\*\* server can't find echo: NXDOMAIN/);
      },
    );

    await t.step("connect twice, remove in use, disconnect, prune", async () => {
      const id = await backend.container(["sleep", "30"], { start: true, name: "roamer" });
      await handlers["network.connect"]({
        id: "apps",
        container: id,
        endpoint: { Aliases: ["r"] },
      });
      await assert.rejects(
        async () => await handlers["network.connect"]({ id: "apps", container: id, endpoint: {} }),
        /already exists in network apps/,
      );
      const inspect = await handlers["container.inspect"]({ id, size: false });
      const networks = inspect.NetworkSettings.Networks as Record<
        string,
        { Aliases: string[]; IPAddress: string }
      >;
      assert.deepEqual(networks.apps.Aliases, ["r"]);
      assert.match(networks.apps.IPAddress, /^10\.20\.0\.\d+$/);
      assert.match(networks.bridge.IPAddress, /^172\.17\.0\.\d+$/);
      await assert.rejects(async () => await handlers["network.remove"]({ id: "apps" }), Conflict);
      await assert.rejects(
        async () => await handlers["network.remove"]({ id: "bridge" }),
        Forbidden,
      );
      await handlers["network.disconnect"]({ id: "apps", container: id, force: false });
      for (const c of ["roamer", "fixed", "echo", "keeper"]) {
        await handlers["container.remove"]({ id: c, force: true, volumes: false, link: false });
      }
      const clients = (await handlers["container.list"]({ all: true, size: false, filters: {} }))
        .filter((c) => "apps" in c.NetworkSettings.Networks);
      for (const c of clients) {
        await handlers["container.remove"]({ id: c.Id, force: true, volumes: false, link: false });
      }
      assert.deepEqual((await handlers["network.prune"]({ filters: {} })).NetworksDeleted, [
        "apps",
      ]);
    });
  } finally {
    await backend.close();
  }
});
