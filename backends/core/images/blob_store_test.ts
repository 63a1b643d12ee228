import assert from "node:assert/strict";
import { BlobStore, DigestMismatchError, SizeMismatchError } from "./blob_store.ts";
import { digestOf } from "./digest.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

async function withStore(fn: (store: BlobStore, root: string) => Promise<void>) {
  const root = await Deno.makeTempDir({ prefix: "blobs-" });
  try {
    await fn(await BlobStore.open(root), root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names;
}

Deno.test("a blob is stored under its sha256 and read back", async () => {
  await withStore(async (store, root) => {
    const stored = await store.putBytes(bytes("hello"));
    assert.equal(stored.digest, digestOf("hello"));
    assert.equal(stored.size, 5);
    assert.equal(stored.created, true);
    assert.deepEqual(await entries(`${root}/blobs/sha256`), [digestOf("hello").slice(7)]);
    assert.equal(new TextDecoder().decode(await store.readBytes(stored.digest)), "hello");
    assert.equal(await new Response(await store.open(stored.digest)).text(), "hello");
    assert.equal((await store.putBytes(bytes("hello"))).created, false);
  });
});

Deno.test("a digest mismatch stores nothing and leaves no temp file", async () => {
  await withStore(async (store, root) => {
    await assert.rejects(
      store.putBytes(bytes("evil"), { digest: digestOf("good"), what: "layer" }),
      (error: Error) =>
        error instanceof DigestMismatchError && /layer verification failed/.test(error.message),
    );
    assert.deepEqual(await entries(`${root}/blobs/sha256`), []);
    assert.deepEqual(await entries(`${root}/tmp`), []);
    assert.equal(await store.has(digestOf("evil")), false);
  });
});

Deno.test("a stream shorter than announced is reported as truncated", async () => {
  await withStore(async (store, root) => {
    const stream = ReadableStream.from([bytes("hel")]);
    await assert.rejects(
      store.put(stream, { digest: digestOf("hello"), size: 5 }),
      (error: Error) => error instanceof SizeMismatchError && /truncated/.test(error.message),
    );
    assert.deepEqual(await entries(`${root}/blobs/sha256`), []);
  });
});

Deno.test("a stream that fails midway leaves nothing behind", async () => {
  await withStore(async (store, root) => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes("partial"));
        controller.error(new Error("connection reset"));
      },
    });
    await assert.rejects(store.put(stream), /connection reset/);
    assert.deepEqual(await entries(`${root}/blobs/sha256`), []);
    assert.deepEqual(await entries(`${root}/tmp`), []);
  });
});

Deno.test("reading a missing blob is NotFound and deleting it is idempotent", async () => {
  await withStore(async (store) => {
    await assert.rejects(store.readBytes(digestOf("x")), { name: "NotFound" });
    await store.delete(digestOf("x"));
  });
});
