import assert from "node:assert/strict";
import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  ECRClient,
  GetAccountSettingCommand,
  GetAuthorizationTokenCommand,
  ListImagesCommand,
} from "@aws-sdk/client-ecr";
import { withSimulator } from "../test_utils.ts";
import type { World } from "../context.ts";
import { emptyState } from "../state/model.ts";
import { issuePassword, verifyAuthorization } from "./auth_token.ts";
import { MediaTypes, sha256Digest } from "./manifest.ts";

const encoder = new TextEncoder();

Deno.test("DescribeImages, ListImages, BatchGetImage and BatchDeleteImage see what was pushed", async () => {
  await withSimulator(async ({ sim, client }) => {
    const ecr = new ECRClient(client);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: "svc" }));
    const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
    const authorization = `Basic ${authorizationData![0].authorizationToken}`;
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${sim.endpoint}${path}`, { ...init, headers: { authorization, ...init.headers } });
    const blob = async (bytes: Uint8Array<ArrayBuffer>) => {
      const digest = await sha256Digest(bytes);
      await (await call(`/v2/svc/blobs/uploads/?digest=${digest}`, { method: "POST", body: bytes }))
        .body?.cancel();
      return { digest, size: bytes.length };
    };
    const config = await blob(encoder.encode("{}"));
    const layer = await blob(encoder.encode("x".repeat(1000)));
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.dockerManifest,
      config: { mediaType: "application/vnd.docker.container.image.v1+json", ...config },
      layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", ...layer }],
    });
    const digest = await sha256Digest(encoder.encode(manifest));
    for (const tag of ["1.0", "stable"]) {
      await (await call(`/v2/svc/manifests/${tag}`, {
        method: "PUT",
        body: manifest,
        headers: { "content-type": MediaTypes.dockerManifest },
      })).body?.cancel();
    }

    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: "svc" }));
    assert.equal(imageDetails?.length, 1);
    const detail = imageDetails![0];
    assert.equal(detail.imageDigest, digest);
    assert.deepEqual(detail.imageTags, ["1.0", "stable"]);
    assert.equal(detail.imageSizeInBytes, 1000);
    assert.equal(detail.imageManifestMediaType, MediaTypes.dockerManifest);
    assert.equal(detail.artifactMediaType, "application/vnd.docker.container.image.v1+json");
    assert.ok(detail.imagePushedAt instanceof Date);
    await assert.rejects(
      ecr.send(
        new DescribeImagesCommand({ repositoryName: "svc", imageIds: [{ imageTag: "nope" }] }),
      ),
      { name: "ImageNotFoundException" },
    );

    const listed = await ecr.send(new ListImagesCommand({ repositoryName: "svc" }));
    assert.deepEqual(listed.imageIds, [
      { imageDigest: digest, imageTag: "1.0" },
      { imageDigest: digest, imageTag: "stable" },
    ]);
    const got = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: "svc",
        imageIds: [{ imageTag: "stable" }, { imageTag: "missing" }],
      }),
    );
    assert.equal(got.images?.[0].imageManifest, manifest);
    assert.equal(got.failures?.[0].failureCode, "ImageNotFound");

    await assert.rejects(ecr.send(new DeleteRepositoryCommand({ repositoryName: "svc" })), {
      name: "RepositoryNotEmptyException",
    });
    const untagged = await ecr.send(
      new BatchDeleteImageCommand({ repositoryName: "svc", imageIds: [{ imageTag: "1.0" }] }),
    );
    assert.deepEqual(untagged.imageIds, [{ imageDigest: digest, imageTag: "1.0" }]);
    const mismatch = await ecr.send(
      new BatchDeleteImageCommand({
        repositoryName: "svc",
        imageIds: [{ imageTag: "stable", imageDigest: `sha256:${"0".repeat(64)}` }],
      }),
    );
    assert.equal(mismatch.failures?.[0].failureCode, "ImageTagDoesNotMatchDigest");
    await ecr.send(
      new BatchDeleteImageCommand({ repositoryName: "svc", imageIds: [{ imageTag: "stable" }] }),
    );
    assert.deepEqual(
      (await ecr.send(new DescribeImagesCommand({ repositoryName: "svc" }))).imageDetails,
      [],
    );
    assert.equal((await call("/v2/svc/manifests/stable")).status, 404);
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: "svc" }));
    const mounting = await ecr.send(new GetAccountSettingCommand({ name: "BLOB_MOUNTING" }));
    assert.equal(mounting.value, "DISABLED");
  });
});

Deno.test("an expired registry token is DENIED with ECR's words", async () => {
  const world = { state: emptyState(), store: { changed() {} } } as unknown as World;
  const expired = await issuePassword(world, "us-east-1", Date.now() - 1000);
  await assert.rejects(
    verifyAuthorization(world, `Basic ${btoa(`AWS:${expired}`)}`),
    { code: "DENIED", message: /authorization token has expired/ },
  );
  const valid = await issuePassword(world, "eu-west-1");
  const grant = await verifyAuthorization(world, `Basic ${btoa(`AWS:${valid}`)}`);
  assert.equal(grant.region, "eu-west-1");
});
