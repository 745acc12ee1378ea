/**
 * PEM boundaries (RFC 7468 §2). Matched one at a time from left to right: each position is looked at a
 * bounded number of times, so scanning is linear in the text, whatever a TPP sends. (A single pattern
 * with a lazy body and a back-reference to the label took quadratic time on thousands of BEGIN lines.)
 */
const BOUNDARY = /-----(BEGIN|END) ([A-Z0-9 ]{1,64})-----/g;

/** Every PEM block of a given label in a text (a certificate chain file holds several). */
export function pemBlocks(text: string, label = 'CERTIFICATE'): Buffer[] {
  const blocks: Buffer[] = [];
  let open: { label: string; from: number } | undefined;
  for (const boundary of text.matchAll(BOUNDARY)) {
    const [whole, kind, name] = boundary;
    if (kind === 'BEGIN') {
      open = { label: name ?? '', from: boundary.index + whole.length };
      continue;
    }
    if (open && open.label === name && name === label) {
      blocks.push(Buffer.from(text.slice(open.from, boundary.index).replace(/\s+/g, ''), 'base64'));
    }
    open = undefined;
  }
  return blocks;
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
