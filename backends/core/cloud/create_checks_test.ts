import assert from "node:assert/strict";
import { Conflict, InvalidParameter, NotImplemented } from "../errors.ts";
import { checkCommand, checkCreateBody, freeName } from "./create_checks.ts";
import { testContainer } from "./test_container.ts";

const refuse = {
  backend: "test",
  mounts: "no mounts here",
  tty: "no TTY here (docker run -t)",
  restart: "nothing restarts here",
  ports: "no host ports here",
};

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
    () =>
      checkCreateBody({
        Image: "alpine",
        HostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 2 } },
      }, refuse),
    (e: Error) =>
      e instanceof NotImplemented &&
      e.message ===
        'test backend: restart policy "on-failure:2" (docker run --restart): nothing restarts here',
  );
  for (const Name of ["always", "unless-stopped"] as const) {
    assert.throws(
      () => checkCreateBody({ Image: "alpine", HostConfig: { RestartPolicy: { Name } } }, refuse),
      NotImplemented,
    );
  }
  // What the docker CLI sends without --restart or -p is accepted.
  checkCreateBody({
    Image: "alpine",
    HostConfig: { RestartPolicy: { Name: "no" }, PortBindings: {}, PublishAllPorts: false },
  }, refuse);
  checkCreateBody({ Image: "alpine", HostConfig: { RestartPolicy: { Name: "" } } }, refuse);
  assert.throws(
    () =>
      checkCreateBody({
        Image: "alpine",
        HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "8080" }] } },
      }, refuse),
    /test backend: published ports 80\/tcp \(docker run -p\): no host ports here/,
  );
  assert.throws(
    () => checkCreateBody({ Image: "alpine", HostConfig: { PublishAllPorts: true } }, refuse),
    /published ports all \(-P\)/,
  );
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
