import assert from "node:assert/strict";
import { DEFAULT_PATH_ENV, processEnv } from "./process_env.ts";

Deno.test("processEnv: Docker's defaults under the given env, later entries winning", () => {
  assert.deepEqual(
    processEnv(["A=1", "A=2", "EMPTY="], { hostname: "h", home: "/root", tty: true }),
    {
      PATH: DEFAULT_PATH_ENV,
      HOSTNAME: "h",
      TERM: "xterm",
      A: "2",
      EMPTY: "",
      HOME: "/root",
    },
  );
  const given = processEnv(["PATH=/bin", "HOME=/x", "HOSTNAME=other", "TERM=dumb"], {
    hostname: "h",
    home: "/root",
    tty: true,
  });
  assert.deepEqual(given, { PATH: "/bin", HOSTNAME: "other", TERM: "dumb", HOME: "/x" });
  assert.deepEqual(processEnv(["PATH"], { hostname: "h", home: "/", tty: false }), {
    HOSTNAME: "h",
    HOME: "/",
  });
});
