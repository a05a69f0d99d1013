/*
 * A cheap SNMP load generator for bench/agent.ts: one non-blocking UDP socket, a fixed
 * number of requests in flight, a new request sent for every response received.
 *
 *   agent-loadgen get  HOST PORT SECONDS INFLIGHT COMMUNITY OID...
 *       v2c GetRequest with every OID; prints "responses=N seconds=S"
 *   agent-loadgen bulk HOST PORT SECONDS INFLIGHT COMMUNITY MAXREP ROOT
 *       INFLIGHT concurrent GetBulk walks of ROOT (non-repeaters 0), each restarting at
 *       ROOT when it leaves the subtree; prints "responses=N varbinds=V seconds=S"
 *
 * A request without an answer for a second is sent again with a new request-id (counted as
 * "stalls"). The generator's own CPU time is printed so that a saturated generator shows.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXPKT 65536
#define MAXOID 128
#define MAXSLOTS 1024

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Encodes a dotted OID's content octets; returns their length. */
static int oid_content(const char *text, unsigned char *out) {
  unsigned long arcs[MAXOID];
  int n = 0;
  const char *p = text;
  if (*p == '.') p++;
  while (*p && n < MAXOID) {
    arcs[n++] = strtoul(p, (char **)&p, 10);
    if (*p == '.') p++;
  }
  int len = 0;
  unsigned long first = arcs[0] * 40 + (n > 1 ? arcs[1] : 0);
  for (int i = 1; i < n; i++) {
    unsigned long v = i == 1 ? first : arcs[i];
    unsigned char tmp[5];
    int k = 0;
    do {
      tmp[k++] = v & 0x7f;
      v >>= 7;
    } while (v);
    while (k > 0) {
      k--;
      out[len++] = tmp[k] | (k ? 0x80 : 0);
    }
  }
  return len;
}

/* Writes a tag and a length (short or 0x82 two-byte form). */
static int put_hdr(unsigned char *p, int tag, int len) {
  p[0] = tag;
  if (len < 128) {
    p[1] = len;
    return 2;
  }
  p[1] = 0x82;
  p[2] = len >> 8;
  p[3] = len & 0xff;
  return 4;
}

/* Builds a v2c request; the request-id is 4 bytes at *idpos. */
static int build(unsigned char *out, int pdutag, const char *community, int f1, int f2, unsigned char oids[][MAXOID * 5], int *oidlens, int noids, int *idpos) {
  unsigned char vbl[MAXPKT];
  int vl = 0;
  for (int i = 0; i < noids; i++) {
    unsigned char vb[MAXOID * 5 + 16];
    int l = put_hdr(vb, 0x06, oidlens[i]);
    memcpy(vb + l, oids[i], oidlens[i]);
    l += oidlens[i];
    vb[l++] = 0x05;
    vb[l++] = 0x00;
    vl += put_hdr(vbl + vl, 0x30, l);
    memcpy(vbl + vl, vb, l);
    vl += l;
  }
  unsigned char pdu[MAXPKT];
  int pl = 0;
  pdu[pl++] = 0x02; pdu[pl++] = 4; int idoff = pl; pl += 4;
  pdu[pl++] = 0x02; pdu[pl++] = 1; pdu[pl++] = f1;
  pdu[pl++] = 0x02; pdu[pl++] = 1; pdu[pl++] = f2;
  pl += put_hdr(pdu + pl, 0x30, vl);
  memcpy(pdu + pl, vbl, vl);
  pl += vl;
  unsigned char body[MAXPKT];
  int bl = 0;
  body[bl++] = 0x02; body[bl++] = 1; body[bl++] = 1;
  int cl = strlen(community);
  bl += put_hdr(body + bl, 0x04, cl);
  memcpy(body + bl, community, cl);
  bl += cl;
  int pduhdr = put_hdr(body + bl, pdutag, pl);
  *idpos = bl + pduhdr + idoff;
  bl += pduhdr;
  memcpy(body + bl, pdu, pl);
  bl += pl;
  int h = put_hdr(out, 0x30, bl);
  memcpy(out + h, body, bl);
  *idpos += h;
  return h + bl;
}

static void set_id(unsigned char *p, unsigned id) {
  p[0] = id >> 24; p[1] = id >> 16; p[2] = id >> 8; p[3] = id;
}

/* Reads a BER header at *p; returns the content length, advances *p past the header. */
static int hdr(const unsigned char *buf, int *p, int end, int *tag) {
  if (*p + 2 > end) return -1;
  *tag = buf[(*p)++];
  int len = buf[(*p)++];
  if (len & 0x80) {
    int n = len & 0x7f;
    len = 0;
    while (n--) {
      if (*p >= end) return -1;
      len = len * 256 + buf[(*p)++];
    }
  }
  return len;
}

/* Parses a response: request-id, varbind count, and the last varbind's OID and value tag. */
static int parse(const unsigned char *b, int n, unsigned *id, int *count, const unsigned char **lastoid, int *lastlen, int *lasttag) {
  int p = 0, t, l;
  if ((l = hdr(b, &p, n, &t)) < 0 || t != 0x30) return -1;
  if ((l = hdr(b, &p, n, &t)) < 0) return -1;
  p += l; /* version */
  if ((l = hdr(b, &p, n, &t)) < 0) return -1;
  p += l; /* community */
  if ((l = hdr(b, &p, n, &t)) < 0 || t != 0xa2) return -1;
  if ((l = hdr(b, &p, n, &t)) < 0) return -1;
  unsigned v = 0;
  for (int i = 0; i < l; i++) v = (v << 8) | b[p + i];
  *id = v; p += l;
  if ((l = hdr(b, &p, n, &t)) < 0) return -1;
  p += l;
  if ((l = hdr(b, &p, n, &t)) < 0) return -1;
  p += l;
  if ((l = hdr(b, &p, n, &t)) < 0 || t != 0x30) return -1;
  int end = p + l;
  *count = 0;
  while (p < end) {
    int vl = hdr(b, &p, n, &t);
    if (vl < 0) return -1;
    int q = p;
    int ol = hdr(b, &q, n, &t);
    if (ol < 0) return -1;
    *lastoid = b + q; *lastlen = ol;
    q += ol;
    int vt;
    if (hdr(b, &q, n, &vt) < 0) return -1;
    *lasttag = vt;
    p += vl;
    (*count)++;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 8) {
    fprintf(stderr, "usage: %s get|bulk HOST PORT SECONDS INFLIGHT COMMUNITY ...\n", argv[0]);
    return 2;
  }
  int bulk = strcmp(argv[1], "bulk") == 0;
  const char *host = argv[2];
  int port = atoi(argv[3]);
  double seconds = atof(argv[4]);
  int inflight = atoi(argv[5]);
  if (inflight > MAXSLOTS) inflight = MAXSLOTS;
  const char *community = argv[6];
  static unsigned char oids[64][MAXOID * 5];
  int oidlens[64];
  int noids = 0, maxrep = 0;
  if (bulk) {
    maxrep = atoi(argv[7]);
    oidlens[0] = oid_content(argv[8], oids[0]);
    noids = 1;
  } else {
    for (int i = 7; i < argc && noids < 64; i++) { oidlens[noids] = oid_content(argv[i], oids[noids]); noids++; }
  }
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {0};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  inet_pton(AF_INET, host, &to.sin_addr);
  if (connect(s, (struct sockaddr *)&to, sizeof to) != 0) { perror("connect"); return 1; }
  int big = 8 << 20;
  setsockopt(s, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  setsockopt(s, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);

  static unsigned char req[MAXSLOTS][MAXPKT / 16];
  static int reqlen[MAXSLOTS], idpos[MAXSLOTS];
  static unsigned expect[MAXSLOTS];
  static double sent[MAXSLOTS];
  double lastScan = now();
  unsigned seq = 1;
  for (int k = 0; k < inflight; k++) {
    reqlen[k] = build(req[k], bulk ? 0xa5 : 0xa0, community, 0, bulk ? maxrep : 0, oids, oidlens, noids, &idpos[k]);
  }
  static unsigned char buf[MAXPKT];
  long responses = 0, varbinds = 0, lost = 0;
  double start = now(), warm = start + 0.5, end = warm + seconds;
  int counting = 0;
  for (int k = 0; k < inflight; k++) {
    expect[k] = ((seq++ << 10) | k) & 0x7fffffff;
    set_id(req[k] + idpos[k], expect[k]);
    sent[k] = start;
    send(s, req[k], reqlen[k], 0);
  }
  struct pollfd pfd = { s, POLLIN, 0 };
  for (;;) {
    int r = poll(&pfd, 1, 50);
    double t = now();
    if (!counting && t >= warm) { counting = 1; responses = 0; varbinds = 0; start = t; }
    if (t >= end) break;
    if (t - lastScan > 0.1) {
      /* Requests lost by an overloaded agent: send them again after a second. */
      lastScan = t;
      for (int k = 0; k < inflight; k++) {
        if (t - sent[k] < 1.0) continue;
        expect[k] = ((seq++ << 10) | k) & 0x7fffffff;
        set_id(req[k] + idpos[k], expect[k]);
        sent[k] = t;
        send(s, req[k], reqlen[k], 0);
        lost++;
      }
    }
    if (r == 0) continue;
    for (;;) {
      int n = recv(s, buf, sizeof buf, MSG_DONTWAIT);
      if (n < 0) break;
      unsigned id; int count = 0, lastlen = 0, lasttag = 0; const unsigned char *lastoid = NULL;
      if (parse(buf, n, &id, &count, &lastoid, &lastlen, &lasttag) != 0) continue;
      int k = id & 1023;
      if (k >= inflight || id != expect[k]) continue;
      responses++;
      varbinds += count;
      if (bulk) {
        int inroot = lastoid != NULL && lastlen >= oidlens[0] && memcmp(lastoid, oids[0], oidlens[0]) == 0 && lasttag != 0x82;
        unsigned char next[1][MAXOID * 5];
        int nl[1];
        if (inroot) { memcpy(next[0], lastoid, lastlen); nl[0] = lastlen; }
        else { memcpy(next[0], oids[0], oidlens[0]); nl[0] = oidlens[0]; }
        reqlen[k] = build(req[k], 0xa5, community, 0, maxrep, next, nl, 1, &idpos[k]);
      }
      expect[k] = ((seq++ << 10) | k) & 0x7fffffff;
      set_id(req[k] + idpos[k], expect[k]);
      sent[k] = t;
      send(s, req[k], reqlen[k], 0);
    }
  }
  double el = now() - start;
  struct timespec cpu;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  printf("responses=%ld varbinds=%ld seconds=%.3f stalls=%ld cpu=%.3f\n", responses, varbinds, el, lost, cpu.tv_sec + cpu.tv_nsec / 1e9);
  return 0;
}
