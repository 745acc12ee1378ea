import { refuse } from './errors.ts';

/**
 * The dotted form of an OBJECT IDENTIFIER's contents (X.690 §8.19): base-128 subidentifiers, the first
 * one packing two arcs as 40 × arc1 + arc2.
 */
export function oidFromContents(contents: Uint8Array, what: string): string {
  const arcs: number[] = [];
  let value = 0;
  let fresh = true;
  for (const octet of contents) {
    // X.690 §8.19.2: a subidentifier is encoded in the fewest octets, so it never starts with 0x80.
    if (fresh && octet === 0x80) refuse('malformed', `${what} is not a DER object identifier`);
    value = value * 128 + (octet & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) refuse('malformed', `${what} has an arc too large to read`);
    fresh = (octet & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0;
    }
  }
  const [first, ...rest] = arcs;
  if (first === undefined || !fresh) refuse('malformed', `${what} is not a DER object identifier`);
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...rest].join('.');
}
