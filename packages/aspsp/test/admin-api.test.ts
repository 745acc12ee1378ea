import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { ENGINES } from './helpers/stores.ts';
import { startTestServer } from './helpers/test-server.ts';

describe('the admin API lives on its own loopback listener, behind the data directory secret', () => {
  let bank: InjectApp;
  before(async () => {
    bank = await injectApp(ENGINES[0] ?? 'PGlite');
  });
  after(() => bank.close());

  test('absent from the public listener', async () => {
    const response = await bank.app.public.inject({
      method: 'GET',
      url: '/admin/registry',
      headers: { authorization: 'Bearer test-admin-secret' },
    });
    assert.equal(response.statusCode, 404);
  });

  test('the secret is required; with it the register can be read and changed', async () => {
    const admin = bank.app.admin;
    assert.ok(admin);
    assert.equal((await admin.inject({ method: 'GET', url: '/admin/registry' })).statusCode, 403);
    assert.equal(
      (
        await admin.inject({
          method: 'GET',
          url: '/admin/registry',
          headers: { authorization: 'Bearer wrong' },
        })
      ).statusCode,
      403,
    );
    const licence = {
      organizationIdentifier: 'PSDFR-ACPR-55555',
      name: 'New TPP',
      roles: ['PSP_AI'],
      status: 'licensed',
    };
    const saved = await admin.inject({
      method: 'POST',
      url: '/admin/registry',
      headers: { authorization: 'Bearer test-admin-secret' },
      payload: licence,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await bank.app.registry.find('PSDFR-ACPR-55555'))?.status, 'licensed');
    const bad = await admin.inject({
      method: 'POST',
      url: '/admin/registry',
      headers: { authorization: 'Bearer test-admin-secret' },
      payload: { ...licence, roles: ['ADMIN'] },
    });
    assert.deepEqual([bad.statusCode, bad.json().error], [400, 'FF01']);
    const remote = await admin.inject({
      method: 'GET',
      url: '/admin/registry',
      remoteAddress: '192.0.2.9',
      headers: { authorization: 'Bearer test-admin-secret' },
    });
    assert.equal(remote.statusCode, 404, 'not answered to a non-loopback peer');
  });
});

describe('the admin listener is opt-in: on only where the sandbox CA is trusted, unless set (review finding 11)', () => {
  test('OPENSTET_ADMIN_API follows OPENSTET_TRUST_SANDBOX_CA unless given, and takes only true or false', () => {
    assert.equal(loadConfig({}).adminApi, true);
    assert.equal(loadConfig({ OPENSTET_TRUST_SANDBOX_CA: 'false' }).adminApi, false);
    assert.equal(
      loadConfig({ OPENSTET_TRUST_SANDBOX_CA: 'false', OPENSTET_ADMIN_API: 'true' }).adminApi,
      true,
    );
    assert.equal(loadConfig({ OPENSTET_ADMIN_API: 'false' }).adminApi, false);
    assert.throws(
      () => loadConfig({ OPENSTET_ADMIN_API: 'yes' }),
      /OPENSTET_ADMIN_API must be true or false/,
    );
  });

  test('a production-like server (sandbox CA not trusted) starts no admin listener and publishes none', async () => {
    const bank = await startTestServer('PGlite', undefined, { OPENSTET_TRUST_SANDBOX_CA: 'false' });
    try {
      assert.equal(bank.server.app.admin, undefined);
      assert.equal(bank.server.adminUrl, undefined);
      const state = JSON.parse(readFileSync(join(bank.dataDir, 'server.json'), 'utf8'));
      assert.equal(state.adminUrl, undefined);
    } finally {
      await bank.close();
    }
    const sandbox = await startTestServer('PGlite');
    try {
      assert.match(sandbox.server.adminUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sandbox.close();
    }
  });
});
