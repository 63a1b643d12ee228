import assert from "node:assert/strict";
import type { ContextEntry } from "./build_context.ts";
import { itemsFor, matchSources, sourcesDigest, type SourceTree } from "./copy_sources.ts";

function tree(files: Record<string, string | null>): SourceTree {
  const entries: SourceTree = new Map();
  for (const [path, text] of Object.entries(files)) {
    const entry: ContextEntry = text === null
      ? { path, type: "directory", mode: 0o755, mtimeMs: 0 }
      : { path, type: "file", mode: 0o644, mtimeMs: 0, data: new TextEncoder().encode(text) };
    entries.set(path, entry);
  }
  return entries;
}

const context = tree({ src: null, "src/a.ts": "a", "src/b.js": "b", "top.ts": "t", "x.txt": "x" });

Deno.test("wildcards match within one path segment, sorted", () => {
  assert.deepEqual(matchSources(context, "*.ts"), ["top.ts"]);
  assert.deepEqual(matchSources(context, "src/*.?s"), ["src/a.ts", "src/b.js"]);
  assert.deepEqual(matchSources(context, "./top.ts"), ["top.ts"]);
  assert.deepEqual(matchSources(context, "missing"), []);
  assert.deepEqual(matchSources(context, "."), ["."]);
});

Deno.test("a directory copies its contents; a file goes to or into the destination", async () => {
  const dir = await itemsFor(context, "src", "app", false, false);
  assert.deepEqual(dir.map((i) => i.path).sort(), ["app", "app/a.ts", "app/b.js"]);
  const file = await itemsFor(context, "top.ts", "app/main.ts", false, false);
  assert.deepEqual(file.map((i) => i.path), ["app/main.ts"]);
  const into = await itemsFor(context, "top.ts", "app", true, false);
  assert.deepEqual(into.map((i) => i.path), ["app/top.ts"]);
});

Deno.test("the cache digest changes with content, not with unrelated files", () => {
  const before = sourcesDigest(context, ["src"]);
  const other = new Map(context);
  other.set("x.txt", { ...context.get("x.txt")!, data: new TextEncoder().encode("changed") });
  assert.equal(sourcesDigest(other, ["src"]), before);
  other.set("src/a.ts", { ...context.get("src/a.ts")!, data: new TextEncoder().encode("A") });
  assert.notEqual(sourcesDigest(other, ["src"]), before);
});
