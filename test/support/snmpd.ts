/**
 * Starts net-snmp's snmpd (Debian package `snmpd`) on loopback high ports with its own
 * configuration and persistent directory, for interoperability tests; stops it after.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';

/** A running snmpd. */
export interface SnmpdHandle {
  /** UDP/TCP port it listens on (same number for udp, tcp, udp6, tcp6). */
  port: number;
  /** Its private directory (config, persistent state, log). */
  dir: string;
  /** The agent addresses it listens on, as net-snmp writes them. */
  addresses: string[];
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
  /** Its log so far. */
  log(): string;
}

/** Options of {@link startSnmpd}. */
export interface SnmpdOptions {
  /** Extra snmpd.conf lines. The default config has `rocommunity public`, `rwcommunity private`. */
  config?: string[];
  /** Replace the default config lines entirely. */
  replaceConfig?: boolean;
  /** Also listen on TCP and IPv6 (udp6/tcp6 on ::1). Default true. */
  allDomains?: boolean;
}

/** Path of snmpd, or undefined when it is not installed. */
export function snmpdPath(): string | undefined {
  for (const p of ['/usr/sbin/snmpd', '/usr/local/sbin/snmpd']) {
    try {
      readFileSync(p, { flag: 'r' }).length;
      return p;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/** True when net-snmp's command-line tools are installed. */
export function haveNetSnmpTools(): boolean {
  return spawnSync('snmpget', ['-V'], { encoding: 'utf8' }).status === 0;
}

/**
 * Starts snmpd on 127.0.0.1 (and ::1) at a free high port and waits until it answers.
 * @throws Error when snmpd is missing or does not come up within 10 s.
 */
export async function startSnmpd(options: SnmpdOptions = {}): Promise<SnmpdHandle> {
  const bin = snmpdPath();
  if (bin === undefined) throw new Error('snmpd is not installed (Debian package snmpd)');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-snmpd-'));
  const all = options.allDomains ?? true;
  const addresses = all
    ? [`udp:127.0.0.1:${port}`, `tcp:127.0.0.1:${port}`, `udp6:[::1]:${port}`, `tcp6:[::1]:${port}`]
    : [`udp:127.0.0.1:${port}`];
  const base = options.replaceConfig
    ? []
    : ['rocommunity public default', 'rwcommunity private default', 'rocommunity6 public default', 'rwcommunity6 private default'];
  const conf = [`agentaddress ${addresses.join(',')}`, ...base, ...(options.config ?? [])].join('\n') + '\n';
  const confFile = path.join(dir, 'snmpd.conf');
  writeFileSync(confFile, conf);
  const logFile = path.join(dir, 'snmpd.log');
  const child: ChildProcess = spawn(
    bin,
    ['-f', '-C', '-c', confFile, '-Lf', logFile, `--persistentDir=${dir}/persist`, '-p', path.join(dir, 'snmpd.pid'), '-M', '/nonexistent', '-m', ''],
    { stdio: 'ignore', env: { ...process.env, MIBS: '', MIBDIRS: '/nonexistent', SNMPCONFPATH: dir } },
  );
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const handle: SnmpdHandle = {
    port,
    dir,
    addresses,
    log: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    stop: async () => {
      if (!exited) {
        const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 3000);
        await done;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`snmpd exited at start:\n${handle.log()}`);
    const r = spawnSync('snmpget', ['-v2c', '-c', 'public', '-r', '0', '-t', '0.3', '-On', `udp:127.0.0.1:${port}`, '1.3.6.1.2.1.1.3.0'], {
      encoding: 'utf8',
      env: { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' },
    });
    if (r.status === 0) return handle;
    await new Promise((r2) => setTimeout(r2, 100));
  }
  await handle.stop();
  throw new Error('snmpd did not answer within 10 s');
}

/** Environment for running net-snmp's tools without MIB files (numeric OIDs only). */
export const NET_SNMP_ENV: NodeJS.ProcessEnv = { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' };
