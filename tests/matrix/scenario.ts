/**
 * One matrix scenario: a short script of real docker CLI calls with exact expectations, the same
 * on every backend. A scenario cleans up what it names; the runner removes leftovers after it.
 *
 * @module
 */
import type { BackendName, Session } from "./session.ts";

export interface Scenario {
  /** What the row says, e.g. "`run --rm` prints exactly the output". */
  name: string;
  run(s: Session): Promise<void>;
  /**
   * Why a backend is known to fail this scenario, where the cause is written down elsewhere; shown
   * beside a FAIL, never instead of one.
   */
  known?: Partial<Record<BackendName, string>>;
}

/** The image every scenario runs: the built-in rootfs on memory, a recorded reference on AWS. */
export const IMAGE = "alpine";
