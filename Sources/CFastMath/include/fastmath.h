// Vectorised float32 transcendental loops for the Torch CPU backend.
//
// Each function processes `count` contiguous floats from `x` into `y` (which
// may be the same buffer) and picks an AVX-512, AVX2+FMA or baseline build of
// its loop at run time from CPUID, as PyTorch's CPU dispatch does: the library
// itself is compiled without any machine-specific flags.
#ifndef TORCH_FASTMATH_H
#define TORCH_FASTMATH_H

void torch_fastmath_exp_f32(const float *x, float *y, long count);
void torch_fastmath_tanh_f32(const float *x, float *y, long count);
void torch_fastmath_sigmoid_f32(const float *x, float *y, long count);

/// 2 for AVX-512, 1 for AVX2 with FMA, 0 for the baseline loops.
int torch_fastmath_isa_level(void);

#endif
