// The same algorithms as Sources/Torch/Backends/CPU/FastMath.swift (which
// serves strided loops): Cody-Waite range reduction, a Taylor polynomial to
// r^7, and selects instead of branches so every loop vectorises.
#include "fastmath.h"

#include <stdint.h>
#include <string.h>

static inline float from_bits(uint32_t u) { float f; memcpy(&f, &u, sizeof f); return f; }
static inline uint32_t to_bits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }

// x = n * ln2 + r with |r| <= ln2 / 2; adding 1.5 * 2^23 rounds to an integer.
static inline float reduce(float x, int32_t *n) {
    const float shifter = 12582912.0f;
    float t = x * 1.44269504f + shifter;
    float nf = t - shifter;
    *n = (int32_t)to_bits(t) - 0x4B400000;
    return (x - nf * 0.693359375f) - nf * -2.1219444e-4f;
}

// (exp(r) - 1 - r) / r^2 on the reduced range.
static inline float exp_tail(float r) {
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    return p * r + 0.5f;
}

static inline float power_of_two(int32_t n) { return from_bits((uint32_t)(n + 127) << 23); }

static inline float fast_exp(float x) {
    float clamped = x < -104.0f ? -104.0f : (x > 89.0f ? 89.0f : x);
    int32_t n;
    float r = reduce(clamped, &n);
    float p = (exp_tail(r) * r) * r + r + 1.0f;
    int32_t half = n >> 1;
    float result = p * power_of_two(half) * power_of_two(n - half);
    result = x > 88.722839f ? __builtin_inff() : result;
    result = x < -103.97208f ? 0.0f : result;
    return result;
}

static inline float fast_tanh(float x) {
    uint32_t bits = to_bits(x);
    float magnitude = from_bits(bits & 0x7FFFFFFFu);
    float y = 2.0f * (magnitude > 10.0f ? 10.0f : magnitude);
    int32_t n;
    float r = reduce(y, &n);
    float q = (exp_tail(r) * r) * r + r;
    float scale = power_of_two(n);
    float e = scale * q + (scale - 1.0f);
    float t = e / (e + 2.0f);
    return from_bits(to_bits(t) | (bits & 0x80000000u));
}

static inline float fast_sigmoid(float x) { return 1.0f / (1.0f + fast_exp(-x)); }

#define LOOPS(suffix, attribute)                                                                  \
    attribute static void exp_##suffix(const float *x, float *y, long count) {                    \
        for (long i = 0; i < count; i++) y[i] = fast_exp(x[i]);                                   \
    }                                                                                             \
    attribute static void tanh_##suffix(const float *x, float *y, long count) {                   \
        for (long i = 0; i < count; i++) y[i] = fast_tanh(x[i]);                                  \
    }                                                                                             \
    attribute static void sigmoid_##suffix(const float *x, float *y, long count) {                \
        for (long i = 0; i < count; i++) y[i] = fast_sigmoid(x[i]);                               \
    }

LOOPS(baseline, )

#if defined(__x86_64__)
#include <cpuid.h>

LOOPS(avx2, __attribute__((target("avx2,fma"))))
LOOPS(avx512, __attribute__((target("avx512f,avx2,fma"))))

static int detect_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1;
    if (!osxsave || !avx) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    unsigned long long xcr0 = ((unsigned long long)hi << 32) | lo;
    if ((xcr0 & 0x6) != 0x6) return 0;  // the OS saves SSE and AVX state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1;
    if (avx512f && (xcr0 & 0xE6) == 0xE6) return 2;  // and the AVX-512 state
    return avx2 && fma ? 1 : 0;
}
#else
static int detect_level(void) { return 0; }
#endif

int torch_fastmath_isa_level(void) {
    static int level = -1;
    int l = __atomic_load_n(&level, __ATOMIC_RELAXED);
    if (l < 0) {
        l = detect_level();
        __atomic_store_n(&level, l, __ATOMIC_RELAXED);
    }
    return l;
}

#if defined(__x86_64__)
#define DISPATCH(name)                                                                            \
    void torch_fastmath_##name##_f32(const float *x, float *y, long count) {                      \
        switch (torch_fastmath_isa_level()) {                                                     \
        case 2: name##_avx512(x, y, count); break;                                                \
        case 1: name##_avx2(x, y, count); break;                                                  \
        default: name##_baseline(x, y, count); break;                                             \
        }                                                                                         \
    }
#else
#define DISPATCH(name)                                                                            \
    void torch_fastmath_##name##_f32(const float *x, float *y, long count) { name##_baseline(x, y, count); }
#endif

DISPATCH(exp)
DISPATCH(tanh)
DISPATCH(sigmoid)

void torch_cpu_relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}
