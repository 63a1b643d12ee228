/**
 * Backend calls for networks: create, list, inspect, remove, prune, connect and disconnect, in
 * moby's shapes (`api/types/network`), which docker-compose v1 reads (`Labels`, `Containers`,
 * `IPAM`, `Driver`, `Scope`).
 *
 * @module
 */
import type { Filters } from "./filters.ts";

export interface IpamConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

/** One container on a network, as `GET /networks/{id}` lists it (network.EndpointResource). */
export interface NetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
}

/** A network as `GET /networks/{id}` shows it (network.Inspect). */
export interface NetworkInspect {
  Name: string;
  Id: string;
  Created: string;
  Scope: "local";
  Driver: string;
  EnableIPv4: boolean;
  EnableIPv6: boolean;
  IPAM: { Driver: string; Options: Record<string, string> | null; Config: IpamConfig[] };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, NetworkContainer>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

/** The body of `POST /networks/create` (network.CreateRequest). */
export interface NetworkCreateBody {
  Name?: string;
  CheckDuplicate?: boolean;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network?: string } | null;
  EnableIPv4?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Driver?: string; Config?: IpamConfig[] | null; Options?: Record<string, string> | null };
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** A container's settings on one network, as sent to connect (network.EndpointSettings). */
export interface EndpointConfig {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links?: string[] | null;
  Aliases?: string[] | null;
  MacAddress?: string;
  DriverOpts?: Record<string, string> | null;
}

export interface NetworkCalls {
  "network.create": {
    request: { body: NetworkCreateBody };
    reply: { Id: string; Warning: string };
  };
  "network.list": { request: { filters: Filters }; reply: NetworkInspect[] };
  "network.inspect": { request: { id: string }; reply: NetworkInspect };
  /** 403 for the predefined networks, 409 while containers are connected. */
  "network.remove": { request: { id: string }; reply: void };
  "network.prune": { request: { filters: Filters }; reply: { NetworksDeleted: string[] } };
  "network.connect": {
    request: { id: string; container: string; endpoint: EndpointConfig };
    reply: void;
  };
  "network.disconnect": {
    request: { id: string; container: string; force: boolean };
    reply: void;
  };
}
