// The elementwise passes of an LSTM cell over float32 rows (see
// LSTMCellKernel.swift): gates [batch, 4 * hidden] in the order i, f, g, o,
// states [batch, hidden]. Plain loops over restrict pointers, so the compiler
// vectorises each build.
#include "fastmath.h"

#define LSTM_LOOPS(suffix, attribute)                                                             \
    attribute static void cell_##suffix(const float *restrict sig, const float *restrict g,       \
                                        const float *restrict c, float *restrict out, long batch, \
                                        long hidden) {                                            \
        for (long b = 0; b < batch; b++) {                                                        \
            const float *i = sig + b * 4 * hidden, *f = i + hidden;                               \
            const float *gb = g + b * hidden, *cb = c + b * hidden;                               \
            float *ob = out + b * hidden;                                                         \
            for (long j = 0; j < hidden; j++) ob[j] = f[j] * cb[j] + i[j] * gb[j];                \
        }                                                                                         \
    }                                                                                             \
    attribute static void backward_##suffix(                                                      \
        const float *restrict sig, const float *restrict g, const float *restrict c,              \
        const float *restrict tc, const float *restrict dh, const float *restrict dc,             \
        float *restrict d_gates, float *restrict d_cell, long batch, long hidden) {               \
        for (long b = 0; b < batch; b++) {                                                        \
            const float *i = sig + b * 4 * hidden, *f = i + hidden, *o = i + 3 * hidden;          \
            long row = b * hidden;                                                                \
            float *di = d_gates + b * 4 * hidden, *df = di + hidden, *dg = di + 2 * hidden,       \
                  *dout = di + 3 * hidden;                                                        \
            for (long j = 0; j < hidden; j++) {                                                   \
                float gv = g[row + j], t = tc[row + j], h = dh[row + j];                          \
                float total = dc[row + j] + h * o[j] * (1 - t * t);                               \
                di[j] = total * gv * i[j] * (1 - i[j]);                                           \
                df[j] = total * c[row + j] * f[j] * (1 - f[j]);                                   \
                dg[j] = total * i[j] * (1 - gv * gv);                                             \
                dout[j] = h * t * o[j] * (1 - o[j]);                                              \
                d_cell[row + j] = total * f[j];                                                   \
            }                                                                                     \
        }                                                                                         \
    }

LSTM_LOOPS(baseline, )

#if defined(__x86_64__)
LSTM_LOOPS(avx512, __attribute__((target("avx512f,avx2,fma"))))
#endif

void torch_lstm_cell_f32(const float *sig, const float *g, const float *c, float *c_next,
                         long batch, long hidden) {
#if defined(__x86_64__)
    if (torch_fastmath_isa_level() == 2) {
        cell_avx512(sig, g, c, c_next, batch, hidden);
        return;
    }
#endif
    cell_baseline(sig, g, c, c_next, batch, hidden);
}

void torch_lstm_cell_backward_f32(const float *sig, const float *g, const float *c,
                                  const float *tc, const float *dh, const float *dc,
                                  float *d_gates, float *d_cell, long batch, long hidden) {
#if defined(__x86_64__)
    if (torch_fastmath_isa_level() == 2) {
        backward_avx512(sig, g, c, tc, dh, dc, d_gates, d_cell, batch, hidden);
        return;
    }
#endif
    backward_baseline(sig, g, c, tc, dh, dc, d_gates, d_cell, batch, hidden);
}
