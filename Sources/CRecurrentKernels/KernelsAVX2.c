// The AVX2 + FMA variant of KernelBody.h: 8 floats per vector, 16 registers, so a tile holds
// 2 rows x 4 accumulators (LSTM, GRU) or 6 x 2 (GEMM).
#if defined(__x86_64__)
#include <immintrin.h>
#include "Variants.h"

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

#define VL 8
#define MR1 6
#define MR3 2
#define MR4 2
#define RK(name) rk_avx2_##name
typedef __m256 vf;
typedef __m256i vmask;

static inline vf v_zero(void) { return _mm256_setzero_ps(); }
static inline vf v_set1(float x) { return _mm256_set1_ps(x); }
static inline vf v_load(const float *p) { return _mm256_loadu_ps(p); }
static inline void v_store(float *p, vf v) { _mm256_storeu_ps(p, v); }
static inline vf v_fma(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
static inline vf v_fnma(vf a, vf b, vf c) { return _mm256_fnmadd_ps(a, b, c); }
static inline vf v_add(vf a, vf b) { return _mm256_add_ps(a, b); }
static inline vf v_sub(vf a, vf b) { return _mm256_sub_ps(a, b); }
static inline vf v_mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
static inline vf v_rcp(vf a) { return _mm256_rcp_ps(a); }
static inline vf v_min(vf a, vf b) { return _mm256_min_ps(a, b); }
static inline vf v_max(vf a, vf b) { return _mm256_max_ps(a, b); }
/// 2^n from x + 1.5·2^23 (n in the low mantissa bits): ((bits - 0x4B400000) + 127) << 23.
static inline vf v_exp2i(vf shifted) {
    __m256i n = _mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_set1_epi32(0x4B400000 - 127));
    return _mm256_castsi256_ps(_mm256_slli_epi32(n, 23));
}
/// Lanes 0..<n set (all bits), the rest clear: maskload/maskstore skip the clear lanes entirely.
static inline vmask v_mask(long n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n < VL ? n : VL)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
static inline vf v_load_m(const float *p, vmask m) { return _mm256_maskload_ps(p, m); }
static inline void v_store_m(float *p, vf v, vmask m) { _mm256_maskstore_ps(p, m, v); }

/// Brings the line at p into L2 (a hint: never faults, even past the end of an allocation).
static inline void v_prefetch(const float *p) { _mm_prefetch((const char *)p, _MM_HINT_T1); }

#include "KernelBody.h"

#pragma clang attribute pop
#endif
