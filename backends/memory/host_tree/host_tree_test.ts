import assert from "node:assert/strict";
import { createFileSystem, FsError } from "../../../sandbox/mod.ts";
import { HostTreeClient, serveHostTree } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

async function withTree(
  readOnly: boolean,
  body: (host: string, client: HostTreeClient, outside: string) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const host = `${dir}/src`;
  await Deno.mkdir(host);
  await Deno.writeTextFile(`${dir}/secret`, "host secret");
  const { port1, port2 } = new MessageChannel();
  const close = serveHostTree(port1, { root: host, readOnly });
  const client = new HostTreeClient(port2);
  try {
    await body(host, client, dir);
  } finally {
    client.close();
    close();
    await Deno.remove(dir, { recursive: true });
  }
}

async function rejectsWith(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e) => e instanceof FsError && e.code === code);
}

Deno.test("a host tree reads and writes host files through the port", async () => {
  await withTree(false, async (host, client) => {
    await Deno.writeTextFile(`${host}/a.txt`, "from host");
    assert.equal(str(await client.readFile("/a.txt")), "from host");
    await client.mkdir("/out/deep", { recursive: true });
    await client.writeFile("/out/deep/b.txt", text("from container"));
    assert.equal(await Deno.readTextFile(`${host}/out/deep/b.txt`), "from container");
    assert.deepEqual((await client.readdir("/")).map((e) => [e.name, e.kind]), [
      ["a.txt", "file"],
      ["out", "dir"],
    ]);
    const h = await client.open("/out/deep/b.txt", { read: true, write: true });
    assert.equal(str((await h.read(4))!), "from");
    await h.seek(0, "end");
    await h.write(text("!"));
    assert.equal((await h.stat()).size, 15);
    await h.close();
    await rejectsWith(client.readFile("/missing"), "ENOENT");
    await rejectsWith(h.read(1), "EBADF");
  });
});

Deno.test("symlinks and .. never leave the bind source", async () => {
  await withTree(false, async (host, client) => {
    await Deno.symlink("/", `${host}/up-abs`);
    await Deno.symlink("../..", `${host}/up-rel`);
    await Deno.symlink("../secret", `${host}/sibling`);
    await Deno.writeTextFile(`${host}/secret`, "inside");
    // "/secret" through any of them is the tree's own file, not the one beside the source.
    assert.equal(str(await client.readFile("/up-abs/secret")), "inside");
    assert.equal(str(await client.readFile("/up-rel/secret")), "inside");
    assert.equal(str(await client.readFile("/sibling")), "inside");
    assert.equal(str(await client.readFile("/../../secret")), "inside");
    assert.equal(await client.realpath("/up-rel"), "/");
    await client.writeFile("/up-abs/written", text("w"));
    assert.equal(await Deno.readTextFile(`${host}/written`), "w");
    assert.equal(await client.readlink("/sibling"), "../secret");
  });
});

Deno.test("a read-only host tree refuses every change with EROFS", async () => {
  await withTree(true, async (host, client) => {
    await Deno.writeTextFile(`${host}/f`, "x");
    assert.equal(str(await client.readFile("/f")), "x");
    await rejectsWith(client.writeFile("/f", text("y")), "EROFS");
    await rejectsWith(client.mkdir("/d"), "EROFS");
    await rejectsWith(client.remove("/f"), "EROFS");
    await rejectsWith(client.open("/f", { write: true }), "EROFS");
    assert.equal(await Deno.readTextFile(`${host}/f`), "x");
  });
});

Deno.test("a container filesystem mounts a host tree", async () => {
  await withTree(false, async (host, client) => {
    await Deno.writeTextFile(`${host}/hello`, "hi");
    const fs = await createFileSystem({ devices: false });
    await fs.mount("/work", { foreign: client }, { source: host });
    assert.equal(str(await fs.readFile("/work/hello")), "hi");
    await fs.writeFile("/work/new", text("made inside"));
    assert.equal(await Deno.readTextFile(`${host}/new`), "made inside");
  });
});

Deno.test("mkdir -p follows symlinks inside the scope and refuses .. in a gap", async () => {
  await withTree(false, async (host, client, outside) => {
    await Deno.symlink("/", `${host}/root-link`);
    await client.mkdir("/root-link/made/deeper", { recursive: true });
    assert.ok((await Deno.stat(`${host}/made/deeper`)).isDirectory);
    await rejectsWith(client.mkdir("/gap/../../escaped", { recursive: true }), "ENOENT");
    await assert.rejects(Deno.stat(`${outside}/escaped`), Deno.errors.NotFound);
  });
});

Deno.test("a single host file can be the whole tree", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/app.conf`, "conf=1\n");
    const { port1, port2 } = new MessageChannel();
    const close = serveHostTree(port1, { root: `${dir}/app.conf`, readOnly: true });
    const client = new HostTreeClient(port2);
    assert.equal((await client.stat("/")).kind, "file");
    assert.equal(str(await client.readFile("/")), "conf=1\n");
    await rejectsWith(client.writeFile("/", text("x")), "EROFS");
    client.close();
    close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("host fifos are refused instead of blocking every tree", async () => {
  await withTree(false, async (host, client) => {
    const made = await new Deno.Command("mkfifo", { args: [`${host}/pipe`] }).output();
    assert.ok(made.success, "mkfifo (coreutils) is needed for this test");
    assert.equal((await client.stat("/pipe")).kind, "fifo");
    await rejectsWith(client.open("/pipe", { read: true }), "EPERM");
    await rejectsWith(client.readFile("/pipe"), "EPERM");
  });
});
