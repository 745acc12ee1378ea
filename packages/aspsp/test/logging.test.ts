import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { loggerOptions } from '../src/http/logger.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { ENGINES } from './helpers/stores.ts';
import { proxyCertificateHeader, signedHeaders } from './helpers/tpp-request.ts';

describe('logs never carry tokens, codes, signatures, certificates or keys', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  let bank: InjectApp;
  before(async () => {
    bank = await injectApp(ENGINES[0] ?? 'PGlite', {
      logger: loggerOptions('debug', sink),
      extend: (app) => {
        app.mtls.post('/stet/psd2/v1/test-log', app.trust.stetRoute({ role: 'PSP_IC' }), async (request) => {
          request.log.info(
            { access_token: 'at-SECRET-1', nested: { refresh_token: 'rt-SECRET-2', otp: '12345678' } },
            'handler',
          );
          throw new Error('boom with internal detail');
        });
      },
    });
    await bank.onboard(bank.pki.acme);
  });
  after(() => bank.close());

  test('request logs hold method and path only; secret-named fields are redacted; 500s hide their cause', async () => {
    const url = '/stet/psd2/v1/test-log?code=CODE-SECRET-3&access_token=at-SECRET-4';
    const body = '{"password":"pw-SECRET-5"}';
    const headers = await signedHeaders(bank.pki.acme, {
      method: 'POST',
      url,
      body,
      headers: { authorization: 'Bearer at-SECRET-6' },
    });
    const response = await bank.app.mtls.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { ...headers, ...proxyCertificateHeader(bank.pki.acme.qwac.certificatePem) },
    });
    assert.equal(response.statusCode, 500);
    assert.equal(response.json().error, 'INTE');
    assert.doesNotMatch(response.body, /boom/);
    const log = lines.join('');
    // One line per request, once answered (ADR 0003): its path, status and time, never a second line.
    const entries = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) => JSON.parse(line) as { msg?: string; req?: { url?: string }; res?: { statusCode?: number } },
      );
    const requestLines = entries.filter((entry) => entry.req?.url === '/stet/psd2/v1/test-log');
    assert.deepEqual(
      requestLines.map((entry) => [entry.msg, entry.req?.url, entry.res?.statusCode]),
      [['request completed', '/stet/psd2/v1/test-log', 500]],
    );
    assert.ok(!log.includes('incoming request'));
    assert.match(log, /boom with internal detail/, 'the cause is in the log, for the bank');
    for (const secret of [
      'SECRET-1',
      'SECRET-2',
      '12345678',
      'SECRET-3',
      'SECRET-4',
      'SECRET-5',
      'SECRET-6',
      headers.signature ?? '',
      'BEGIN CERTIFICATE',
    ]) {
      assert.ok(!log.includes(secret), `log leaks ${secret.slice(0, 20)}`);
    }
  });
});
