import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { censorSecrets } from '../src/http/log-censor.ts';

describe('log lines never carry a secret-named field (http/log-censor.ts)', () => {
  test('secret names are censored at the top, one and two levels down; deeper is not walked', () => {
    const logged = {
      access_token: 'at',
      nested: { refresh_token: 'rt', inner: { otp: '12345678', deeper: { password: 'kept: level 3' } } },
      keep: 'visible',
    };
    assert.deepEqual(censorSecrets(logged), {
      access_token: '[redacted]',
      nested: {
        refresh_token: '[redacted]',
        inner: { otp: '[redacted]', deeper: { password: 'kept: level 3' } },
      },
      keep: 'visible',
    });
    assert.equal(logged.access_token, 'at', 'the logged object itself is left as it was');
  });

  test('an authorization code at the top or in body, query or params; never err.code', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', secret: 's' });
    const out = censorSecrets({ code: 'c1', body: { code: 'c2' }, query: { code: 'c3' }, err: error });
    assert.deepEqual(
      [out.code, (out.body as { code: string }).code, (out.query as { code: string }).code],
      ['[redacted]', '[redacted]', '[redacted]'],
    );
    const err = out.err as Error & { code: string; secret: string };
    assert.ok(err instanceof Error);
    assert.deepEqual(
      [err.message, err.code, err.secret],
      ['connect ECONNREFUSED', 'ECONNREFUSED', '[redacted]'],
    );
    assert.equal(err.stack, error.stack);
  });

  test('an object without secrets is returned as it is; arrays are walked; class instances are left to the serializers', () => {
    const clean = { req: { method: 'POST' }, responseTime: 3 };
    assert.equal(censorSecrets(clean), clean);
    class Request {
      readonly authorization = 'Bearer x';
    }
    const request = new Request();
    assert.equal(censorSecrets({ req: request }).req, request);
    assert.deepEqual(censorSecrets({ list: [{ password: 'p' }] }), { list: [{ password: '[redacted]' }] });
  });
});
