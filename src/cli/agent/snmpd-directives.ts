/**
 * Directives that net-snmp reads and `tsnmp agent -c` does not implement: a stock
 * snmpd.conf (Debian's has `master agentx` and `rouser`) still starts the agent, with a
 * warning for each such line, while a word net-snmp does not know either stays an error.
 * The lists come from net-snmp 5.9's snmpd.conf(5) and snmp.conf(5), checked against
 * Debian's snmpd 5.9.3 (which accepts the first list in snmpd.conf and warns "Unknown
 * token" for the second there, unless the line is marked `[snmp]`).
 */

/** snmpd.conf(5) directives that tsnmp agent ignores (lower case: net-snmp's tokens are case-insensitive). */
const SNMPD_ONLY = [
  // Agent operating mode, AgentX, SMUX, proxies, dynamic modules.
  'master', 'agentXSocket', 'agentXPerms', 'agentXTimeout', 'agentXRetries', 'agentXPingInterval',
  'agentuser', 'agentgroup', 'leave_pidfile', 'maxGetbulkRepeats', 'maxGetbulkResponses',
  'dontLogTCPWrappersConnects', 'smuxpeer', 'smuxsocket', 'proxy', 'dlmod', 'perl', 'perlInitFile',
  'disablePerl', 'injectHandler', 'table', 'add_row',
  // SNMPv3: engine and users, and the persistent state snmpd writes.
  'engineID', 'engineIDType', 'engineIDNic', 'createUser', 'rouser', 'rwuser', 'usmUser',
  'oldEngineID', 'engineBoots', 'setserialno',
  // Access control beyond the community subset tsnmp reads.
  'com2secunix', 'authcommunity', 'authuser', 'authgroup', 'authaccess', 'setaccess',
  'certSecName', 'trustCert', 'tsmUseTransportPrefix',
  // Notifications and the DisMan event and schedule MIBs.
  'trapsink', 'trap2sink', 'informsink', 'trapsess', 'trapcommunity', 'authtrapenable',
  'v1trapaddress', 'agentSecName', 'iquerySecName', 'monitor', 'defaultMonitors',
  'linkUpDownNotifications', 'notificationEvent', 'setEvent', 'strictDisman', 'repeat', 'cron',
  'at', 'notificationFilter', 'deliverByNotify', 'deliverByNotifyOid',
  'deliverByNotifyFrequencyOid', 'deliverByNotifyMaxPacketSize', 'deliverByNotifyMessageNumberOid',
  'deliverByNotifyMaxMessageNumberOid',
  // System monitoring and extension MIBs (UCD-SNMP, NET-SNMP-EXTEND, HOST-RESOURCES, IF-MIB).
  'proc', 'procfix', 'exec', 'execfix', 'sh', 'extend', 'extendfix', 'pass', 'pass_persist',
  'disk', 'includeAllDisks', 'ignoreDisk', 'diskio', 'diskio_exclude_fd', 'diskio_exclude_loop',
  'diskio_exclude_ram', 'load', 'swap', 'file', 'logmatch', 'skipNFSInHostResources',
  'storageUseNFS', 'realStorageUnits', 'interface', 'interface_fadeout', 'interface_replace_old',
  'ifmib_max_num_ifaces', 'include_ifmib_iface_prefix',
];

/** snmp.conf(5) directives (the library's, read by every net-snmp program). */
const SNMP_CONF = [
  'doDebugging', 'debugTokens', 'debugLogLevel', 'logTimestamp', 'dumpPacket', 'noRangeCheck',
  'noTokenWarnings', 'persistentDir', 'noPersistentLoad', 'noPersistentSave', 'tempFilePattern',
  'mibs', 'mibdirs', 'mibfile', 'showMibErrors', 'mibWarningLevel', 'mibAllowUnderline',
  'commentToEOL', 'defaultPort', 'defVersion', 'defCommunity', 'defDomain', 'defTarget',
  'defContext', 'defSecurityName', 'defSecurityLevel', 'defSecurityModel', 'defPassphrase',
  'defAuthType', 'defAuthPassphrase', 'defAuthMasterKey', 'defAuthLocalizedKey', 'defPrivType',
  'defPrivPassphrase', 'defPrivMasterKey', 'defPrivLocalizedKey', 'disableSNMPv1',
  'disableSNMPv2c', 'disableSNMPv3', 'clientaddr', 'clientaddrUsesPort', 'clientRecvBuf',
  'clientSendBuf', 'serverRecvBuf', 'serverSendBuf', 'sourceFilterType', 'sourceFilterAddress',
  'transport', 'alias', 'retries', 'timeout', 'dontLoadHostConfig', 'reverseEncodeBER',
  'dontBreakdownOids', 'dontPrintUnits', 'escapeQuotes', 'extendedIndex', 'hexOutputLength',
  'noDisplayHint', 'numericTimeticks', 'oidOutputFormat', 'outputPrecision', 'printHexText',
  'printNumericEnums', 'printNumericOids', 'printValueOnly', 'quickPrinting', 'suffixPrinting',
  'sshtosnmpsocket', 'sshtosnmpsocketperms', 'sshusername', 'sshpubkey', 'sshprivkey',
];

const SNMPD_SET: ReadonlySet<string> = new Set(SNMPD_ONLY.map((d) => d.toLowerCase()));
const SNMP_CONF_SET: ReadonlySet<string> = new Set(SNMP_CONF.map((d) => d.toLowerCase()));

/**
 * The warning text for a directive net-snmp knows and tsnmp agent ignores, or undefined
 * for a word net-snmp does not know either (an error).
 */
export function unsupportedDirectiveWarning(directive: string): string | undefined {
  const d = directive.toLowerCase();
  if (SNMPD_SET.has(d)) return `"${directive}" is not supported by tsnmp agent; line ignored`;
  if (SNMP_CONF_SET.has(d)) return `"${directive}" is an snmp.conf directive (net-snmp's snmpd ignores it here too); line ignored`;
  return undefined;
}
