import assert from "node:assert/strict";
import { MediaType } from "../images/mod.ts";
import { defaultPlatform, parsePlatform, selectManifest } from "./platform.ts";

const entry = (
  platform: { os: string; architecture: string; variant?: string },
  digest: string,
) => ({
  mediaType: MediaType.ociManifest,
  digest,
  size: 1,
  platform,
});

const index = [
  entry({ os: "linux", architecture: "arm", variant: "v6" }, "arm6"),
  entry({ os: "linux", architecture: "arm", variant: "v7" }, "arm7"),
  entry({ os: "linux", architecture: "arm64", variant: "v8" }, "arm64"),
  entry({ os: "linux", architecture: "amd64" }, "amd64"),
  entry({ os: "unknown", architecture: "unknown" }, "attestation"),
];

Deno.test("the default platform picks linux/amd64", () => {
  assert.equal(selectManifest(index, defaultPlatform, "x").digest, "amd64");
});

Deno.test("requested platforms match with variants normalised", () => {
  assert.equal(selectManifest(index, parsePlatform("linux/arm64"), "x").digest, "arm64");
  assert.equal(selectManifest(index, parsePlatform("linux/arm64/v8"), "x").digest, "arm64");
  assert.equal(selectManifest(index, parsePlatform("linux/arm"), "x").digest, "arm7");
  assert.equal(selectManifest(index, parsePlatform("linux/arm/v6"), "x").digest, "arm6");
  assert.equal(selectManifest(index, parsePlatform("aarch64"), "x").digest, "arm64");
});

Deno.test("no match lists the platforms the index has, without attestations", () => {
  assert.throws(() => selectManifest(index.slice(2, 3), defaultPlatform, "alpine:latest"), {
    name: "NotFound",
    message:
      "no matching manifest for linux/amd64 in the manifest list entries of alpine:latest: " +
      "available platforms: linux/arm64/v8",
  });
  assert.throws(() => parsePlatform("linux//x"), { name: "InvalidParameter" });
});
