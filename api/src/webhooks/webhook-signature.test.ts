import { signatureHeader, verifyWebhookSignature, webhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"type":"complaint.created"}';

  it('signs timestamp and body with HMAC-SHA256', () => {
    // echo -n '1700000000.{"type":"complaint.created"}' | openssl dgst -sha256 -hmac whsec_test
    expect(webhookSignature(secret, 1_700_000_000, body)).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureHeader(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${webhookSignature(secret, 1_700_000_000, body)}`);
  });

  it('verifies a fresh signature and rejects a changed body, another secret or an old timestamp', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifyWebhookSignature(secret, header, body, { now: 1_700_000_010 })).toBe(true);
    expect(verifyWebhookSignature(secret, header, `${body} `, { now: 1_700_000_010 })).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, { now: 1_700_000_010 })).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, { now: 1_700_001_000 })).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, body)).toBe(false);
  });
});
