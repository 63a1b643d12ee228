/**
 * Sockerless: a Docker Engine API daemon. `deno run -A main.ts --help` for the options.
 *
 * @module
 */
import { parseDaemonArgs, USAGE } from "./daemon/args.ts";
import { setLogLevel } from "./daemon/log.ts";
import { startDaemon } from "./daemon/run.ts";
import { SOCKERLESS_VERSION } from "./http/version.ts";

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseDaemonArgs(argv);
  } catch (error) {
    console.error(`sockerless: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.version) {
    console.log(`sockerless ${SOCKERLESS_VERSION}`);
    return 0;
  }
  setLogLevel(args.logLevel);
  let daemon;
  try {
    daemon = await startDaemon(args);
  } catch (error) {
    console.error(`sockerless: ${(error as Error).message}`);
    return 1;
  }
  const first = daemon.urls[0];
  console.log(`Sockerless is running on the ${args.backend} backend. To use it:`);
  console.log(`export DOCKER_HOST=${first}`);
  const stopped = Promise.withResolvers<void>();
  const stop = () => stopped.resolve();
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  await stopped.promise;
  // A second signal while stopping means "now".
  Deno.addSignalListener("SIGINT", () => Deno.exit(130));
  Deno.addSignalListener("SIGTERM", () => Deno.exit(143));
  await Promise.race([daemon.stop(), new Promise((r) => setTimeout(r, 10_000))]);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
