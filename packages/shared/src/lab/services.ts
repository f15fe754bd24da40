import { parseIpv4 } from '../net/ipv4';
import type { Service } from './types';

const SERVICE = /^(tcp|udp)\/(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(\d{1,5})$/;

/** "tcp/22" or "tcp/127.0.0.1:8080", with a port 1–65535 and a valid address. */
export function isServiceText(text: string): boolean {
  const match = SERVICE.exec(text);
  if (!match) return false;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return false;
  return match[2] === undefined || parseIpv4(match[2]) !== null;
}

/**
 * "tcp/22" -> { proto: 'tcp', port: 22, address: null } (every address of the machine);
 * "tcp/127.0.0.1:8080" -> bound to 127.0.0.1 only. The schema has already checked the shape.
 */
export function parseService(text: string): Service {
  const match = SERVICE.exec(text);
  return {
    proto: match?.[1] === 'udp' ? 'udp' : 'tcp',
    port: Number(match?.[3] ?? 0),
    address: match?.[2] ?? null,
  };
}

export function formatService(service: Service): string {
  return service.address === null
    ? `${service.proto}/${service.port}`
    : `${service.proto}/${service.address}:${service.port}`;
}
