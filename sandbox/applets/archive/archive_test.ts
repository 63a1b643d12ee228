import assert from "node:assert/strict";
import { readText, run, testFileSystem } from "../testing.ts";
import { gzip } from "./gzip.ts";
import { tar } from "./tar.ts";

Deno.test("gzip and gunzip round-trip a file and keep its mode", async () => {
  const fs = await testFileSystem({ "/w/data": "hello\n".repeat(100) });
  assert.equal((await run(gzip, ["gzip", "/w/data"], { fs })).status, 0);
  await assert.rejects(fs.stat("/w/data"));
  assert.equal((await fs.readFile("/w/data.gz"))[0], 0x1f);
  assert.equal((await run(gzip, ["gunzip", "/w/data.gz"], { fs })).status, 0);
  assert.equal(await readText(fs, "/w/data"), "hello\n".repeat(100));
  const bad = await run(gzip, ["gunzip", "-c"], { stdin: "notgz\n" });
  assert.deepEqual([bad.status, bad.stderr], [1, "gunzip: invalid magic\n"]);
});

Deno.test("tar creates, lists and extracts with modes, links and gzip", async () => {
  const fs = await testFileSystem({ "/src/a.txt": "A", "/src/sub/b.txt": "B" });
  await fs.chmod("/src/a.txt", 0o600);
  await fs.symlink("a.txt", "/src/link");
  assert.equal((await run(tar, ["tar", "czf", "/out.tgz", "-C", "/", "src"], { fs })).status, 0);
  const list = await run(tar, ["tar", "tzf", "/out.tgz"], { fs });
  assert.equal(list.stdout, "src/\nsrc/a.txt\nsrc/link\nsrc/sub/\nsrc/sub/b.txt\n");
  await fs.mkdir("/dst");
  assert.equal(
    (await run(tar, ["tar", "-xf", "/out.tgz", "-C", "/dst", "--strip-components", "1"], { fs }))
      .status,
    0,
  );
  assert.equal(await readText(fs, "/dst/sub/b.txt"), "B");
  assert.equal((await fs.stat("/dst/a.txt")).mode, 0o600);
  assert.equal(await fs.readlink("/dst/link"), "a.txt");
  const missing = await run(tar, ["tar", "xf", "/nope.tar"], { fs });
  assert.deepEqual([missing.status, missing.stderr], [
    1,
    "tar: can't open '/nope.tar': No such file or directory\n",
  ]);
});

Deno.test("tar refuses compressors it does not have instead of writing plain tar", async () => {
  const r = await run(tar, ["tar", "cjf", "/x.tar.bz2", "/etc"]);
  assert.deepEqual([r.status, r.stderr], [
    1,
    "tar: bzip2 (-j) is not available in the sandbox: only gzip (-z) is\n",
  ]);
});
