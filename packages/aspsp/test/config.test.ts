import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createServices } from '../src/services.ts';
import { createTrustStore } from '../src/trust/trust-store.ts';

describe('configuration refuses unsafe or meaningless settings with a clear message', () => {
  test('sandbox defaults', () => {
    const config = loadConfig({});
    assert.equal(config.publicPort, 8443);
    assert.equal(config.mtlsPort, 8444);
    assert.equal(config.scaInactivitySeconds, 300);
    assert.deepEqual(config.clientCredentialsRoles, ['pisp']);
    assert.equal(config.trustSandboxCa, true);
  });

  test('each bad value names its variable', () => {
    const refused = (env: Record<string, string>) => assert.throws(() => loadConfig(env), ConfigError);
    refused({ OPENSTET_PUBLIC_PORT: '70000' });
    refused({ OPENSTET_SCA_INACTIVITY_SECONDS: '301' });
    refused({ OPENSTET_TPP_RATE_LIMIT: '0' });
    refused({ OPENSTET_CORE_BANKING_TIMEOUT_MS: '1.5' });
    // Past 2^31 - 1 ms a Node timer fires every millisecond: 30 days of purge interval is refused.
    assert.throws(
      () => loadConfig({ OPENSTET_PURGE_INTERVAL_SECONDS: '2592000' }),
      /OPENSTET_PURGE_INTERVAL_SECONDS must be a whole number of seconds from 0 \(off\) to 2147483/,
    );
    refused({ OPENSTET_PURGE_INTERVAL_SECONDS: '0.5' });
    // Switches are true or false exactly: FALSE or 0 would otherwise leave the sandbox CA trusted.
    for (const name of ['OPENSTET_TRUST_SANDBOX_CA', 'OPENSTET_REQUIRE_PKCE', 'OPENSTET_SCA_KNOWLEDGE_STEP'])
      for (const value of ['FALSE', '0', 'no'])
        assert.throws(() => loadConfig({ [name]: value }), new RegExp(`${name} must be true or false`));
    assert.throws(
      () => loadConfig({ OPENSTET_REVOCATION_SOFT_FAIL: 'ldap://x' }),
      /is not an http\(s\) origin/,
    );
    assert.equal(loadConfig({ OPENSTET_PURGE_INTERVAL_SECONDS: '0' }).purgeIntervalSeconds, 0);
    refused({ OPENSTET_CLIENT_CERT_HEADER: 'x-ssl-client-cert' });
    refused({ OPENSTET_CLIENT_CERT_HEADER: 'x-ssl-client-cert', OPENSTET_TRUSTED_PROXIES: '10.0.0.0/33' });
    refused({ OPENSTET_CLIENT_CREDENTIALS_ROLES: 'pisp,admin' });
    assert.throws(() => loadConfig({ OPENSTET_SCA_INACTIVITY_SECONDS: '301' }), /RTS Art\. 4\(3\)\(d\)/);
  });

  test('a bank connector without its SCA server is refused: the sandbox SMS code must never serve real customers', () => {
    const deps = {
      store: {} as never,
      trustStore: createTrustStore([]),
      bankSeal: { keyId: 'SN=1,CA=CN=x', privateKey: {} as never },
      coreBanking: sandboxCoreBanking(),
    };
    assert.throws(
      () => createServices(loadConfig({}), deps, new Uint8Array(32)),
      /Give both coreBanking and strongAuthentication/,
    );
  });
});
