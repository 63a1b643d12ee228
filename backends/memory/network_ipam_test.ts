import assert from "node:assert/strict";
import {
  AddressPool,
  formatIPv4,
  nextFreePool,
  overlaps,
  parseCidr,
  parseIPv4,
} from "./network_ipam.ts";

Deno.test("parseCidr takes a network address and refuses bad text and host bits", () => {
  assert.deepEqual(parseCidr("10.5.0.0/24"), { base: parseIPv4("10.5.0.0"), prefix: 24 });
  assert.throws(() => parseCidr("bogus"), /invalid CIDR address: bogus/);
  assert.throws(() => parseCidr("10.0.0.0/33"), /invalid CIDR/);
  assert.throws(() => parseCidr("10.0.0.256/24"), /invalid CIDR/);
  assert.throws(() => parseCidr("10.5.0.1/24"), /host bits set \(did you mean 10\.5\.0\.0\/24\?\)/);
});

Deno.test("overlaps and the default pools skip subnets in use", () => {
  assert.ok(overlaps(parseCidr("10.0.0.0/8"), parseCidr("10.5.0.0/24")));
  assert.ok(!overlaps(parseCidr("10.5.0.0/24"), parseCidr("10.5.1.0/24")));
  const bridge = parseCidr("172.17.0.0/16");
  assert.equal(formatIPv4(nextFreePool([bridge]).base), "172.18.0.0");
  assert.equal(formatIPv4(nextFreePool([bridge, parseCidr("172.18.5.0/24")]).base), "172.19.0.0");
});

Deno.test("an address pool hands out the lowest free address, skipping the gateway", () => {
  const subnet = parseCidr("10.1.0.0/29");
  const pool = new AddressPool(subnet, subnet.base + 1);
  assert.equal(formatIPv4(pool.allocate()), "10.1.0.2");
  assert.equal(formatIPv4(pool.allocate(parseIPv4("10.1.0.5"))), "10.1.0.5");
  assert.throws(() => pool.allocate(parseIPv4("10.1.0.5")), /Address already in use: 10\.1\.0\.5/);
  assert.throws(() => pool.allocate(parseIPv4("10.1.0.1")), /already in use/);
  assert.throws(() => pool.allocate(parseIPv4("10.2.0.1")), /no configured subnet/);
  const rest = [pool.allocate(), pool.allocate(), pool.allocate()].map(formatIPv4);
  assert.deepEqual(rest, ["10.1.0.3", "10.1.0.4", "10.1.0.6"]);
  assert.throws(() => pool.allocate(), /no available IPv4 addresses/);
  pool.release(parseIPv4("10.1.0.3")!);
  assert.equal(formatIPv4(pool.allocate()), "10.1.0.3");
});

Deno.test("a gateway outside the subnet is refused", () => {
  assert.throws(
    () => new AddressPool(parseCidr("10.1.0.0/24"), parseIPv4("10.2.0.1")!),
    /invalid gateway 10\.2\.0\.1/,
  );
});
