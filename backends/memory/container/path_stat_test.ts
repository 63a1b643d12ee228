import assert from "node:assert/strict";
import { goFileMode, goTime, pathBase } from "./path_stat.ts";

Deno.test("goFileMode: Go's os.FileMode bits for each kind and special bit", () => {
  assert.equal(goFileMode({ kind: "dir", mode: 0o755 }), 0x800001ed);
  assert.equal(goFileMode({ kind: "file", mode: 0o644 }), 0o644);
  assert.equal(goFileMode({ kind: "symlink", mode: 0o777 }), 0x080001ff);
  assert.equal(goFileMode({ kind: "chardev", mode: 0o666 }), 0x04200000 + 0o666);
  assert.equal(goFileMode({ kind: "fifo", mode: 0o600 }), 0x02000000 + 0o600);
  assert.equal(goFileMode({ kind: "dir", mode: 0o1777 }), 0x80000000 + 0x100000 + 0o777);
  assert.equal(goFileMode({ kind: "file", mode: 0o4755 }), 0x800000 + 0o755);
  assert.equal(goFileMode({ kind: "file", mode: 0o2755 }), 0x400000 + 0o755);
});

Deno.test("goTime: RFC 3339 with the fraction's trailing zeros dropped, as Go marshals it", () => {
  assert.equal(goTime(Date.UTC(2024, 0, 2, 3, 4, 5)), "2024-01-02T03:04:05Z");
  assert.equal(goTime(Date.UTC(2024, 0, 2, 3, 4, 5, 120)), "2024-01-02T03:04:05.12Z");
  assert.equal(goTime(Date.UTC(2024, 0, 2, 3, 4, 5, 7)), "2024-01-02T03:04:05.007Z");
});

Deno.test("pathBase: the name docker cp gives the top entry", () => {
  assert.equal(pathBase("/tmp/dir"), "dir");
  assert.equal(pathBase("/tmp/dir/"), "dir");
  assert.equal(pathBase("/tmp/dir/."), ".");
  assert.equal(pathBase("/"), "/");
});
