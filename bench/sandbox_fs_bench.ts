/**
 * Sandbox filesystem costs: a new container filesystem over a 5 MB image layer, tar import of a
 * 50 MB layer, and the memory an idle container filesystem takes beyond its files. Each timing has
 * a baseline from the same run (machines here are noisy): a deep copy of the same tree, and a bare
 * tar decode of the same archive.
 *
 * Run: deno bench -A bench/sandbox_fs_bench.ts
 */
import { createTarDecoder, packTar, type TarEntry } from "modern-tar";
import { createFileSystem, type Layer } from "../sandbox/fs/mod.ts";
import { bytesInput, nullOutput } from "../sandbox/io.ts";
import { importLayer } from "../sandbox/tar/mod.ts";
import { runWasi } from "../sandbox/wasi/mod.ts";
import { assemble, hasWat2Wasm, PROGRAMS } from "../sandbox/wasi/wat_test_utils.ts";

function layerEntries(totalBytes: number, fileBytes: number): TarEntry[] {
  const entries: TarEntry[] = [];
  const files = Math.floor(totalBytes / fileBytes);
  const body = new Uint8Array(fileBytes).fill(0x61);
  for (let d = 0; d * 100 < files; d++) {
    entries.push({ header: { name: `usr/share/d${d}/`, type: "directory", size: 0 } });
    for (let f = d * 100; f < Math.min(files, (d + 1) * 100); f++) {
      entries.push({ header: { name: `usr/share/d${d}/f${f}`, size: fileBytes }, body });
    }
  }
  return entries;
}

function streamOf(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

const MB = 1024 * 1024;
const smallTar = await packTar(layerEntries(5 * MB, 5 * 1024));
const bigTar = await packTar(layerEntries(50 * MB, 64 * 1024));
const compress = new CompressionStream("gzip") as unknown as TransformStream<
  Uint8Array,
  Uint8Array
>;
const bigTarGz = new Uint8Array(
  await new Response(streamOf(bigTar).pipeThrough(compress)).arrayBuffer(),
);
const smallLayer: Layer = await importLayer(streamOf(smallTar));
smallLayer.root; // merge once, as the first container of an image does

Deno.bench(
  "new container fs over a 5 MB layer",
  { group: "container", baseline: true },
  async () => {
    await createFileSystem({ image: smallLayer });
  },
);

Deno.bench("deep copy of the same 5 MB tree (what sharing avoids)", { group: "container" }, () => {
  structuredClone(smallLayer.diff.entries);
});

Deno.bench("tar import of a 50 MB layer", { group: "tar", baseline: true, n: 10 }, async () => {
  await importLayer(streamOf(bigTar));
});

Deno.bench("tar.gz import of the same 50 MB layer", { group: "tar", n: 10 }, async () => {
  await importLayer(streamOf(bigTarGz));
});

Deno.bench("bare tar decode of the same 50 MB", { group: "tar", n: 10 }, async () => {
  for await (const entry of streamOf(bigTar).pipeThrough(createTarDecoder({ strict: true }))) {
    await entry.body.pipeTo(new WritableStream());
  }
});

const lookupFs = await createFileSystem({ image: smallLayer });
Deno.bench("stat of /usr/share/d5/f550 (4 components)", { group: "lookup" }, async () => {
  await lookupFs.stat("/usr/share/d5/f550");
});

Deno.bench("readFile of a 5 KiB image file", { group: "lookup" }, async () => {
  await lookupFs.readFile("/usr/share/d5/f550");
});

const writeFs = await createFileSystem({ devices: false });
const block = new Uint8Array(8 * 1024);
Deno.bench("1024 × 8 KiB writes to one file", { group: "writes", baseline: true }, async () => {
  const handle = await writeFs.open("/appended", { write: true, create: true, truncate: true });
  for (let i = 0; i < 1024; i++) await handle.write(block);
  await handle.close();
});

Deno.bench("one 8 MiB write (what linear appends should cost)", { group: "writes" }, async () => {
  await writeFs.writeFile("/whole", new Uint8Array(8 * 1024 * 1024));
});

if (hasWat2Wasm()) {
  const hello = await assemble(PROGRAMS.hello);
  Deno.bench("runWasi: hello world, compile to exit", { group: "wasi" }, async () => {
    await runWasi(hello, {
      argv: ["hello"],
      env: {},
      cwd: "/",
      pid: 1,
      uid: 0,
      gid: 0,
      umask: 0o022,
      stdin: bytesInput(),
      stdout: nullOutput,
      stderr: nullOutput,
      fs: writeFs,
      signal: new AbortController().signal,
      processes: { list: () => [], kill: () => false },
      system: {
        hostname: "bench",
        kernel: { sysname: "Linux", release: "6", version: "#1", machine: "x86_64" },
        ncpu: 1,
        memTotalBytes: 1,
        memFreeBytes: () => 1,
        bootTimeMs: 0,
      },
      spawn: () => Promise.reject(new Error("no spawn in this bench")),
    });
  });
} else console.log("wat2wasm missing: WASI bench skipped (apt-get install -y wabt)");

// Memory: many idle containers over one image; the image's bytes are shared, so what remains is
// each container's own bookkeeping (tree, mounts, /dev, /dev/shm).
{
  const count = 2000;
  const keep = [];
  const before = Deno.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) keep.push(await createFileSystem({ image: smallLayer }));
  const after = Deno.memoryUsage().heapUsed;
  const perContainer = (after - before) / count;
  console.log(
    `idle container fs over a 5 MB layer: ~${(perContainer / 1024).toFixed(1)} KiB heap each ` +
      `(${count} containers, ${keep.length} kept alive; image data ${
        (smallLayer.chainSize / MB).toFixed(1)
      } MB shared)`,
  );
  console.log(
    `tar sizes: 5 MB layer tar ${(smallTar.length / MB).toFixed(1)} MB, 50 MB layer tar ${
      (bigTar.length / MB).toFixed(1)
    } MB`,
  );
}
