/**
 * Child process for the kill -9 test: writes the state file in a loop (alternately with
 * the synchronous and the asynchronous writer), every state consistent in itself: both
 * values and engineBoots equal the iteration number. Prints "ready" after the first write.
 */
import { saveState, saveStateSync } from '../../src/agent/state-file.js';
import { Oid } from '../../src/smi/oid.js';
import { octetsFromText } from '../../src/smi/octets.js';

const file = process.argv[2]!;
const engineId = Uint8Array.of(0x80, 0, 0, 0, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
const pad = 'x'.repeat(4000);
const state = (i: number) => ({
  engineId,
  engineBoots: i,
  values: [
    { oid: Oid.parse('1.3.6.1.2.1.1.4.0'), type: 'OctetString' as const, value: octetsFromText(`${i}-${pad}`) },
    { oid: Oid.parse('1.3.6.1.2.1.1.5.0'), type: 'Integer32' as const, value: i },
  ],
});
saveStateSync(file, state(1));
process.stdout.write('ready\n');
for (let i = 2; i < 1_000_000; i++) {
  if (i % 2 === 0) saveStateSync(file, state(i));
  else await saveState(file, state(i));
}
