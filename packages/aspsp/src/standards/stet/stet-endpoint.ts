import type { StetOperation, StetVersion } from '@openstet/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenPair, TokenStore } from '../../core/tokens/token-pair.ts';
import { accessTokenCheck } from '../../http/access-token.ts';
import type { TrustChain } from '../../http/trust-chain.ts';

/** One call, as the endpoint's own step sees it once the pipeline let it through. */
export interface StetCall {
  readonly request: FastifyRequest;
  readonly version: StetVersion;
  /** The valid token pair the TPP presented (step 5). */
  readonly token: TokenPair;
  /** The operation's URL as TPPs call it, for `_links.self`. */
  readonly selfUrl: string;
}

/** An endpoint: its operation, and what it does once the pipeline let the call through (steps 6 to 8). */
export interface StetEndpoint {
  /** Its line in the operations table of `@openstet/protocol`: method, path, versions, role, scopes, CR199. */
  readonly operation: StetOperation;
  /** Parses the body (6), runs the core's use case (7) and returns the version's answer (8), or throws its refusal. */
  readonly answer: (call: StetCall) => Promise<StetAnswer>;
}

/**
 * An endpoint's answer, with the operation's success status; no body (and no type) for `PUT /consents`' 201.
 * `headers` are the operation's own (`Location` of a created payment request).
 */
export type StetAnswer = (
  | { readonly type: string; readonly body: string }
  | { readonly type: undefined; readonly body: undefined }
) & { readonly headers?: Readonly<Record<string, string>> };

export interface StetEndpointDeps {
  readonly trust: TrustChain;
  readonly tokens: TokenStore;
  readonly now: () => Date;
}

/**
 * Mounts a STET endpoint on every version it exists in. Its whole pipeline, in the order it runs:
 * 1. identity: the QWAC of the TLS connection, or the trusted proxy's header (`http/client-certificate.ts`,
 *    before every route of the mTLS listener);
 * 2. licence and role: QWAC valid, TPP licensed for the operation's role, QWAC not revoked;
 * 3. quota: 429 TMRQ past the per-TPP rate;
 * 4. signature: QSealC signature, freshness, Digest of the raw body, QSealC not revoked, JSON syntax;
 * 5. token: a valid Bearer token of this TPP, bound to this QWAC, with one of the operation's scopes;
 * 6. body, 7. use case, 8. answer: the endpoint's `answer`;
 * 9. seal: 2xx answers signed by the bank where the operation says so (STET CR199).
 * Any refusal is rendered as the STET ErrorModel by the listener's one error handler.
 */
export function stetEndpoint(app: FastifyInstance, deps: StetEndpointDeps, endpoint: StetEndpoint): void {
  const { operation } = endpoint;
  for (const version of operation.versions) {
    const path = `/stet/psd2/${version}${operation.path}`;
    app.route({
      method: operation.method,
      // OpenAPI's `{accountResourceId}` is Fastify's `:accountResourceId`.
      url: path.replace(/\{(\w+)\}/g, ':$1'),
      onRequest: [deps.trust.authorise(operation.role), deps.trust.quota],
      preValidation: [deps.trust.verifySignature],
      preHandler: [accessTokenCheck(deps, operation.scopes)],
      onSend: operation.signedResponse ? [deps.trust.seal] : [],
      handler: async (request, reply) => {
        const token = request.accessToken as TokenPair;
        const selfUrl = `${request.establishment.mtlsUrl}${path}`;
        const answer = await endpoint.answer({ request, version, token, selfUrl });
        reply.code(operation.responses.success.status).headers(answer.headers ?? {});
        return answer.type === undefined ? reply.send() : reply.type(answer.type).send(answer.body);
      },
    });
  }
}
