/**
 * @openstet/tpp — the TPP SDK. It depends on @openstet/protocol only, never on the bank server.
 * The signing and certificate primitives it builds on are re-exported for TPP code.
 */
export {
  computeDigest,
  headersToSign,
  readEidasCertificate,
  serialAndIssuerKeyId,
  signMessage,
} from '@openstet/protocol';
