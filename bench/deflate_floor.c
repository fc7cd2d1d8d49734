/* The floor for gzip in `make bench` (bench/bench_codecs.py): libdeflate alone compressing the bytes warraq writes.
 *
 *   deflate_floor LEVEL THREADS FILE...
 *
 * Reads each FILE (warraq's shards written with `codec: none`: the column pages as they are before compression),
 * cuts it into 1 MiB pieces (warraq's page size), and gzips every piece with libdeflate at LEVEL on THREADS threads,
 * one compressor each, as warraq's writer does. Prints "SECONDS BYTES_IN BYTES_OUT": the compression time alone (no
 * reading) and the sizes. */
#include <libdeflate.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PIECE (1 << 20)

static unsigned char *data;
static size_t size, pieces;
static size_t *piece_start, *piece_length;
static int level;
static atomic_size_t next_piece, total_out;

static void *work(void *arg) {
    (void)arg;
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    size_t bound = libdeflate_gzip_compress_bound(c, PIECE);
    unsigned char *out = malloc(bound);
    if (!c || !out) { fprintf(stderr, "deflate_floor: out of memory\n"); exit(1); }
    for (;;) {
        size_t i = atomic_fetch_add(&next_piece, 1);
        if (i >= pieces) break;
        size_t written = libdeflate_gzip_compress(c, data + piece_start[i], piece_length[i], out, bound);
        if (written == 0) { fprintf(stderr, "deflate_floor: a piece did not fit its bound\n"); exit(1); }
        atomic_fetch_add(&total_out, written);
    }
    free(out);
    libdeflate_free_compressor(c);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: deflate_floor LEVEL THREADS FILE...\n"); return 2; }
    level = atoi(argv[1]);
    int threads = atoi(argv[2]);
    if (level < 0 || level > 12 || threads < 1 || threads > 64) {
        fprintf(stderr, "deflate_floor: bad level or threads\n");
        return 2;
    }
    for (int f = 3; f < argc; f++) {  /* every file back to back, each cut at its own 1 MiB boundaries */
        FILE *in = fopen(argv[f], "rb");
        if (!in) { perror(argv[f]); return 1; }
        fseek(in, 0, SEEK_END);
        size_t n = (size_t)ftell(in);
        fseek(in, 0, SEEK_SET);
        size_t more = (n + PIECE - 1) / PIECE;
        data = realloc(data, size + n);
        piece_start = realloc(piece_start, (pieces + more) * sizeof(size_t));
        piece_length = realloc(piece_length, (pieces + more) * sizeof(size_t));
        if (!data || !piece_start || !piece_length || fread(data + size, 1, n, in) != n) {
            fprintf(stderr, "deflate_floor: cannot read %s\n", argv[f]);
            return 1;
        }
        fclose(in);
        for (size_t k = 0; k < more; k++) {
            piece_start[pieces] = size + k * PIECE;
            piece_length[pieces] = n - k * PIECE < PIECE ? n - k * PIECE : PIECE;
            pieces++;
        }
        size += n;
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    pthread_t t[64];
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%.3f %zu %zu\n", seconds, size, (size_t)total_out);
    return 0;
}
