import type { TSchema } from 'typebox';
import { isRecord } from './schema-pointer.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** The order keys are written in inside a schema, for a document that reads well and never reorders itself. */
const KEY_ORDER = [
  '$ref',
  'title',
  'description',
  'type',
  'format',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'minItems',
  'maxItems',
  'items',
  'required',
  'properties',
  'anyOf',
];
/** Keywords whose value is a map of names to schemas: the map keeps its order, its values are schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);

/**
 * Collects the OpenAPI `components.schemas` of a set of TypeBox schemas: every schema titled with a STET
 * definition name becomes a component, and each place it appears a `$ref` to it, so the document carries
 * STET's names. Two different schemas under one title would be a modelling error: it throws.
 */
export class ComponentSchemas {
  readonly #schemas = new Map<string, JsonObject>();
  readonly #texts = new Map<string, string>();

  /** Adds a schema (and the titled schemas inside it); returns the `$ref` to use for it. */
  reference(schema: TSchema): JsonObject {
    return this.#schema(schema as Json, false) as JsonObject;
  }

  /** The components, by name in alphabetical order. */
  all(): Record<string, JsonObject> {
    const names = [...this.#schemas.keys()].sort();
    return Object.fromEntries(names.map((name) => [name, this.#schemas.get(name) as JsonObject]));
  }

  #schema(node: Json, asComponent: boolean): Json {
    if (!isRecord(node)) return node;
    if (typeof node.title === 'string' && !asComponent) return this.#register(node.title, node);
    const keys = [
      ...KEY_ORDER.filter((key) => key in node),
      ...Object.keys(node).filter((key) => !KEY_ORDER.includes(key)),
    ];
    return Object.fromEntries(keys.map((key) => [key, this.#keyword(key, node[key])]));
  }

  #keyword(key: string, value: Json): Json {
    if (SCHEMA_MAPS.has(key) && isRecord(value))
      return Object.fromEntries(
        Object.entries(value).map(([name, item]) => [name, this.#schema(item, false)]),
      );
    if (SCHEMA_VALUES.has(key)) return this.#schema(value, false);
    if (SCHEMA_LISTS.has(key) && Array.isArray(value)) return value.map((item) => this.#schema(item, false));
    return structuredClone(value);
  }

  #register(name: string, node: JsonObject): JsonObject {
    const component = this.#schema(node, true) as JsonObject;
    const text = JSON.stringify(component);
    const known = this.#texts.get(name);
    if (known !== undefined && known !== text)
      throw new Error(`Two different schemas are titled ${name}: one STET name, one schema per version`);
    this.#texts.set(name, text);
    this.#schemas.set(name, component);
    return { $ref: `#/components/schemas/${name}` };
  }
}
