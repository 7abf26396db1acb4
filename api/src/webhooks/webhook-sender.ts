import { guardedPost, outboundFailure } from '../platform/net/guarded-post';
import type { OutboundGuard } from '../platform/net/outbound-guard';
import { signatureHeader } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  eventKind: string;
  payload: unknown;
  replay: boolean;
}

export interface WebhookResponse {
  statusCode: number | null;
  /** A short excerpt of the answer (`RESPONSE_EXCERPT_CHARS`), never the whole body. */
  responseBody: string | null;
  error: string | null;
  durationMs: number;
  ok: boolean;
}

/**
 * One signed POST through the outbound guard. The body is serialized once and signed as sent;
 * `X-Complaints-Delivery` stays the same across retries and replays so receivers can drop a copy they
 * already processed.
 */
export async function sendWebhook(guard: OutboundGuard, req: WebhookRequest, timeoutMs = 10_000): Promise<WebhookResponse> {
  const body = JSON.stringify(req.payload);
  const started = Date.now();
  try {
    const res = await guardedPost(guard, {
      url: req.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'complaints-webhooks/1',
        'x-complaints-event': req.eventKind,
        'x-complaints-delivery': req.deliveryId,
        'x-complaints-signature': signatureHeader(req.secret, body),
        ...(req.replay ? { 'x-complaints-replay': 'true' } : {}),
      },
      body,
      timeoutMs,
    });
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, responseBody: res.excerpt, error: ok ? null : `HTTP ${res.status}`, durationMs: Date.now() - started, ok };
  } catch (error) {
    return { statusCode: null, responseBody: null, error: outboundFailure(error), durationMs: Date.now() - started, ok: false };
  }
}
