/**
 * What a scenario sees: the docker CLI pointed at one backend's daemon (through the status tap),
 * with checks that throw typed outcomes. A check that fails while the daemon answered a 501 is a
 * {@link Refused}; any other failed check is a {@link Mismatch} carrying the exact command and
 * what came back, so a FAIL in the matrix is its own reproduction.
 *
 * @module
 */
import { docker } from "../e2e/harness.ts";

export type BackendName = "memory" | "ecs" | "lambda";

/** The backend refused: the daemon answered 501 with `message`. */
export class Refused extends Error {
  constructor(readonly command: string, message: string) {
    super(message);
  }
}

/** Wrong output, wrong status or wrong error. */
export class Mismatch extends Error {}

export interface Expect {
  /** Exit status; 0 when absent. */
  code?: number;
  stdout?: string | RegExp;
  stderr?: string | RegExp;
  stdin?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The daemon side a session needs: where the CLI goes and the 501s seen so far. */
export interface SessionTarget {
  backend: BackendName;
  env: Record<string, string>;
  refusals: { seq: number; message: string }[];
  /** A directory the daemon may bind-mount (`--allow-bind`) and the scenario may use. */
  work: string;
  /** A registry host (`127.0.0.1:port`) holding `busybox:latest`, or null. */
  registry: string | null;
  /** Stops and starts the daemon on the same state; the session follows it. */
  restart(): Promise<void>;
}

export class Session {
  readonly log: string[] = [];

  constructor(readonly target: SessionTarget, readonly prefix: string) {}

  get backend(): BackendName {
    return this.target.backend;
  }

  get work(): string {
    return this.target.work;
  }

  /** A container/volume/network name unique to this scenario. */
  name(base: string): string {
    return `${this.prefix}-${base}`;
  }

  /** Runs the CLI without judging the result (for setup whose failure a later check reveals). */
  async docker(args: string[], options: Expect = {}): Promise<Result> {
    const daemon = { env: { ...this.target.env, ...options.env } };
    const started = Date.now();
    const result = await docker(daemon as Parameters<typeof docker>[0], args, {
      stdin: options.stdin,
      timeoutMs: options.timeoutMs ?? 90_000,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = `$ docker ${quote(args)}  # exit ${result.code}`;
    // A poll repeats one call many times: the transcript keeps one line with the count.
    const last = this.log.at(-1);
    const repeated = last?.startsWith(`${line}, `) ? /\(×(\d+)\)$/.exec(last) : null;
    if (last?.startsWith(`${line}, `)) {
      this.log[this.log.length - 1] = `${line}, ${seconds} s (×${Number(repeated?.[1] ?? 1) + 1})`;
    } else {
      this.log.push(`${line}, ${seconds} s`);
    }
    return result;
  }

  /** Runs the CLI and checks status and output; throws Refused or Mismatch. */
  async expect(args: string[], want: Expect = {}): Promise<Result> {
    const before = this.target.refusals.length;
    const got = await this.docker(args, want);
    const problems = [];
    if (got.code !== (want.code ?? 0)) {
      problems.push(`exit status ${got.code}, wanted ${want.code ?? 0}`);
    }
    if (!matches(got.stdout, want.stdout)) {
      problems.push(`stdout ${show(got.stdout)}, wanted ${show(want.stdout)}`);
    }
    if (!matches(got.stderr, want.stderr)) {
      problems.push(`stderr ${show(got.stderr)}, wanted ${show(want.stderr)}`);
    }
    if (problems.length === 0) return got;
    const command = `docker ${quote(args)}` + (want.stdin ? ` <<< ${show(want.stdin)}` : "");
    // The CLI prints the daemon's message: a 501 it fell back from (inspect tries a container,
    // then an image) is not why this call failed.
    const refusal = this.target.refusals.slice(before).findLast((r) =>
      got.stderr.includes(r.message)
    );
    if (refusal && got.code !== 0) throw new Refused(command, refusal.message);
    throw new Mismatch(
      `${command}\n  ${problems.join("\n  ")}` +
        (got.code !== 0 ? `\n  stderr: ${show(got.stderr)}` : ""),
    );
  }

  /** `expect` with success; returns stdout. */
  async ok(args: string[], stdout?: string | RegExp, options: Expect = {}): Promise<string> {
    return (await this.expect(args, { ...options, stdout })).stdout;
  }

  /** Polls `check` until it holds (each poll is a real CLI call, so no fixed sleep decides). */
  async eventually(what: string, check: () => Promise<boolean>, tries = 300): Promise<void> {
    for (let i = 0; i < tries; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Mismatch(`${what} did not happen within ${tries} polls`);
  }

  /** A check on something other than the CLI's output (a host file, a fetch). */
  assert(condition: boolean, what: string): void {
    if (!condition) throw new Mismatch(what);
  }
}

function matches(text: string, want: string | RegExp | undefined): boolean {
  if (want === undefined) return true;
  return typeof want === "string" ? text === want : want.test(text);
}

function show(value: string | RegExp | undefined): string {
  if (value instanceof RegExp) return String(value);
  const text = JSON.stringify(value ?? "");
  return text.length > 800 ? `${text.slice(0, 800)}…` : text;
}

/** Shell-quotes arguments so a reproduction can be pasted. */
export function quote(args: string[]): string {
  return args.map((a) => /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)
    .join(" ");
}
