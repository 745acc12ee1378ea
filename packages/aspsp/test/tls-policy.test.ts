import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from 'node:tls';
import { testPki } from './helpers/pki.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

interface Handshake {
  readonly cipher?: string;
  readonly protocol?: string;
  readonly refused?: boolean;
}

/** One TLS handshake as a client offering only `ciphers` (TLS 1.2) or any TLS 1.3 suite. */
async function handshake(url: string, offer: { ciphers?: string; tls13?: boolean }): Promise<Handshake> {
  const { ca, acme } = await testPki();
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({
      host: hostname,
      port: Number(port),
      servername: hostname,
      ca: ca.certificatePem,
      cert: acme.qwac.certificatePem,
      key: acme.qwac.privateKeyPem,
      ...(offer.tls13
        ? { minVersion: 'TLSv1.3' as const }
        : { maxVersion: 'TLSv1.2' as const, ciphers: offer.ciphers }),
    });
    socket.once('secureConnect', () => {
      resolve({ cipher: socket.getCipher().name, protocol: socket.getProtocol() ?? 'none' });
      socket.destroy();
    });
    socket.once('error', () => resolve({ refused: true }));
  });
}

describe('TLS on both listeners: FAPI 1.0 Advanced §8.5 cipher suites', () => {
  let bank: TestServer;
  before(async () => {
    bank = await startTestServer('PGlite');
  });
  after(() => bank.close());

  const listeners = () => ({ public: bank.server.publicUrl, mTLS: bank.server.mtlsUrl });

  test('TLS 1.2 without forward secrecy, with CBC or with SHA-1 is refused: only ECDHE/DHE with AES-GCM (review finding 3)', async () => {
    for (const [name, url] of Object.entries(listeners())) {
      for (const weak of [
        'ECDHE-RSA-AES128-SHA', // CBC, SHA-1
        'ECDHE-RSA-AES256-SHA384', // CBC
        'AES128-GCM-SHA256', // static RSA: no forward secrecy
        'AES128-SHA',
      ]) {
        assert.deepEqual(await handshake(url, { ciphers: weak }), { refused: true }, `${name}: ${weak}`);
      }
      for (const allowed of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384']) {
        assert.deepEqual(
          await handshake(url, { ciphers: allowed }),
          { cipher: allowed, protocol: 'TLSv1.2' },
          `${name}: ${allowed}`,
        );
      }
    }
  });

  test('TLS 1.3 is served on both listeners', async () => {
    for (const [name, url] of Object.entries(listeners())) {
      const result = await handshake(url, { tls13: true });
      assert.equal(result.protocol, 'TLSv1.3', name);
      assert.match(result.cipher ?? '', /^TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)$/, name);
    }
  });
});
