import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, test } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../src/http/api-error.ts';
import { clientCertificateHook } from '../src/http/client-certificate.ts';
import { createTrustStore } from '../src/trust/trust-store.ts';
import { testPki } from './helpers/pki.ts';

/** A request as Fastify hands it to the hook, on a fake TLS socket that counts certificate reads. */
function fakeRequest(socket: object, headers: Record<string, string> = {}) {
  return { headers: { ...headers }, raw: { socket }, tpp: undefined } as unknown as FastifyRequest;
}

describe('the TPP identity is read from the QWAC once per TLS connection', async () => {
  const pki = await testPki();
  const trustStore = createTrustStore([
    { pem: pki.ca.certificatePem, x509: new X509Certificate(pki.ca.certificatePem) },
  ]);
  const reply = {} as FastifyReply;

  test('two requests on one connection parse the certificate once; another connection parses again', async () => {
    const hook = clientCertificateHook({
      trustStore,
      header: undefined,
      trustedProxies: [],
      now: () => new Date(),
    });
    let reads = 0;
    const connection = () => ({
      encrypted: true,
      authorized: true,
      remoteAddress: '192.0.2.7',
      getPeerX509Certificate: () => {
        reads++;
        return new X509Certificate(pki.acme.qwac.certificatePem);
      },
    });
    const first = connection();
    for (const request of [fakeRequest(first), fakeRequest(first)]) {
      await hook.call(undefined as never, request, reply);
      assert.equal(request.tpp?.organizationIdentifier, 'PSDFR-ACPR-12345');
      assert.deepEqual(request.tpp?.roles, ['PSP_IC', 'PSP_AI']);
    }
    assert.equal(reads, 1);
    await hook.call(undefined as never, fakeRequest(connection()), reply);
    assert.equal(reads, 2, 'a new connection reads its own certificate');
  });

  test('a connection whose certificate the TLS layer did not authorise has no identity', async () => {
    const hook = clientCertificateHook({
      trustStore,
      header: undefined,
      trustedProxies: [],
      now: () => new Date(),
    });
    const socket = {
      encrypted: true,
      authorized: false,
      getPeerX509Certificate: () => new X509Certificate(pki.acme.qwac.certificatePem),
    };
    await assert.rejects(
      hook.call(undefined as never, fakeRequest(socket), reply),
      (error: ApiError) => error.code === 'CERTIFICATE_REQUIRED',
    );
  });

  test('the proxy header is read from a trusted proxy range and removed from anyone else', async () => {
    const hook = clientCertificateHook({
      now: () => new Date(),
      trustStore,
      header: 'x-ssl-client-cert',
      trustedProxies: ['10.0.0.0/8', '::1'],
    });
    const header = { 'x-ssl-client-cert': encodeURIComponent(pki.acme.qwac.certificatePem) };
    const fromProxy = fakeRequest({ remoteAddress: '::ffff:10.1.2.3' }, header);
    await hook.call(undefined as never, fromProxy, reply);
    assert.equal(fromProxy.tpp?.organizationIdentifier, 'PSDFR-ACPR-12345');

    const rfc9440 = fakeRequest(
      { remoteAddress: '::1' },
      {
        'x-ssl-client-cert': `:${new X509Certificate(pki.acme.qwac.certificatePem).raw.toString('base64')}:`,
      },
    );
    await hook.call(undefined as never, rfc9440, reply);
    assert.equal(rfc9440.tpp?.organizationIdentifier, 'PSDFR-ACPR-12345');

    const spoofed = fakeRequest({ remoteAddress: '203.0.113.9' }, header);
    await assert.rejects(
      hook.call(undefined as never, spoofed, reply),
      (error: ApiError) => error.code === 'CERTIFICATE_REQUIRED',
    );
    assert.equal(spoofed.headers['x-ssl-client-cert'], undefined, 'the spoofed header is stripped');
  });

  test('a garbled proxy header is refused with 403, not a crash', async () => {
    const hook = clientCertificateHook({
      now: () => new Date(),
      trustStore,
      header: 'x-ssl-client-cert',
      trustedProxies: ['127.0.0.1'],
    });
    await assert.rejects(
      hook.call(
        undefined as never,
        fakeRequest({ remoteAddress: '127.0.0.1' }, { 'x-ssl-client-cert': 'not-a-certificate%' }),
        reply,
      ),
      (error: ApiError) => error instanceof ApiError && error.status === 403,
    );
  });

  test('a proxy header holding several certificates is refused, never read as its first (review finding 9)', async () => {
    const hook = clientCertificateHook({
      now: () => new Date(),
      trustStore,
      header: 'x-ssl-client-cert',
      trustedProxies: ['127.0.0.1'],
    });
    // Behind a proxy that appends: the client's own header (a victim's public certificate) first, then
    // the proxy's; Node joins repeated headers with ", ".
    const victim = pki.acme.qwac.certificatePem;
    const client = pki.budget.qwac.certificatePem;
    const der = (pem: string) => new X509Certificate(pem).raw.toString('base64');
    for (const [form, value] of [
      ['URL-encoded PEM', `${encodeURIComponent(victim)}, ${encodeURIComponent(client)}`],
      ['PEM', `${victim}, ${client}`],
      ['RFC 9440', `:${der(victim)}:, :${der(client)}:`],
      ['base64 DER', `${der(victim)}, ${der(client)}`],
      ['PEM then RFC 9440', `${victim}, :${der(client)}:`],
      ['PEM then base64 DER', `${victim}, ${der(client)}`],
      ['URL-encoded PEM then RFC 9440', `${encodeURIComponent(victim)}, :${der(client)}:`],
      ['PEM with a trailer', `${victim}trailer`],
    ] as const) {
      const request = fakeRequest({ remoteAddress: '127.0.0.1' }, { 'x-ssl-client-cert': value });
      await assert.rejects(
        hook.call(undefined as never, request, reply),
        (error: ApiError) =>
          error.code === 'CERTIFICATE_INVALID' &&
          error.message ===
            'The client certificate header holds more than one certificate: the proxy must set it, not append to it',
        form,
      );
      assert.equal(request.tpp, undefined, form);
    }
  });
});
