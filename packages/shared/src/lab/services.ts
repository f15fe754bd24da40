import type { Service } from './types';

/** "tcp/22" -> { proto: 'tcp', port: 22 }; the schema has already checked the shape. */
export function parseService(text: string): Service {
  const [proto, port] = text.split('/');
  return { proto: proto === 'udp' ? 'udp' : 'tcp', port: Number(port) };
}

export function formatService(service: Service): string {
  return `${service.proto}/${service.port}`;
}
