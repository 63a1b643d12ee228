/**
 * `deno task bleephub --port P --data-dir D --admin-token T [--http]`
 * Serves bleephub on 127.0.0.1:P; the admin token can also come from BLEEPHUB_ADMIN_TOKEN.
 */
import { parseArgs } from "node:util";
import { startBleephub } from "./mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    port: { type: "string", default: "8443" },
    "data-dir": { type: "string", default: "./bleephub-data" },
    "admin-token": { type: "string" },
    http: { type: "boolean", default: false },
  },
});

const adminToken = values["admin-token"] ?? Deno.env.get("BLEEPHUB_ADMIN_TOKEN");
if (!adminToken) {
  console.error("bleephub: give the site admin token with --admin-token or BLEEPHUB_ADMIN_TOKEN");
  Deno.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`bleephub: invalid --port ${values.port}`);
  Deno.exit(2);
}

const controller = new AbortController();
Deno.addSignalListener("SIGTERM", () => controller.abort());
Deno.addSignalListener("SIGINT", () => controller.abort());
const hub = await startBleephub({
  port,
  dataDir: values["data-dir"]!,
  adminToken,
  http: values.http,
  signal: controller.signal,
});
console.log(`bleephub listening on ${hub.origin} (CA: ${values["data-dir"]}/tls/ca.pem)`);
await hub.finished;
