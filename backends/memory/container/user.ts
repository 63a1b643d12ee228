/**
 * Resolving Docker's `User` (name, uid, name:group, uid:gid) against the container's own
 * /etc/passwd and /etc/group, with the rules and messages of moby/sys/user's `GetExecUser`, which
 * Docker uses: a numeric user need not exist, a name must; the primary group comes from passwd
 * unless a group is given; supplementary groups are those listing the user by name.
 *
 * @module
 */
import { DockerError } from "../../core/errors.ts";
import { type FileSystem, FsError } from "../../../sandbox/mod.ts";

/** Who a process runs as. */
export interface ExecUser {
  uid: number;
  gid: number;
  /** Supplementary groups (implicit form only, as GetExecUser gives them). */
  groups: number[];
  /** The passwd home directory; "/" when the user has no passwd entry, as runc defaults it. */
  home: string;
}

const MAX_ID = 2147483647;

/** Docker answers a user it cannot resolve with a plain daemon error (HTTP 500). */
function unresolvable(message: string): DockerError {
  return new DockerError(500, message);
}

async function readEntries(fs: FileSystem, path: string): Promise<string[][] | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    // A missing file is "no entries" (distroless images have none); other failures are real.
    if (error instanceof FsError && error.code === "ENOENT") return undefined;
    throw error;
  }
  return new TextDecoder().decode(bytes).split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(":"));
}

function numeric(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function checkRange(id: number): number {
  if (id > MAX_ID) throw unresolvable(`uids and gids must be in range 0-${MAX_ID}`);
  return id;
}

/**
 * Resolves `spec` ("" means root) in `fs`. Throws a 500 error with Docker's wording, e.g.
 * "unable to find user app: no matching entries in passwd file".
 */
export async function resolveUser(fs: FileSystem, spec: string): Promise<ExecUser> {
  const cut = spec.indexOf(":");
  const userArg = cut < 0 ? spec : spec.slice(0, cut);
  const groupArg = cut < 0 ? "" : spec.slice(cut + 1);
  const uidArg = numeric(userArg);
  const gidArg = numeric(groupArg);
  const user: ExecUser = { uid: 0, gid: 0, groups: [], home: "/" };

  const passwd = (await readEntries(fs, "/etc/passwd")) ?? [];
  const match = passwd.find((f) =>
    userArg === ""
      ? Number(f[2]) === 0
      : uidArg !== undefined
      ? Number(f[2]) === uidArg
      : f[0] === userArg
  );
  let matchedName = "";
  if (match) {
    matchedName = match[0];
    user.uid = Number(match[2]);
    user.gid = Number(match[3]);
    user.home = match[5] || "/";
  } else if (userArg !== "") {
    if (uidArg === undefined) {
      throw unresolvable(`unable to find user ${userArg}: no matching entries in passwd file`);
    }
    user.uid = checkRange(uidArg);
  }

  if (groupArg === "" && matchedName === "") return user;
  const groups = (await readEntries(fs, "/etc/group")) ?? [];
  if (groupArg !== "") {
    const group = groups.find((f) =>
      gidArg !== undefined ? Number(f[2]) === gidArg : f[0] === groupArg
    );
    if (group) user.gid = Number(group[2]);
    else if (gidArg === undefined) {
      throw unresolvable(`unable to find group ${groupArg}: no matching entries in group file`);
    } else user.gid = checkRange(gidArg);
  } else {
    user.groups = groups
      .filter((f) => (f[3] ?? "").split(",").includes(matchedName))
      .map((f) => Number(f[2]));
  }
  return user;
}
