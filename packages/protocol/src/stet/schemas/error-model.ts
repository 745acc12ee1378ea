import Type, { type Static } from 'typebox';
import { DateTime, Text } from './schema-kit.ts';

/**
 * STET `ErrorModel` (1.4.0.47 definitions, CR188/189): the payload of every 4xx and 5xx. STET requires only
 * `status` and `message`; openstet always sends the five fields (DESIGN "Contracts"), so all are required
 * here. `error` carries the short code a program branches on (`StetErrorCode`: FF01, AC01, NGAC, …).
 */
export const ErrorModel = Type.Object(
  {
    timestamp: DateTime({ description: 'current timestamp' }),
    status: Type.Integer({ format: 'int32', description: 'HTTP error code' }),
    error: Text(140, { description: 'The error code: STET/CFONB code where the bank profile defines one' }),
    message: Text(140, { description: 'A sentence a developer can act on' }),
    path: Text(140, { description: 'Relevant path that was used' }),
  },
  { title: 'ErrorModel', description: 'Generic error report structure' },
);
export type ErrorModel = Static<typeof ErrorModel>;
