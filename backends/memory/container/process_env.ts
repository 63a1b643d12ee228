/**
 * The environment a container process starts with. The caller has merged the image's and the
 * container's (or exec's) `Env`; what Docker and runc add on top is added here: HOSTNAME, PATH
 * when missing, TERM=xterm with a TTY (moby's CreateDaemonEnvironment) and HOME from passwd when
 * missing (runc's setupUser).
 *
 * @module
 */

/** Docker's default PATH for Linux containers (moby's `oci.DefaultPathEnv`). */
export const DEFAULT_PATH_ENV = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export interface EnvDefaults {
  hostname: string;
  home: string;
  tty: boolean;
}

/** `KEY=VALUE` entries (later ones win) plus Docker's defaults, as a record. */
export function processEnv(entries: string[], defaults: EnvDefaults): Record<string, string> {
  const env: Record<string, string> = {};
  env.PATH = DEFAULT_PATH_ENV;
  env.HOSTNAME = defaults.hostname;
  if (defaults.tty) env.TERM = "xterm";
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    // A bare KEY removes it, as moby's ReplaceOrAppendEnvValues does (the CLI has already
    // expanded `-e KEY` from the client's environment, so one arriving here means "unset").
    if (eq < 0) {
      delete env[entry];
      continue;
    }
    if (eq === 0) continue;
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  env.HOME ??= defaults.home;
  return env;
}
