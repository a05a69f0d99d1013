/**
 * The base SMI modules, built in so that nothing needs a file to know what `Counter32`
 * or `DisplayString` is. These texts restate the definitions of RFC 2578 (SNMPv2-SMI),
 * RFC 2579 (SNMPv2-TC), RFC 2580 (SNMPv2-CONF), RFC 1155 (RFC1155-SMI), RFC 1212 and
 * RFC 1215 in the SMI itself, with short descriptions; the macros are declared by name.
 */

const SNMPV2_SMI = `SNMPv2-SMI DEFINITIONS ::= BEGIN
org            OBJECT IDENTIFIER ::= { iso 3 }
dod            OBJECT IDENTIFIER ::= { org 6 }
internet       OBJECT IDENTIFIER ::= { dod 1 }
directory      OBJECT IDENTIFIER ::= { internet 1 }
mgmt           OBJECT IDENTIFIER ::= { internet 2 }
mib-2          OBJECT IDENTIFIER ::= { mgmt 1 }
transmission   OBJECT IDENTIFIER ::= { mib-2 10 }
experimental   OBJECT IDENTIFIER ::= { internet 3 }
private        OBJECT IDENTIFIER ::= { internet 4 }
enterprises    OBJECT IDENTIFIER ::= { private 1 }
security       OBJECT IDENTIFIER ::= { internet 5 }
snmpV2         OBJECT IDENTIFIER ::= { internet 6 }
snmpDomains    OBJECT IDENTIFIER ::= { snmpV2 1 }
snmpProxys     OBJECT IDENTIFIER ::= { snmpV2 2 }
snmpModules    OBJECT IDENTIFIER ::= { snmpV2 3 }
ExtUTCTime ::= OCTET STRING (SIZE (11 | 13))
MODULE-IDENTITY MACRO ::= BEGIN END
OBJECT-IDENTITY MACRO ::= BEGIN END
ObjectName ::= OBJECT IDENTIFIER
NotificationName ::= OBJECT IDENTIFIER
ObjectSyntax ::= CHOICE { simple SimpleSyntax, application-wide ApplicationSyntax }
SimpleSyntax ::= CHOICE { integer-value INTEGER (-2147483648..2147483647), string-value OCTET STRING (SIZE (0..65535)), objectID-value OBJECT IDENTIFIER }
Integer32 ::= INTEGER (-2147483648..2147483647)
ApplicationSyntax ::= CHOICE { ipAddress-value IpAddress, counter-value Counter32, timeticks-value TimeTicks, arbitrary-value Opaque, big-counter-value Counter64, unsigned-integer-value Unsigned32 }
IpAddress ::= [APPLICATION 0] IMPLICIT OCTET STRING (SIZE (4))
Counter32 ::= [APPLICATION 1] IMPLICIT INTEGER (0..4294967295)
Gauge32 ::= [APPLICATION 2] IMPLICIT INTEGER (0..4294967295)
Unsigned32 ::= [APPLICATION 2] IMPLICIT INTEGER (0..4294967295)
TimeTicks ::= [APPLICATION 3] IMPLICIT INTEGER (0..4294967295)
Opaque ::= [APPLICATION 4] IMPLICIT OCTET STRING
Counter64 ::= [APPLICATION 6] IMPLICIT INTEGER (0..18446744073709551615)
OBJECT-TYPE MACRO ::= BEGIN END
NOTIFICATION-TYPE MACRO ::= BEGIN END
zeroDotZero OBJECT-IDENTITY
    STATUS current
    DESCRIPTION "A value used for null identifiers."
    ::= { 0 0 }
END
`;

const SNMPV2_TC = `SNMPv2-TC DEFINITIONS ::= BEGIN
IMPORTS TimeTicks FROM SNMPv2-SMI;
TEXTUAL-CONVENTION MACRO ::= BEGIN END
DisplayString ::= TEXTUAL-CONVENTION
    DISPLAY-HINT "255a"
    STATUS current
    DESCRIPTION "NVT ASCII text, at most 255 characters."
    SYNTAX OCTET STRING (SIZE (0..255))
PhysAddress ::= TEXTUAL-CONVENTION
    DISPLAY-HINT "1x:"
    STATUS current
    DESCRIPTION "A media- or physical-level address."
    SYNTAX OCTET STRING
MacAddress ::= TEXTUAL-CONVENTION
    DISPLAY-HINT "1x:"
    STATUS current
    DESCRIPTION "An IEEE 802 MAC address in canonical order."
    SYNTAX OCTET STRING (SIZE (6))
TruthValue ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "A boolean value."
    SYNTAX INTEGER { true(1), false(2) }
TestAndIncr ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "An integer for cooperating managers: a set must carry the current value, which then increments."
    SYNTAX INTEGER (0..2147483647)
AutonomousType ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "An independently extensible type identification value."
    SYNTAX OBJECT IDENTIFIER
InstancePointer ::= TEXTUAL-CONVENTION
    STATUS obsolete
    DESCRIPTION "A pointer to a specific instance of a MIB object (obsolete)."
    SYNTAX OBJECT IDENTIFIER
VariablePointer ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "A pointer to a specific object instance."
    SYNTAX OBJECT IDENTIFIER
RowPointer ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "A pointer to a conceptual row."
    SYNTAX OBJECT IDENTIFIER
RowStatus ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "The status of a conceptual row, used to create and delete rows."
    SYNTAX INTEGER { active(1), notInService(2), notReady(3), createAndGo(4), createAndWait(5), destroy(6) }
TimeStamp ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "The value of sysUpTime at which an event occurred."
    SYNTAX TimeTicks
TimeInterval ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "A period of time, in hundredths of a second."
    SYNTAX INTEGER (0..2147483647)
DateAndTime ::= TEXTUAL-CONVENTION
    DISPLAY-HINT "2d-1d-1d,1d:1d:1d.1d,1a1d:1d"
    STATUS current
    DESCRIPTION "A date-time specification."
    SYNTAX OCTET STRING (SIZE (8 | 11))
StorageType ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "The storage type of a conceptual row."
    SYNTAX INTEGER { other(1), volatile(2), nonVolatile(3), permanent(4), readOnly(5) }
TDomain ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "A kind of transport service."
    SYNTAX OBJECT IDENTIFIER
TAddress ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "A transport service address."
    SYNTAX OCTET STRING (SIZE (1..255))
END
`;

const SNMPV2_CONF = `SNMPv2-CONF DEFINITIONS ::= BEGIN
IMPORTS ObjectName, NotificationName, ObjectSyntax FROM SNMPv2-SMI;
OBJECT-GROUP MACRO ::= BEGIN END
NOTIFICATION-GROUP MACRO ::= BEGIN END
MODULE-COMPLIANCE MACRO ::= BEGIN END
AGENT-CAPABILITIES MACRO ::= BEGIN END
END
`;

const RFC1155_SMI = `RFC1155-SMI DEFINITIONS ::= BEGIN
EXPORTS -- EVERYTHING
    internet, directory, mgmt, experimental, private, enterprises, OBJECT-TYPE, ObjectName, ObjectSyntax, SimpleSyntax,
    ApplicationSyntax, NetworkAddress, IpAddress, Counter, Gauge, TimeTicks, Opaque;
internet      OBJECT IDENTIFIER ::= { iso org(3) dod(6) 1 }
directory     OBJECT IDENTIFIER ::= { internet 1 }
mgmt          OBJECT IDENTIFIER ::= { internet 2 }
experimental  OBJECT IDENTIFIER ::= { internet 3 }
private       OBJECT IDENTIFIER ::= { internet 4 }
enterprises   OBJECT IDENTIFIER ::= { private 1 }
OBJECT-TYPE MACRO ::= BEGIN END
ObjectName ::= OBJECT IDENTIFIER
ObjectSyntax ::= CHOICE { simple SimpleSyntax, application-wide ApplicationSyntax }
SimpleSyntax ::= CHOICE { number INTEGER, string OCTET STRING, object OBJECT IDENTIFIER, empty NULL }
ApplicationSyntax ::= CHOICE { address NetworkAddress, counter Counter, gauge Gauge, ticks TimeTicks, arbitrary Opaque }
NetworkAddress ::= CHOICE { internet IpAddress }
IpAddress ::= [APPLICATION 0] IMPLICIT OCTET STRING (SIZE (4))
Counter ::= [APPLICATION 1] IMPLICIT INTEGER (0..4294967295)
Gauge ::= [APPLICATION 2] IMPLICIT INTEGER (0..4294967295)
TimeTicks ::= [APPLICATION 3] IMPLICIT INTEGER (0..4294967295)
Opaque ::= [APPLICATION 4] IMPLICIT OCTET STRING
END
`;

const RFC_1212 = `RFC-1212 DEFINITIONS ::= BEGIN
IMPORTS ObjectName FROM RFC1155-SMI;
OBJECT-TYPE MACRO ::= BEGIN END
END
`;

const RFC_1215 = `RFC-1215 DEFINITIONS ::= BEGIN
IMPORTS ObjectName FROM RFC1155-SMI;
TRAP-TYPE MACRO ::= BEGIN END
END
`;

/** The built-in modules by name: SMI text. */
export const BASE_MODULES: ReadonlyMap<string, string> = new Map([
  ['SNMPv2-SMI', SNMPV2_SMI],
  ['SNMPv2-TC', SNMPV2_TC],
  ['SNMPv2-CONF', SNMPV2_CONF],
  ['RFC1155-SMI', RFC1155_SMI],
  ['RFC-1212', RFC_1212],
  ['RFC-1215', RFC_1215],
]);

/** The file name under which built-in modules are reported. */
export const BUILTIN_FILE = '<builtin>';
