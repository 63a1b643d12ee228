/**
 * Runs every scenario against one backend's daemon and classifies each: pass, 501 (the backend
 * refused, with the daemon's message), or FAIL (wrong output, wrong status, wrong error, or
 * a timeout), removing the scenario's leftover containers before the next one.
 *
 * @module
 */
import type { Scenario } from "./scenario.ts";
import type { BackendDaemon } from "./backend_daemon.ts";
import { Mismatch, Refused, Session } from "./session.ts";

export type Outcome =
  | { kind: "pass"; ms: number }
  | { kind: "501"; ms: number; message: string; command: string }
  | { kind: "FAIL"; ms: number; detail: string; transcript: string[] };

/** A scenario slower than this is a FAIL: a hung stream must not hold the whole run. */
const SCENARIO_TIMEOUT_MS = 180_000;

export async function runColumn(
  daemon: BackendDaemon,
  scenarios: Scenario[],
  /** Each scenario's number in the full list: names are prefixed with it. */
  numbers: number[],
  progress: (index: number, outcome: Outcome) => void,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const session = new Session(daemon, `m${numbers[index]}`);
    const started = Date.now();
    const outcome = await classify(scenario, session).then((o) => ({
      ...o,
      ms: Date.now() - started,
    }));
    if (!daemon.alive()) {
      // A dead daemon is this scenario's failure; the next one gets a fresh daemon.
      const tail = daemon.logs().split("\n").slice(-5).join("\n");
      outcomes.push({
        kind: "FAIL",
        ms: outcome.ms,
        detail: `the daemon exited:\n${tail}`,
        transcript: session.log,
      });
      await daemon.restart();
    } else {
      outcomes.push(outcome);
    }
    progress(index, outcomes[index]);
    await removeLeftovers(session);
  }
  return outcomes;
}

async function classify(scenario: Scenario, session: Session): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Mismatch(`timed out after ${SCENARIO_TIMEOUT_MS / 1000} s`)),
      SCENARIO_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([scenario.run(session), timeout]);
    return { kind: "pass", ms: 0 };
  } catch (error) {
    if (error instanceof Refused) {
      return { kind: "501", ms: 0, message: error.message, command: error.command };
    }
    const detail = error instanceof Mismatch
      ? error.message
      : `unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
    return { kind: "FAIL", ms: 0, detail, transcript: session.log };
  } finally {
    clearTimeout(timer);
  }
}

/** Removes every container left behind, so the next scenario starts from an empty list. */
async function removeLeftovers(session: Session): Promise<void> {
  const left = await session.docker(["ps", "-aq"]);
  const ids = left.stdout.trim().split("\n").filter(Boolean);
  if (ids.length > 0) await session.docker(["rm", "-f", ...ids]);
}
