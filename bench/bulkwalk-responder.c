/*
 * A fast in-memory SNMPv2c agent for the bulk walk benchmark (bench/bulkwalk.ts): it
 * serves the same table as bench/bulkwalk-agent.ts generates for snmpd (BENCH-MIB::benchTable
 * at 1.3.6.1.4.1.99999.2, ROWS x COLUMNS cells of the same types and values) with Get,
 * GetNext and GetBulk (RFC 3416 §4.2.3), so that the clients can be compared without snmpd
 * being the bottleneck. Prints "READY" once bound.
 *
 *   gcc -O2 -o bulkwalk-responder bench/bulkwalk-responder.c && ./bulkwalk-responder PORT ROWS COLUMNS
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const uint32_t PREFIX[] = { 1, 3, 6, 1, 4, 1, 99999, 2, 1 };
#define PLEN 9
static int ROWS, COLS; /* columns are numbered 2 .. COLS + 1 */

/* Column types in turn, by column number modulo 8, as bench/bulkwalk-agent.ts. */
enum { T_INT, T_STR, T_C32, T_G32, T_TT, T_IP, T_C64, T_OID };

typedef struct { uint8_t *buf; int pos; } bw;
static void put(bw *w, const uint8_t *s, int n) { w->pos -= n; memcpy(w->buf + w->pos, s, n); }
static void put_len(bw *w, int len) {
  if (len < 0x80) w->buf[--w->pos] = len;
  else if (len < 0x100) { w->buf[--w->pos] = len; w->buf[--w->pos] = 0x81; }
  else { w->buf[--w->pos] = len & 0xff; w->buf[--w->pos] = len >> 8; w->buf[--w->pos] = 0x82; }
}
static void put_hdr(bw *w, int tag, int len) { put_len(w, len); w->buf[--w->pos] = tag; }
static void put_uint(bw *w, int tag, uint64_t v) {
  int start = w->pos;
  do { w->buf[--w->pos] = v & 0xff; v >>= 8; } while (v);
  if (w->buf[w->pos] & 0x80) w->buf[--w->pos] = 0;
  put_hdr(w, tag, start - w->pos);
}
static void put_int(bw *w, int64_t v) {
  int start = w->pos;
  for (;;) {
    uint8_t b = v & 0xff;
    w->buf[--w->pos] = b;
    v >>= 8;
    if ((v == 0 && !(b & 0x80)) || (v == -1 && (b & 0x80))) break;
  }
  put_hdr(w, 0x02, start - w->pos);
}
static void put_subid(bw *w, uint32_t v) {
  w->buf[--w->pos] = v & 0x7f;
  for (v >>= 7; v; v >>= 7) w->buf[--w->pos] = 0x80 | (v & 0x7f);
}
static void put_oid(bw *w, const uint32_t *arcs, int n) {
  int start = w->pos;
  for (int i = n - 1; i >= 2; i--) put_subid(w, arcs[i]);
  put_subid(w, arcs[0] * 40 + arcs[1]);
  put_hdr(w, 0x06, start - w->pos);
}

/* Writes cell k (column-major: k = (col - 2) * ROWS + row - 1) as a varbind. */
static void put_cell(bw *w, long k) {
  int c = (int)(k / ROWS) + 2, r = (int)(k % ROWS) + 1;
  int mark = w->pos;
  char text[64];
  switch (c % 8) {
    case T_INT: put_int(w, (int64_t)r * 7 + c); break;
    case T_STR: { int n = sprintf(text, "row%dcol%d", r, c); put(w, (uint8_t *)text, n); put_hdr(w, 0x04, n); break; }
    case T_C32: put_uint(w, 0x41, (uint64_t)r * 7 + c); break;
    case T_G32: put_uint(w, 0x42, (uint64_t)r * 7 + c); break;
    case T_TT: put_uint(w, 0x43, (uint64_t)r * 7 + c); break;
    case T_IP: { uint8_t ip[4] = { 10, (uint8_t)c, (uint8_t)(r >> 8), (uint8_t)(r & 255) }; put(w, ip, 4); put_hdr(w, 0x40, 4); break; }
    case T_C64: put_uint(w, 0x46, (uint64_t)r * 1000003ULL * (uint64_t)c * 4099ULL); break;
    case T_OID: { uint32_t a[] = { 1, 3, 6, 1, 4, 1, 99999, (uint32_t)c, (uint32_t)r }; put_oid(w, a, 9); break; }
  }
  uint32_t name[PLEN + 2];
  memcpy(name, PREFIX, sizeof PREFIX);
  name[PLEN] = c;
  name[PLEN + 1] = r;
  put_oid(w, name, PLEN + 2);
  put_hdr(w, 0x30, mark - w->pos);
}

/* Compares cell k's OID with arcs[0..n). */
static int cmp_cell(long k, const uint32_t *arcs, int n) {
  uint32_t name[PLEN + 2];
  memcpy(name, PREFIX, sizeof PREFIX);
  name[PLEN] = (uint32_t)(k / ROWS) + 2;
  name[PLEN + 1] = (uint32_t)(k % ROWS) + 1;
  for (int i = 0; i < PLEN + 2 && i < n; i++) if (name[i] != arcs[i]) return name[i] < arcs[i] ? -1 : 1;
  return (PLEN + 2) - n;
}

/* After the table, one scalar (so that a walk of the table ends on an OID outside it, as
   with snmpd): 1.3.6.1.4.1.99999.3.0 = INTEGER 0. Entry codes: 0 .. total-1 the cells,
   total the scalar, total+1 an exception named by the request, total+2 endOfMibView named
   by the scalar (GetBulk past the end). */
static const uint32_t AFTER[] = { 1, 3, 6, 1, 4, 1, 99999, 3, 0 };

static int cmp_after(const uint32_t *arcs, int n) {
  for (int i = 0; i < 9 && i < n; i++) if (AFTER[i] != arcs[i]) return AFTER[i] < arcs[i] ? -1 : 1;
  return 9 - n;
}

/* The first entry whose OID is after arcs (GetNext). */
static long next_cell(const uint32_t *arcs, int n) {
  long total = (long)ROWS * COLS, lo = 0, hi = total;
  while (lo < hi) {
    long mid = (lo + hi) / 2;
    if (cmp_cell(mid, arcs, n) <= 0) lo = mid + 1; else hi = mid;
  }
  if (lo < total) return lo;
  return cmp_after(arcs, n) > 0 ? total : total + 1;
}

/* The entry whose OID equals arcs (Get), or -1. */
static long exact_cell(const uint32_t *arcs, int n) {
  long total = (long)ROWS * COLS;
  if (cmp_after(arcs, n) == 0) return total;
  long k = next_cell(arcs, n) - 1;
  return k >= 0 && k < total && cmp_cell(k, arcs, n) == 0 ? k : -1;
}

static int tlv(const uint8_t *p, int n, int *pos, int want) {
  if (*pos + 2 > n || (want >= 0 && p[*pos] != want)) return -1;
  int i = *pos + 1, len = p[i++];
  if (len & 0x80) {
    int k = len & 0x7f;
    if (k < 1 || k > 3 || i + k > n) return -1;
    len = 0;
    while (k--) len = (len << 8) | p[i++];
  }
  if (i + len > n) return -1;
  *pos = i;
  return len;
}

static int read_int(const uint8_t *p, int n, int *pos, long *out) {
  int len = tlv(p, n, pos, 0x02);
  if (len < 1 || len > 4) return -1;
  long v = (p[*pos] & 0x80) ? -1 : 0;
  for (int i = 0; i < len; i++) v = (v << 8) | p[*pos + i];
  *pos += len;
  *out = v;
  return 0;
}

#define MAXVB 64
#define MAXOUT 65000

static int respond(const uint8_t *in, int n, uint8_t *out, int cap) {
  int pos = 0, len;
  if (tlv(in, n, &pos, 0x30) < 0) return -1;
  int head = pos;
  if ((len = tlv(in, n, &pos, 0x02)) < 0) return -1;
  pos += len;
  if ((len = tlv(in, n, &pos, 0x04)) < 0) return -1;
  pos += len;
  int head_end = pos;
  int tag = in[pos];
  if (tag != 0xa0 && tag != 0xa1 && tag != 0xa5) return -1;
  if (tlv(in, n, &pos, tag) < 0) return -1;
  int reqid_at = pos;
  long reqid, a, b;
  if (read_int(in, n, &pos, &reqid) < 0 || read_int(in, n, &pos, &a) < 0 || read_int(in, n, &pos, &b) < 0) return -1;
  int reqid_end = reqid_at + 2 + in[reqid_at + 1];
  int list_len = tlv(in, n, &pos, 0x30);
  if (list_len < 0) return -1;
  int list_end = pos + list_len;
  uint32_t arcs[MAXVB][128];
  int narcs[MAXVB], count = 0;
  while (pos < list_end && count < MAXVB) {
    int vb_len = tlv(in, n, &pos, 0x30);
    if (vb_len < 0) return -1;
    int vb_end = pos + vb_len;
    int olen = tlv(in, n, &pos, 0x06);
    if (olen < 1) return -1;
    int k = 0;
    uint32_t v = 0;
    for (int i = 0; i < olen && k < 127; i++) {
      v = (v << 7) | (in[pos + i] & 0x7f);
      if (!(in[pos + i] & 0x80)) {
        if (k == 0) { arcs[count][0] = v < 80 ? v / 40 : 2; arcs[count][1] = v < 80 ? v % 40 : v - 80; k = 2; }
        else arcs[count][k++] = v;
        v = 0;
      }
    }
    narcs[count++] = k;
    pos = vb_end;
  }
  /* Build the varbinds into a scratch area from the end: compute the cells first. */
  long cells[MAXVB * 256];
  int ncells = 0;
  long total = (long)ROWS * COLS;
  if (tag == 0xa0) {
    for (int i = 0; i < count; i++) {
      long k = exact_cell(arcs[i], narcs[i]);
      cells[ncells++] = (k < 0 ? total + 1 : k) | ((long)i << 40);
    }
  } else if (tag == 0xa1) {
    for (int i = 0; i < count; i++) cells[ncells++] = next_cell(arcs[i], narcs[i]) | ((long)i << 40);
  } else {
    long nonrep = a < 0 ? 0 : (a > count ? count : a), reps = b < 0 ? 0 : b;
    for (int i = 0; i < nonrep; i++) cells[ncells++] = next_cell(arcs[i], narcs[i]) | ((long)i << 40);
    long cur[MAXVB];
    for (int i = nonrep; i < count; i++) cur[i] = next_cell(arcs[i], narcs[i]);
    for (long r = 0; r < reps && ncells < MAXVB * 256 - MAXVB; r++) {
      int all_end = 1;
      for (int i = nonrep; i < count; i++) {
        cells[ncells++] = cur[i] | ((long)i << 40);
        if (cur[i] < total) { all_end = 0; cur[i]++; }
        else if (cur[i] == total) { all_end = 0; cur[i] = total + 2; }
      }
      if (all_end) break;
    }
  }
  /* Keep the response within MAXOUT bytes: drop trailing varbinds (RFC 3416 §4.2.3). */
  bw w = { out, cap };
  for (;;) {
    w.pos = cap;
    int mark = w.pos;
    for (int j = ncells - 1; j >= 0; j--) {
      long k = cells[j] & ((1L << 40) - 1);
      int i = (int)(cells[j] >> 40);
      if (k < total) put_cell(&w, k);
      else {
        int m = w.pos;
        if (k == total) {
          put_int(&w, 0);
        } else {
          uint8_t exc[2] = { tag == 0xa0 ? 0x81 : 0x82, 0 };
          put(&w, exc, 2);
        }
        if (k == total + 1) put_oid(&w, arcs[i], narcs[i]);
        else put_oid(&w, AFTER, 9);
        put_hdr(&w, 0x30, m - w.pos);
      }
    }
    put_hdr(&w, 0x30, mark - w.pos);
    if (cap - w.pos <= MAXOUT || ncells <= 1) break;
    ncells = ncells * 3 / 4;
  }
  int list_mark = cap;
  static const uint8_t zeros[] = { 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 };
  put(&w, zeros, sizeof zeros);
  put(&w, in + reqid_at, reqid_end - reqid_at);
  put_hdr(&w, 0xa2, list_mark - w.pos);
  put(&w, in + head, head_end - head);
  put_hdr(&w, 0x30, cap - w.pos);
  memmove(out, out + w.pos, cap - w.pos);
  return cap - w.pos;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: %s PORT ROWS COLUMNS\n", argv[0]); return 1; }
  int port = atoi(argv[1]);
  ROWS = atoi(argv[2]);
  COLS = atoi(argv[3]);
  signal(SIGPIPE, SIG_IGN);
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); return 1; }
  printf("READY\n");
  fflush(stdout);
  static uint8_t in[65536], out[262144];
  for (;;) {
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    ssize_t r = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *)&from, &fl);
    if (r <= 0) continue;
    int m = respond(in, (int)r, out, sizeof out);
    if (m > 0) sendto(fd, out, m, 0, (struct sockaddr *)&from, fl);
  }
}
