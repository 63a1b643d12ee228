/**
 * Explicit Deno permission sets for actor Workers. Every actor states what it may touch; the pool
 * keys Workers by the canonical form so a Worker never serves an actor with different rights.
 *
 * @module
 */

/** What an actor's Worker may do: `"none"` (no host access at all) or an explicit grant. */
export type ActorPermissions = "none" | {
  read?: string[] | boolean;
  write?: string[] | boolean;
  net?: string[] | boolean;
  env?: string[] | boolean;
  run?: string[] | boolean;
  sys?: string[] | boolean;
  ffi?: string[] | boolean;
  import?: string[] | boolean;
};

const kinds = ["read", "write", "net", "env", "run", "sys", "ffi", "import"] as const;

/** The permission object Deno's `Worker` option wants: every kind spelled out, defaulting to deny. */
export function workerPermissions(permissions: ActorPermissions): Deno.PermissionOptions {
  if (permissions === "none") return "none";
  const granted: Record<string, string[] | boolean> = {};
  for (const kind of kinds) granted[kind] = permissions[kind] ?? false;
  return granted as Deno.PermissionOptions;
}

/** A stable string for a permission set: the same rights give the same key whatever the order. */
export function permissionKey(permissions: ActorPermissions): string {
  if (permissions === "none") return "none";
  const parts = kinds.map((kind) => {
    const grant = permissions[kind] ?? false;
    return `${kind}=${Array.isArray(grant) ? [...grant].sort().join(",") : grant}`;
  });
  return parts.join(";");
}
