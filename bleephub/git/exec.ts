/** Runs Debian's `git` against a bare repository, failing loudly when git is missing. */

export class GitCommandError extends Error {
  constructor(readonly args: string[], readonly code: number, readonly stderr: string) {
    super(`git ${args.join(" ")} exited ${code}: ${stderr.trim()}`);
  }
}

export interface GitOptions {
  env?: Record<string, string>;
  stdin?: string | Uint8Array;
  /** Exit codes that are answers rather than failures (e.g. merge-tree's 1 for conflicts). */
  okCodes?: number[];
}

const decoder = new TextDecoder();

export async function gitRaw(
  gitDir: string,
  args: string[],
  options: GitOptions = {},
): Promise<{ stdout: Uint8Array; code: number }> {
  const full = ["--git-dir", gitDir, ...args];
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("git", {
      args: full,
      env: { GIT_TERMINAL_PROMPT: "0", ...options.env },
      stdin: options.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error("bleephub needs `git` on PATH for git hosting (Debian: git)");
    }
    throw e;
  }
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(
      typeof options.stdin === "string" ? new TextEncoder().encode(options.stdin) : options.stdin,
    );
    await w.close();
  }
  const out = await child.output();
  if (out.code !== 0 && !(options.okCodes ?? []).includes(out.code)) {
    throw new GitCommandError(args, out.code, decoder.decode(out.stderr));
  }
  return { stdout: out.stdout, code: out.code };
}

/** Runs git and returns stdout as text with the trailing newline removed. */
export async function git(gitDir: string, args: string[], options?: GitOptions): Promise<string> {
  const { stdout } = await gitRaw(gitDir, args, options);
  return decoder.decode(stdout).replace(/\n$/, "");
}
