import assert from "node:assert/strict";
import { decodeRegistryAuth, parseChallenges } from "./auth.ts";

const base64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

Deno.test("X-Registry-Auth is base64url JSON, with or without padding", () => {
  const credentials = { username: "ü>?", password: "p", serveraddress: "localhost:5000" };
  const encoded = btoa(
    String.fromCharCode(...new TextEncoder().encode(JSON.stringify(credentials))),
  )
    .replace(/\+/g, "-").replace(/\//g, "_");
  assert.deepEqual(decodeRegistryAuth(encoded), credentials);
  assert.deepEqual(decodeRegistryAuth(encoded.replace(/=+$/, "")), credentials);
  assert.deepEqual(decodeRegistryAuth(base64url({ auth: btoa("bob:se:cret") })), {
    auth: btoa("bob:se:cret"),
    username: "bob",
    password: "se:cret",
  });
  assert.equal(decodeRegistryAuth(""), undefined);
  assert.equal(decodeRegistryAuth(base64url({})), undefined);
  assert.throws(() => decodeRegistryAuth("!!!"), { name: "InvalidParameter" });
  assert.throws(() => decodeRegistryAuth(base64url("x").slice(0, 3) + "A"), {
    name: "InvalidParameter",
  });
});

Deno.test("WWW-Authenticate challenges parse like Docker Hub's", () => {
  assert.deepEqual(
    parseChallenges(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",' +
        'scope="repository:library/alpine:pull"',
    ),
    [{
      scheme: "bearer",
      params: {
        realm: "https://auth.docker.io/token",
        service: "registry.docker.io",
        scope: "repository:library/alpine:pull",
      },
    }],
  );
  assert.deepEqual(parseChallenges('Basic realm="Registry Realm"'), [
    { scheme: "basic", params: { realm: "Registry Realm" } },
  ]);
  assert.deepEqual(
    parseChallenges('Basic realm="a", Bearer realm="b",service=c').map((c) => c.scheme),
    [
      "basic",
      "bearer",
    ],
  );
});
