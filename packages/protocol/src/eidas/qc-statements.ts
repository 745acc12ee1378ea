import * as asn1js from 'asn1js';
import { OID, PSD2_ROLE_OIDS, type Psd2Role, QC_TYPE_OIDS, type QcType } from './oids.ts';

/** The PSD2 QcStatement content (ETSI TS 119 495 §5.1, module ETSIPSD2QCprofileMod). */
export interface Psd2Attributes {
  readonly roles: readonly Psd2Role[];
  readonly ncaName: string;
  readonly ncaId: string;
}

export interface QcStatementsContent {
  readonly qcTypes: readonly QcType[];
  readonly psd2: Psd2Attributes | undefined;
}

const roleByOid = new Map(Object.entries(PSD2_ROLE_OIDS).map(([role, oid]) => [oid, role as Psd2Role]));
const qcTypeByOid = new Map(Object.entries(QC_TYPE_OIDS).map(([type, oid]) => [oid, type as QcType]));

function sequence(...value: asn1js.BaseBlock[]): asn1js.Sequence {
  return new asn1js.Sequence({ value });
}

function oid(value: string): asn1js.ObjectIdentifier {
  return new asn1js.ObjectIdentifier({ value });
}

function utf8(value: string): asn1js.Utf8String {
  return new asn1js.Utf8String({ value });
}

/** DER of the qcStatements extension value (RFC 3739 §3.2.6) for a QWAC (`web`) or a QSealC (`eseal`). */
export function encodeQcStatements(qcType: QcType, psd2: Psd2Attributes): ArrayBuffer {
  const roles = psd2.roles.map((role) => sequence(oid(PSD2_ROLE_OIDS[role]), utf8(role)));
  return sequence(
    sequence(oid(OID.qcCompliance)),
    sequence(oid(OID.qcType), sequence(oid(QC_TYPE_OIDS[qcType]))),
    sequence(oid(OID.psd2QcStatement), sequence(sequence(...roles), utf8(psd2.ncaName), utf8(psd2.ncaId))),
  ).toBER(false);
}

function children(block: asn1js.BaseBlock | undefined): asn1js.BaseBlock[] {
  return block instanceof asn1js.Sequence ? block.valueBlock.value : [];
}

function oidOf(block: asn1js.BaseBlock | undefined): string | undefined {
  return block instanceof asn1js.ObjectIdentifier ? block.valueBlock.toString() : undefined;
}

function textOf(block: asn1js.BaseBlock | undefined): string {
  return block instanceof asn1js.BaseStringBlock ? block.getValue() : '';
}

function readPsd2(info: asn1js.BaseBlock | undefined): Psd2Attributes {
  const [rolesBlock, ncaName, ncaId] = children(info);
  // Parsers must tolerate role OIDs they do not know (ETSI TS 119 495 §5.1, later "Unspecified" role).
  const roles = children(rolesBlock).flatMap((role) => {
    const known = roleByOid.get(oidOf(children(role)[0]) ?? '');
    return known ? [known] : [];
  });
  return Object.freeze({ roles: Object.freeze(roles), ncaName: textOf(ncaName), ncaId: textOf(ncaId) });
}

/** Reads QcType and the PSD2 statement from a qcStatements extension value; unknown statements are skipped. */
export function decodeQcStatements(der: ArrayBuffer | Uint8Array): QcStatementsContent {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new Error('qcStatements extension is not valid DER');
  const qcTypes: QcType[] = [];
  let psd2: Psd2Attributes | undefined;
  for (const statement of children(parsed.result)) {
    const [id, info] = children(statement);
    const statementId = oidOf(id);
    if (statementId === OID.qcType) {
      for (const typeOid of children(info)) {
        const type = qcTypeByOid.get(oidOf(typeOid) ?? '');
        if (type) qcTypes.push(type);
      }
    } else if (statementId === OID.psd2QcStatement) {
      psd2 = readPsd2(info);
    }
  }
  return Object.freeze({ qcTypes: Object.freeze(qcTypes), psd2 });
}
