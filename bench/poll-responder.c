/*
 * A tiny, fast SNMP v1/v2c responder for the polling benchmark (bench/poll.ts): one
 * process bound to N UDP ports on 127.0.0.1, each port one simulated agent. It answers a
 * GetRequest with a Response carrying the same OIDs, each with a Counter32 value. Nothing
 * else is answered. Prints the bound ports, one per line, then "READY".
 *
 *   gcc -O2 -o poll-responder bench/poll-responder.c && ./poll-responder 1000
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t stop = 0;
static void on_signal(int sig) { (void)sig; stop = 1; }

/* Reads a tag and a definite length at p[*pos]; returns the content length or -1. */
static int tlv(const uint8_t *p, int n, int *pos, int want_tag) {
  if (*pos + 2 > n || p[*pos] != want_tag) return -1;
  int i = *pos + 1;
  int len = p[i++];
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

/* A writer that fills buf from the end backwards. */
typedef struct { uint8_t *buf; int pos; } bw;
static void put(bw *w, const uint8_t *src, int len) { w->pos -= len; memcpy(w->buf + w->pos, src, len); }
static void put_len(bw *w, int len) {
  if (len < 0x80) { w->buf[--w->pos] = len; }
  else if (len < 0x100) { w->buf[--w->pos] = len; w->buf[--w->pos] = 0x81; }
  else { w->buf[--w->pos] = len & 0xff; w->buf[--w->pos] = len >> 8; w->buf[--w->pos] = 0x82; }
}
static void put_hdr(bw *w, int tag, int len) { put_len(w, len); w->buf[--w->pos] = tag; }
static void put_u32(bw *w, int tag, uint32_t v) {
  int start = w->pos;
  do { w->buf[--w->pos] = v & 0xff; v >>= 8; } while (v);
  if (w->buf[w->pos] & 0x80) w->buf[--w->pos] = 0;
  put_hdr(w, tag, start - w->pos);
}

#define MAXVB 128
static uint32_t counter = 0;

/* Builds the response to a request in `in`; returns its length or -1 when not answerable. */
static int respond(const uint8_t *in, int n, uint8_t *out, int cap) {
  int pos = 0, len;
  if ((len = tlv(in, n, &pos, 0x30)) < 0) return -1;
  int ver_start = pos;
  if ((len = tlv(in, n, &pos, 0x02)) < 0) return -1;
  pos += len;
  int comm_start_tag = pos;
  if ((len = tlv(in, n, &pos, 0x04)) < 0) return -1;
  pos += len;
  int head_end = pos; /* version and community, copied as they are */
  if ((len = tlv(in, n, &pos, 0xa0)) < 0) return -1;
  int reqid_start = pos;
  if ((len = tlv(in, n, &pos, 0x02)) < 0) return -1;
  pos += len;
  int reqid_end = pos;
  if ((len = tlv(in, n, &pos, 0x02)) < 0) return -1;
  pos += len;
  if ((len = tlv(in, n, &pos, 0x02)) < 0) return -1;
  pos += len;
  int list_len = tlv(in, n, &pos, 0x30);
  if (list_len < 0) return -1;
  int list_end = pos + list_len;
  int oid_at[MAXVB], oid_len[MAXVB], count = 0;
  while (pos < list_end && count < MAXVB) {
    int vb_len = tlv(in, n, &pos, 0x30);
    if (vb_len < 0) return -1;
    int vb_end = pos + vb_len;
    int o = pos;
    int olen = tlv(in, n, &pos, 0x06);
    if (olen < 0) return -1;
    oid_at[count] = o;
    oid_len[count] = pos + olen - o;
    count++;
    pos = vb_end;
  }
  (void)comm_start_tag;
  bw w = { out, cap };
  int list_mark = w.pos;
  for (int i = count - 1; i >= 0; i--) {
    int mark = w.pos;
    put_u32(&w, 0x41, counter++);
    put(&w, in + oid_at[i], oid_len[i]);
    put_hdr(&w, 0x30, mark - w.pos);
  }
  put_hdr(&w, 0x30, list_mark - w.pos);
  static const uint8_t zeros[] = { 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 };
  put(&w, zeros, sizeof zeros);
  put(&w, in + reqid_start, reqid_end - reqid_start);
  put_hdr(&w, 0xa2, list_mark - w.pos);
  put(&w, in + ver_start, head_end - ver_start);
  put_hdr(&w, 0x30, cap - w.pos);
  memmove(out, out + w.pos, cap - w.pos);
  return cap - w.pos;
}

int main(int argc, char **argv) {
  int count = argc > 1 ? atoi(argv[1]) : 1000;
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)count + 64) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  int ep = epoll_create1(0);
  for (int i = 0; i < count; i++) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (fd < 0) { perror("socket"); return 1; }
    int size = 1 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); return 1; }
    socklen_t al = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &al);
    printf("%d\n", ntohs(a.sin_port));
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }
  printf("READY\n");
  fflush(stdout);
  struct epoll_event events[256];
  uint8_t in[65536], out[65536];
  unsigned long answered = 0;
  while (!stop) {
    int k = epoll_wait(ep, events, 256, 200);
    for (int e = 0; e < k; e++) {
      int fd = events[e].data.fd;
      for (;;) {
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        ssize_t r = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *)&from, &fl);
        if (r < 0) break;
        int m = respond(in, (int)r, out, sizeof out);
        if (m > 0) {
          sendto(fd, out, m, 0, (struct sockaddr *)&from, fl);
          answered++;
        }
      }
    }
  }
  fprintf(stderr, "answered %lu\n", answered);
  return 0;
}
