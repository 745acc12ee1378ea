import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testClock } from './helpers/clock.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import {
  consent,
  fundsCheck,
  obtainTokens,
  pkcePair,
  REDIRECT_URI,
  TPP_PKCE,
  token,
} from './helpers/journey.ts';
import { licence } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';
import { proxyCertificateHeader } from './helpers/tpp-request.ts';

for (const engine of ENGINES) {
  describe(`POST /token and POST /revoke (${engine})`, () => {
    let bank: InjectApp;
    const clock = testClock();
    before(async () => {
      bank = await injectApp(engine, { now: clock.now });
      await bank.onboard(bank.pki.acme);
      await bank.onboard(bank.pki.budget, ['PSP_AI', 'PSP_PI']);
    });
    after(() => bank.close());
    beforeEach(() => clock.reset());

    const acme = () => bank.pki.acme;
    const codeOf = async (options: Parameters<typeof consent>[2] = {}) =>
      (await consent(bank, acme(), options)).searchParams.get('code') ?? '';
    const exchange = (code: string, extra: Record<string, string> = {}) =>
      token(bank, acme(), {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: TPP_PKCE.verifier,
        ...extra,
      });
    const oauthError = (response: {
      statusCode: number;
      json: () => { error: string; error_description: string };
    }) => `${response.statusCode} ${response.json().error}: ${response.json().error_description}`;
    const revoke = (value: string, hint?: string) =>
      bank.app.mtls.inject({
        method: 'POST',
        url: '/revoke',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...proxyCertificateHeader(acme().qwac.certificatePem),
        },
        payload: new URLSearchParams({
          client_id: acme().organizationIdentifier,
          token: value,
          ...(hint ? { token_type_hint: hint } : {}),
        }).toString(),
      });
    const funds = async (accessToken: string) => (await fundsCheck(bank, acme(), accessToken)).statusCode;

    test('the code is exchanged once for Bearer tokens: 3600 s, refresh token, no-store, no scope parameter', async () => {
      const response = await exchange(await codeOf());
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers.pragma, 'no-cache');
      const body = response.json();
      assert.deepEqual(Object.keys(body).sort(), [
        'access_token',
        'expires_in',
        'refresh_token',
        'scope',
        'token_type',
      ]);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 3600);
      assert.equal(
        oauthError(await exchange(await codeOf(), { scope: 'cbpii' })),
        '400 invalid_request: Send no scope with the authorization_code grant',
      );
    });

    test('a reused code is invalid_grant and revokes every token issued from it', async () => {
      const code = await codeOf();
      const first = (await exchange(code)).json();
      assert.equal(await funds(first.access_token), 200);
      assert.equal(
        oauthError(await exchange(code)),
        '400 invalid_grant: Authorization code already used: the tokens issued from it are revoked',
      );
      assert.equal(await funds(first.access_token), 401);
      const refreshed = await token(bank, acme(), {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
      });
      assert.equal(refreshed.json().error, 'invalid_grant');
    });

    test('a code exchanged twice at the same time leaves no valid token', async () => {
      for (let round = 0; round < 3; round++) {
        const code = await codeOf();
        const answers = await Promise.all([exchange(code), exchange(code)]);
        assert.ok(
          answers.some((answer) => answer.json().error === 'invalid_grant'),
          'one exchange is a replay',
        );
        for (const answer of answers.filter((response) => response.statusCode === 200)) {
          assert.equal(
            await funds(answer.json().access_token),
            401,
            'a token from a replayed code is revoked',
          );
        }
      }
    });

    test('a code older than 60 s is expired', async () => {
      const code = await codeOf();
      clock.advance(61);
      assert.equal(
        oauthError(await exchange(code)),
        '400 invalid_grant: Authorization code expired (60 s): start again at /authorize',
      );
    });

    test('redirect_uri must equal the one of /authorize; client_id must be the QWAC organisation', async () => {
      assert.equal(
        oauthError(await exchange(await codeOf(), { redirect_uri: 'https://tpp.example/other' })),
        '400 invalid_grant: redirect_uri differs from the one used at /authorize',
      );
      assert.equal(
        oauthError(await exchange(await codeOf(), { redirect_uri: '' })),
        '400 invalid_request: redirect_uri is missing: send the one used at /authorize',
      );
      const wrongClient = await exchange(await codeOf(), { client_id: 'PSDFR-ACPR-67890' });
      assert.equal(wrongClient.statusCode, 401);
      assert.equal(wrongClient.json().error, 'invalid_client');
      const otherTpp = await token(bank, bank.pki.budget, {
        grant_type: 'authorization_code',
        code: await codeOf(),
        redirect_uri: REDIRECT_URI,
      });
      assert.equal(oauthError(otherTpp), '400 invalid_grant: The code was issued to another client');
    });

    test('PKCE: the verifier must match the S256 challenge; missing or wrong is invalid_grant', async () => {
      const { verifier, challenge } = pkcePair();
      assert.equal(
        oauthError(await exchange(await codeOf({ codeChallenge: challenge }), { code_verifier: '' })),
        '400 invalid_grant: code_verifier is missing (PKCE)',
      );
      assert.equal(
        oauthError(
          await exchange(await codeOf({ codeChallenge: challenge }), { code_verifier: pkcePair().verifier }),
        ),
        '400 invalid_grant: code_verifier does not match the code_challenge',
      );
      assert.equal(
        (await exchange(await codeOf({ codeChallenge: challenge }), { code_verifier: verifier })).statusCode,
        200,
      );
    });

    test('PKCE opted out (OPENSTET_REQUIRE_PKCE=false): a verifier without a challenge is still refused (RFC 9700 §2.1.1)', async () => {
      const optedOut = await injectApp(engine, { env: { OPENSTET_REQUIRE_PKCE: 'false' } });
      try {
        await optedOut.onboard(optedOut.pki.acme);
        const redirect = await consent(optedOut, acme(), { codeChallenge: null });
        const exchangeWith = (parameters: Record<string, string>) =>
          token(optedOut, acme(), {
            grant_type: 'authorization_code',
            code: redirect.searchParams.get('code') ?? '',
            redirect_uri: REDIRECT_URI,
            ...parameters,
          });
        assert.equal(
          oauthError(await exchangeWith({ code_verifier: TPP_PKCE.verifier })),
          '400 invalid_grant: code_verifier given but the authorization had no code_challenge',
        );
        const second = await consent(optedOut, acme(), { codeChallenge: null });
        const tokens = await token(optedOut, acme(), {
          grant_type: 'authorization_code',
          code: second.searchParams.get('code') ?? '',
          redirect_uri: REDIRECT_URI,
        });
        assert.equal(tokens.statusCode, 200, tokens.body);
      } finally {
        await optedOut.close();
      }
    });

    test('refresh: a new access token, the same refresh token, the previous access token invalidated', async () => {
      const tokens = await obtainTokens(bank, acme());
      const refreshed = await token(bank, acme(), {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      const body = refreshed.json();
      assert.equal(body.refresh_token, tokens.refresh_token);
      assert.notEqual(body.access_token, tokens.access_token);
      assert.equal(await funds(tokens.access_token), 401);
      assert.equal(await funds(body.access_token), 200);
    });

    test('a failed refresh invalidates nothing; a refresh token is bound to its client', async () => {
      const tokens = await obtainTokens(bank, acme());
      assert.equal(
        (await token(bank, acme(), { grant_type: 'refresh_token', refresh_token: 'not-a-token' })).json()
          .error,
        'invalid_grant',
      );
      const stolen = await token(bank, bank.pki.budget, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      assert.equal(oauthError(stolen), '400 invalid_grant: Unknown refresh token');
      assert.equal(await funds(tokens.access_token), 200);
      assert.equal(
        (await token(bank, acme(), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }))
          .statusCode,
        200,
      );
    });

    test('the refresh token lives 180 days from the SCA; a renewed QWAC keeps it working', async () => {
      const tokens = await obtainTokens(bank, acme());
      const renewed = await token(
        bank,
        acme(),
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        bank.pki.acmeRenewedQwac.certificatePem,
      );
      assert.equal(renewed.statusCode, 200, renewed.body);
      const bound = await fundsCheck(bank, acme(), renewed.json().access_token, {
        qwacPem: bank.pki.acmeRenewedQwac.certificatePem,
      });
      assert.equal(bound.statusCode, 200, bound.body);
      clock.advance(180 * 86_400 + 1);
      const expired = await token(bank, acme(), {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      assert.equal(
        oauthError(expired),
        '400 invalid_grant: Refresh token expired (180 days after SCA): a new authorization is needed',
      );
    });

    test('one valid pair per (PSU, TPP, role): a new authorization revokes the previous pair', async () => {
      const first = await obtainTokens(bank, acme());
      const second = await obtainTokens(bank, acme(), { scope: 'piisp' });
      assert.equal(await funds(first.access_token), 401);
      assert.equal(
        (
          await token(bank, acme(), { grant_type: 'refresh_token', refresh_token: first.refresh_token })
        ).json().error,
        'invalid_grant',
      );
      assert.equal(await funds(second.access_token), 200);
      const aisp = await obtainTokens(bank, acme(), { scope: 'aisp' });
      assert.equal(await funds(second.access_token), 200, 'another role keeps its own pair');
      assert.ok(aisp.access_token);
    });

    test('revoking the access token revokes the refresh token, and the other way round (RFC 7009)', async () => {
      const byAccess = await obtainTokens(bank, acme());
      assert.equal((await revoke(byAccess.access_token)).statusCode, 200);
      assert.equal(
        (
          await token(bank, acme(), { grant_type: 'refresh_token', refresh_token: byAccess.refresh_token })
        ).json().error,
        'invalid_grant',
      );
      const byRefresh = await obtainTokens(bank, acme());
      assert.equal((await revoke(byRefresh.refresh_token, 'refresh_token')).statusCode, 200);
      assert.equal(await funds(byRefresh.access_token), 401);
      assert.equal(
        (await revoke('unknown-token')).statusCode,
        200,
        'unknown tokens answer 200 (RFC 7009 §2.2)',
      );
    });

    test('client_credentials: pisp for a PSP_PI TPP, refused for roles the bank grants by authorization code', async () => {
      const pisp = await token(bank, bank.pki.budget, { grant_type: 'client_credentials', scope: 'pisp' });
      assert.equal(pisp.statusCode, 200, pisp.body);
      assert.equal(pisp.json().refresh_token, undefined);
      assert.equal(
        oauthError(await token(bank, acme(), { grant_type: 'client_credentials', scope: 'cbpii' })),
        '400 unauthorized_client: This bank grants cbpii by authorization code, not client credentials',
      );
      assert.equal(
        oauthError(await token(bank, acme(), { grant_type: 'client_credentials' })),
        '400 invalid_scope: The TPP is not licensed for PSP_PI, needed for pisp',
      );
    });

    test('the token endpoint answers RFC 6749 §5.2 errors, the licence included', async () => {
      assert.equal(
        oauthError(await token(bank, acme(), { grant_type: 'password' })),
        '400 unsupported_grant_type: grant_type must be authorization_code, refresh_token or client_credentials',
      );
      assert.equal(oauthError(await token(bank, acme(), {})), '400 invalid_request: grant_type is missing');
      const json = await bank.app.mtls.inject({
        method: 'POST',
        url: '/token',
        headers: {
          'content-type': 'application/json',
          ...proxyCertificateHeader(acme().qwac.certificatePem),
        },
        payload: '{"grant_type":"client_credentials"}',
      });
      assert.equal(json.json().error, 'invalid_request');
      const repeated = await bank.app.mtls.inject({
        method: 'POST',
        url: '/token',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...proxyCertificateHeader(acme().qwac.certificatePem),
        },
        payload: 'grant_type=a&grant_type=b&client_id=PSDFR-ACPR-12345',
      });
      assert.equal(oauthError(repeated), '400 invalid_request: grant_type must appear once (RFC 6749 §3.2)');
      const code = await codeOf();
      await bank.app.registry.save(licence(acme(), { roles: ['PSP_AI'] }));
      assert.equal(
        oauthError(await exchange(code)),
        '400 invalid_scope: The TPP is not licensed for PSP_IC, needed for cbpii',
      );
      await bank.app.registry.save(licence(acme(), { status: 'withdrawn' }));
      const withdrawn = await exchange(await codeOf().catch(() => 'none'));
      assert.equal(withdrawn.json().error, 'unauthorized_client');
      assert.ok(withdrawn.headers['x-request-id']);
      await bank.app.registry.save(licence(acme()));
    });
  });
}
