import assert from "node:assert/strict";
import { Conflict, InvalidParameter, NotImplemented } from "../errors.ts";
import { checkCommand, checkCreateBody, freeName } from "./create_checks.ts";
import { testContainer } from "./test_container.ts";

const refuse = { backend: "test", mounts: "no mounts here", tty: "no TTY here (docker run -t)" };

Deno.test("create refuses what a cloud cannot run, naming the backend", () => {
  assert.throws(() => checkCreateBody({}, refuse), InvalidParameter);
  assert.throws(
    () => checkCreateBody({ Image: "alpine", HostConfig: { Binds: ["/a:/b"] } }, refuse),
    (e: Error) => e instanceof NotImplemented && e.message === "test backend: no mounts here",
  );
  assert.throws(
    () => checkCreateBody({ Image: "alpine", Tty: true }, refuse),
    /test backend: no TTY/,
  );
  checkCreateBody({ Image: "alpine", HostConfig: { Binds: [] } }, refuse);
  assert.throws(
    () => checkCommand("test", { Image: "alpine" }),
    /test backend: no command given for alpine/,
  );
  checkCommand("test", { Image: "alpine", Entrypoint: ["sh"] });
});

Deno.test("a name in use is a conflict; none asked for gets a random one", async () => {
  const directory = { all: () => Promise.resolve([testContainer("a".repeat(64), "web")]) };
  await assert.rejects(freeName(directory, "web"), Conflict);
  assert.equal(await freeName(directory, "/db"), "db");
  assert.match(await freeName(directory, undefined), /^[a-z]+_[a-z]+$/);
});
