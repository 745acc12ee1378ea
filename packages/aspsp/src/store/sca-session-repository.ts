import type { Kysely, Selectable } from 'kysely';
import type { Scope } from '../core/consent/scopes.ts';
import type { ScaSession, ScaSessionStore, ScaStep } from '../core/sca/sca-session.ts';
import type { Database, ScaSessionTable } from './schema.ts';

function toSession(row: Selectable<ScaSessionTable>): ScaSession {
  return Object.freeze({
    id: row.id,
    csrfHash: row.csrf_hash,
    clientId: row.client_id,
    redirectUri: row.redirect_uri,
    scopes: Object.freeze(row.scopes as Scope[]),
    state: row.state ?? undefined,
    codeChallenge: row.code_challenge ?? undefined,
    step: row.step as ScaStep,
    psuId: row.psu_id ?? undefined,
    failures: row.failures,
    otpDestination: row.otp_destination ?? undefined,
    lastActivityAt: row.last_activity_at,
  });
}

export function scaSessionRepository(db: Kysely<Database>): ScaSessionStore {
  return {
    async create(session) {
      await db
        .insertInto('sca_sessions')
        .values({
          id: session.id,
          cookie_hash: session.cookieHash,
          csrf_hash: session.csrfHash,
          client_id: session.clientId,
          redirect_uri: session.redirectUri,
          scopes: [...session.scopes],
          state: session.state ?? null,
          code_challenge: session.codeChallenge ?? null,
          step: session.step,
          psu_id: session.psuId ?? null,
          failures: session.failures,
          otp_destination: session.otpDestination ?? null,
          last_activity_at: session.lastActivityAt,
        })
        .execute();
    },
    async findByCookie(cookieHash) {
      const row = await db
        .selectFrom('sca_sessions')
        .selectAll()
        .where('cookie_hash', '=', cookieHash)
        .executeTakeFirst();
      return row ? toSession(row) : undefined;
    },
    async update(id, change) {
      await db
        .updateTable('sca_sessions')
        .set({
          ...(change.step !== undefined ? { step: change.step } : {}),
          ...(change.psuId !== undefined ? { psu_id: change.psuId } : {}),
          ...(change.failures !== undefined ? { failures: change.failures } : {}),
          ...(change.lastActivityAt !== undefined ? { last_activity_at: change.lastActivityAt } : {}),
          ...(change.otpDestination !== undefined ? { otp_destination: change.otpDestination } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async delete(id) {
      await db.deleteFrom('sca_sessions').where('id', '=', id).execute();
    },
    async deleteIdleSince(idleSince) {
      await db.deleteFrom('sca_sessions').where('last_activity_at', '<', idleSince).execute();
    },
  };
}
