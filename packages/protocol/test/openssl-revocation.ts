import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory for OpenSSL's files; `remove()` deletes it and everything in it. */
export interface Scratch {
  readonly path: string;
  /** Writes a file (text or DER) and returns its path. */
  write(name: string, content: string | Uint8Array): string;
  read(name: string): Buffer;
  remove(): void;
}

export function scratch(): Scratch {
  const path = mkdtempSync(join(tmpdir(), 'openstet-revocation-'));
  return {
    path,
    write(name, content) {
      writeFileSync(join(path, name), content);
      return join(path, name);
    },
    read: (name) => readFileSync(join(path, name)),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

export interface OpensslRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `openssl` in a directory; resolves with its exit code and output instead of throwing. */
export function openssl(directory: string, args: readonly string[]): Promise<OpensslRun> {
  return new Promise((resolve) => {
    execFile('openssl', args, { cwd: directory, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** OpenSSL's database time format, a UTCTime: YYMMDDHHMMSSZ. */
export function opensslTime(date: Date): string {
  return `${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`;
}

export interface IndexEntry {
  /** Hex serial as `normaliseSerial` writes it; a leading `-` makes OpenSSL write a negative INTEGER. */
  readonly serial: string;
  readonly notAfter: Date;
  readonly subject: string;
  readonly revokedAt?: Date;
  readonly reason?: string;
}

/** The CA database `openssl ca` and `openssl ocsp -index` read: one tab-separated line per certificate. */
export function indexText(entries: readonly IndexEntry[]): string {
  const lines = entries.map((entry) => {
    const revoked = entry.revokedAt
      ? `${opensslTime(entry.revokedAt)}${entry.reason ? `,${entry.reason}` : ''}`
      : '';
    const sign = entry.serial.startsWith('-') ? '-' : '';
    const digits = entry.serial.slice(sign.length);
    const serial = `${sign}${digits.length % 2 === 1 ? '0' : ''}${digits}`;
    return [
      entry.revokedAt ? 'R' : 'V',
      opensslTime(entry.notAfter),
      revoked,
      serial,
      'unknown',
      entry.subject,
    ].join('\t');
  });
  return `${lines.join('\n')}\n`;
}

export interface Responder {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `openssl ocsp` as the responder, reached over HTTP on 127.0.0.1. OpenSSL 3.0's own `-port` listens on
 * every interface ([::]), so a loopback-only node:http front hands each POSTed request to
 * `openssl ocsp -index … -reqin … -respout …` and returns the bytes OpenSSL wrote: the OCSP processing
 * (CertID lookup, status, signing, nonce copy) is entirely OpenSSL's.
 */
export async function opensslOcspResponder(directory: string, args: readonly string[]): Promise<Responder> {
  let count = 0;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      count += 1;
      const requestFile = join(directory, `request-${count}.der`);
      const responseFile = join(directory, `response-${count}.der`);
      writeFileSync(requestFile, Buffer.concat(chunks));
      void openssl(directory, ['ocsp', ...args, '-reqin', requestFile, '-respout', responseFile]).then(
        (run) => {
          if (run.code !== 0) {
            outgoing.writeHead(500, { 'content-type': 'text/plain' }).end(run.stderr);
            return;
          }
          outgoing
            .writeHead(200, { 'content-type': 'application/ocsp-response' })
            .end(readFileSync(responseFile));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs an OCSP request the way RFC 6960 Appendix A.1 says: `application/ocsp-request` in, DER out. */
export function postOcspRequest(url: string, der: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/ocsp-request', 'content-length': der.length },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const body = Buffer.concat(chunks);
          if (incoming.statusCode === 200) resolve(body);
          else reject(new Error(`responder answered ${incoming.statusCode}: ${body.toString()}`));
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(der);
  });
}
