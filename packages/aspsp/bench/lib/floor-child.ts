/** The floor's process in a bench run, forked by the funds scenario: serves lib/floor-server.ts until disconnected. */

import { type FloorLaunch, startFloor } from './floor-server.ts';

if (!process.send) throw new Error('floor-child.ts is the bench’s own child process: run npm run bench');
const floor = await startFloor(JSON.parse(process.argv[2] ?? 'null') as FloorLaunch);
process.send({ type: 'ready', url: floor.url });
await new Promise<void>((resolve) => process.once('disconnect', resolve));
await floor.close();
