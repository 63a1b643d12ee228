/**
 * bcrypt hashes for distribution's htpasswd auth, made by Python's crypt module (libxcrypt):
 * Deno has no bcrypt, and the registry accepts nothing else.
 *
 * @module
 */

/** A bcrypt hash of `password` (cost 4, fast for tests), or undefined without python3. */
export async function bcrypt(password: string): Promise<string | undefined> {
  try {
    const output = await new Deno.Command("python3", {
      args: [
        "-W",
        "ignore",
        "-c",
        "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))",
        password,
      ],
      stdout: "piped",
      stderr: "null",
    }).output();
    return output.success ? new TextDecoder().decode(output.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}
