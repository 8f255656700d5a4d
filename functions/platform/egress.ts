import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { env } from './env.ts';

/**
 * Calls to URLs a tenant typed (webhooks, alert robots): https only, and never to an address
 * inside a network — private, loopback, link-local (incl. the cloud metadata service), CGNAT,
 * unique-local, multicast or unspecified. The check runs when the connection is made, on the
 * address actually dialled, so a name that resolves elsewhere later (DNS rebinding) is caught.
 * The local cloud's development setting allows plain http to loopback, and only that.
 */
const blocked = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, prefix, 'ipv6');
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export class EgressRefused extends Error {
  constructor(message: string) { super(message); this.name = 'EgressRefused'; }
}

export interface EgressPolicy { allowLoopbackHttp: boolean }
export const defaultPolicy = (): EgressPolicy => ({ allowLoopbackHttp: env.allowLoopbackHttp });

function family(ip: string) { return isIP(ip) === 6 ? 'ipv6' : 'ipv4'; }
/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it maps. */
const unmapped = (ip: string) => (/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip);

export function addressAllowed(ip: string, policy: EgressPolicy): boolean {
  const address = unmapped(ip);
  const kind = family(address);
  if (policy.allowLoopbackHttp && loopback.check(address, kind)) return true;
  return !blocked.check(address, kind);
}

/** The URL's shape: https, or http to a loopback name or address in the development setting. */
export function checkUrl(raw: string, policy: EgressPolicy = defaultPolicy()): URL {
  let url: URL;
  try { url = new URL(raw); } catch { throw new EgressRefused('not a valid URL'); }
  if (url.username || url.password) throw new EgressRefused('URLs with credentials are not allowed');
  if (url.protocol === 'https:') return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isLoopbackHost = host === 'localhost' || (isIP(host) !== 0 && loopback.check(unmapped(host), family(unmapped(host))));
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
  const addresses = isIP(host) ? [host] : await new Promise<string[]>((resolve) => {
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found.map((a) => a.address)));
  });
  for (const a of addresses) if (!addressAllowed(a, policy)) throw new EgressRefused(`${host} resolves to a private or reserved address (${a})`);
  return url;
}

export interface EgressResponse { status: number; body: string; durationMs: number }

/** POSTs with the checks above applied at connect time, a timeout, no redirects followed, the answer's start kept. */
export async function post(raw: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; policy?: EgressPolicy }): Promise<EgressResponse> {
  const policy = options.policy ?? defaultPolicy();
  const url = checkUrl(raw, policy);
  const started = performance.now();
  const guardedLookup = (hostname: string, opts: object, callback: (e: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...opts, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((a) => !addressAllowed(a.address, policy));
      if (refused) return callback(new EgressRefused(`${hostname} resolves to a private or reserved address (${refused.address})`), '');
      return (opts as { all?: boolean }).all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !addressAllowed(host, policy)) return Promise.reject(new EgressRefused(`${host} is a private or reserved address`));
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'Dingo-Webhooks/1.0' },
      lookup: guardedLookup as never, timeout: options.timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => { if (size < 4096) { chunks.push(c); size += c.length; } });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 1000), durationMs: Math.round(performance.now() - started) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
