/**
 * `deno task sim:aws`: runs the AWS simulator on 127.0.0.1.
 *
 * Flags (a contract for outside scripts): `--port P` (default 4566), `--data-dir D`,
 * `--access-key-id K --secret-access-key S` (default test/test; also from
 * `SOCKERLESS_SIM_AWS_ACCESS_KEY_ID` / `SOCKERLESS_SIM_AWS_SECRET_ACCESS_KEY`),
 * `--insecure-registry HOST[:PORT]` (repeatable: registries workloads' images are pulled from over
 * plain HTTP, as with dockerd's flag; loopback registries always are).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startAwsSimulator } from "./mod.ts";
import { sandboxWorkloadRuntime } from "./runtime/sandbox_runtime.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    port: { type: "string", default: "4566" },
    "data-dir": { type: "string" },
    "access-key-id": { type: "string" },
    "secret-access-key": { type: "string" },
    "insecure-registry": { type: "string", multiple: true },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`aws-sim: --port must be a port number, not ${values.port}`);
  Deno.exit(2);
}
const accessKeyId = values["access-key-id"] ?? Deno.env.get("SOCKERLESS_SIM_AWS_ACCESS_KEY_ID") ??
  "test";
const secretAccessKey = values["secret-access-key"] ??
  Deno.env.get("SOCKERLESS_SIM_AWS_SECRET_ACCESS_KEY") ?? "test";
const sim = await startAwsSimulator({
  port,
  dataDir: values["data-dir"],
  credentials: [{ accessKeyId, secretAccessKey }],
  runtime: sandboxWorkloadRuntime(),
  insecureRegistries: values["insecure-registry"] ?? [],
});
console.log(`aws-sim: listening on ${sim.endpoint}`);
const stop = async () => {
  await sim.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);
