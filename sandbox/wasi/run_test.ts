import assert from "node:assert/strict";
import { createFileSystem } from "../fs/mod.ts";
import { bytesInput, collectOutput, streamInput } from "../io.ts";
import type { FileSystem, Input, ProcessContext } from "../types.ts";
import { detectExecutableKind, ELF_EXIT_STATUS, ELF_MESSAGE, runWasi } from "./mod.ts";
import { assemble, hasWat2Wasm, PROGRAMS } from "./wat_test_utils.ts";

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);
const ignore = !hasWat2Wasm();
if (ignore) console.warn("wat2wasm not found: WASI tests skipped (apt-get install -y wabt)");

const programs = new Map<string, Uint8Array>();
async function program(name: keyof typeof PROGRAMS): Promise<Uint8Array> {
  if (!programs.has(name)) programs.set(name, await assemble(PROGRAMS[name]));
  return programs.get(name)!;
}

function context(
  fs: FileSystem,
  argv: string[],
  stdin: Input = bytesInput(),
  signal = new AbortController().signal,
) {
  const stdout = collectOutput();
  const stderr = collectOutput();
  const ctx: ProcessContext = {
    argv,
    env: { HOME: "/root" },
    cwd: "/",
    pid: 42,
    uid: 0,
    gid: 0,
    umask: 0o022,
    stdin,
    stdout,
    stderr,
    fs,
    signal,
    processes: { list: () => [], kill: () => false },
    system: {
      hostname: "t",
      kernel: { sysname: "Linux", release: "6", version: "#1", machine: "x86_64" },
      ncpu: 1,
      memTotalBytes: 1,
      memFreeBytes: () => 1,
      bootTimeMs: 0,
    },
    spawn: () => Promise.reject(new Error("spawn is not part of these tests")),
  };
  return { ctx, stdout, stderr };
}

Deno.test("detectExecutableKind reads the magic bytes", () => {
  assert.equal(detectExecutableKind(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])), "wasm");
  assert.equal(detectExecutableKind(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2])), "elf");
  assert.equal(detectExecutableKind(text("#!/bin/sh\n")), "script");
  assert.equal(detectExecutableKind(text("plain")), "unknown");
  assert.equal(detectExecutableKind(new Uint8Array()), "unknown");
  assert.equal(
    ELF_MESSAGE,
    "exec format error: ELF binaries cannot run in the sandbox (memory backend); use a cloud or docker backend",
  );
  assert.equal(ELF_EXIT_STATUS, 126);
});

Deno.test({ name: "wasi: hello world on stdout, exit status 0", ignore }, async () => {
  const bytes = await program("hello");
  assert.equal(detectExecutableKind(bytes), "wasm");
  const { ctx, stdout } = context(await createFileSystem(), ["hello"]);
  assert.equal(await runWasi(bytes, ctx), 0);
  assert.equal(stdout.text(), "hello from wasm\n");
});

Deno.test({ name: "wasi: random_get gives fresh bytes each call", ignore }, async () => {
  const { ctx, stdout } = context(await createFileSystem(), ["random"]);
  assert.equal(await runWasi(await program("random"), ctx), 0);
  const out = stdout.bytes();
  assert.equal(out.length, 32);
  assert.notDeepEqual(out.subarray(0, 16), out.subarray(16));
  assert.notDeepEqual(out.subarray(0, 16), new Uint8Array(16));
});

Deno.test({ name: "wasi: proc_exit(3) is the exit status", ignore }, async () => {
  const { ctx } = context(await createFileSystem(), ["exit3"]);
  assert.equal(await runWasi(await program("exit3"), ctx), 3);
});

Deno.test({
  name: "wasi: reads sandbox files through the / preopen, following symlinks inside",
  ignore,
}, async () => {
  const fs = await createFileSystem();
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/greeting", text("hi from the sandbox fs\n"));
  await fs.symlink("/etc/greeting", "/link");
  const { ctx, stdout } = context(fs, ["cat", "etc/greeting", "link"]);
  assert.equal(await runWasi(await program("cat"), ctx), 0);
  assert.equal(stdout.text(), "hi from the sandbox fs\n".repeat(2));
  const missing = context(fs, ["cat", "nope"]);
  assert.equal(await runWasi(await program("cat"), missing.ctx), 44); // ENOENT
  const escape = context(fs, ["cat", "../../../etc/greeting"]);
  assert.equal(await runWasi(await program("cat"), escape.ctx), 0);
  assert.equal(escape.stdout.text(), "hi from the sandbox fs\n");
});

Deno.test({ name: "wasi: writes a sandbox file from streamed stdin", ignore }, async () => {
  const fs = await createFileSystem();
  await fs.mkdir("/out");
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const { ctx } = context(fs, ["save", "out/file.txt"], streamInput(readable));
  const running = runWasi(await program("save"), ctx);
  const writer = writable.getWriter();
  await writer.write(text("line one\n"));
  await new Promise((r) => setTimeout(r, 10));
  await writer.write(text("line two\n"));
  await writer.close();
  assert.equal(await running, 0);
  assert.equal(str(await fs.readFile("/out/file.txt")), "line one\nline two\n");
  assert.equal((await fs.stat("/out/file.txt")).mode, 0o644);
  const readOnly = context(fs, ["save", "proc/x"]);
  assert.notEqual(await runWasi(await program("save"), readOnly.ctx), 0);
});

Deno.test({ name: "wasi: stdin streams through to stdout as it arrives", ignore }, async () => {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const chunks: string[] = [];
  const stdout = {
    write: (
      d: Uint8Array | string,
    ) => (chunks.push(typeof d === "string" ? d : str(d)), Promise.resolve()),
  };
  const { ctx } = context(await createFileSystem(), ["cat"], streamInput(readable));
  ctx.stdout = stdout;
  const running = runWasi(await program("cat"), ctx);
  const writer = writable.getWriter();
  await writer.write(text("first\n"));
  while (chunks.length === 0) await new Promise((r) => setTimeout(r, 1));
  assert.deepEqual(chunks, ["first\n"]);
  await writer.write(text("second\n"));
  await writer.close();
  assert.equal(await running, 0);
  assert.deepEqual(chunks, ["first\n", "second\n"]);
});

Deno.test(
  { name: "wasi: a signal stops a sleeping program with 128+n; traps give 134", ignore },
  async () => {
    const abort = new AbortController();
    const { ctx } = context(await createFileSystem(), ["sleep"], bytesInput(), abort.signal);
    const running = runWasi(await program("sleep"), ctx);
    setTimeout(() => abort.abort("SIGTERM"), 20);
    assert.equal(await running, 143);
    const trapped = context(await createFileSystem(), ["trap"]);
    assert.equal(await runWasi(await program("trap"), trapped.ctx), 134);
    assert.match(trapped.stderr.text(), /^trap: wasm trap: unreachable/);
  },
);

Deno.test({ name: "wasi: a closed stdout reads as EPIPE to the program", ignore }, async () => {
  const fs = await createFileSystem();
  await fs.writeFile("/big", new Uint8Array(100_000));
  const { ctx } = context(fs, ["cat", "big"]);
  let writes = 0;
  ctx.stdout = {
    write: () => (++writes > 1 ? Promise.reject(new Error("reader closed")) : Promise.resolve()),
  };
  assert.equal(await runWasi(await program("cat"), ctx), 64); // EPIPE, as cat's exit status here
});

Deno.test(
  { name: "wasi: modules that cannot start exit 126 with the reason on stderr", ignore },
  async () => {
    const broken = context(await createFileSystem(), ["broken"]);
    assert.equal(
      await runWasi(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]), broken.ctx),
      126,
    );
    assert.match(broken.stderr.text(), /^broken: cannot execute: /);
    const foreign = context(await createFileSystem(), ["needs-env"]);
    assert.equal(await runWasi(await program("needsEnv"), foreign.ctx), 126);
    assert.match(foreign.stderr.text(), /^needs-env: cannot execute: .*env/);
  },
);
