/** What the e2e steps share: the server, the clients' environment, and helpers. */
import type { BleephubProcess } from "./harness.ts";

export interface Scenario {
  hub: BleephubProcess;
  env: Record<string, string>;
  tmp: string;
  adminToken: string;
  /** `-R admin/demo`, for gh commands on the main test repository. */
  R: string[];
  /** Runs gh and returns stdout, failing on a non-zero exit. */
  gh: (...args: string[]) => Promise<string>;
  /** Runs git in `cwd` and returns stdout, failing on a non-zero exit. */
  git: (cwd: string, ...args: string[]) => Promise<string>;
  /** The second user's token, made by the pull request step. */
  bobToken: string;
}
