/**
 * Small JSON Pointer helpers over schemas and values (RFC 6901), for `check-body.ts`: which subschema an
 * error points at, the value at an instance path, and the rank of a path in schema order.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;
export type PathSegment = string | number;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/a/0/b~1c` → the tokens; `#/properties/x` (a schema path) the same after its `#`. */
export function pointerTokens(pointer: string): string[] {
  const path = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value a schema path (`#/properties/a/anyOf/1`) designates inside the root schema. */
export function schemaAtPointer(root: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: unknown = root;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[token];
    else return undefined;
  }
  return isRecord(node) ? node : undefined;
}

/** The instance path's segments, array indexes as numbers (so `redirect_uris[0]` can be written). */
export function instanceSegments(value: unknown, pointer: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let node: unknown = value;
  for (const token of pointerTokens(pointer)) {
    const index = Array.isArray(node) ? Number(token) : undefined;
    segments.push(index ?? token);
    node = Array.isArray(node) ? node[Number(token)] : isRecord(node) ? node[token] : undefined;
  }
  return segments;
}

export function valueAt(value: unknown, segments: readonly PathSegment[]): unknown {
  let node: unknown = value;
  for (const segment of segments) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isRecord(node) && typeof segment === 'string') node = node[segment];
    else return undefined;
  }
  return node;
}

/** `instructedAmount.amount`, `redirect_uris[0]`, `''` for the root. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>(
    (path, segment) =>
      typeof segment === 'number' ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`,
    '',
  );
}

/**
 * The rank of an instance path in schema order: at each object, the index of the property among the
 * schema's `properties` (unknown ones last); at each array, the item index. A parent ranks before its
 * children, so comparing ranks reports problems top to bottom as the schema lists its fields.
 */
export function schemaOrderRank(root: JsonSchema, segments: readonly PathSegment[]): number[] {
  const rank: number[] = [];
  let schema: JsonSchema | undefined = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      rank.push(segment);
      schema = isRecord(schema?.items) ? schema.items : undefined;
      continue;
    }
    const owner = propertyOwner(schema, segment);
    const names = owner ? Object.keys(owner) : [];
    const index = names.indexOf(segment);
    rank.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
    const next = owner?.[segment];
    schema = isRecord(next) ? next : undefined;
  }
  return rank;
}

/** The `properties` map of a schema, or of the first `anyOf` branch that declares the property. */
function propertyOwner(schema: JsonSchema | undefined, name: string): JsonSchema | undefined {
  if (isRecord(schema?.properties)) return schema.properties;
  const branches = Array.isArray(schema?.anyOf) ? schema.anyOf : [];
  return branches
    .map((branch) => (isRecord(branch) ? branch.properties : undefined))
    .find((properties): properties is JsonSchema => isRecord(properties) && name in properties);
}
