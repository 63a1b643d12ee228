import assert from "node:assert/strict";
import { startTestHub } from "../test_utils.ts";

Deno.test("tarball and zipball hold the tree under GitHub's owner-repo-sha7 directory", async () => {
  const hub = await startTestHub();
  try {
    await hub.call("POST", "/user/repos", { name: "arc", auto_init: true });
    const sha = (await (await hub.call("GET", "/repos/admin/arc/commits/main")).json()).sha;
    const tgz = await hub.call("GET", "/repos/admin/arc/tarball/main");
    assert.equal(tgz.status, 200);
    const dir = await Deno.makeTempDir();
    await Deno.writeFile(`${dir}/a.tgz`, new Uint8Array(await tgz.arrayBuffer()));
    const list = await new Deno.Command("tar", { args: ["tzf", `${dir}/a.tgz`], stdout: "piped" })
      .output();
    assert.deepEqual(new TextDecoder().decode(list.stdout).trim().split("\n"), [
      `admin-arc-${sha.slice(0, 7)}/`,
      `admin-arc-${sha.slice(0, 7)}/README.md`,
    ]);
    const zip = new Uint8Array(
      await (await hub.call("GET", "/repos/admin/arc/zipball")).arrayBuffer(),
    );
    assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]); // "PK\3\4"
    assert.equal((await hub.call("GET", "/repos/admin/arc/tarball/nope")).status, 404);
    await Deno.remove(dir, { recursive: true });
  } finally {
    await hub.close();
  }
});
