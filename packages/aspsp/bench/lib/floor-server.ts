/**
 * The floor: what no implementation of `POST /funds-confirmations` can skip, written as plainly as
 * possible, as a plain Fastify route on the bank's own listener options (TLS policy, keep-alive, the sandbox server certificate and
 * trusted CA, client certificate required). Run by the bench in a process of its own (lib/floor-child.ts),
 * so the funds call and the floor are measured alike. `POST /bench/floor`:
 * 1. the Digest of the raw body (RFC 3230, STET Part I §3.5);
 * 2. the TPP's draft-cavage signature, verified with its QSealC key held in memory;
 * 3. one prepared read, with plain `pg`, of the access token's row by its hash;
 * 4. the JSON answer, sealed with the bank's seal (Date, Digest, X-Request-ID; STET CR199).
 * `POST /bench/floor-ledger` does the same and then a second prepared read, the account's balances by IBAN:
 * the least any bank that reads the balance does (information: the ceiling of a funds check's floor ratio).
 * `POST /bench/bare` answers `{"result":true}` behind mTLS alone: the information ratio of issue 3.
 */

import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseSignatureHeader, signingString } from '@openstet/protocol';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerFactory } from 'fastify';
import pg from 'pg';
import { TLS_POLICY } from '../../src/tls-policy.ts';

export interface FloorLaunch {
  readonly serverKeyPem: string;
  readonly serverCertificatePem: string;
  readonly caPem: string;
  /** The TPP's QSealC certificate: its public key verifies every request. */
  readonly tppQsealPem: string;
  readonly bankSealKeyPem: string;
  readonly bankSealKeyId: string;
  readonly databaseUrl: string;
  readonly schema: string;
}

const ANSWER_TEXT = '{"result":true}';
const ANSWER_DIGEST = `SHA-256=${createHash('sha256').update(ANSWER_TEXT).digest('base64')}`;

function digestMatches(header: string | undefined, body: Buffer): boolean {
  return header === `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
}

function verifySignature(request: IncomingMessage, key: KeyObject): Promise<boolean> {
  const header = request.headers.signature;
  if (typeof header !== 'string') return Promise.resolve(false);
  const parameters = parseSignatureHeader(header);
  const data = Buffer.from(
    signingString(
      { method: 'POST', target: request.url ?? '/', headers: request.headers },
      parameters.headers,
    ),
  );
  return new Promise((resolve) =>
    verify('sha256', data, key, parameters.signature, (error, valid) => resolve(!error && valid)),
  );
}

function seal(key: KeyObject, keyId: string, requestId: string): Promise<Record<string, string>> {
  const headers = { date: new Date().toUTCString(), digest: ANSWER_DIGEST, 'x-request-id': requestId };
  const data = Buffer.from(`date: ${headers.date}\ndigest: ${headers.digest}\nx-request-id: ${requestId}`);
  const algorithm = key.asymmetricKeyType === 'ec' ? 'ecdsa-sha256' : 'rsa-sha256';
  return new Promise((resolve, reject) =>
    sign('sha256', data, key, (error, signature) =>
      error
        ? reject(error)
        : resolve({
            ...headers,
            signature: `keyId="${keyId}",algorithm="${algorithm}",headers="date digest x-request-id",signature="${signature.toString('base64')}"`,
          }),
    ),
  );
}

/** Starts the floor and bare routes on an ephemeral port; resolves with the URL. */
export async function startFloor(launch: FloorLaunch): Promise<{ url: string; close(): Promise<void> }> {
  const tppKey = createPublicKey(launch.tppQsealPem);
  const bankKey = createPrivateKey(launch.bankSealKeyPem);
  const database = new pg.Pool({ connectionString: launch.databaseUrl, max: 10 });
  const tokenRead = {
    name: 'floor-token-by-hash',
    text: `select * from "${launch.schema}".token_pairs where access_hash = $1`,
  };
  const ledgerRead = {
    name: 'floor-ledger-by-iban',
    text: `select psu_id, status, currency, accounting_balance, pending_card_debits, authorised_overdraft from "${launch.schema}".sandbox_accounts where iban = $1`,
  };
  const tls = {
    key: launch.serverKeyPem,
    cert: launch.serverCertificatePem,
    ca: launch.caPem,
    ...TLS_POLICY,
    requestCert: true,
    rejectUnauthorized: true,
  };
  const serverFactory: FastifyServerFactory = (handler) => {
    const server = createServer(tls, handler);
    server.keepAliveTimeout = 72_000;
    return server as unknown as Server;
  };
  const app = Fastify({ serverFactory });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/bench/bare', async () => ANSWER_TEXT);
  const floorRoute = (readLedger: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body as Buffer;
    if (!digestMatches(String(request.headers.digest), body)) return reply.code(400).send('{}');
    if (!(await verifySignature(request.raw, tppKey))) return reply.code(401).send('{}');
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const hash = createHash('sha256').update(token).digest('base64url');
    const { rows } = await database.query({ ...tokenRead, values: [hash] });
    if (rows.length !== 1) return reply.code(401).send('{}');
    if (readLedger) {
      const iban = (JSON.parse(body.toString()) as { accountId?: { iban?: string } }).accountId?.iban;
      const ledger = await database.query({ ...ledgerRead, values: [iban] });
      if (ledger.rows.length !== 1) return reply.code(404).send('{}');
    }
    const requestId = String(request.headers['x-request-id'] ?? '');
    reply.headers(await seal(bankKey, launch.bankSealKeyId, requestId));
    return reply.type('application/json').send(ANSWER_TEXT);
  };
  app.post('/bench/floor', floorRoute(false));
  app.post('/bench/floor-ledger', floorRoute(true));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    async close() {
      await app.close();
      await database.end();
    },
  };
}
