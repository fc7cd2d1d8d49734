#ifndef CWARRAQ_ZLIB_SHIM_H
#define CWARRAQ_ZLIB_SHIM_H
#include <zlib.h>

/// deflateInit2 and inflateInit2 are macros that Swift cannot import; these wrap them.
static inline int cwarraq_deflateInit2(z_streamp strm, int level, int windowBits) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}

static inline int cwarraq_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif
