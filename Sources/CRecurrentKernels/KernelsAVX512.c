// The AVX-512F variant of KernelBody.h: 16 floats per vector, 32 registers, so a tile holds
// 6 rows x 4 accumulators (LSTM, GRU) or 12 x 2 (GEMM).
#if defined(__x86_64__)
#include <immintrin.h>
#include "Variants.h"

#pragma clang attribute push(__attribute__((target("avx512f,fma,avx2"))), apply_to = function)

#define VL 16
#define MR1 12
#define MR3 6
#define MR4 6
#define RK(name) rk_avx512_##name
typedef __m512 vf;
typedef __mmask16 vmask;

static inline vf v_zero(void) { return _mm512_setzero_ps(); }
static inline vf v_set1(float x) { return _mm512_set1_ps(x); }
static inline vf v_load(const float *p) { return _mm512_loadu_ps(p); }
static inline void v_store(float *p, vf v) { _mm512_storeu_ps(p, v); }
static inline vf v_fma(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
static inline vf v_fnma(vf a, vf b, vf c) { return _mm512_fnmadd_ps(a, b, c); }
static inline vf v_add(vf a, vf b) { return _mm512_add_ps(a, b); }
static inline vf v_sub(vf a, vf b) { return _mm512_sub_ps(a, b); }
static inline vf v_mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
static inline vf v_rcp(vf a) { return _mm512_rcp14_ps(a); }
static inline vf v_min(vf a, vf b) { return _mm512_min_ps(a, b); }
static inline vf v_max(vf a, vf b) { return _mm512_max_ps(a, b); }
/// 2^n from x + 1.5·2^23 (n in the low mantissa bits): ((bits - 0x4B400000) + 127) << 23.
static inline vf v_exp2i(vf shifted) {
    __m512i n = _mm512_sub_epi32(_mm512_castps_si512(shifted), _mm512_set1_epi32(0x4B400000 - 127));
    return _mm512_castsi512_ps(_mm512_slli_epi32(n, 23));
}
static inline vmask v_mask(long n) { return n >= VL ? (vmask)0xFFFF : (vmask)((1u << n) - 1); }
static inline vf v_load_m(const float *p, vmask m) { return _mm512_maskz_loadu_ps(m, p); }
static inline void v_store_m(float *p, vf v, vmask m) { _mm512_mask_storeu_ps(p, m, v); }

/// Brings the line at p into L2 (a hint: never faults, even past the end of an allocation).
static inline void v_prefetch(const float *p) { _mm_prefetch((const char *)p, _MM_HINT_T1); }

#include "KernelBody.h"

#pragma clang attribute pop
#endif
