#ifndef CWARRAQ_DEFLATE_SHIM_H
#define CWARRAQ_DEFLATE_SHIM_H
#include <libdeflate.h>
#endif
