import Type, { type Static } from 'typebox';
import { Text } from './schema-kit.ts';

/** STET `GenericLink` (HAL): `href` of at most 140 characters, `templated` when it is a URI template. */
export const GenericLink = Type.Object(
  {
    href: Text(140, { description: 'URI to be used' }),
    templated: Type.Optional(
      Type.Boolean({
        description: 'true if href is a URI template, i.e. with parameters; otherwise absent or false',
      }),
    ),
  },
  { title: 'GenericLink', description: 'hypertext reference' },
);
export type GenericLink = Static<typeof GenericLink>;

/** The `_links` object of a HAL resource: `required` relations first, then the optional ones, all GenericLinks. */
export function Links<const Required extends string, const Optional extends string>(
  title: string,
  description: string,
  required: readonly Required[],
  optional: readonly Optional[],
) {
  const properties = {
    ...Object.fromEntries(required.map((name) => [name, GenericLink])),
    ...Object.fromEntries(optional.map((name) => [name, Type.Optional(GenericLink)])),
  };
  return Type.Unsafe<{ [K in Required]: GenericLink } & { [K in Optional]?: GenericLink }>(
    Type.Object(properties, { title, description }),
  );
}
