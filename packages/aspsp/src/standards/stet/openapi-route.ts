import { openApiDocument, STET_VERSIONS, stetBasePath } from '@openstet/protocol';
import type { FastifyInstance } from 'fastify';

/**
 * `GET /stet/psd2/<version>/openapi.json` on the public listener (DESIGN.md "OpenAPI"): the document
 * generated from the same schemas that validate requests (`@openstet/protocol`; the committed copies in
 * `packages/protocol/openapi/` are checked fresh by a test), its server and OAuth URLs those of the
 * establishment at the host it is fetched from. Public and the same for everyone: cached, not audited.
 */
export function openApiRoute(app: FastifyInstance): void {
  const documents = new Map<string, string>();
  for (const version of STET_VERSIONS) {
    app.get(`${stetBasePath(version)}/openapi.json`, { config: { audit: false } }, async (request, reply) => {
      const { publicUrl, mtlsUrl } = request.establishment;
      const key = `${version} ${publicUrl} ${mtlsUrl}`;
      let document = documents.get(key);
      if (document === undefined) {
        document = JSON.stringify(
          openApiDocument(version, {
            serverUrl: `${mtlsUrl}${stetBasePath(version)}`,
            authorizationUrl: `${publicUrl}/authorize`,
            tokenUrl: `${mtlsUrl}/token`,
          }),
        );
        documents.set(key, document);
      }
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(document);
    });
  }
}
