#ifndef CWARRAQ_SHA_H
#define CWARRAQ_SHA_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions (x86-64 SHA-NI with SSSE3 and SSE4.1), else 0.
int warraq_sha256_hardware(void);

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks at `data`, updating `state`
/// (a, b, …, h). Call only when warraq_sha256_hardware() returns 1.
void warraq_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
