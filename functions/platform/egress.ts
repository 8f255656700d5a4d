import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { env } from './env.ts';

export { maskedUrl } from './masked-url.ts';

/**
 * Calls to URLs a tenant typed (webhooks, alert robots): https only, and only to a public unicast
 * address. ipaddr.js classifies every special range (private, loopback, link-local and the cloud
 * metadata service, CGNAT, unique-local, multicast, 6to4, Teredo, NAT64, documentation, ...);
 * anything but `unicast` is refused, and IPv4 inside IPv6 (mapped `::ffff:a.b.c.d` or the old
 * compatible `::a.b.c.d`) is judged as the IPv4 address it carries. The check runs when the
 * connection is made, on the address actually dialled, so a name that resolves elsewhere later
 * (DNS rebinding) is caught. The local cloud's development setting allows plain http to loopback.
 */
export class EgressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EgressRefused';
  }
}

export interface EgressPolicy {
  allowLoopbackHttp: boolean;
}
export const defaultPolicy = (): EgressPolicy => ({ allowLoopbackHttp: env.allowLoopbackHttp });

/** The IPv4 address an IPv6 one carries (mapped ::ffff:0:0/96 or the deprecated compatible ::/96), else the address itself. */
function embeddedIpv4(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address.kind() !== 'ipv6') return address;
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  const parts = v6.parts;
  if (parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || parts[7]! > 1))
    return ipaddr.IPv4.parse(`${parts[6]! >> 8}.${parts[6]! & 255}.${parts[7]! >> 8}.${parts[7]! & 255}`);
  return v6;
}

export function addressAllowed(ip: string, policy: EgressPolicy): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const address = embeddedIpv4(ipaddr.parse(ip));
  if (policy.allowLoopbackHttp && address.range() === 'loopback') return true;
  return address.range() === 'unicast';
}

/** The URL's shape: https, or http to a loopback name or address in the development setting. */
export function checkUrl(raw: string, policy: EgressPolicy = defaultPolicy()): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EgressRefused('not a valid URL');
  }
  if (url.username || url.password) throw new EgressRefused('URLs with credentials are not allowed');
  if (url.protocol === 'https:') return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isLoopbackHost =
    host === 'localhost' || (ipaddr.isValid(host) && embeddedIpv4(ipaddr.parse(host)).range() === 'loopback');
  if (url.protocol === 'http:' && policy.allowLoopbackHttp && isLoopbackHost) return url;
  throw new EgressRefused('only https URLs are allowed');
}

/**
 * Resolves and checks every address now, to refuse a URL when it is saved; delivery checks again.
 * A name that does not resolve yet is accepted here (DNS may not be set up); delivery will tell.
 */
export async function checkDestination(raw: string, policy: EgressPolicy = defaultPolicy()): Promise<URL> {
  const url = checkUrl(raw, policy);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve) => {
        dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found.map((a) => a.address)));
      });
  for (const a of addresses)
    if (!addressAllowed(a, policy)) throw new EgressRefused(`${host} resolves to a private or reserved address (${a})`);
  return url;
}

export interface EgressResponse {
  status: number;
  body: string;
  durationMs: number;
}

/** POSTs with the checks above applied at connect time, a timeout, no redirects followed, the answer's start kept. */
export async function post(
  raw: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; policy?: EgressPolicy },
): Promise<EgressResponse> {
  const policy = options.policy ?? defaultPolicy();
  const url = checkUrl(raw, policy);
  const started = performance.now();
  const guardedLookup = (
    hostname: string,
    opts: object,
    callback: (e: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...opts, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((a) => !addressAllowed(a.address, policy));
      if (refused)
        return callback(
          new EgressRefused(`${hostname} resolves to a private or reserved address (${refused.address})`),
          '',
        );
      return (opts as { all?: boolean }).all
        ? callback(null, addresses)
        : callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !addressAllowed(host, policy))
    return Promise.reject(new EgressRefused(`${host} is a private or reserved address`));
  // Plain http is only the local cloud's loopback setting: node:http loads then, as loading it costs a cold start ~20%.
  const request = url.protocol === 'https:' ? httpsRequest : (await import('node:http')).request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-length': Buffer.byteLength(body).toString(),
          'user-agent': 'Dingo-Webhooks/1.0',
        },
        lookup: guardedLookup as never,
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 4096) {
            chunks.push(c);
            size += c.length;
          }
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, 1000),
            durationMs: Math.round(performance.now() - started),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    // A whole-request deadline too: an endpoint trickling its answer a byte at a time never goes idle.
    const deadline = setTimeout(() => {
      const error = new Error(`no complete answer within ${options.timeoutMs} ms`);
      reject(error);
      req.destroy(error);
    }, options.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', reject);
    req.end(body);
  });
}
