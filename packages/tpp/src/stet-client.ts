import { bankSealKey } from './bank-seal.ts';
import type { StetClientOptions } from './client-options.ts';
import { loadPem } from './credentials.ts';
import { oauthClient } from './oauth-client.ts';
import { rawCallMethods } from './raw-call.ts';
import { registrationMethods } from './register.ts';
import { qsealSigningKey } from './request-signature.ts';
import { accountInformationMethods } from './resources/account-information.ts';
import { fundsConfirmationMethods } from './resources/funds-confirmation.ts';
import { paymentRequestMethods } from './resources/payment-requests.ts';
import { psuDetailMethods } from './resources/psu-details.ts';
import { stetCall } from './resources/stet-call.ts';
import { authorizationCodeMethods } from './session/authorization-code.ts';
import { clientCredentialsSession } from './session/client-credentials-session.ts';
import { tokenGrantMethods } from './session/token-grants.ts';
import { tokenSession } from './session/token-session.ts';
import { signedTransport } from './signed-transport.ts';
import { memoryTokenStore } from './token-store.ts';
import { mutualTlsTransport } from './transport.ts';

/**
 * A client for a STET bank: mutual TLS with your QWAC, every call signed with your QSealC, tokens kept
 * and refreshed, the bank's answers checked. One instance per bank; `close()` when done.
 *
 * @example
 * const bank = createStetClient({ apiBaseUrl: 'https://localhost:8444/stet/psd2', authorizationServer: 'https://localhost:8443',
 *   clientId: 'PSDFR-ACPR-12345', qwac: { certificate: 'tpp/qwac.pem', privateKey: 'tpp/qwac.key' },
 *   qseal: { certificate: 'tpp/qseal.pem', privateKey: 'tpp/qseal.key' }, ca: 'tpp/ca.pem' });
 * const { covered } = await bank.fundsConfirmation({ iban: 'FR7613807008043001965405158', amount: '123.45', currency: 'EUR' });
 */
export function createStetClient(options: StetClientOptions) {
  const qsealPem = loadPem(options.qseal.certificate);
  const http = mutualTlsTransport({
    certificate: loadPem(options.qwac.certificate),
    privateKey: loadPem(options.qwac.privateKey),
    ca: options.ca ? loadPem(options.ca) : undefined,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  const apiOrigin = new URL(options.apiBaseUrl).origin;
  const oauth = oauthClient(
    http.send,
    {
      authorizationServer: options.authorizationServer,
      tokenEndpoint: options.tokenEndpoint ?? `${apiOrigin}/token`,
      revocationEndpoint: options.revocationEndpoint ?? `${apiOrigin}/revoke`,
    },
    options.clientId,
    Date.now,
  );
  const store = options.tokenStore ?? memoryTokenStore();
  const sendSigned = signedTransport({
    apiBaseUrl: options.apiBaseUrl,
    signing: qsealSigningKey(qsealPem, loadPem(options.qseal.privateKey), options.keyIdStyle),
    send: http.send,
    retries: options.retries ?? 0,
  });
  const bankSeal = bankSealKey(options.bankSealCertificate);
  const session = tokenSession(oauth, store);
  const call = stetCall(sendSigned, session, bankSeal);
  const codeGrant = authorizationCodeMethods(options, oauth, store);
  // STET PISP calls carry the TPP's own token (client credentials, scope pisp), never a customer's.
  const pispCall = stetCall(sendSigned, clientCredentialsSession(oauth, store, 'pisp'), bankSeal);

  return Object.freeze({
    ...codeGrant,
    ...tokenGrantMethods(oauth, store, session),
    ...fundsConfirmationMethods(call),
    ...accountInformationMethods(call, options.apiBaseUrl),
    ...psuDetailMethods(call),
    ...paymentRequestMethods({
      call: pispCall,
      customerCall: call,
      exchangeCode: codeGrant.exchangeCode,
      clientId: options.clientId,
      now: () => new Date(),
    }),
    ...registrationMethods(http.send, apiOrigin, qsealPem),
    ...rawCallMethods(sendSigned, store, bankSeal),
    /** Closes the keep-alive connections. @example bank.close(); */
    close: () => http.close(),
  });
}

export type StetClient = ReturnType<typeof createStetClient>;
