import type { SecureContextOptions, TlsOptions } from 'node:tls';

/**
 * FAPI 1.0 Advanced §8.5: on TLS 1.2 a server "shall only permit" four suites, all forward secret and
 * AEAD: ECDHE or DHE key exchange, RSA authentication, AES-GCM. TLS 1.3 suites are all allowed (§8.5
 * restricts TLS 1.2 only); Node takes them from the same list, and drops TLS 1.3 if none is listed. The
 * DHE suites need DH parameters, which the listeners do not set: clients negotiate ECDHE. With an EC
 * server certificate no TLS 1.2 suite matches, so such a bank serves TLS 1.3 only.
 */
export const FAPI_CIPHER_SUITES = Object.freeze([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
]);

/** The TLS settings of every listener (STET Part I §3.2: TLS 1.2 at least). */
export const TLS_POLICY: Readonly<SecureContextOptions & Pick<TlsOptions, 'honorCipherOrder'>> =
  Object.freeze({
    minVersion: 'TLSv1.2',
    ciphers: FAPI_CIPHER_SUITES.join(':'),
    honorCipherOrder: true,
  });
