// Vectorised float32 loops for the Torch CPU backend: transcendental
// functions and window maxima.
//
// The transcendental functions process `count` contiguous floats from `x` into
// `y` (which may be the same buffer). Every function picks an AVX-512, AVX2+FMA or baseline build of
// its loop at run time from CPUID, as PyTorch's CPU dispatch does: the library
// itself is compiled without any machine-specific flags.
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

/// 2 for AVX-512, 1 for AVX2 with FMA, 0 for the baseline loops.
int torch_fastmath_isa_level(void);

#endif
