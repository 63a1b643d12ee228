/**
 * IPv4 address management for the memory backend's networks: CIDR parsing, overlap checks, the
 * next free /16 in 172.17–31 then 192.168 (Docker's default pools), and per-network allocation
 * of container addresses with the gateway and network/broadcast addresses reserved.
 *
 * @module
 */
import { Conflict, Forbidden, InvalidParameter } from "../core/errors.ts";

/** An IPv4 subnet: its base address as a number and its prefix length. */
export interface Subnet {
  base: number;
  prefix: number;
}

/** Parses a dotted quad; undefined when it is not one. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Parses `a.b.c.d/n` as moby does: the address must be the network's own (no host bits). */
export function parseCidr(text: string): Subnet {
  const [address, bits, extra] = text.split("/");
  const base = parseIPv4(address ?? "");
  const prefix = /^\d{1,2}$/.test(bits ?? "") ? Number(bits) : NaN;
  if (extra !== undefined || base === undefined || !(prefix >= 0 && prefix <= 32)) {
    throw new InvalidParameter(`invalid CIDR address: ${text}`);
  }
  if (base % 2 ** (32 - prefix) !== 0) {
    throw new InvalidParameter(
      `invalid pool request: Pool ${text} has host bits set (did you mean ${
        formatIPv4(base - base % 2 ** (32 - prefix))
      }/${prefix}?)`,
    );
  }
  return { base, prefix };
}

export function formatCidr(s: Subnet): string {
  return `${formatIPv4(s.base)}/${s.prefix}`;
}

function size(s: Subnet): number {
  return 2 ** (32 - s.prefix);
}

export function contains(s: Subnet, address: number): boolean {
  return address >= s.base && address < s.base + size(s);
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** Docker's default local address pools: 172.17.0.0/16 … 172.31.0.0/16, then 192.168.x.0/20. */
function* defaultPools(): Generator<Subnet> {
  for (let second = 17; second <= 31; second++) {
    yield { base: (172 * 256 + second) * 65536, prefix: 16 };
  }
  for (let third = 0; third < 256; third += 16) {
    yield { base: ((192 * 256 + 168) * 256 + third) * 256, prefix: 20 };
  }
}

/** The first default pool overlapping none of the subnets in use. */
export function nextFreePool(inUse: Subnet[]): Subnet {
  for (const pool of defaultPools()) {
    if (!inUse.some((s) => overlaps(s, pool))) return pool;
  }
  throw new Forbidden(
    "could not find an available, non-overlapping IPv4 address pool among the defaults to " +
      "assign to the network",
  );
}

/** The addresses of one network: its subnet, gateway and the container addresses handed out. */
export class AddressPool {
  #taken = new Set<number>();

  constructor(readonly subnet: Subnet, readonly gateway: number, readonly range?: Subnet) {
    if (!contains(subnet, gateway)) {
      throw new InvalidParameter(
        `invalid gateway ${formatIPv4(gateway)}: not in subnet ${formatCidr(subnet)}`,
      );
    }
    if (range && (!contains(subnet, range.base) || range.prefix < subnet.prefix)) {
      throw new InvalidParameter(
        `invalid ip range ${formatCidr(range)}: not in subnet ${formatCidr(subnet)}`,
      );
    }
  }

  /** Takes a specific address (a static `--ip`), or the lowest free one in the range. */
  allocate(wanted?: number): number {
    const s = this.subnet;
    const usable = (a: number) =>
      a !== s.base && a !== s.base + size(s) - 1 && a !== this.gateway && !this.#taken.has(a);
    if (wanted !== undefined) {
      if (!contains(s, wanted)) {
        throw new InvalidParameter(
          `no configured subnet or ip-range contain the IP address ${formatIPv4(wanted)}`,
        );
      }
      if (!usable(wanted)) {
        throw new Conflict(`Address already in use: ${formatIPv4(wanted)}`);
      }
      this.#taken.add(wanted);
      return wanted;
    }
    const r = this.range ?? s;
    for (let a = r.base; a < r.base + size(r); a++) {
      if (usable(a)) {
        this.#taken.add(a);
        return a;
      }
    }
    throw new Conflict(
      `no available IPv4 addresses on this network's address pools: ${formatCidr(s)}`,
    );
  }

  release(address: number): void {
    this.#taken.delete(address);
  }
}
