/**
 * The agent of the bulk walk benchmark: net-snmp's snmpd serving a large static table.
 *
 * snmpd's data-driven tables (`table NAME` and `add_row NAME INDEX VALUES` in snmpd.conf,
 * the table_tdata helper) need the table's MIB definition, so a small MIB module is
 * generated with it: BENCH-MIB::benchTable at 1.3.6.1.4.1.99999.2, ROWS rows of COLUMNS
 * columns (Counter32, Gauge32, TimeTicks, IpAddress, Counter64, OID, OCTET STRING,
 * Integer32 in turn). The helper finds a row by a linear search, so a request costs snmpd
 * time in proportion to the number of rows: the table is wide (1000 rows of 100 columns
 * by default) to keep snmpd from being the bottleneck. Other ways to load 100,000 values
 * were slower: 100,000 `override` lines take minutes to load (each is a registration), and
 * a 100,000-row table makes every GetBulk scan all rows (about 40 s per walk).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The table's OID. */
export const BENCH_TABLE_OID = '1.3.6.1.4.1.99999.2';

const TYPES = ['Integer32', 'OCTET STRING', 'Counter32', 'Gauge32', 'TimeTicks', 'IpAddress', 'Counter64', 'OBJECT IDENTIFIER'] as const;

/** A running benchmark snmpd. */
export interface BenchAgent {
  readonly port: number;
  readonly pid: number;
  readonly dir: string;
  stop(): Promise<void>;
}

function mibText(columns: number): string {
  const type = (c: number): string => TYPES[c % TYPES.length]!;
  const out = [
    'BENCH-MIB DEFINITIONS ::= BEGIN',
    '',
    'benchTable OBJECT-TYPE',
    '    SYNTAX SEQUENCE OF BenchEntry',
    '    MAX-ACCESS not-accessible',
    '    STATUS current',
    '    DESCRIPTION "A large static table for benchmarks."',
    '    ::= { iso 3 6 1 4 1 99999 2 }',
    '',
    'benchEntry OBJECT-TYPE',
    '    SYNTAX BenchEntry',
    '    MAX-ACCESS not-accessible',
    '    STATUS current',
    '    DESCRIPTION "A row."',
    '    INDEX { benchIndex }',
    '    ::= { benchTable 1 }',
    '',
    `BenchEntry ::= SEQUENCE { benchIndex Integer32, ${Array.from({ length: columns }, (_, i) => `benchC${i + 2} ${type(i + 2)}`).join(', ')} }`,
    '',
    'benchIndex OBJECT-TYPE',
    '    SYNTAX Integer32 (1..2147483647)',
    '    MAX-ACCESS not-accessible',
    '    STATUS current',
    '    DESCRIPTION "Index."',
    '    ::= { benchEntry 1 }',
  ];
  for (let c = 2; c < columns + 2; c++) {
    out.push('', `benchC${c} OBJECT-TYPE`, `    SYNTAX ${type(c)}`, '    MAX-ACCESS read-only', '    STATUS current', '    DESCRIPTION "Column."', `    ::= { benchEntry ${c} }`);
  }
  out.push('', 'END', '');
  return out.join('\n');
}

function cell(c: number, r: number): string {
  switch (TYPES[c % TYPES.length]) {
    case 'OCTET STRING':
      return `row${r}col${c}`;
    case 'IpAddress':
      return `10.${c}.${r >> 8}.${r & 255}`;
    case 'OBJECT IDENTIFIER':
      return `.1.3.6.1.4.1.99999.${c}.${r}`;
    case 'Counter64':
      return String(BigInt(r) * 1000003n * BigInt(c) * 4099n);
    default:
      return String(r * 7 + c);
  }
}

/**
 * Starts snmpd with the generated table on 127.0.0.1:`port` and waits until the last cell
 * answers. `cpu` pins it with taskset.
 * @throws Error when snmpd does not come up within 60 s.
 */
export async function startBenchAgent(port: number, rows: number, columns: number, cpu?: number): Promise<BenchAgent> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-bench-bulkwalk-'));
  mkdirSync(path.join(dir, 'mibs'));
  writeFileSync(path.join(dir, 'mibs', 'BENCH-MIB.txt'), mibText(columns));
  const lines = [`agentaddress udp:127.0.0.1:${port}`, 'rocommunity public default', 'table BENCH-MIB::benchTable'];
  for (let r = 1; r <= rows; r++) {
    const cells: string[] = [];
    for (let c = 2; c < columns + 2; c++) cells.push(cell(c, r));
    lines.push(`add_row BENCH-MIB::benchTable ${r} ${cells.join(' ')}`);
  }
  writeFileSync(path.join(dir, 'snmpd.conf'), `${lines.join('\n')}\n`);
  const args = ['/usr/sbin/snmpd', '-f', '-C', '-c', path.join(dir, 'snmpd.conf'), '-LF', '0-4', path.join(dir, 'snmpd.log'), '-p', path.join(dir, 'snmpd.pid'), `--persistentDir=${path.join(dir, 'persist')}`, '-M', path.join(dir, 'mibs'), '-m', 'BENCH-MIB', '-I', '-smux'];
  const cmd = cpu === undefined ? args : ['taskset', '-c', String(cpu), ...args];
  const child: ChildProcess = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = async (): Promise<void> => {
    if (!exited) {
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await done;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const lastCell = `${BENCH_TABLE_OID}.1.${columns + 1}.${rows}`;
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (exited) throw new Error('snmpd exited at start');
    const r = spawnSync('snmpget', ['-v2c', '-c', 'public', '-r', '0', '-t', '0.5', '-On', `udp:127.0.0.1:${port}`, lastCell], { encoding: 'utf8', env: { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' } });
    if (r.status === 0 && !r.stdout.includes('No Such')) return { port, pid: child.pid!, dir, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let log = '';
  try {
    log = readFileSync(path.join(dir, 'snmpd.log'), 'utf8').slice(-2000);
  } catch {
    // no log
  }
  await stop();
  throw new Error(`snmpd did not serve the benchmark table within 60 s:\n${log}`);
}
