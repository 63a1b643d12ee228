import assert from "node:assert/strict";
import { packTar, unpackTar } from "modern-tar";
import { Forbidden, InvalidParameter, NotFound } from "../core/errors.ts";
import { startTestBackend } from "./container_test_backend.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const streamOf = (data: Uint8Array) =>
  new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(data), c.close()) });

/** A tar of files, each parent directory given its own entry first (as docker cp sends). */
async function tarOf(files: Record<string, string>): Promise<ReadableStream<Uint8Array>> {
  const dirs = new Set(
    Object.keys(files).flatMap((name) => {
      const parts = name.split("/").slice(0, -1);
      return parts.map((_, i) => parts.slice(0, i + 1).join("/") + "/");
    }),
  );
  const entries = [
    ...[...dirs].map((name) => ({
      header: { name, size: 0, type: "directory" as const, mode: 0o755, uid: 7, gid: 8 },
    })),
    ...Object.entries(files).map(([name, text]) => ({
      header: { name, size: bytes(text).length, mode: 0o640, uid: 7, gid: 8 },
      body: bytes(text),
    })),
  ];
  return streamOf(await packTar(entries));
}

Deno.test("archive put, stat and get round-trip on a created container", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const id = await backend.container(["cat", "/tmp/a.txt"]);
    assert.equal(await handlers["container.changes"]({ id }), null);
    await handlers["container.archivePut"]({
      id,
      path: "/tmp",
      tar: await tarOf({ "a.txt": "alpha\n", "d/b.txt": "beta\n" }),
      noOverwriteDirNonDir: false,
      copyUIDGID: false,
    });
    const stat = await handlers["container.archiveStat"]({ id, path: "/tmp/a.txt" });
    assert.deepEqual([stat.name, stat.size, stat.mode, stat.linkTarget], ["a.txt", 6, 0o640, ""]);
    const { stat: dirStat, tar } = await handlers["container.archiveGet"]({ id, path: "/tmp/d" });
    assert.equal(dirStat.name, "d");
    assert.ok(dirStat.mode & 0x80000000, "a directory carries Go's ModeDir bit");
    const entries = await unpackTar(tar);
    const file = entries.find((e) => e.header.name === "d/b.txt");
    assert.equal(new TextDecoder().decode(file?.data), "beta\n");
    // The archive's owners are kept when copyUIDGID is not asked for (moby's default).
    assert.deepEqual([file?.header.uid, file?.header.gid], [7, 8]);
    const changes = await handlers["container.changes"]({ id });
    assert.deepEqual(
      changes?.filter((c) => c.Path.startsWith("/tmp")),
      [
        { Path: "/tmp", Kind: 0 },
        { Path: "/tmp/a.txt", Kind: 1 },
        { Path: "/tmp/d", Kind: 1 },
        { Path: "/tmp/d/b.txt", Kind: 1 },
      ],
    );
    const exported = await unpackTar(await handlers["container.export"]({ id }));
    assert.ok(exported.some((e) => e.header.name === "tmp/d/b.txt"));
  } finally {
    await backend.close();
  }
});

Deno.test("archive errors: missing paths, non-directories, read-only roots, copyUIDGID", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const id = await backend.container(["true"]);
    await assert.rejects(
      async () => await handlers["container.archiveStat"]({ id, path: "/no/such" }),
      (e: Error) => e instanceof NotFound && /Could not find the file \/no\/such/.test(e.message),
    );
    const put = async (target: string, options: { copyUIDGID?: boolean } = {}) =>
      await handlers["container.archivePut"]({
        id: target,
        path: "/etc/passwd",
        tar: await tarOf({ "x": "x" }),
        noOverwriteDirNonDir: true,
        copyUIDGID: options.copyUIDGID ?? false,
      });
    await assert.rejects(() => put(id), InvalidParameter);
    const readOnly = await backend.container(["true"], {
      body: { HostConfig: { ReadonlyRootfs: true } },
    });
    await assert.rejects(() => put(readOnly), Forbidden);
    const ghost = await backend.container(["true"], { body: { User: "ghost" } });
    await assert.rejects(() => put(ghost, { copyUIDGID: true }), /unable to find user ghost/);
  } finally {
    await backend.close();
  }
});

Deno.test("archive put with copyUIDGID gives the entries to the container's user", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const id = await backend.container(["true"], { body: { User: "nobody" } });
    for (const [copyUIDGID, dir] of [[true, "/tmp/as-user"], [false, "/tmp/as-archive"]] as const) {
      await handlers["container.archivePut"]({
        id,
        path: "/tmp",
        tar: await tarOf({ [`${dir.slice(5)}/f.txt`]: "f\n" }),
        noOverwriteDirNonDir: false,
        copyUIDGID,
      });
    }
    const owners = async (path: string) => {
      const { tar } = await handlers["container.archiveGet"]({ id, path });
      return (await unpackTar(tar)).map((e) => [e.header.name, e.header.uid, e.header.gid]);
    };
    // nobody is 65534:65534 in the built-in root's passwd.
    assert.deepEqual(await owners("/tmp/as-user"), [
      ["as-user/", 65534, 65534],
      ["as-user/f.txt", 65534, 65534],
    ]);
    assert.deepEqual(await owners("/tmp/as-archive"), [
      ["as-archive/", 7, 8],
      ["as-archive/f.txt", 7, 8],
    ]);
  } finally {
    await backend.close();
  }
});
