import { signatureHeader } from './webhook-signature';

const RESPONSE_EXCERPT = 2_000;

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
  responseBody: string | null;
  error: string | null;
  durationMs: number;
  ok: boolean;
}

/**
 * One signed POST. The body is serialized once and signed as sent; `X-Complaints-Delivery` stays the same
 * across retries and replays so receivers can drop a copy they already processed.
 */
export async function sendWebhook(req: WebhookRequest, timeoutMs = 10_000): Promise<WebhookResponse> {
  const body = JSON.stringify(req.payload);
  const started = Date.now();
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'complaints-webhooks/1',
        'x-complaints-event': req.eventKind,
        'x-complaints-delivery': req.deliveryId,
        'x-complaints-signature': signatureHeader(req.secret, body),
        ...(req.replay ? { 'x-complaints-replay': 'true' } : {}),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await res.text()).slice(0, RESPONSE_EXCERPT);
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, responseBody: text, error: ok ? null : `HTTP ${res.status}`, durationMs: Date.now() - started, ok };
  } catch (error) {
    return { statusCode: null, responseBody: null, error: String(error).slice(0, RESPONSE_EXCERPT), durationMs: Date.now() - started, ok: false };
  }
}
