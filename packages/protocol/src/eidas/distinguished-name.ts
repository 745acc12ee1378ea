/**
 * Distinguished names as TPPs write them: RFC 4514 strings (or RFC 1779 with quotes and `;`), in either
 * order, with attribute names or dotted OIDs, `\` escapes, `#` BER values and any spacing. Comparison is
 * semantic: attribute types by OID, values by X.520 caseIgnoreMatch (case and inner spacing folded),
 * order ignored — never raw DER or raw text (UTF8String vs PrintableString, xades4j#166).
 */
export interface DnAttribute {
  /** Dotted OID of the attribute type. */
  readonly type: string;
  readonly value: string;
}

export type DistinguishedName = readonly DnAttribute[];

export class DnSyntaxError extends Error {
  override readonly name = 'DnSyntaxError';
}

const ATTRIBUTE_OIDS: Readonly<Record<string, string>> = Object.freeze({
  CN: '2.5.4.3',
  COMMONNAME: '2.5.4.3',
  SN: '2.5.4.4',
  SURNAME: '2.5.4.4',
  SERIALNUMBER: '2.5.4.5',
  C: '2.5.4.6',
  COUNTRYNAME: '2.5.4.6',
  L: '2.5.4.7',
  LOCALITYNAME: '2.5.4.7',
  ST: '2.5.4.8',
  S: '2.5.4.8',
  STATEORPROVINCENAME: '2.5.4.8',
  STREET: '2.5.4.9',
  STREETADDRESS: '2.5.4.9',
  O: '2.5.4.10',
  ORGANIZATIONNAME: '2.5.4.10',
  OU: '2.5.4.11',
  ORGANIZATIONALUNITNAME: '2.5.4.11',
  T: '2.5.4.12',
  TITLE: '2.5.4.12',
  POSTALCODE: '2.5.4.17',
  GN: '2.5.4.42',
  GIVENNAME: '2.5.4.42',
  ORGANIZATIONIDENTIFIER: '2.5.4.97',
  UID: '0.9.2342.19200300.100.1.1',
  DC: '0.9.2342.19200300.100.1.25',
  E: '1.2.840.113549.1.9.1',
  EMAIL: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
});

const SHORT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
});

const DOTTED_OID = /^(?:OID\.)?([0-2](?:\.\d+)+)$/i;

function attributeOid(name: string): string {
  const trimmed = name.trim();
  const dotted = DOTTED_OID.exec(trimmed);
  if (dotted?.[1]) return dotted[1];
  const oid = ATTRIBUTE_OIDS[trimmed.toUpperCase()];
  if (!oid) throw new DnSyntaxError(`unknown attribute type "${trimmed.slice(0, 40)}"`);
  return oid;
}

/** Decodes a `#`-prefixed BER value (RFC 4514 §2.4) holding one of the directory string types. */
function decodeBerString(hex: string): string {
  if (!/^([0-9a-f]{2})+$/i.test(hex)) throw new DnSyntaxError('invalid #hex attribute value');
  const bytes = Buffer.from(hex, 'hex');
  const tag = bytes[0];
  const length = bytes[1] ?? 0;
  if (length > 0x7f || bytes.length !== length + 2)
    throw new DnSyntaxError('unsupported #hex attribute value');
  const content = bytes.subarray(2);
  if (tag === 0x1e) {
    if (content.length % 2 !== 0) throw new DnSyntaxError('BMPString value of odd length');
    return Buffer.from(content).swap16().toString('utf16le'); // BMPString
  }
  if (tag === 0x0c || tag === 0x13 || tag === 0x16 || tag === 0x14) return content.toString('utf8');
  throw new DnSyntaxError('unsupported #hex attribute value');
}

class Reader {
  position = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.position >= this.text.length;
  }
  peek(): string {
    return this.text[this.position] ?? '';
  }
  skipSpaces(): void {
    while (this.peek() === ' ') this.position++;
  }
}

function readType(reader: Reader): string {
  const start = reader.position;
  while (!reader.done && reader.peek() !== '=') reader.position++;
  if (reader.done) throw new DnSyntaxError('attribute without "="');
  const type = reader.text.slice(start, reader.position);
  reader.position++; // '='
  return attributeOid(type);
}

function readQuoted(reader: Reader): string {
  reader.position++; // opening quote
  let value = '';
  while (!reader.done && reader.peek() !== '"') {
    if (reader.peek() === '\\') reader.position++;
    value += reader.peek();
    reader.position++;
  }
  if (reader.done) throw new DnSyntaxError('unterminated quoted value');
  reader.position++; // closing quote
  reader.skipSpaces();
  return value;
}

function readPlain(reader: Reader): string {
  const bytes: number[] = [];
  let trailingSpaces = 0;
  while (!reader.done && !',;+'.includes(reader.peek())) {
    let char = reader.peek();
    reader.position++;
    if (char === '\\') {
      const pair = reader.text.slice(reader.position, reader.position + 2);
      if (/^[0-9a-f]{2}$/i.test(pair)) {
        bytes.push(Number.parseInt(pair, 16));
        reader.position += 2;
        trailingSpaces = 0;
        continue;
      }
      char = reader.peek();
      if (char === '') throw new DnSyntaxError('dangling escape');
      reader.position++;
      trailingSpaces = 0;
    } else {
      trailingSpaces = char === ' ' ? trailingSpaces + 1 : 0;
    }
    bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Buffer.from(bytes.slice(0, bytes.length - trailingSpaces)).toString('utf8');
}

function readValue(reader: Reader): string {
  reader.skipSpaces();
  if (reader.peek() === '"') return readQuoted(reader);
  if (reader.peek() === '#') {
    const raw = readPlain(reader);
    return decodeBerString(raw.slice(1).trim());
  }
  return readPlain(reader);
}

/** Parses a DN string; the attributes come back in the order written. */
export function parseDn(text: string): DistinguishedName {
  const reader = new Reader(text.trim());
  const attributes: DnAttribute[] = [];
  if (reader.done) throw new DnSyntaxError('empty distinguished name');
  while (!reader.done) {
    reader.skipSpaces();
    const type = readType(reader);
    attributes.push(Object.freeze({ type, value: readValue(reader) }));
    if (reader.done) break;
    reader.position++; // ',', ';' or '+'
    if (reader.done) throw new DnSyntaxError('trailing separator');
  }
  return Object.freeze(attributes);
}

/** X.520 caseIgnoreMatch with insignificant space handling (RFC 4518 §2.6.1), approximated. */
function normaliseValue(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** An order-insensitive canonical form: equal for DNs that name the same entity. */
export function canonicalDn(dn: DistinguishedName): string {
  return dn
    .map((attribute) => `${attribute.type}=${normaliseValue(attribute.value)}`)
    .sort()
    .join('\n');
}

export function sameDn(a: DistinguishedName, b: DistinguishedName): boolean {
  return canonicalDn(a) === canonicalDn(b);
}

function escapeValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

/** RFC 4514 string, most specific attribute first (the order TPPs usually write in `CA=`). */
export function formatDn(dn: DistinguishedName): string {
  return [...dn]
    .reverse()
    .map((attribute) => `${SHORT_NAMES[attribute.type] ?? attribute.type}=${escapeValue(attribute.value)}`)
    .join(',');
}
