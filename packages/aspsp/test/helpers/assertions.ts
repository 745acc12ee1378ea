import assert from 'node:assert/strict';
import { isErrorModel } from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';

/** Bad input's contract: `X-Request-ID` always, and a 200 or a 4xx ErrorModel with a short message — never a 5xx. */
export function assertClearAnswer(response: LightMyRequestResponse, input: unknown): void {
  assert.ok(response.headers['x-request-id'], 'X-Request-ID on every answer');
  if (response.statusCode === 200) return;
  assert.ok(
    response.statusCode >= 400 && response.statusCode < 500,
    `${response.statusCode} for ${JSON.stringify(input)}: ${response.body}`,
  );
  const body = response.json();
  assert.ok(isErrorModel(body), response.body);
  assert.ok(body.message.length > 0 && body.message.length <= 140);
}
