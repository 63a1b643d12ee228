/**
 * User and group names come from the container's own /etc/passwd and /etc/group, as libc's
 * getpwuid/getgrgid read them; nothing is assumed when a file or entry is missing.
 *
 * @module
 */
import type { FileSystem } from "../../types.ts";

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

async function readLines(fs: FileSystem, path: string): Promise<string[][]> {
  try {
    const text = new TextDecoder().decode(await fs.readFile(path));
    return text.split("\n").filter((line) => line && !line.startsWith("#")).map((line) =>
      line.split(":")
    );
  } catch {
    return [];
  }
}

/** Every entry of /etc/passwd (empty when the file is missing). */
export async function readPasswd(fs: FileSystem): Promise<PasswdEntry[]> {
  return (await readLines(fs, "/etc/passwd")).map((f) => ({
    name: f[0],
    uid: Number(f[2]),
    gid: Number(f[3]),
    home: f[5] ?? "/",
    shell: f[6] ?? "/bin/sh",
  }));
}

/** Every entry of /etc/group (empty when the file is missing). */
export async function readGroups(fs: FileSystem): Promise<GroupEntry[]> {
  return (await readLines(fs, "/etc/group")).map((f) => ({
    name: f[0],
    gid: Number(f[2]),
    members: (f[3] ?? "").split(",").filter((m) => m !== ""),
  }));
}

/** Looks names up with one read of each file per applet run. */
export class NameDirectory {
  #users?: Promise<PasswdEntry[]>;
  #groups?: Promise<GroupEntry[]>;
  constructor(readonly fs: FileSystem) {}

  users(): Promise<PasswdEntry[]> {
    return this.#users ??= readPasswd(this.fs);
  }

  groups(): Promise<GroupEntry[]> {
    return this.#groups ??= readGroups(this.fs);
  }

  async userName(uid: number): Promise<string | undefined> {
    return (await this.users()).find((u) => u.uid === uid)?.name;
  }

  async groupName(gid: number): Promise<string | undefined> {
    return (await this.groups()).find((g) => g.gid === gid)?.name;
  }

  async uidOf(name: string): Promise<number | undefined> {
    if (/^\d+$/.test(name)) return Number(name);
    return (await this.users()).find((u) => u.name === name)?.uid;
  }

  async gidOf(name: string): Promise<number | undefined> {
    if (/^\d+$/.test(name)) return Number(name);
    return (await this.groups()).find((g) => g.name === name)?.gid;
  }
}
