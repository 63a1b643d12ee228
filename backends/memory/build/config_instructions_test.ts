import assert from "node:assert/strict";
import { applyChanges, parseGoDuration } from "./config_instructions.ts";

Deno.test("changes apply like Dockerfile instructions", () => {
  const config = applyChanges({ Env: ["PATH=/bin", "A=old"], Cmd: ["sh"] }, [
    "ENV A=new B=$A",
    'ENTRYPOINT ["run"]',
    "EXPOSE 80 53/udp",
    "WORKDIR /srv\nWORKDIR app",
    "LABEL x=1",
    "USER nobody",
  ]);
  assert.deepEqual(config.Env, ["PATH=/bin", "A=new", "B=old"]);
  assert.deepEqual(config.Entrypoint, ["run"]);
  assert.equal(config.Cmd, null); // ENTRYPOINT drops an inherited CMD
  assert.deepEqual(Object.keys(config.ExposedPorts!), ["80/tcp", "53/udp"]);
  assert.equal(config.WorkingDir, "/srv/app");
  assert.deepEqual(config.Labels, { x: "1" });
  assert.equal(config.User, "nobody");
});

Deno.test("shell-form CMD uses the default shell; RUN is not a change", () => {
  assert.deepEqual(applyChanges({}, ["CMD echo hi"]).Cmd, ["/bin/sh", "-c", "echo hi"]);
  assert.throws(() => applyChanges({}, ["RUN echo"]), /run is not a valid change command/);
  assert.throws(() => applyChanges({}, ["BOGUS x"]), /unknown instruction: BOGUS/);
});

Deno.test("Go durations", () => {
  assert.equal(parseGoDuration("1m30s"), 90e9);
  assert.equal(parseGoDuration("250ms"), 250e6);
  assert.throws(() => parseGoDuration("5 s"), /invalid duration/);
});
