// Compares float32 GEMM throughput of oneDNN (dnnl_sgemm) and OpenBLAS on this
// machine, for issue 11's choice of kernels. Not part of the build or the tests.
//
//   apt-get install libdnnl-dev libopenblas-dev
//   gcc -O2 scripts/bench/gemm_probe.c -o /tmp/gemm_probe -ldnnl -lopenblas \
//       -I/usr/include/x86_64-linux-gnu/openblas-pthread
//   /tmp/gemm_probe                       # both libraries threaded (OpenMP / pthreads)
//   OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /tmp/gemm_probe   # one thread each
#include <cblas.h>
#include <dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    const int sizes[] = {64, 256, 1024, 2048};
    for (int s = 0; s < 4; s++) {
        const int n = sizes[s];
        float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
        for (long i = 0; i < (long)n * n; i++) a[i] = b[i] = (float)rand() / RAND_MAX;
        const int reps = n <= 64 ? 20000 : n <= 256 ? 500 : n <= 1024 ? 20 : 5;
        for (int library = 0; library < 2; library++) {
            double best = 1e9;
            for (int round = 0; round < 3; round++) {
                double start = seconds();
                for (int r = 0; r < reps; r++) {
                    if (library == 0) dnnl_sgemm('N', 'N', n, n, n, 1, a, n, b, n, 0, c, n);
                    else cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
                }
                double t = (seconds() - start) / reps;
                if (t < best) best = t;
            }
            printf("n=%d %-8s %.4f ms %6.1f GFLOP/s\n", n, library ? "openblas" : "onednn", best * 1e3, 2.0 * n * n * n / best / 1e9);
        }
        free(a); free(b); free(c);
    }
    const dnnl_version_t *v = dnnl_version();
    printf("oneDNN %d.%d.%d, OpenBLAS %s (%s kernels)\n", v->major, v->minor, v->patch, openblas_get_config(), openblas_get_corename());
    return 0;
}
