import { createHmac } from 'node:crypto';
import { EgressRefused, post } from '#functions/platform/egress.ts';
import { sendMail } from '#functions/platform/mail.ts';
import type { StoredChannel } from './store.ts';

export interface Message {
  title: string;
  text: string;
  /** Mobile numbers the robot @mentions (DingTalk `atMobiles`, WeCom `mentioned_mobile_list`). */
  mentionMobiles?: string[];
  alert?: Record<string, unknown>;
}
export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  attempts: number;
}

const TIMEOUT_MS = 5_000;
/** Waits between attempts; a channel that still fails is recorded as failed, never blocking the consumer. */
export const RETRY_DELAYS_MS = [0, 500, 2_000];

/** DingTalk 加签: sign = base64(HMAC-SHA256(secret, "timestamp\nsecret")), timestamp in ms, both on the URL. */
export function dingtalkSignedUrl(raw: string, secret: string, timestamp = Date.now()): string {
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const url = new URL(raw);
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', sign);
  return url.toString();
}

/** Feishu 签名校验: sign = base64(HMAC-SHA256 keyed with "timestamp\nsecret" over nothing), timestamp in seconds, in the body. */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The request each channel kind documents. */
export function requestFor(
  channel: StoredChannel,
  message: Message,
): { url: string; headers: Record<string, string>; body: string } {
  const mentions = message.mentionMobiles ?? [];
  const content = `${message.title}\n${message.text}${mentions.length ? `\n${mentions.map((m) => `@${m}`).join(' ')}` : ''}`;
  const json = (url: string, body: unknown, headers: Record<string, string> = {}) => ({
    url,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  });
  switch (channel.kind) {
    case 'dingtalk':
      return json(channel.secret ? dingtalkSignedUrl(channel.url, channel.secret) : channel.url, {
        msgtype: 'text',
        text: { content },
        ...(mentions.length ? { at: { atMobiles: mentions, isAtAll: false } } : {}),
      });
    case 'wecom':
      return json(channel.url, {
        msgtype: 'text',
        text: { content, ...(mentions.length ? { mentioned_mobile_list: mentions } : {}) },
      });
    case 'feishu': {
      const timestamp = Math.floor(Date.now() / 1000);
      const signed = channel.secret
        ? { timestamp: String(timestamp), sign: feishuSignature(channel.secret, timestamp) }
        : {};
      return json(channel.url, { ...signed, msg_type: 'text', content: { text: content } });
    }
    case 'webhook': {
      const body = JSON.stringify({
        type: 'alert',
        title: message.title,
        text: message.text,
        alert: message.alert ?? null,
        sentAt: new Date().toISOString(),
      });
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (channel.secret)
        headers['x-dingo-signature'] = `sha256=${createHmac('sha256', channel.secret).update(body).digest('hex')}`;
      return { url: channel.url, headers, body };
    }
    default:
      throw new Error(`no http request for ${channel.kind}`);
  }
}

/** Robots answer 200 with an error code in the body (DingTalk/WeCom `errcode`, Feishu `code`): that is a failure too. */
function robotError(kind: StoredChannel['kind'], text: string): string | null {
  if (kind === 'webhook') return null;
  try {
    const body = JSON.parse(text) as {
      errcode?: number;
      code?: number;
      StatusCode?: number;
      errmsg?: string;
      msg?: string;
    };
    const code = body.errcode ?? body.code ?? body.StatusCode ?? 0;
    return code === 0 ? null : `${code}: ${body.errmsg ?? body.msg ?? 'error'}`;
  } catch {
    return null;
  }
}

async function sendOnce(
  channel: StoredChannel,
  message: Message,
): Promise<{ status: number | null; error: string | null }> {
  if (channel.kind === 'email') {
    await sendMail(channel.to, message.title, message.text);
    return { status: null, error: null };
  }
  const request = requestFor(channel, message);
  const response = await post(request.url, request.headers, request.body, { timeoutMs: TIMEOUT_MS });
  if (response.status < 200 || response.status >= 300)
    return {
      status: response.status,
      error: `HTTP ${response.status}${response.body ? `: ${response.body.slice(0, 200)}` : ''}`,
    };
  return { status: response.status, error: robotError(channel.kind, response.body) };
}

/** Sends with retries; answers how it went instead of throwing. */
export async function send(channel: StoredChannel, message: Message, delays = RETRY_DELAYS_MS): Promise<SendResult> {
  let last: { status: number | null; error: string | null } = { status: null, error: 'not sent' };
  let attempts = 0;
  for (let i = 0; i < delays.length; i += 1) {
    attempts = i + 1;
    if (delays[i]) await new Promise((r) => setTimeout(r, delays[i]));
    try {
      last = await sendOnce(channel, message);
    } catch (error) {
      last = { status: null, error: (error as Error).message };
      if (error instanceof EgressRefused) break; // will not get better
    }
    if (!last.error) return { ok: true, status: last.status, error: null, attempts };
  }
  return { ok: false, status: last.status, error: last.error, attempts };
}
