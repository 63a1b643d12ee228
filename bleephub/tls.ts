/**
 * TLS material for bleephub: a private CA and a leaf certificate signed by it.
 *
 * `gh` (Go) and git (curl) refuse certificates without SANs and reject a CA used as a server
 * certificate, so we keep the layout every client here accepted: CA + serverAuth leaf with
 * `IP:127.0.0.1` and `DNS:localhost`. Generated once per data directory with Debian's `openssl`
 * and reused after a restart, so clients that trusted `tls/ca.pem` keep trusting it.
 */

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

async function openssl(args: string[], cwd: string): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("openssl", { args, cwd, stdout: "piped", stderr: "piped" })
      .output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        "bleephub needs `openssl` to generate its TLS certificates (Debian: openssl)",
      );
    }
    throw e;
  }
  if (!out.success) {
    throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/** Loads `dir/{ca,leaf}.pem` and `leaf.key`, creating them first when absent. */
export async function ensureTlsMaterial(dir: string): Promise<TlsMaterial> {
  await Deno.mkdir(dir, { recursive: true });
  if (!(await exists(`${dir}/leaf.key`))) {
    const ext = [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ].join("\n");
    await Deno.writeTextFile(`${dir}/leaf.ext`, ext + "\n");
    await openssl([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "3650",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-subj",
      "/CN=bleephub local CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ], dir);
    await openssl([
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "leaf.key.tmp",
      "-out",
      "leaf.csr",
      "-subj",
      "/CN=127.0.0.1",
    ], dir);
    await openssl([
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "3650",
      "-out",
      "leaf.pem",
      "-extfile",
      "leaf.ext",
    ], dir);
    // The key is renamed last: its presence marks a complete set even after a crash midway.
    await Deno.rename(`${dir}/leaf.key.tmp`, `${dir}/leaf.key`);
  }
  return {
    caPem: await Deno.readTextFile(`${dir}/ca.pem`),
    certPem: await Deno.readTextFile(`${dir}/leaf.pem`),
    keyPem: await Deno.readTextFile(`${dir}/leaf.key`),
  };
}
