import { oidFromContents } from './der-oid.ts';
import type { ExtensionValue } from './der-read.ts';
import { childrenOf, contentsOf, expectTag, TAG, type Tlv } from './der-tlv.ts';
import { refuse } from './errors.ts';

function extensionAt(bytes: Uint8Array, tlv: Tlv, what: string): ExtensionValue {
  const [id, second, third, extra] = childrenOf(bytes, expectTag(tlv, TAG.sequence, what), what);
  const flagged = second?.tag === TAG.boolean;
  const value = flagged ? third : second;
  if (flagged ? extra : third) refuse('malformed', `${what} has more fields than an Extension`);
  // critical BOOLEAN DEFAULT FALSE: every non-zero octet reads as TRUE, which refuses more, never less.
  const flag = flagged ? contentsOf(bytes, second) : undefined;
  if (flag && flag.length !== 1) refuse('malformed', `${what} critical flag is not a BOOLEAN`);
  return {
    id: oidFromContents(contentsOf(bytes, expectTag(id, TAG.oid, `${what} id`)), `${what} id`),
    critical: flag !== undefined && flag[0] !== 0,
    value: Buffer.from(contentsOf(bytes, expectTag(value, TAG.octetString, `${what} value`))),
  };
}

/**
 * Extensions ::= SEQUENCE OF Extension, Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE,
 * extnValue OCTET STRING } (RFC 5280 §4.1), read from a located value without asn1js: CRL entries are
 * too many for it. An extension that appears twice is refused: the two could say different things.
 */
export function extensionsAt(bytes: Uint8Array, tlv: Tlv, what: string): readonly ExtensionValue[] {
  const list = childrenOf(bytes, expectTag(tlv, TAG.sequence, what), what).map((extension) =>
    extensionAt(bytes, extension, `${what} extension`),
  );
  // RFC 5280 §4.2 (and §5.2, §5.3 for CRLs): one instance of an extension at most.
  const seen = new Set<string>();
  for (const extension of list) {
    if (seen.has(extension.id))
      refuse('malformed', `${what} has the extension ${extension.id} more than once`);
    seen.add(extension.id);
  }
  return list;
}
