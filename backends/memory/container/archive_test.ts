import assert from "node:assert/strict";
import { spawn } from "../../../actors/mod.ts";
import { Conflict, InvalidParameter, NotFound } from "../../core/errors.ts";
import type { ContainerActorArgs } from "./protocol.ts";
import { ask, readAll, run, startContainer } from "./test_utils.ts";
import type { ProbeMsg } from "./testdata/host_probe_actor.ts";

/** Runs GNU tar (the oracle for what `docker cp` reads and writes) and returns its stdout. */
async function gnuTar(args: string[], stdin?: Uint8Array): Promise<Uint8Array> {
  const child = new Deno.Command("tar", {
    args,
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const writer = child.stdin.getWriter();
    await writer.write(stdin);
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) throw new Error(`tar ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
  return stdout;
}

function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** A tar made by GNU tar of a host tree: dir/a.txt, dir/sub/b.txt, dir/link → a.txt. */
async function hostTar(): Promise<Uint8Array> {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/dir/sub`, { recursive: true });
    await Deno.writeTextFile(`${root}/dir/a.txt`, "alpha\n");
    await Deno.writeTextFile(`${root}/dir/sub/b.txt`, "beta\n");
    await Deno.chmod(`${root}/dir`, 0o750);
    await Deno.symlink("a.txt", `${root}/dir/link`);
    return await gnuTar(["-C", root, "--owner=0", "--group=0", "-cf", "-", "dir"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("container archive: docker cp in and out round-trips through GNU tar", async () => {
  const ref = await startContainer();
  try {
    await ask(ref, {
      type: "archive-put",
      path: "/tmp",
      tar: bytesStream(await hostTar()),
      noOverwriteDirNonDir: false,
    });
    const cat = await run(ref, ["cat", "/tmp/dir/a.txt", "/tmp/dir/sub/b.txt", "/tmp/dir/link"]);
    assert.equal(await cat.status, 0);
    await cat.outputDone;
    assert.equal(cat.text(1), "alpha\nbeta\nalpha\n");

    const dir = await ask(ref, { type: "archive-stat", path: "/tmp/dir" });
    assert.equal(dir.name, "dir");
    assert.equal(dir.mode, 0x80000000 + 0o750);
    assert.equal(dir.linkTarget, "");
    assert.match(dir.mtime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const link = await ask(ref, { type: "archive-stat", path: "/tmp/dir/link" });
    assert.equal(link.mode, (1 << 27) + 0o777);
    assert.equal(link.linkTarget, "/tmp/dir/a.txt");
    const file = await ask(ref, { type: "archive-stat", path: "/tmp/dir/a.txt" });
    assert.deepEqual([file.name, file.size, file.mode], ["a.txt", 6, 0o644]);

    const out = await ask(ref, { type: "archive-get", path: "/tmp/dir" });
    assert.equal(out.stat.name, "dir");
    const tar = await readAll(out.tar);
    const listing = new TextDecoder().decode(await gnuTar(["-tf", "-"], tar)).trim().split("\n");
    assert.deepEqual(listing.sort(), [
      "dir/",
      "dir/a.txt",
      "dir/link",
      "dir/sub/",
      "dir/sub/b.txt",
    ]);
    const verbose = new TextDecoder().decode(await gnuTar(["-tvf", "-"], tar));
    assert.match(verbose, /^lrwxrwxrwx .* dir\/link -> a\.txt$/m);
    assert.match(verbose, /^drwxr-x--- .* dir\/$/m);
    const sub = new TextDecoder().decode(await gnuTar(["-xOf", "-", "dir/sub/b.txt"], tar));
    assert.equal(sub, "beta\n");
  } finally {
    await ref.stop();
  }
});

Deno.test("container archive: missing paths are 404, a file is no extraction point", async () => {
  const ref = await startContainer();
  try {
    await assert.rejects(
      ask(ref, { type: "archive-stat", path: "/nope" }),
      (error: Error) =>
        error instanceof NotFound &&
        /^Could not find the file \/nope in container /.test(error.message),
    );
    await assert.rejects(ask(ref, { type: "archive-get", path: "/nope/x" }), NotFound);
    await assert.rejects(
      ask(ref, {
        type: "archive-put",
        path: "/nope",
        tar: bytesStream(await hostTar()),
        noOverwriteDirNonDir: false,
      }),
      NotFound,
    );
    await assert.rejects(
      ask(ref, {
        type: "archive-put",
        path: "/etc/passwd",
        tar: bytesStream(await hostTar()),
        noOverwriteDirNonDir: false,
      }),
      (error: Error) =>
        error instanceof InvalidParameter &&
        error.message === "extraction point is not a directory",
    );
    const garbage = new Uint8Array(1024).fill(7);
    await assert.rejects(
      ask(ref, {
        type: "archive-put",
        path: "/tmp",
        tar: bytesStream(garbage),
        noOverwriteDirNonDir: false,
      }),
      InvalidParameter,
    );
  } finally {
    await ref.stop();
  }
});

Deno.test("container archive: noOverwriteDirNonDir refuses a file over a directory", async () => {
  const ref = await startContainer();
  try {
    const mkdir = await run(ref, [
      "sh",
      "-c",
      "mkdir -p /work/dir 2>/dev/null || (cd /work && : > x)",
    ], {
      cwd: "/work/dir",
    });
    await mkdir.status;
    // /work/dir is a directory; the host tar has a regular file named dir.
    const root = await Deno.makeTempDir();
    await Deno.writeTextFile(`${root}/dir`, "a file\n");
    const tar = await gnuTar(["-C", root, "-cf", "-", "dir"]);
    await Deno.remove(root, { recursive: true });
    await assert.rejects(
      ask(ref, {
        type: "archive-put",
        path: "/work",
        tar: bytesStream(tar),
        noOverwriteDirNonDir: true,
      }),
      Conflict,
    );
    // Without the flag Docker replaces it.
    await ask(ref, {
      type: "archive-put",
      path: "/work",
      tar: bytesStream(tar),
      noOverwriteDirNonDir: false,
    });
    const stat = await ask(ref, { type: "archive-stat", path: "/work/dir" });
    assert.equal(stat.mode, 0o644);
  } finally {
    await ref.stop();
  }
});

Deno.test("container archive: export lists the filesystem, changes and sizes follow writes", async () => {
  const ref = await startContainer();
  try {
    const writes = await run(ref, [
      "sh",
      "-c",
      "echo new > /tmp/new; echo /bin/bash >> /etc/shells",
    ]);
    assert.equal(await writes.status, 0);
    // As moby's overlay diff: /etc's own metadata did not change, so only the file is listed.
    assert.deepEqual(await ask(ref, { type: "changes" }), [
      { Path: "/etc/shells", Kind: 0 },
      { Path: "/tmp", Kind: 0 },
      { Path: "/tmp/new", Kind: 1 },
    ]);
    const size = await ask(ref, { type: "size" });
    const shells = await ask(ref, { type: "archive-stat", path: "/etc/shells" });
    assert.equal(size.SizeRw, 4 + shells.size);
    assert.ok(size.SizeRootFs > size.SizeRw);

    const tar = await readAll(await ask(ref, { type: "export" }));
    const names = new TextDecoder().decode(await gnuTar(["-tf", "-"], tar)).trim().split("\n");
    for (
      const name of [
        "bin/busybox",
        "bin/sh",
        "etc/passwd",
        "etc/hostname",
        "tmp/new",
        "proc/",
        "dev/",
      ]
    ) {
      assert.ok(names.includes(name), `${name} in ${names.length} exported names`);
    }
    assert.ok(!names.some((n) => n.startsWith("proc/") && n !== "proc/"), "no /proc contents");
    assert.ok(!names.some((n) => n.startsWith("dev/") && n !== "dev/"), "no /dev contents");
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: its Worker cannot read a host file", async () => {
  const hostFile = await Deno.makeTempFile();
  await Deno.writeTextFile(hostFile, "host secret\n");
  const args: ContainerActorArgs = {
    id: "probe",
    hostname: "probe",
    image: { kind: "builtin" },
    ncpu: 1,
    memTotal: 1024 ** 3,
  };
  const ref = await spawn<ProbeMsg, ContainerActorArgs>({
    module: new URL("./testdata/host_probe_actor.ts", import.meta.url),
    args,
    permissions: "none",
  });
  try {
    assert.match(
      await ref.ask<string>({ type: "read-host-file", path: hostFile }),
      /^NotCapable: /,
    );
    // Inside the container the path does not exist: its filesystem is its own.
    const p = await ref.ask<import("./protocol.ts").RunReply>({
      type: "run",
      role: "main",
      process: {
        argv: ["cat", hostFile],
        env: [],
        cwd: "/",
        user: "",
        tty: false,
        openStdin: false,
      },
    });
    const err = new TextDecoder().decode(
      await readAll(p.output.pipeThrough(
        new TransformStream({ transform: (c, out) => out.enqueue(c.data) }),
      )),
    );
    assert.match(err, /No such file or directory/);
  } finally {
    await ref.stop();
    await Deno.remove(hostFile);
  }
});
