#ifndef CWARRAQ_ZSTD_SHIM_H
#define CWARRAQ_ZSTD_SHIM_H
#include <zstd.h>
#endif
