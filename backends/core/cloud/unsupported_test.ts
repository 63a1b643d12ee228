import assert from "node:assert/strict";
import { NotImplemented } from "../errors.ts";
import { type ServerlessLimits, unsupportedHandlers } from "./unsupported.ts";

const limits = new Proxy({}, {
  get: (_, family) => `no ${String(family)} here`,
}) as ServerlessLimits;

Deno.test("each refused call is a 501 naming the backend, the call and its family's reason", () => {
  const handlers = unsupportedHandlers("test", limits) as unknown as Record<
    string,
    () => unknown
  >;
  assert.throws(
    () => handlers["container.unpause"](),
    (e: Error) =>
      e instanceof NotImplemented &&
      e.message === "test backend: container.unpause is not supported: no pause here",
  );
  assert.throws(
    () => handlers["image.build"](),
    /test backend: image\.build is not supported: no imageBuild here/,
  );
  assert.throws(() => handlers["volume.list"](), /no volumes here/);
  assert.equal(handlers["container.create"], undefined);
  assert.equal(Object.keys(handlers).length, 42);
});
