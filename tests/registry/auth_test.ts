import assert from "node:assert/strict";
import { ImageStore } from "../../backends/core/images/mod.ts";
import { addTestImage } from "../../backends/core/images/test_utils.ts";
import {
  decodeRegistryAuth,
  drain,
  login,
  pullImage,
  pushImage,
} from "../../backends/core/registry/mod.ts";
import { registryTest, startRegistry } from "./registry_server.ts";
import { bcrypt } from "./htpasswd.ts";
import { startTokenServer } from "./token_server.ts";

const header = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_");

Deno.test(registryTest("Bearer token auth against a registry that demands tokens", async () => {
  const tokens = await startTokenServer("alice", "wonderland");
  const registry = await startRegistry(tokens.registryConfig);
  const root = await Deno.makeTempDir({ prefix: "store-" });
  try {
    const store = await ImageStore.open(root);
    const image = await addTestImage(store, { tags: [`${registry.host}/private/app:1`] });
    const reference = `${registry.host}/private/app:1`;

    await assert.rejects(drain(pushImage(store, reference)), {
      name: "Unauthorized",
      message: /token request to http:\/\/127\.0\.0\.1:\d+\/token failed: 401/,
    });
    const wrong = decodeRegistryAuth(header({ username: "alice", password: "nope" }));
    await assert.rejects(drain(pushImage(store, reference, { credentials: wrong })), {
      name: "Unauthorized",
    });

    const credentials = decodeRegistryAuth(header({ username: "alice", password: "wonderland" }));
    assert.deepEqual(await login({ ...credentials, serveraddress: registry.host }), {
      Status: "Login Succeeded",
      IdentityToken: "",
    });
    await assert.rejects(login({ ...wrong, serveraddress: registry.host }), {
      name: "Unauthorized",
    });
    const pushed = await drain(pushImage(store, reference, { credentials }));
    assert.equal(pushed.result.digest, image.manifestDigest);
    assert.ok(
      tokens.requests.includes("alice repository:private/app:pull,push"),
      tokens.requests.join("\n"),
    );

    // A mount asks one token for both repositories.
    await store.tag(image.id, `${registry.host}/private/copy:1`);
    const mounted = await drain(
      pushImage(store, `${registry.host}/private/copy:1`, { credentials }),
    );
    assert.ok(mounted.messages.some((m) => m.status === "Mounted from private/app"));
    assert.ok(
      tokens.requests.includes(
        "alice repository:private/copy:pull,push repository:private/app:pull",
      ),
      tokens.requests.join("\n"),
    );

    const freshRoot = await Deno.makeTempDir({ prefix: "store-" });
    try {
      const fresh = await ImageStore.open(freshRoot);
      await assert.rejects(drain(pullImage(fresh, reference)), { name: "Unauthorized" });
      const pulled = await drain(pullImage(fresh, reference, { credentials }));
      assert.equal(pulled.result.id, image.id);
    } finally {
      await Deno.remove(freshRoot, { recursive: true });
    }
  } finally {
    await registry.stop();
    await tokens.stop();
    await Deno.remove(root, { recursive: true });
  }
}));

Deno.test(registryTest("Basic auth (htpasswd) against a real registry", async (t) => {
  const hash = await bcrypt("s3cret");
  if (!hash) {
    console.warn(
      "SKIPPED Basic auth step: needs python3 (Debian package python3) to make a bcrypt hash",
    );
    await t.step({
      name: "Basic auth (SKIPPED: apt-get install -y python3)",
      ignore: true,
      fn() {},
    });
    return;
  }
  const dir = await Deno.makeTempDir({ prefix: "htpasswd-" });
  await Deno.writeTextFile(`${dir}/htpasswd`, `bob:${hash}\n`);
  const registry = await startRegistry(
    `auth:\n  htpasswd:\n    realm: test\n    path: ${dir}/htpasswd\n`,
  );
  const root = await Deno.makeTempDir({ prefix: "store-" });
  try {
    const store = await ImageStore.open(root);
    const image = await addTestImage(store, { tags: [`${registry.host}/basic/app:1`] });
    await assert.rejects(drain(pushImage(store, `${registry.host}/basic/app:1`)), {
      name: "Unauthorized",
      message: /unauthorized: authentication required/,
    });
    const credentials = decodeRegistryAuth(header({ auth: btoa("bob:s3cret") }));
    assert.equal(
      (await login({ ...credentials, serveraddress: `http://${registry.host}` })).Status,
      "Login Succeeded",
    );
    await assert.rejects(
      login({ username: "bob", password: "wrong", serveraddress: registry.host }),
      {
        name: "Unauthorized",
        message:
          `login attempt to http://${registry.host}/v2/ failed with status: 401 Unauthorized`,
      },
    );
    const pushed = await drain(pushImage(store, `${registry.host}/basic/app:1`, { credentials }));
    assert.equal(pushed.result.digest, image.manifestDigest);
  } finally {
    await registry.stop();
    await Deno.remove(root, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
}));
