import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { ENGINES } from './helpers/stores.ts';

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
