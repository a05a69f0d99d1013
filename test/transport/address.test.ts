/** Address parsing and formatting, checked against what net-snmp 5.9's snmpget accepts (see each case). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError, TransportError } from '../../src/errors.js';
import { formatAddress, parseAddress, resolveAddress, sameAddress } from '../../src/transport/address.js';

// Each row: input, [domain, host, port]. All were accepted by `snmpget -d` here, which
// sent to the same endpoint (checked by hand with net-snmp 5.9 on Debian).
const accepted: Array<[string, string, string, number]> = [
  ['127.0.0.1', 'udp', '127.0.0.1', 161],
  ['127.0.0.1:1161', 'udp', '127.0.0.1', 1161],
  ['udp:127.0.0.1:1161', 'udp', '127.0.0.1', 1161],
  ['UDP:127.0.0.1:1161', 'udp', '127.0.0.1', 1161],
  ['udp:[127.0.0.1]:1161', 'udp', '127.0.0.1', 1161],
  ['localhost', 'udp', 'localhost', 161],
  ['localhost:1161', 'udp', 'localhost', 1161],
  ['udp:router-1.example.net:1161', 'udp', 'router-1.example.net', 1161],
  ['udp6:[::1]:1161', 'udp6', '::1', 1161],
  ['udp6:[::1]', 'udp6', '::1', 161],
  ['udp6:::1', 'udp6', '::1', 161],
  ['[::1]:1161', 'udp6', '::1', 1161],
  ['[::1]', 'udp6', '::1', 161],
  ['::1', 'udp6', '::1', 161],
  ['0:0:0:0:0:0:0:1', 'udp6', '::1', 161],
  ['udp6:[FE80::A%lo]:1161', 'udp6', 'fe80::a%lo', 1161],
  ['ipv6:[::1]:1161', 'udp6', '::1', 1161],
  ['udpv6:[::1]:1161', 'udp6', '::1', 1161],
  ['udpipv6:[::1]:1161', 'udp6', '::1', 1161],
  ['tcp:127.0.0.1:1161', 'tcp', '127.0.0.1', 1161],
  ['tcp6:[::1]:1161', 'tcp6', '::1', 1161],
  ['tcpv6:[::1]:1161', 'tcp6', '::1', 1161],
  ['tcpipv6:[::1]:1161', 'tcp6', '::1', 1161],
  ['TCP6:::1', 'tcp6', '::1', 161],
  // The pitfall net-snmp shares: an unbracketed IPv6 literal never carries a port, and
  // "::1:1161" is itself a valid address.
  ['udp6:::1:1161', 'udp6', '::0.1.17.97', 161], // inet_ntop's form of ::1:1161
  // Digits alone are a port on the wildcard host; an empty endpoint is the wildcard on the default port.
  ['udp:1161', 'udp', '0.0.0.0', 1161],
  ['1161', 'udp', '0.0.0.0', 1161],
  [':1161', 'udp', '0.0.0.0', 1161],
  ['udp6:1161', 'udp6', '::', 1161],
  ['udp:', 'udp', '0.0.0.0', 161],
  ['udp6:', 'udp6', '::', 161],
  ['udp:127.0.0.1:0', 'udp', '127.0.0.1', 0],
  ['udp:127.0.0.1:65535', 'udp', '127.0.0.1', 65535],
];

for (const [text, domain, host, port] of accepted) {
  test(`parseAddress accepts ${text}`, () => {
    assert.deepEqual(parseAddress(text), { domain, host, port });
  });
}

// Each was refused by snmpget ("Unknown host") or names something tsnmp does not speak.
const refused: Array<[string, RegExp]> = [
  ['', /empty/],
  ['udp6:::1:19999', /neither an IPv6 address nor host:port/],
  ['localhost:1161:1', /neither an IPv6 address nor host:port/],
  ['udp:[::1]:1161', /IPv6 address ::1 in the udp domain/],
  ['tcp:::1', /IPv6 address ::1 in the tcp domain/],
  ['udp6:127.0.0.1:1161', /IPv4 address 127.0.0.1 in the udp6 domain/],
  ['udp:127.0.0.1:99999', /above 65535/],
  ['udp:127.0.0.1:abc', /not a decimal number/],
  ['udp:127.0.0.1:+5', /not a decimal number/],
  ['127.0.0.1:', /not a decimal number/],
  ['udp6:[::1]x', /unexpected "x"/],
  ['udp6:[::1', /without "\]"/],
  ['udp6:[]:161', /empty brackets/],
  ['[1::2::3]:161', /not an IPv6 address/],
  ['unix:/tmp/snmp', /domain "unix" is not supported/],
  ['dtlsudp:host:10161', /domain "dtlsudp" is not supported/],
  ['udp:127.0.0.1@lo:161', /interface binding/],
  ['udp:bad host:161', /not a valid host name/],
  ['udp:a..b:161', /not a valid host name/],
];

for (const [text, reason] of refused) {
  test(`parseAddress refuses ${JSON.stringify(text)}`, () => {
    assert.throws(() => parseAddress(text), (err: unknown) => err instanceof InvalidArgumentError && reason.test(err.message));
  });
}

test('parseAddress takes the default port as a parameter (162 for notifications)', () => {
  assert.deepEqual(parseAddress('udp:10.0.0.1', 162), { domain: 'udp', host: '10.0.0.1', port: 162 });
  assert.deepEqual(parseAddress('udp:10.0.0.1:5162', 162), { domain: 'udp', host: '10.0.0.1', port: 5162 });
  assert.throws(() => parseAddress('x', 70000), InvalidArgumentError);
});

test('formatAddress writes targets as net-snmp does and parses back', () => {
  const cases: Array<[string, string]> = [
    ['127.0.0.1:1161', 'udp:127.0.0.1:1161'],
    ['udp6:::1', 'udp6:[::1]:161'],
    ['tcp6:[::1]:1161', 'tcp6:[::1]:1161'],
    ['tcp:localhost:1161', 'tcp:localhost:1161'],
    ['udp6:[fe80::1%eth0]:1161', 'udp6:[fe80::1%eth0]:1161'],
  ];
  for (const [input, output] of cases) {
    const a = parseAddress(input);
    assert.equal(formatAddress(a), output);
    assert.ok(sameAddress(parseAddress(formatAddress(a)), a));
  }
});

test('sameAddress compares canonical IPv6 literals', () => {
  assert.ok(sameAddress(parseAddress('udp6:[0:0::1]:161'), parseAddress('::1')));
  assert.ok(!sameAddress(parseAddress('udp6:[::1]:161'), parseAddress('tcp6:[::1]:161')));
  assert.ok(!sameAddress(parseAddress('udp:127.0.0.1:161'), parseAddress('udp:127.0.0.1:162')));
});

test('resolveAddress resolves names in the domain family and leaves literals alone', async () => {
  const literal = parseAddress('udp:127.0.0.1:1161');
  assert.equal(await resolveAddress(literal), literal);
  assert.deepEqual(await resolveAddress(parseAddress('udp:localhost:1161')), { domain: 'udp', host: '127.0.0.1', port: 1161 });
  await assert.rejects(resolveAddress(parseAddress('udp:no-such-host.invalid:161')), (err: unknown) => err instanceof TransportError && /Unknown host no-such-host\.invalid/.test(err.message));
});
