import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { Digest } from "./block_hash.ts";
import { Md5 } from "./md5.ts";
import { Sha1 } from "./sha1.ts";
import { Sha256 } from "./sha256.ts";
import { Sha512 } from "./sha512.ts";

const DIGESTS: [string, () => Digest][] = [
  ["md5", () => new Md5()],
  ["sha1", () => new Sha1()],
  ["sha256", () => new Sha256()],
  ["sha512", () => new Sha512()],
];

Deno.test("digests match node:crypto for every length around block edges, fed in odd pieces", () => {
  const data = new Uint8Array(700);
  for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) & 0xff;
  for (const [name, make] of DIGESTS) {
    for (const length of [0, 1, 3, 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 255, 700]) {
      const input = data.subarray(0, length);
      const digest = make();
      for (let at = 0; at < length; at += 37) digest.update(input.subarray(at, at + 37));
      const expected = createHash(name).update(input).digest("hex");
      assert.equal(digest.hex(), expected, `${name} of ${length} bytes`);
    }
  }
});

Deno.test("known answers (RFC 1321, FIPS 180-4 examples)", () => {
  const abc = new TextEncoder().encode("abc");
  const hex = (make: () => Digest) => {
    const d = make();
    d.update(abc);
    return d.hex();
  };
  assert.equal(hex(() => new Md5()), "900150983cd24fb0d6963f7d28e17f72");
  assert.equal(hex(() => new Sha1()), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assert.equal(
    hex(() => new Sha256()),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    hex(() => new Sha512()),
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a" +
      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
  );
});
