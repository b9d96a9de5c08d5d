// float32 products `C = A B` (or `C = base + A B`) against a right-hand matrix packed
// once and reused, for the many small products of a recurrent layer: each
// time step multiplies a [batch, hidden] matrix by the same weight, and a
// general BLAS call repacks that weight (a megabyte for an LSTM of 256) on
// every step.
//
// B is packed in panels of 16 columns: panel p holds, for each k, the 16
// values B[k, 16p ..< 16p + 16] (zero beyond the last column). The kernel
// computes 8-row by 32-column tiles of C with AVX-512, holding the tile in 16
// registers while it walks k.
#include "fastmath.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

long torch_sgemm_packed_size(long k, long n) { return (n + 15) / 16 * 16 * k; }

void torch_sgemm_pack(const float *b, long row_stride, long col_stride, long k, long n,
                      float *packed) {
    long panels = (n + 15) / 16;
    for (long p = 0; p < panels; p++) {
        float *panel = packed + p * 16 * k;
        for (long r = 0; r < k; r++) {
            for (long j = 0; j < 16; j++) {
                long col = p * 16 + j;
                panel[r * 16 + j] = col < n ? b[r * row_stride + col * col_stride] : 0.0f;
            }
        }
    }
}

#if defined(__x86_64__)
// One tile: `ROWS` rows of A times two panels (32 columns), masked to the
// columns that exist, stored or added into C.
#define TILE(ROWS)                                                                                \
    __attribute__((target("avx512f"))) static void tile_##ROWS(                                 \
        const float *a, long lda, const float *p0, const float *p1, long k, float *c, long ldc,   \
        __mmask16 m0, __mmask16 m1, const float *base, long ldbase) {                             \
        __m512 acc0[ROWS], acc1[ROWS];                                                            \
        for (int r = 0; r < ROWS; r++) {                                                          \
            acc0[r] = _mm512_setzero_ps();                                                        \
            acc1[r] = _mm512_setzero_ps();                                                        \
        }                                                                                         \
        _Pragma("clang loop unroll_count(4)") for (long kk = 0; kk < k; kk++) {                    \
            __m512 b0 = _mm512_loadu_ps(p0 + kk * 16), b1 = _mm512_loadu_ps(p1 + kk * 16);        \
            for (int r = 0; r < ROWS; r++) {                                                      \
                __m512 x = _mm512_set1_ps(a[r * lda + kk]);                                       \
                acc0[r] = _mm512_fmadd_ps(x, b0, acc0[r]);                                        \
                acc1[r] = _mm512_fmadd_ps(x, b1, acc1[r]);                                        \
            }                                                                                     \
        }                                                                                         \
        for (int r = 0; r < ROWS; r++) {                                                          \
            float *row = c + r * ldc;                                                             \
            if (base) {                                                                           \
                const float *b = base + r * ldbase;                                               \
                acc0[r] = _mm512_add_ps(acc0[r], _mm512_maskz_loadu_ps(m0, b));                   \
                acc1[r] = _mm512_add_ps(acc1[r], _mm512_maskz_loadu_ps(m1, b + 16));              \
            }                                                                                     \
            _mm512_mask_storeu_ps(row, m0, acc0[r]);                                              \
            _mm512_mask_storeu_ps(row + 16, m1, acc1[r]);                                         \
        }                                                                                         \
    }

TILE(1)
TILE(2)
TILE(3)
TILE(4)
TILE(5)
TILE(6)
TILE(7)
TILE(8)

static __mmask16 column_mask(long from, long end) {
    long count = end - from;
    return count >= 16 ? 0xFFFF : count <= 0 ? 0 : (__mmask16)((1u << count) - 1);
}

__attribute__((target("avx512f"))) static void packed_avx512(
    const float *a, long lda, const float *packed, long k, long n, float *c, long ldc, long m,
    long col_begin, long col_end, const float *base, long ldbase) {
    for (long col = col_begin; col < col_end; col += 32) {
        const float *p0 = packed + (col / 16) * 16 * k;
        // A lone last panel pairs with itself, masked off.
        const float *p1 = col + 16 < n ? p0 + 16 * k : p0;
        __mmask16 m0 = column_mask(col, col_end), m1 = column_mask(col + 16, col_end);
        for (long row = 0; row < m; row += 8) {
            const float *ar = a + row * lda;
            float *cr = c + row * ldc + col;
            const float *br = base ? base + row * ldbase + col : 0;
            switch (m - row < 8 ? m - row : 8) {
            case 1: tile_1(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            case 2: tile_2(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            case 3: tile_3(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            case 4: tile_4(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            case 5: tile_5(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            case 6: tile_6(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            case 7: tile_7(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            default: tile_8(ar, lda, p0, p1, k, cr, ldc, m0, m1, br, ldbase); break;
            }
        }
    }
}
#endif

int torch_sgemm_packed_available(void) {
#if defined(__x86_64__)
    return torch_fastmath_isa_level() == 2;
#else
    return 0;
#endif
}

void torch_sgemm_packed(const float *a, long lda, const float *packed, long k, long n, float *c,
                        long ldc, long m, long col_begin, long col_end, const float *base,
                        long ldbase) {
#if defined(__x86_64__)
    packed_avx512(a, lda, packed, k, n, c, ldc, m, col_begin, col_end, base, ldbase);
#endif
}
