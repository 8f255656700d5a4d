/**
 * A URL as it may be shown: robot URLs carry their credential in the query (DingTalk
 * `access_token`, WeCom `key`) or the path (Feishu `/hook/<token>`), so every query value and every
 * long token-like path segment is starred but for its last four characters. Apart from egress.ts (which
 * re-exports it): the data export only shows URLs, and need not load the address checks and ipaddr.js.
 */
export function maskedUrl(raw: string): string {
  const star = (v: string) => (v.length <= 4 ? '****' : `${'*'.repeat(8)}${v.slice(-4)}`);
  const [base = '', query] = raw.split('?', 2) as [string, string | undefined];
  const [origin, ...path] = base.replace(/^(\w+:\/\/[^/]+)/, '$1\u0000').split('\u0000');
  const maskedPath = path
    .join('')
    .split('/')
    .map((seg) => (/^[\w-]{16,}$/.test(seg) ? star(seg) : seg))
    .join('/');
  const maskedQuery = query
    ?.split('&')
    .map((pair) => {
      const [k, v] = pair.split('=', 2) as [string, string | undefined];
      return v === undefined || v === '' ? pair : `${k}=${star(v)}`;
    })
    .join('&');
  return `${origin}${maskedPath}${maskedQuery === undefined ? '' : `?${maskedQuery}`}`;
}
