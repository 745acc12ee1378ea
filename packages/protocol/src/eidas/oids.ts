/**
 * Object identifiers of the eIDAS / PSD2 certificate profile (ETSI TS 119 495 §5, ETSI EN 319 412-5 §4).
 */
export const OID = Object.freeze({
  qcStatements: '1.3.6.1.5.5.7.1.3',
  psd2QcStatement: '0.4.0.19495.2',
  qcCompliance: '0.4.0.1862.1.1',
  qcType: '0.4.0.1862.1.6',
  qcTypeEsign: '0.4.0.1862.1.6.1',
  qcTypeEseal: '0.4.0.1862.1.6.2',
  qcTypeWeb: '0.4.0.1862.1.6.3',
  qcpWebPsd2: '0.4.0.19495.3.1',
  organizationIdentifier: '2.5.4.97',
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  countryName: '2.5.4.6',
});

/** The four PSD2 roles of ETSI TS 119 495 §5.1 (RTS Art. 34(3)). */
export const PSD2_ROLES = ['PSP_AS', 'PSP_PI', 'PSP_AI', 'PSP_IC'] as const;
export type Psd2Role = (typeof PSD2_ROLES)[number];

/** Role OID arc 0.4.0.19495.1.x (ETSI TS 119 495 §5.1). */
export const PSD2_ROLE_OIDS: Readonly<Record<Psd2Role, string>> = Object.freeze({
  PSP_AS: '0.4.0.19495.1.1',
  PSP_PI: '0.4.0.19495.1.2',
  PSP_AI: '0.4.0.19495.1.3',
  PSP_IC: '0.4.0.19495.1.4',
});

export function isPsd2Role(value: string): value is Psd2Role {
  return (PSD2_ROLES as readonly string[]).includes(value);
}

/** Certificate kinds carried by the QcType statement (ETSI EN 319 412-5 §4.2.3). */
export type QcType = 'esign' | 'eseal' | 'web';

export const QC_TYPE_OIDS: Readonly<Record<QcType, string>> = Object.freeze({
  esign: OID.qcTypeEsign,
  eseal: OID.qcTypeEseal,
  web: OID.qcTypeWeb,
});

/** `PSD` + NCA country + `-` + NCA id + `-` + authorisation number (ETSI TS 119 495 §5.2.1). */
export const PSD2_ORGANIZATION_IDENTIFIER = /^PSD[A-Z]{2}-[A-Z]{2,8}-[A-Za-z0-9-]{1,40}$/;
