// Max pooling over regular windows (no padding, no dilation) of contiguous
// float32 planes, written so the compiler keeps the comparisons as vector
// selects: the innermost loop runs across a row of outputs, which are
// independent, instead of along one window, whose running maximum is a chain.
#include "fastmath.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define MAXPOOL_BODY                                                                              \
    for (long p = 0; p < planes; p++) {                                                           \
        const float *restrict image = src + p * height * width;                                    \
        float *restrict best = dst + p * out_height * out_width;                                   \
        int64_t *restrict at = idx + p * out_height * out_width;                                   \
        for (long y = 0; y < out_height; y++, best += out_width, at += out_width) {               \
            long top = y * stride_h * width;                                                      \
            for (long x = 0; x < out_width; x++) {                                                \
                best[x] = image[top + x * stride_w];                                              \
                at[x] = top + x * stride_w;                                                       \
            }                                                                                     \
            for (long a = 0; a < kernel_h; a++) {                                                 \
                for (long b = 0; b < kernel_w; b++) {                                             \
                    if (a == 0 && b == 0) continue;                                               \
                    long line = top + a * width + b;                                              \
                    for (long x = 0; x < out_width; x++) {                                        \
                        float v = image[line + x * stride_w];                                     \
                        int take = (v > best[x]) | (v != v);                                      \
                        best[x] = take ? v : best[x];                                             \
                        at[x] = take ? line + x * stride_w : at[x];                               \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
    }

#define MAXPOOL(suffix, attribute)                                                                \
    attribute static void maxpool_##suffix(const float *restrict src, float *restrict dst,         \
                                           int64_t *restrict idx, long planes,                    \
                                           long height, long width, long out_height,              \
                                           long out_width, long kernel_h, long kernel_w,          \
                                           long stride_h, long stride_w) {                        \
        MAXPOOL_BODY                                                                              \
    }

MAXPOOL(baseline, )

#if defined(__x86_64__)
MAXPOOL(avx2, __attribute__((target("avx2,fma"))))
MAXPOOL(avx512, __attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma"))))

// The 2x2, stride 2 case (MaxPool2d(2)) with explicit AVX-512: 16 outputs at
// a time, the even and odd columns of two input rows split by permutes, and
// the four candidates compared in window order. Indices are computed in 32
// bits (planes have fewer than 2^31 elements) and widened on store.
__attribute__((target("avx512f,avx512vl,avx512dq"))) static void
maxpool2x2_avx512(const float *restrict src, float *restrict dst, int64_t *restrict idx,
                  long planes, long height, long width, long out_height, long out_width) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    for (long p = 0; p < planes; p++) {
        const float *image = src + p * height * width;
        float *best = dst + p * out_height * out_width;
        int64_t *at = idx + p * out_height * out_width;
        for (long y = 0; y < out_height; y++, best += out_width, at += out_width) {
            long top = 2 * y * width;
            for (long x = 0; x < out_width; x += 16) {
                long n = out_width - x < 16 ? out_width - x : 16;
                __mmask16 lanes = (__mmask16)((1u << n) - 1);
                __mmask16 low = n >= 8 ? 0xFFFF : (__mmask16)((1u << 2 * n) - 1);
                __mmask16 high = n > 8 ? (__mmask16)((1u << (2 * n - 16)) - 1) : 0;
                const float *row0 = image + top + 2 * x, *row1 = row0 + width;
                __m512 a0 = _mm512_maskz_loadu_ps(low, row0), a1 = _mm512_maskz_loadu_ps(high, row0 + 16);
                __m512 b0 = _mm512_maskz_loadu_ps(low, row1), b1 = _mm512_maskz_loadu_ps(high, row1 + 16);
                __m512 candidates[3] = {_mm512_permutex2var_ps(a0, odd, a1),
                                        _mm512_permutex2var_ps(b0, even, b1),
                                        _mm512_permutex2var_ps(b0, odd, b1)};
                const int steps[3] = {1, (int)width, (int)width + 1};
                __m512i corner = _mm512_add_epi32(_mm512_set1_epi32((int)(top + 2 * x)), even);
                __m512 value = _mm512_permutex2var_ps(a0, even, a1);
                __m512i where = corner;
                for (int c = 0; c < 3; c++) {
                    __m512 v = candidates[c];
                    __mmask16 take = _mm512_cmp_ps_mask(v, value, _CMP_GT_OQ) | _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
                    value = _mm512_mask_mov_ps(value, take, v);
                    where = _mm512_mask_mov_epi32(where, take, _mm512_add_epi32(corner, _mm512_set1_epi32(steps[c])));
                }
                _mm512_mask_storeu_ps(best + x, lanes, value);
                _mm512_mask_storeu_epi64(at + x, (__mmask8)lanes, _mm512_cvtepi32_epi64(_mm512_castsi512_si256(where)));
                _mm512_mask_storeu_epi64(at + x + 8, (__mmask8)(lanes >> 8),
                                         _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(where, 1)));
            }
        }
    }
}
#endif

void torch_maxpool2d_f32(const float *src, float *dst, int64_t *idx, long planes, long height,
                         long width, long out_height, long out_width, long kernel_h,
                         long kernel_w, long stride_h, long stride_w) {
#if defined(__x86_64__)
    switch (torch_fastmath_isa_level()) {
    case 2:
        if (kernel_h == 2 && kernel_w == 2 && stride_h == 2 && stride_w == 2 && height * width < (1L << 31)) {
            maxpool2x2_avx512(src, dst, idx, planes, height, width, out_height, out_width);
            return;
        }
        maxpool_avx512(src, dst, idx, planes, height, width, out_height, out_width, kernel_h,
                       kernel_w, stride_h, stride_w);
        return;
    case 1:
        maxpool_avx2(src, dst, idx, planes, height, width, out_height, out_width, kernel_h,
                     kernel_w, stride_h, stride_w);
        return;
    }
#endif
    maxpool_baseline(src, dst, idx, planes, height, width, out_height, out_width, kernel_h,
                     kernel_w, stride_h, stride_w);
}
