import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the SDK keeps of a token response. */
export interface StoredTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly scope: string;
}

/**
 * Where tokens live between calls, by a key of your choosing (typically your customer's id): one
 * customer's tokens never serve another's. Bring your own (database, vault) by implementing this.
 */
export interface TokenStore {
  get(key: string): Promise<StoredTokens | undefined>;
  set(key: string, tokens: StoredTokens): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Tokens in this process's memory: gone when it exits (tests, short-lived jobs). The default store.
 * @example const bank = createStetClient({ ...options, tokenStore: memoryTokenStore() });
 */
export function memoryTokenStore(): TokenStore {
  const tokens = new Map<string, StoredTokens>();
  return {
    get: async (key) => tokens.get(key),
    set: async (key, value) => {
      tokens.set(key, value);
    },
    delete: async (key) => {
      tokens.delete(key);
    },
  };
}

const SALT_BYTES = 16;
const IV_BYTES = 12;

/**
 * Tokens in one file encrypted with AES-256-GCM under a key derived (scrypt) from `secret`; the file is
 * readable by its owner only. Refresh tokens live 180 days: they must not sit in clear on a disk.
 * @example
 * const tokenStore = encryptedFileTokenStore('tpp/tokens.enc', readFileSync('tpp/token.secret', 'utf8'));
 * const bank = createStetClient({ ...options, tokenStore });
 */
export function encryptedFileTokenStore(path: string, secret: string): TokenStore {
  const read = (): Record<string, StoredTokens> => {
    if (!existsSync(path)) return {};
    const data = readFileSync(path);
    const salt = data.subarray(0, SALT_BYTES);
    const iv = data.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES);
    const tag = data.subarray(SALT_BYTES + IV_BYTES, SALT_BYTES + IV_BYTES + 16);
    const decipher = createDecipheriv('aes-256-gcm', scryptSync(secret, salt, 32), iv);
    decipher.setAuthTag(tag);
    const clear = Buffer.concat([
      decipher.update(data.subarray(SALT_BYTES + IV_BYTES + 16)),
      decipher.final(),
    ]);
    return JSON.parse(clear.toString('utf8')) as Record<string, StoredTokens>;
  };
  const write = (all: Record<string, StoredTokens>) => {
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', scryptSync(secret, salt, 32), iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(all), 'utf8'), cipher.final()]);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.concat([salt, iv, cipher.getAuthTag(), sealed]), { mode: 0o600 });
  };
  return {
    get: async (key) => read()[key],
    set: async (key, tokens) => write({ ...read(), [key]: tokens }),
    delete: async (key) => {
      const { [key]: _removed, ...rest } = read();
      write(rest);
    },
  };
}
