/**
 * `tsnmp demo`: the README's main job. Starts the agent on its embedded default
 * configuration, then a manager session talks to it (a walk, a set and its read-back, a
 * refused set, a table), printing each step as the equivalent `tsnmp` command and its
 * output. The agent then keeps running for other commands until Ctrl-C (or stops at once
 * with `--exit`).
 */
import { createDefaultAgent, DEFAULT_AGENT_ADDRESSES, EXAMPLE_MIB } from '../../agent/default-agent.js';
import type { Agent } from '../../agent/agent.js';
import { ResponseStatusError, SnmpError } from '../../errors.js';
import { Session } from '../../manager/session.js';
import { octetsFromText } from '../../smi/octets.js';
import { Oid } from '../../smi/oid.js';
import { formatAddress } from '../../transport/address.js';
import { defaultOutputOptions } from '../format/output-options.js';
import { Printer } from '../format/printer.js';
import type { CliIo } from '../io.js';

/** Usage of `tsnmp demo`. */
export const DEMO_USAGE = `USAGE: tsnmp demo [--exit] [ADDRESS]

Starts an agent on the embedded default configuration (default udp:127.0.0.1:1161;
communities public: read-only, private: read-write; the system group and an example MIB),
then a manager session walks it, sets a value, reads it back and reads a table. The agent
keeps running until Ctrl-C, unless --exit is given.
`;

/** Runs the demo; resolves with the exit status. */
export async function runDemo(argv: readonly string[], io: CliIo): Promise<number> {
  let exitAfter = false;
  let address: string | undefined;
  for (const a of argv) {
    if (a === '--exit') exitAfter = true;
    else if (a === '-h' || a === '--help') {
      io.stdout(DEMO_USAGE);
      return 0;
    } else if (address === undefined && !a.startsWith('-')) address = a;
    else {
      io.stderr(`tsnmp demo: unexpected argument "${a}"\n${DEMO_USAGE}`);
      return 1;
    }
  }

  const agent = createDefaultAgent();
  let where: string;
  try {
    where = await listen(agent, address, io);
  } catch (err) {
    await agent.close();
    io.stderr(`tsnmp demo: cannot start the agent: ${(err as Error).message}\n`);
    return 1;
  }
  io.stdout(`Agent listening on ${where} (communities public: read-only, private: read-write)\n`);

  const printer = new Printer({ ...defaultOutputOptions(), oidFormat: 'numeric' });
  // The walks print what the tsnmp commands shown would, the exception value that ends a walk too.
  const AS_PRINTED = { includeExceptions: true };
  const reader = new Session({ peer: where, version: 'v2c', community: 'public', timeout: 1000, retries: 1 });
  const writer = new Session({ peer: where, version: 'v2c', community: 'private', timeout: 1000, retries: 1 });
  const note = Oid.parse(`${EXAMPLE_MIB}.3.0`);
  let status = 0;
  try {
    io.stdout(`\n$ tsnmp walk -v2c -c public -On ${where} 1.3.6.1.2.1.1\n`);
    for await (const vb of reader.walk('1.3.6.1.2.1.1', AS_PRINTED)) io.stdout(`${printer.line(vb)}\n`);

    const text = `hello from the manager at ${new Date().toISOString()}`;
    io.stdout(`\n$ tsnmp set -v2c -c private -On ${where} ${note} s "${text}"\n`);
    for (const vb of await writer.set([{ oid: note, type: 'OctetString', value: octetsFromText(text) }])) io.stdout(`${printer.line(vb)}\n`);

    io.stdout(`\n$ tsnmp get -v2c -c public -On ${where} ${note} 1.3.6.1.2.1.11.1.0\n`);
    for (const vb of await reader.get([note, '1.3.6.1.2.1.11.1.0'])) io.stdout(`${printer.line(vb)}\n`);

    io.stdout(`\n$ tsnmp set -v2c -c public -On ${where} ${note} s "not allowed"\n`);
    try {
      await reader.set([{ oid: note, type: 'OctetString', value: octetsFromText('not allowed') }]);
      io.stdout('(the read-only community was allowed to set: unexpected)\n');
      status = 1;
    } catch (err) {
      if (!(err instanceof ResponseStatusError)) throw err;
      io.stdout(`Error in packet.\nReason: ${err.status}\nFailed object: .${err.oid ?? ''}\n`);
    }

    io.stdout(`\n$ tsnmp bulkwalk -v2c -c public -On ${where} ${EXAMPLE_MIB}.10\n`);
    for await (const vb of reader.bulkWalk(`${EXAMPLE_MIB}.10`, AS_PRINTED)) io.stdout(`${printer.line(vb)}\n`);
  } catch (err) {
    io.stderr(`tsnmp demo: ${err instanceof SnmpError ? err.message : String(err)}\n`);
    status = 1;
  } finally {
    await reader.close();
    await writer.close();
  }

  if (!exitAfter && status === 0) {
    io.stdout(`\nThe agent keeps running. In another terminal, try:\n  npx tsnmp walk -v2c -c public ${where} 1.3.6.1.2.1.1\nPress Ctrl-C to stop.\n`);
    await new Promise<void>((resolve) => {
      if (io.signal === undefined || io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  await agent.close();
  return status;
}

/**
 * Listens on the address asked for, or the default one, falling back to any free port (and
 * saying so on stderr) when the default is taken.
 */
async function listen(agent: Agent, address: string | undefined, io: CliIo): Promise<string> {
  if (address !== undefined) return formatAddress((await agent.listen(address))[0]!);
  try {
    return formatAddress((await agent.listen([...DEFAULT_AGENT_ADDRESSES]))[0]!);
  } catch (err) {
    const where = formatAddress((await agent.listen('udp:127.0.0.1:0'))[0]!);
    io.stderr(`tsnmp demo: ${DEFAULT_AGENT_ADDRESSES.join(', ')} is not free (${(err as Error).message}); listening on ${where} instead: use that address in the commands below\n`);
    return where;
  }
}
