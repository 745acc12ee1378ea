/**
 * One DER value from its tag octet and contents, the length in its shortest form (X.690 §10.1).
 * Linear in the size of what it writes, where asn1js's toBER copies its output at every level: a CRL
 * of 50 000 entries takes this a fraction of a second, and asn1js or @peculiar/asn1-schema tens of
 * seconds. The contents are an array, never spread arguments: a list of 100 000 entries would
 * overflow the call stack.
 */
export function encodeTlv(tag: number, contents: readonly Uint8Array[]): Buffer {
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  return Buffer.concat([Buffer.from([tag, ...lengthOctets(length)]), ...contents]);
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}
