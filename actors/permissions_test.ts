import assert from "node:assert/strict";
import { permissionKey, workerPermissions } from "./permissions.ts";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { testActor } from "./test_utils.ts";
import type { SnoopMsg } from "./testdata/snoop.ts";

interface Outcome {
  ok: boolean;
  error?: string;
  value?: unknown;
}

const snoop = testActor("snoop");

Deno.test("the same rights give the same pool key whatever their order", () => {
  assert.equal(
    permissionKey({ net: ["b:2", "a:1"], read: ["/x"] }),
    permissionKey({ read: ["/x"], net: ["a:1", "b:2"] }),
  );
  assert.notEqual(permissionKey("none"), permissionKey({ env: true }));
  assert.deepEqual(workerPermissions({ net: ["127.0.0.1:8"] }), {
    read: false,
    write: false,
    net: ["127.0.0.1:8"],
    env: false,
    run: false,
    sys: false,
    ffi: false,
    import: false,
  });
});

Deno.test("an actor with permissions none cannot read a host file, read env or connect", async () => {
  using pool = new WorkerPool();
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const hostFile = await Deno.makeTempFile();
  await Deno.writeTextFile(hostFile, "secret");
  Deno.env.set("SOCKERLESS_ACTOR_TEST_SECRET", "secret");
  try {
    const ref = await spawn<SnoopMsg>({ module: snoop, permissions: "none", pool });
    const read = await ref.ask<Outcome>({ type: "read", path: hostFile });
    const env = await ref.ask<Outcome>({ type: "env", name: "SOCKERLESS_ACTOR_TEST_SECRET" });
    const connect = await ref.ask<Outcome>({ type: "connect", port: listener.addr.port });
    assert.deepEqual([read.ok, read.error], [false, "NotCapable"]);
    assert.deepEqual([env.ok, env.error], [false, "NotCapable"]);
    assert.deepEqual([connect.ok, connect.error], [false, "NotCapable"]);
    await ref.stop();

    // The same actor with the rights granted succeeds, so the refusals above are the permissions.
    const granted = await spawn<SnoopMsg>({
      module: snoop,
      permissions: { read: [hostFile], env: ["SOCKERLESS_ACTOR_TEST_SECRET"] },
      pool,
    });
    assert.deepEqual(await granted.ask({ type: "read", path: hostFile }), { ok: true, value: 6 });
    assert.deepEqual(await granted.ask({ type: "env", name: "SOCKERLESS_ACTOR_TEST_SECRET" }), {
      ok: true,
      value: "secret",
    });
    await granted.stop();
  } finally {
    Deno.env.delete("SOCKERLESS_ACTOR_TEST_SECRET");
    await Deno.remove(hostFile);
  }
});

Deno.test("an actor allowed one port can connect to it and to no other", async () => {
  using pool = new WorkerPool();
  using allowed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  using other = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted = (async () => {
    const conn = await allowed.accept();
    conn.close();
  })();
  const ref = await spawn<SnoopMsg>({
    module: snoop,
    permissions: { net: [`127.0.0.1:${allowed.addr.port}`] },
    pool,
  });
  assert.deepEqual(await ref.ask({ type: "connect", port: allowed.addr.port }), {
    ok: true,
    value: allowed.addr.port,
  });
  await accepted;
  const refused = await ref.ask<Outcome>({ type: "connect", port: other.addr.port });
  assert.deepEqual([refused.ok, refused.error], [false, "NotCapable"]);
  await ref.stop();
});
