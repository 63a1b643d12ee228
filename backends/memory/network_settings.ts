/**
 * A container's networking as Docker shows it: `NetworkSettings` in inspect (one
 * EndpointSettings per network, the default bridge's address also at the top level) and in list
 * entries, and the /etc/hosts it gets (its own address, legacy links, ExtraHosts).
 *
 * @module
 */
import type { Container } from "./container.ts";
import { formatIPv4 } from "./network_ipam.ts";
import { publishedPorts } from "./network_ports.ts";
import { type Endpoint, type NetworkRecord, networksOf } from "./network_store.ts";
import type { MemoryBackendState } from "./state.ts";

/** One EndpointSettings; addresses only while the container runs, as in Docker. */
function endpointSettings(n: NetworkRecord, e: Endpoint, c: Container) {
  const live = c.running && e.address !== 0;
  return {
    IPAMConfig: e.staticAddress ? { IPv4Address: e.staticAddress } : null,
    Links: e.links.length ? e.links : null,
    Aliases: e.aliases.length ? e.aliases : null,
    MacAddress: live ? e.mac : "",
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: n.id,
    EndpointID: c.running ? e.endpointId : "",
    Gateway: live && n.pool ? formatIPv4(n.pool.gateway) : "",
    IPAddress: live ? formatIPv4(e.address) : "",
    IPPrefixLen: live && n.pool ? n.pool.subnet.prefix : 0,
    IPv6Gateway: "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    DNSNames: n.predefined ? null : dnsNames(c, e),
  };
}

/** The names a container answers to on a user-defined network: name, short id, aliases. */
export function dnsNames(c: { name: string; id: string }, e: Endpoint): string[] {
  return [...new Set([c.name, c.id.slice(0, 12), ...e.aliases])];
}

export function networkSettings(state: MemoryBackendState, c: Container): Record<string, unknown> {
  const networks: Record<string, ReturnType<typeof endpointSettings>> = {};
  for (const n of networksOf(state).of(c.id)) {
    networks[n.name] = endpointSettings(n, n.endpoints.get(c.id)!, c);
  }
  const bridge = networks.bridge;
  return {
    Bridge: "",
    SandboxID: "",
    SandboxKey: "",
    Ports: portMap(c),
    HairpinMode: false,
    LinkLocalIPv6Address: "",
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: bridge?.EndpointID ?? "",
    Gateway: bridge?.Gateway ?? "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.IPAddress ?? "",
    IPPrefixLen: bridge?.IPPrefixLen ?? 0,
    IPv6Gateway: "",
    MacAddress: bridge?.MacAddress ?? "",
    Networks: networks,
  };
}

/** `NetworkSettings.Ports`: each exposed or bound port, with its host bindings while running. */
function portMap(c: Container): Record<string, { HostIp: string; HostPort: string }[] | null> {
  const ports: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  for (
    const key of Object.keys({
      ...(c.config.ExposedPorts ?? {}),
      ...(c.hostConfig.PortBindings ?? {}),
    })
  ) {
    ports[key.includes("/") ? key : `${key}/tcp`] = null;
  }
  for (const p of publishedPorts(c)) {
    const key = `${p.containerPort}/tcp`;
    (ports[key] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
  }
  return ports;
}

/** `NetworkSettings` and `Ports` of a list entry. */
export function networkSummary(
  state: MemoryBackendState,
  c: Container,
): { Networks: Record<string, unknown>; Ports: unknown[] } {
  const all = networkSettings(state, c).Networks as Record<string, unknown>;
  const ports: unknown[] = [];
  for (const [key, bindings] of Object.entries(portMap(c))) {
    const [port, type] = key.split("/");
    if (!bindings) ports.push({ PrivatePort: Number(port), Type: type });
    for (const b of bindings ?? []) {
      ports.push({
        IP: b.HostIp,
        PrivatePort: Number(port),
        PublicPort: Number(b.HostPort),
        Type: type,
      });
    }
  }
  return { Networks: all, Ports: ports };
}

/**
 * /etc/hosts for a container: loopback names, then its own address with its hostname (on
 * loopback when it has no address), legacy links, then `--add-host` entries.
 */
export function hostsFor(
  state: MemoryBackendState,
  c: { id: string; hostname: string; extraHosts: string[]; links: string[] },
): string {
  const lines = [
    "127.0.0.1\tlocalhost",
    "::1\tlocalhost ip6-localhost ip6-loopback",
    "fe00::\tip6-localnet",
    "ff00::\tip6-mcastprefix",
    "ff02::1\tip6-allnodes",
    "ff02::2\tip6-allrouters",
  ];
  for (const entry of c.extraHosts) {
    const cut = entry.indexOf(":");
    const host = entry.slice(0, cut);
    let address = entry.slice(cut + 1);
    // host-gateway is the default bridge's gateway, the daemon side of the virtual network.
    if (address === "host-gateway") {
      address = formatIPv4(networksOf(state).get("bridge").pool!.gateway);
    }
    lines.push(`${address}\t${host}`);
  }
  for (const link of c.links) {
    const [target, alias] = link.replace(/^\//, "").split(":");
    const other = state.containers.get(target);
    const endpoint = networksOf(state).of(other.id).map((n) => n.endpoints.get(other.id)!)
      .find((e) => e.address);
    if (!endpoint) continue;
    const names = [
      ...new Set([alias?.split("/").pop() ?? other.name, other.id.slice(0, 12), other.name]),
    ];
    lines.push(`${formatIPv4(endpoint.address)}\t${names.join(" ")}`);
  }
  const own = networksOf(state).of(c.id).map((n) => n.endpoints.get(c.id)!).find((e) => e.address);
  lines.push(`${own ? formatIPv4(own.address) : "127.0.0.1"}\t${c.hostname}`);
  return lines.join("\n") + "\n";
}

/**
 * /etc/resolv.conf for a container with an address: the backend is its DNS server (Docker's
 * embedded 127.0.0.11), answering for containers on shared user-defined networks only.
 */
export function resolvConfFor(state: MemoryBackendState, containerId: string): string | undefined {
  const attached = networksOf(state).of(containerId).some((n) =>
    n.endpoints.get(containerId)!.address
  );
  if (!attached) return undefined;
  return [
    "# Generated by Sockerless: the memory backend answers DNS for containers on the same",
    "# user-defined networks; names outside the virtual network do not resolve.",
    "",
    "nameserver 127.0.0.11",
    "options ndots:0",
    "",
  ].join("\n");
}

/** `port[-end][/proto]` as the `publish` and `expose` filters take it. */
function portRange(text: string): { from: number; to: number; proto: string } {
  const [ports, proto = "tcp"] = text.split("/");
  const [from, to = from] = ports.split("-").map(Number);
  return { from, to, proto };
}

/**
 * `docker ps --filter network=… --filter publish=… --filter expose=…`: networks by name or id
 * prefix, published host ports, exposed container ports (ranges and protocols as moby takes).
 */
export function networkFiltersMatch(
  state: MemoryBackendState,
  c: Container,
  filters: Record<string, string[]>,
): boolean {
  const networks = networksOf(state).of(c.id);
  if (
    filters.network?.length &&
    !filters.network.some((v) => networks.some((n) => n.name === v || n.id.startsWith(v)))
  ) {
    return false;
  }
  const inRange = (wanted: string[], port: number, proto: string) =>
    wanted.some((v) => {
      const r = portRange(v);
      return r.proto === proto && port >= r.from && port <= r.to;
    });
  if (
    filters.publish?.length &&
    !publishedPorts(c).some((p) => inRange(filters.publish, p.hostPort, "tcp"))
  ) {
    return false;
  }
  if (filters.expose?.length) {
    const exposed = Object.keys(portMap(c)).map((key) => key.split("/"));
    if (!exposed.some(([port, proto]) => inRange(filters.expose, Number(port), proto))) {
      return false;
    }
  }
  return true;
}
