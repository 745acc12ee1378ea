import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { OpenApiDocument } from '../src/index.ts';

/**
 * A validator of one component of a generated OpenAPI document, read from the document itself (its
 * `$ref`s resolved against its own `components`), so a test exercises the published schema rather than
 * the TypeBox source it came from.
 */
export function componentValidator(document: OpenApiDocument, name: string) {
  const schema = { $ref: `#/components/schemas/${name}`, components: document.components } as TSchema;
  return Compile(schema);
}

/** Every `$ref` string found anywhere in a JSON value. */
export function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [item] : references(item),
  );
}

/** The value a local `$ref` (`#/components/schemas/X`) designates in the document, or undefined. */
export function resolve(document: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, token) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[token] : undefined,
      document,
    );
}
