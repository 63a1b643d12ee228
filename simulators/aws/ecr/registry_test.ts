import assert from "node:assert/strict";
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  PutAccountSettingCommand,
} from "@aws-sdk/client-ecr";
import { startAwsSimulator } from "../mod.ts";
import { withSimulator } from "../test_utils.ts";
import { MediaTypes, sha256Digest } from "./manifest.ts";

const encoder = new TextEncoder();

/** A registry client with the simulator's ECR token, speaking raw HTTP. */
async function registry(endpoint: string, ecr: ECRClient) {
  const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
  const authorization = `Basic ${authorizationData![0].authorizationToken}`;
  return (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, endpoint), {
      ...init,
      headers: { authorization, ...init.headers as Record<string, string> },
    });
}

async function errorsOf(response: Response): Promise<string[]> {
  const body = await response.json() as { errors: { code: string }[] };
  return body.errors.map((e) => e.code);
}

async function pushBlob(
  call: Awaited<ReturnType<typeof registry>>,
  repo: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ digest: string; size: number }> {
  const digest = await sha256Digest(bytes);
  const put = await call(`/v2/${repo}/blobs/uploads/?digest=${digest}`, {
    method: "POST",
    body: bytes,
  });
  assert.equal(put.status, 201);
  return { digest, size: bytes.length };
}

async function manifestOf(
  call: Awaited<ReturnType<typeof registry>>,
  repo: string,
  layer: string,
) {
  const config = await pushBlob(
    call,
    repo,
    encoder.encode(`{"architecture":"amd64","os":"linux"}`),
  );
  const layerBlob = await pushBlob(call, repo, encoder.encode(layer));
  return encoder.encode(JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
    layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", ...layerBlob }],
  }));
}

Deno.test("registry auth: Basic AWS:<token> only, with ECR's challenge and error shape", async () => {
  await withSimulator(async ({ sim, client }) => {
    const ecr = new ECRClient(client);
    const anonymous = await fetch(`${sim.endpoint}/v2/`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get("www-authenticate") ?? "", /^Basic realm="/);
    assert.deepEqual(await errorsOf(anonymous), ["UNAUTHORIZED"]);
    const call = await registry(sim.endpoint, ecr);
    const ok = await call("/v2/");
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("docker-distribution-api-version"), "registry/2.0");
    await ok.body?.cancel();
    for (const credentials of ["AWS:wrong", "AWS:a.b", "bob:x", "nocolon"]) {
      const refused = await fetch(`${sim.endpoint}/v2/`, {
        headers: { authorization: `Basic ${btoa(credentials)}` },
      });
      assert.equal(refused.status, 401, credentials);
      assert.deepEqual(await errorsOf(refused), ["UNAUTHORIZED"]);
    }
    const missing = await call("/v2/nope/manifests/latest");
    assert.equal(missing.status, 404);
    const body = await missing.json();
    assert.equal(body.errors[0].code, "NAME_UNKNOWN");
    assert.equal(
      body.errors[0].message,
      "The repository with name 'nope' does not exist in the registry with id '000000000000'",
    );
  });
});

Deno.test("chunked uploads check ranges and digests; blobs are per repository until mounted", async () => {
  await withSimulator(async ({ sim, client }) => {
    const ecr = new ECRClient(client);
    for (const name of ["a", "b"]) {
      await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
    }
    const call = await registry(sim.endpoint, ecr);
    const bytes = encoder.encode("hello, chunked world");
    const digest = await sha256Digest(bytes);

    const started = await call("/v2/a/blobs/uploads/", { method: "POST" });
    assert.equal(started.status, 202);
    const location = started.headers.get("location")!;
    assert.match(location, /^\/v2\/a\/blobs\/uploads\/[0-9a-f-]{36}$/);
    const first = await call(location, {
      method: "PATCH",
      body: bytes.slice(0, 5),
      headers: { "content-range": "0-4" },
    });
    assert.equal(first.status, 202);
    assert.equal(first.headers.get("range"), "0-4");
    const gap = await call(location, {
      method: "PATCH",
      body: bytes.slice(6),
      headers: { "content-range": "6-19" },
    });
    assert.equal(gap.status, 416);
    assert.deepEqual(await errorsOf(gap), ["BLOB_UPLOAD_INVALID"]);
    const second = await call(location, { method: "PATCH", body: bytes.slice(5, 12) });
    assert.equal(second.headers.get("range"), "0-11");
    const status = await call(location);
    assert.equal(status.status, 204);
    assert.equal(status.headers.get("range"), "0-11");
    const done = await call(`${location}?digest=${digest}`, {
      method: "PUT",
      body: bytes.slice(12),
    });
    assert.equal(done.status, 201);
    assert.equal(done.headers.get("docker-content-digest"), digest);
    const head = await call(`/v2/a/blobs/${digest}`, { method: "HEAD" });
    assert.equal(head.headers.get("content-length"), String(bytes.length));
    assert.equal(await (await call(`/v2/a/blobs/${digest}`)).text(), "hello, chunked world");
    const tail = await call(`/v2/a/blobs/${digest}`, { headers: { range: "bytes=7-" } });
    assert.equal(tail.status, 206);
    assert.equal(tail.headers.get("content-range"), "bytes 7-19/20");
    assert.equal(await tail.text(), "chunked world");
    const beyond = await call(`/v2/a/blobs/${digest}`, { headers: { range: "bytes=30-" } });
    assert.equal(beyond.status, 416);
    await beyond.body?.cancel();

    const wrong = await call(
      `/v2/a/blobs/uploads/?digest=sha256:${"0".repeat(64)}`,
      { method: "POST", body: bytes },
    );
    assert.equal(wrong.status, 400);
    assert.deepEqual(await errorsOf(wrong), ["DIGEST_INVALID"]);

    const notInB = await call(`/v2/b/blobs/${digest}`, { method: "HEAD" });
    assert.equal(notInB.status, 404);
    const mountUrl = `/v2/b/blobs/uploads/?mount=${digest}&from=a`;
    const unmounted = await call(mountUrl, { method: "POST" });
    assert.equal(unmounted.status, 202, "BLOB_MOUNTING is DISABLED by default: a plain upload");
    await call(unmounted.headers.get("location")!, { method: "DELETE" });
    await ecr.send(new PutAccountSettingCommand({ name: "BLOB_MOUNTING", value: "ENABLED" }));
    const mounted = await call(mountUrl, { method: "POST" });
    assert.equal(mounted.status, 201);
    assert.equal(mounted.headers.get("location"), `/v2/b/blobs/${digest}`);
    assert.equal((await call(`/v2/b/blobs/${digest}`, { method: "HEAD" })).status, 200);
  });
});

Deno.test("manifests by tag and digest, indexes, tags/list paging, catalog, deletes", async () => {
  await withSimulator(async ({ sim, client }) => {
    const ecr = new ECRClient(client);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: "app/web" }));
    const call = await registry(sim.endpoint, ecr);
    const ociType = { "content-type": MediaTypes.ociManifest };

    const orphan = encoder.encode(JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociManifest,
      config: { mediaType: "x", digest: `sha256:${"1".repeat(64)}`, size: 1 },
      layers: [],
    }));
    const refused = await call("/v2/app/web/manifests/v0", {
      method: "PUT",
      body: orphan,
      headers: ociType,
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(await errorsOf(refused), ["MANIFEST_BLOB_UNKNOWN"]);

    const amd = await manifestOf(call, "app/web", "amd64 layer");
    const amdDigest = await sha256Digest(amd);
    const put = await call("/v2/app/web/manifests/v1", {
      method: "PUT",
      body: amd,
      headers: ociType,
    });
    assert.equal(put.status, 201);
    assert.equal(put.headers.get("docker-content-digest"), amdDigest);
    const byTag = await call("/v2/app/web/manifests/v1");
    assert.equal(byTag.headers.get("content-type"), MediaTypes.ociManifest);
    assert.deepEqual(new Uint8Array(await byTag.arrayBuffer()), amd);
    const head = await call(`/v2/app/web/manifests/${amdDigest}`, { method: "HEAD" });
    assert.equal(head.headers.get("content-length"), String(amd.length));

    const badDigest = await call(`/v2/app/web/manifests/sha256:${"2".repeat(64)}`, {
      method: "PUT",
      body: amd,
      headers: ociType,
    });
    assert.deepEqual(await errorsOf(badDigest), ["DIGEST_INVALID"]);

    const arm = await manifestOf(call, "app/web", "arm64 layer, a little longer");
    const armDigest = await sha256Digest(arm);
    await (await call(`/v2/app/web/manifests/${armDigest}`, {
      method: "PUT",
      body: arm,
      headers: ociType,
    })).body?.cancel();
    const index = encoder.encode(JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [
        { mediaType: MediaTypes.ociManifest, digest: amdDigest, size: amd.length },
        { mediaType: MediaTypes.ociManifest, digest: armDigest, size: arm.length },
      ],
    }));
    for (const tag of ["multi", "latest", "a1", "b2"]) {
      const pushed = await call(`/v2/app/web/manifests/${tag}`, {
        method: "PUT",
        body: index,
        headers: { "content-type": MediaTypes.ociIndex },
      });
      assert.equal(pushed.status, 201);
    }
    const page1 = await call("/v2/app/web/tags/list?n=2");
    assert.deepEqual(await page1.json(), { name: "app/web", tags: ["a1", "b2"] });
    assert.equal(page1.headers.get("link"), '</v2/app/web/tags/list?n=2&last=b2>; rel="next"');
    const page2 = await call("/v2/app/web/tags/list?n=2&last=b2");
    assert.deepEqual((await page2.json()).tags, ["latest", "multi"]);
    assert.deepEqual(await (await call("/v2/_catalog")).json(), { repositories: ["app/web"] });

    const referenced = await call(`/v2/app/web/manifests/${armDigest}`, { method: "DELETE" });
    assert.equal(referenced.status, 403);
    assert.match((await referenced.json()).errors[0].message, /referenced by manifest list/);
    assert.equal((await call("/v2/app/web/manifests/v1", { method: "DELETE" })).status, 202);
    const gone = await call("/v2/app/web/manifests/v1");
    assert.equal(gone.status, 404);
    assert.deepEqual(await errorsOf(gone), ["MANIFEST_UNKNOWN"]);
    // The image v1 named is still listed by the index, untagged.
    assert.equal(
      (await call(`/v2/app/web/manifests/${amdDigest}`, { method: "HEAD" })).status,
      200,
    );
  });
});

Deno.test("pushed content survives a restart in the data dir, and tokens stay valid", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ecr-registry-" });
  try {
    const client = {
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    };
    let sim = await startAwsSimulator({ port: 0, dataDir: dir });
    let ecr = new ECRClient({ ...client, endpoint: sim.endpoint });
    await ecr.send(new CreateRepositoryCommand({ repositoryName: "keep" }));
    const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
    const authorization = `Basic ${authorizationData![0].authorizationToken}`;
    let call = await registry(sim.endpoint, ecr);
    const manifest = await manifestOf(call, "keep", "kept layer");
    await (await call("/v2/keep/manifests/v1", {
      method: "PUT",
      body: manifest,
      headers: { "content-type": MediaTypes.ociManifest },
    })).body?.cancel();
    await sim.close();

    sim = await startAwsSimulator({ port: 0, dataDir: dir });
    ecr = new ECRClient({ ...client, endpoint: sim.endpoint });
    const again = await fetch(`${sim.endpoint}/v2/keep/manifests/v1`, {
      headers: { authorization },
    });
    assert.equal(again.status, 200, "the token issued before the restart still works");
    assert.deepEqual(new Uint8Array(await again.arrayBuffer()), manifest);
    call = await registry(sim.endpoint, ecr);
    const layer = JSON.parse(new TextDecoder().decode(manifest)).layers[0].digest;
    assert.equal(await (await call(`/v2/keep/blobs/${layer}`)).text(), "kept layer");
    for (const [range, text] of [["bytes=2-5", "pt l"], ["bytes=5-", "layer"]]) {
      const partial = await call(`/v2/keep/blobs/${layer}`, { headers: { range } });
      assert.equal(partial.status, 206);
      assert.equal(await partial.text(), text);
    }
    const blobFile = `${dir}/ecr/blobs/sha256/${layer.slice(7)}`;
    assert.ok((await Deno.stat(blobFile)).isFile);
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: "keep", force: true }));
    await assert.rejects(Deno.stat(blobFile), Deno.errors.NotFound, "no repository links it now");
    await sim.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
