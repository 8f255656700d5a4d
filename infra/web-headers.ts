import { PRINT_BUTTON_SCRIPT } from '#functions/platform/print.ts';

/**
 * The web app's security headers: one list that CloudFront's response-headers policy sends in AWS
 * and the local gateway sends locally, so the browser tests run the app under the same policy.
 */
export const WEB_CSP = [
  "default-src 'self'",
  // A printable page is shown from a blob: URL and so inherits this policy: its print button's handler is allowed by hash.
  `script-src 'self' ${PRINT_BUTTON_SCRIPT}`,
  // Ant Design writes its CSS-in-JS styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS_SECONDS = 2 * 365 * 24 * 3600;

export const webSecurityHeaders: Record<string, string> = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};
