import { isPsd2Role, PSD2_ORGANIZATION_IDENTIFIER, type Psd2Role } from '@openstet/protocol';
import { UsageError } from './exit-codes.ts';

export function organizationIdentifier(value: string): string {
  if (!PSD2_ORGANIZATION_IDENTIFIER.test(value)) {
    throw new UsageError(
      `--org-id "${value}" is not a PSD2 organisation identifier such as PSDFR-ACPR-12345`,
    );
  }
  return value;
}

export function roles(value: string): Psd2Role[] {
  const list = value.split(',').map((role) => role.trim().toUpperCase());
  const unknown = list.filter((role) => !isPsd2Role(role));
  if (list.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--roles: unknown role ${unknown.join(', ') || '(none)'}; use PSP_AS, PSP_PI, PSP_AI, PSP_IC`,
    );
  }
  return list as Psd2Role[];
}
