import { existsSync } from 'node:fs';

/**
 * The Chromium the browser tests drive with playwright-core: CHROMIUM_PATH when set, Debian's
 * where it is installed, else the one `npm install` brought (@sparticuz/chromium, unpacked to /tmp
 * on first use), so `npm test` runs on a machine that never installed a browser.
 */
export async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const { default: bundled } = await import('@sparticuz/chromium');
  return bundled.executablePath();
}
