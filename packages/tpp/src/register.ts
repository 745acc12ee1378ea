import { stetError } from './bank-answer.ts';
import type { Transport } from './transport.ts';

/**
 * TPP registration as BPCE exposes it (`POST /register`, RFC 7591 style): authenticated by the QWAC
 * alone, unsigned, with the QSealC the bank will verify signatures with.
 */
export function registrationMethods(send: Transport, apiOrigin: string, qsealPem: string) {
  return {
    /**
     * Registers (or replaces) your redirect URIs and QSealC with the bank (`POST /register`, RFC 7591
     * style, as BPCE exposes it); the client_id is your organizationIdentifier.
     * @example await bank.register({ redirectUris: ['https://tpp.example/cb'], clientName: 'Acme Cards' });
     */
    async register(registration: {
      redirectUris: readonly string[];
      clientName: string;
      requirePkce?: boolean;
    }): Promise<unknown> {
      const body = JSON.stringify({
        redirect_uris: registration.redirectUris,
        client_name: registration.clientName,
        signing_certificate: qsealPem,
        ...(registration.requirePkce ? { require_pkce: true } : {}),
      });
      const response = await send({
        method: 'POST',
        url: `${apiOrigin}/register`,
        headers: { 'content-type': 'application/json' },
        body,
      });
      // RFC 7591 §3.2.1: a registration is answered 201 Created; anything else is a refusal.
      if (response.status !== 201) throw stetError(response, '');
      return JSON.parse(response.body.toString('utf8'));
    },
  };
}
