// C kernels for the Torch CPU backend: float32 transcendental functions,
// window maxima, the packed product of recurrent layers, the LSTM cell's
// elementwise passes, and a spin-wait hint.
//
// The transcendental functions process `count` contiguous floats from `x` into
// `y` (which may be the same buffer). Each kernel picks an AVX-512, AVX2+FMA or
// baseline build of its loop at run time from CPUID, as PyTorch's CPU dispatch
// does (the packed product exists for AVX-512 only): the library itself is
// compiled without any machine-specific flags.
#ifndef TORCH_FASTMATH_H
#define TORCH_FASTMATH_H

#include <stdint.h>

void torch_fastmath_exp_f32(const float *x, float *y, long count);
void torch_fastmath_tanh_f32(const float *x, float *y, long count);
void torch_fastmath_sigmoid_f32(const float *x, float *y, long count);

/// Max pooling of `planes` contiguous [height, width] float32 images over
/// windows `kernel_h x kernel_w` placed every `stride_h`, `stride_w` (no padding,
/// no dilation) into contiguous [out_height, out_width] planes of maxima and
/// flat in-plane indices. The first maximum in row-major window order wins,
/// and NaN beats every number.
void torch_maxpool2d_f32(const float *src, float *dst, int64_t *idx, long planes, long height,
                         long width, long out_height, long out_width, long kernel_h,
                         long kernel_w, long stride_h, long stride_w);

/// Floats needed to pack a [k, n] float32 matrix for `torch_sgemm_packed`.
long torch_sgemm_packed_size(long k, long n);

/// Packs `B[r, j] = b[r * row_stride + j * col_stride]` ([k, n]) into panels
/// of 16 columns for `torch_sgemm_packed`.
void torch_sgemm_pack(const float *b, long row_stride, long col_stride, long k, long n,
                      float *packed);

/// Whether `torch_sgemm_packed` runs on this CPU (it needs AVX-512).
int torch_sgemm_packed_available(void);

/// Columns `col_begin ..< col_end` (col_begin a multiple of 32) of
/// `C = A B`, or `C = base + A B` when `base` is not null (rows `ldbase`
/// apart, 0 to repeat one row), where A is [m, k] with rows `lda` apart, B
/// the packed [k, n] matrix and C has rows `ldc` apart.
void torch_sgemm_packed(const float *a, long lda, const float *packed, long k, long n, float *c,
                        long ldc, long m, long col_begin, long col_end, const float *base,
                        long ldbase);

/// LSTM cell, float32: `c_next = f * c + i * g` from the gate sigmoids `sig`
/// ([batch, 4 * hidden], order i, f, g, o) and `g = tanh(g gate)`.
void torch_lstm_cell_f32(const float *sig, const float *g, const float *c, float *c_next,
                         long batch, long hidden);

/// LSTM cell backward, float32: the gate pre-activation gradients `d_gates`
/// and the previous cell state's gradient `d_cell` from those of h' and c'
/// (`tc = tanh(c')`).
void torch_lstm_cell_backward_f32(const float *sig, const float *g, const float *c,
                                  const float *tc, const float *dh, const float *dc,
                                  float *d_gates, float *d_cell, long batch, long hidden);

/// A spin-wait hint to the CPU (x86 `pause`), for the worker pool's busy waits.
void torch_cpu_relax(void);

/// 2 for AVX-512, 1 for AVX2 with FMA, 0 for the baseline loops.
int torch_fastmath_isa_level(void);

#endif
