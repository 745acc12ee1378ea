/** A TPP's registration with the bank (RFC 7591 style `POST /register`); `clientId` = organisation id. */
export interface ClientRegistration {
  readonly clientId: string;
  readonly clientName: string;
  readonly redirectUris: readonly string[];
  /** The QSealC (PEM) whose key signs the TPP's requests (STET Part I §3.5). */
  readonly signingCertificate: string;
  /** A URL the TPP uses as keyId for that QSealC; never fetched by the bank. */
  readonly signingCertificateUrl: string | undefined;
  /** The client asked that every authorization request carry PKCE (RFC 7636). */
  readonly requirePkce: boolean;
  readonly createdAt: Date;
}

export interface ClientRegistry {
  find(clientId: string): Promise<ClientRegistration | undefined>;
  /** Creates or replaces the registration; returns when it was first created. */
  save(registration: Omit<ClientRegistration, 'createdAt'>): Promise<{ readonly createdAt: Date }>;
}
