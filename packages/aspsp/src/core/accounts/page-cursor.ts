import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntryPosition } from '../ports/account-information.ts';
import { dateOfDay, dayNumber } from './calendar-day.ts';

/**
 * One step of a walk through an account's entries: which way, from where, and the walk's filters. The
 * filters include its boundary: the account's highest entry reference when the walk started, so that an
 * entry booked meanwhile never shifts a page (ADR 0006).
 */
export interface WalkStep {
  readonly towards: 'older' | 'newer';
  readonly after: EntryPosition | undefined;
  readonly from: string;
  readonly to: string | undefined;
  readonly lowestReference: number | undefined;
  readonly highestReference: number;
  /** When the walk's first page was read, in whole minutes since 1970: its pages are one read for a while. */
  readonly startedMinute: number;
}

/** What a cursor is bound to: the AISP it was given to and the account it walks. */
export interface CursorBinding {
  readonly clientId: string;
  readonly iban: string;
}

const FORMAT = 1;
const MAC_BYTES = 12;

/** LEB128 of a non-negative safe integer; anything else is a connector's bug, never a cursor. */
function varint(value: number, out: number[]): void {
  if (!Number.isSafeInteger(value) || value < 0 || value >= Number.MAX_SAFE_INTEGER)
    throw new RangeError(`A page cursor holds integers from 0 to 2^53 - 2, not ${value}`);
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function readVarints(bytes: Uint8Array): number[] | undefined {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    if (value > Number.MAX_SAFE_INTEGER) return undefined;
    if (byte & 0x80) scale *= 0x80;
    else {
      values.push(value);
      value = 0;
      scale = 1;
    }
  }
  return scale === 1 ? values : undefined;
}

/** Optional values shifted by one, so 0 means none. */
const optional = (value: number | undefined) => (value === undefined ? 0 : value + 1);
const present = (value: number | undefined) => (value === undefined || value === 0 ? undefined : value - 1);

function mac(key: Uint8Array, binding: CursorBinding, payload: Uint8Array): Buffer {
  return createHmac('sha256', key)
    .update(`page ${binding.clientId} ${binding.iban} `)
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES);
}

/**
 * The opaque cursor of a step: its fields as varints, then a 96-bit HMAC bound to the AISP and the
 * account, in base64url: about 40 characters, at most 74 with every field at its maximum, so that a page href stays
 * within STET's 140 characters. A TPP can neither forge nor edit one, nor use one account's on another,
 * nor another TPP's.
 */
export function encodeCursor(key: Uint8Array, binding: CursorBinding, step: WalkStep): string {
  const fields: number[] = [];
  for (const value of [
    FORMAT,
    step.towards === 'older' ? 0 : 1,
    optional(step.after && dayNumber(step.after.entryDate)),
    optional(step.after?.entryReference),
    dayNumber(step.from),
    optional(step.to === undefined ? undefined : dayNumber(step.to)),
    optional(step.lowestReference),
    step.highestReference,
    step.startedMinute,
  ])
    varint(value, fields);
  const payload = Uint8Array.from(fields);
  return Buffer.concat([payload, mac(key, binding, payload)]).toString('base64url');
}

/** The step a cursor of this AISP and account names; undefined for anything the bank did not issue. */
export function decodeCursor(key: Uint8Array, binding: CursorBinding, cursor: string): WalkStep | undefined {
  if (!/^[A-Za-z0-9_-]{16,120}$/.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
  const given = bytes.subarray(bytes.length - MAC_BYTES);
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(key, binding, payload))) return undefined;
  const fields = readVarints(payload);
  if (fields?.length !== 9 || fields[0] !== FORMAT) return undefined;
  const [, towards, afterDay, afterReference, from = 0, to, lowest, highest = 0, startedMinute = 0] = fields;
  const day = present(afterDay);
  const reference = present(afterReference);
  const toDay = present(to);
  return Object.freeze({
    towards: towards === 0 ? 'older' : 'newer',
    after:
      day === undefined || reference === undefined
        ? undefined
        : Object.freeze({ entryDate: dateOfDay(day), entryReference: reference }),
    from: dateOfDay(from),
    to: toDay === undefined ? undefined : dateOfDay(toDay),
    lowestReference: present(lowest),
    highestReference: highest,
    startedMinute,
  });
}
