const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block of a given label in a text (a certificate chain file holds several). */
export function pemBlocks(text: string, label = 'CERTIFICATE'): Buffer[] {
  return [...text.matchAll(PEM_BLOCK)]
    .filter((match) => match[1] === label)
    .map((match) => Buffer.from((match[2] ?? '').replace(/\s+/g, ''), 'base64'));
}

/** The DER of the first certificate of a PEM text; throws with a clear message when there is none. */
export function pemToDer(text: string, label = 'CERTIFICATE'): Buffer {
  const [first] = pemBlocks(text, label);
  if (!first || first.length === 0) throw new Error(`no PEM ${label} block found`);
  return first;
}

export function derToPem(der: Uint8Array | ArrayBuffer, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der instanceof ArrayBuffer ? new Uint8Array(der) : der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
