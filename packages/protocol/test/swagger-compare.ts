/**
 * Compares JSON Schema definitions field by field on what a TPP's code depends on: property names,
 * required lists, types, formats, patterns, lengths, item counts, minimums and enums. A `$ref` to an
 * object definition compares by name; a `$ref` to a string, boolean or array definition (ResourceId,
 * UnstructuredRemittanceInformation, …) compares by what it designates, so inlining one is no difference.
 */
export type Definitions = Readonly<Record<string, Record<string, unknown>>>;
export interface Difference {
  readonly swagger: string;
  readonly document: string;
}

const ASPECTS = [
  'type',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'minItems',
  'maxItems',
  'enum',
];
const ABSENT = 'absent';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function target(ref: string, definitions: Definitions): [string, Record<string, unknown>] {
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  const schema = definitions[name];
  if (!schema) throw new Error(`Unresolved $ref ${ref}`);
  return [name, schema];
}

/** The aspects of a schema as flat `aspect → JSON text`, `items.` prefixed for an array's items. */
export function shape(node: unknown, definitions: Definitions): Record<string, string> {
  if (!isRecord(node)) return {};
  if (typeof node.$ref === 'string') {
    const [name, schema] = target(node.$ref, definitions);
    return schema.type === 'object' ? { ref: name } : shape(schema, definitions);
  }
  const aspects: Record<string, string> = {};
  for (const aspect of ASPECTS) {
    const value = node[aspect];
    if (value === undefined) continue;
    aspects[aspect] = JSON.stringify(Array.isArray(value) ? [...value].map(String).sort() : value);
  }
  if (Array.isArray(node.anyOf))
    aspects.anyOf = JSON.stringify(node.anyOf.map((branch) => shape(branch, definitions)));
  for (const [aspect, value] of Object.entries(shape(node.items, definitions)))
    aspects[`items.${aspect}`] = value;
  return aspects;
}

function compareShapes(
  at: string,
  swagger: Record<string, string>,
  document: Record<string, string>,
  out: Map<string, Difference>,
): void {
  for (const aspect of new Set([...Object.keys(swagger), ...Object.keys(document)])) {
    const [left = ABSENT, right = ABSENT] = [swagger[aspect], document[aspect]];
    if (left !== right) out.set(`${at}.${aspect}`, { swagger: left, document: right });
  }
}

/** Every difference of the definitions both sides have, keyed `Definition.property.aspect`. */
export function compareDefinitions(swagger: Definitions, document: Definitions): Map<string, Difference> {
  const out = new Map<string, Difference>();
  for (const name of Object.keys(swagger)
    .filter((each) => each in document)
    .sort()) {
    const [left, right] = [swagger[name] ?? {}, document[name] ?? {}];
    if (left.type !== 'object' || right.type !== 'object') {
      compareShapes(name, shape(left, swagger), shape(right, document), out);
      continue;
    }
    const required = [
      JSON.stringify([...((left.required as string[]) ?? [])].sort()),
      JSON.stringify([...((right.required as string[]) ?? [])].sort()),
    ];
    if (required[0] !== required[1])
      out.set(`${name}.required`, { swagger: required[0] ?? '', document: required[1] ?? '' });
    const [leftProperties, rightProperties] = [left.properties ?? {}, right.properties ?? {}] as Record<
      string,
      unknown
    >[];
    for (const property of new Set([
      ...Object.keys(leftProperties ?? {}),
      ...Object.keys(rightProperties ?? {}),
    ])) {
      const [l, r] = [leftProperties?.[property], rightProperties?.[property]];
      if (l === undefined || r === undefined) {
        out.set(`${name}.${property}`, { swagger: l ? 'present' : ABSENT, document: r ? 'present' : ABSENT });
        continue;
      }
      compareShapes(`${name}.${property}`, shape(l, swagger), shape(r, document), out);
    }
  }
  return out;
}
