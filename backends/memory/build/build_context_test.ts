import assert from "node:assert/strict";
import { gzip } from "../../core/images/mod.ts";
import { tarEntries } from "../../../tests/registry/busybox_image.ts";
import { readBuildContext } from "./build_context.ts";

const text = (s: string) => new TextEncoder().encode(s);

async function contextTar(): Promise<Uint8Array> {
  const files: Record<string, string> = {
    "Dockerfile": "FROM scratch\n",
    ".dockerignore": "*.log\nDockerfile\n",
    "app.log": "no",
    "app.ts": "yes",
  };
  return await tarEntries(
    Object.entries(files).map(([name, body]) => ({
      header: { name, size: text(body).length, mode: 0o644 },
      body: text(body),
    })),
  );
}

Deno.test("the daemon applies .dockerignore but keeps the Dockerfile", async () => {
  const tar = await contextTar();
  const context = await readBuildContext(
    new Blob([tar as Uint8Array<ArrayBuffer>]).stream(),
    "Dockerfile",
  );
  assert.deepEqual([...context.entries.keys()].sort(), [".dockerignore", "Dockerfile", "app.ts"]);
});

Deno.test("a gzip context is read the same; bzip2 is refused by name", async () => {
  const tar = await contextTar();
  const gz = gzip(new Blob([tar as Uint8Array<ArrayBuffer>]).stream());
  const context = await readBuildContext(gz, "./Dockerfile");
  assert.equal(context.dockerfile, "Dockerfile");
  assert.equal(new TextDecoder().decode(context.entries.get("app.ts")!.data), "yes");
  const bz = new Blob([text("BZh91AY&SY")]).stream();
  await assert.rejects(
    readBuildContext(bz, "Dockerfile"),
    /bzip2 build contexts are not supported/,
  );
});
