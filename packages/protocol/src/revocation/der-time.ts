import { encodeTlv } from './der-encode.ts';
import { TAG, type Tlv } from './der-tlv.ts';
import { wholeSeconds } from './der-write.ts';
import { refuse } from './errors.ts';

/** The decimal number written in `count` ASCII digits from `from`; -1 when one is not a digit. */
function decimal(bytes: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at += 1) {
    const digit = (bytes[at] ?? 0) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime } (RFC 5280 §4.1), read straight from
 * the bytes (a CRL has one per entry). RFC 5280 §4.1.2.5: Zulu, with seconds, without fractions —
 * UTCTime YYMMDDHHMMSSZ (§4.1.2.5.1), GeneralizedTime YYYYMMDDHHMMSSZ (§4.1.2.5.2); CRLs use the same
 * two forms (§5.1.2.4, §5.1.2.6).
 */
export function readTime(bytes: Uint8Array, tlv: Tlv | undefined, what: string): Date {
  const utc = tlv?.tag === TAG.utcTime;
  if (!tlv || (!utc && tlv.tag !== TAG.generalizedTime)) refuse('malformed', `${what} is not a Time`);
  const yearDigits = utc ? 2 : 4;
  const at = tlv.contentStart + yearDigits;
  const month = decimal(bytes, at, 2);
  const day = decimal(bytes, at + 2, 2);
  const hour = decimal(bytes, at + 4, 2);
  const minute = decimal(bytes, at + 6, 2);
  const second = decimal(bytes, at + 8, 2);
  const written = decimal(bytes, tlv.contentStart, yearDigits);
  if (tlv.end - tlv.contentStart !== yearDigits + 11 || bytes[tlv.end - 1] !== 0x5a || written < 0) {
    refuse('malformed', `${what} is not a Zulu time with seconds (RFC 5280 §4.1.2.5)`);
  }
  // UTCTime years 50 to 99 are 1950 to 1999, 00 to 49 are 2000 to 2049 (RFC 5280 §4.1.2.5.1).
  const year = utc ? (written >= 50 ? 1900 + written : 2000 + written) : written;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 30 February over into March: a time that does not read back as written is no time.
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59;
  if (!valid) refuse('malformed', `${what} is not a valid time`);
  return date;
}

const two = (value: number): string => (value < 10 ? `0${value}` : `${value}`);

/** A Time to the second: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §5.1.2.4). */
export function encodeTime(date: Date): Buffer {
  const whole = wholeSeconds(date);
  const year = whole.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError('a Time is between years 0 and 9999');
  const rest = [
    whole.getUTCMonth() + 1,
    whole.getUTCDate(),
    whole.getUTCHours(),
    whole.getUTCMinutes(),
    whole.getUTCSeconds(),
  ]
    .map(two)
    .join('');
  return year >= 1950 && year < 2050
    ? encodeTlv(TAG.utcTime, [Buffer.from(`${two(year % 100)}${rest}Z`, 'latin1')])
    : encodeTlv(TAG.generalizedTime, [Buffer.from(`${String(year).padStart(4, '0')}${rest}Z`, 'latin1')]);
}
