// The public entry points: the instruction set from CPUID/XGETBV, and dispatch to the variant the
// caller names (KernelsAVX512.c, KernelsAVX2.c). Sizes are computed here, once for all variants.
#include "CRecurrentKernels.h"
#include "Variants.h"

#if defined(__x86_64__)
#include <cpuid.h>

/// XCR0, the register state the OS saves on context switches (AVX needs YMM, AVX-512 also the
/// opmask and ZMM state): a CPU flag alone does not make the registers usable.
static unsigned long long read_xcr0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

static int detect(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return RK_NONE;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!(fma && osxsave && avx)) return RK_NONE;
    unsigned long long xcr0 = read_xcr0();
    if ((xcr0 & 0x6) != 0x6) return RK_NONE;  // XMM and YMM state
    if (__get_cpuid_max(0, 0) < 7) return RK_NONE;
    __cpuid_count(7, 0, a, b, c, d);
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1;
    if (avx512f && (xcr0 & 0xE6) == 0xE6) return RK_AVX512;  // + opmask, ZMM_Hi256, Hi16_ZMM
    return avx2 ? RK_AVX2 : RK_NONE;
}
#else
static int detect(void) { return RK_NONE; }
#endif

int rk_instruction_set(void) {
    static int cached = -1;  // benign race: every thread computes the same value
    if (cached < 0) cached = detect();
    return cached;
}

/// Whether `isa` names a variant this CPU runs.
static int usable(int isa) { return isa > RK_NONE && isa <= rk_instruction_set(); }

long rk_panel_units(int isa, long gates) {
    if (!usable(isa) || gates < 1) return 0;
    long lanes = isa == RK_AVX512 ? 16 : 8;
    return gates == 1 ? 2 * lanes : lanes;
}

long rk_panel_count(int isa, long gates, long units) {
    long w = rk_panel_units(isa, gates);
    return w == 0 || units < 1 ? 0 : (units + w - 1) / w;
}

long rk_packed_count(int isa, long depth, long gates, long units) {
    return depth < 1 ? 0 : rk_panel_count(isa, gates, units) * rk_panel_units(isa, gates) * depth * gates;
}

#if defined(__x86_64__)
#define DISPATCH(isa, name, ...)                                        \
    do {                                                                \
        if (!usable(isa)) return;                                       \
        if (isa == RK_AVX512) rk_avx512_##name(__VA_ARGS__);            \
        else rk_avx2_##name(__VA_ARGS__);                               \
    } while (0)
#else
#define DISPATCH(isa, name, ...) return
#endif

void rk_pack(int isa, const float *src, long depth, long gates, long units, long row_stride, long col_stride,
             float *dst) {
    if (depth < 1 || gates < 1 || units < 1) return;
    DISPATCH(isa, pack, src, depth, gates, units, row_stride, col_stride, dst);
}

void rk_gemm(int isa, long rows, long depth, long cols, const float *a, long lda, const float *packed,
             float beta, float *c, long ldc) {
    if (rows < 1 || depth < 1 || cols < 1) return;
    DISPATCH(isa, gemm, rows, depth, cols, a, lda, packed, beta, c, ldc);
}

/// Clamps a panel range to the panels that exist; false when nothing is left.
static int clamp_panels(int isa, long gates, long units, long *lo, long *hi) {
    long n = rk_panel_count(isa, gates, units);
    if (*lo < 0) *lo = 0;
    if (*hi > n) *hi = n;
    return *lo < *hi;
}

void rk_pack_stacked(int isa, const float *top, long top_depth, const float *bottom, long bottom_depth,
                     long gates, long units, float *dst) {
    if (top_depth < 0 || bottom_depth < 0 || top_depth + bottom_depth < 1 || gates < 1 || units < 1) return;
    DISPATCH(isa, pack_stacked, top, top_depth, bottom, bottom_depth, gates, units, dst);
}

void rk_lstm_step(int isa, long rows, long features, long units, long panel_lo, long panel_hi,
                  const float *x, long ldx, const float *h_prev, long ldh_prev, const float *packed,
                  const float *bias, float *gates, const float *c_prev, float *c_next, float *h_next,
                  long ldh_next, const float *mask, long mask_stride) {
    if (rows < 1 || features < 0 || !clamp_panels(isa, 4, units, &panel_lo, &panel_hi)) return;
    rk_lstm_args s = {units, features, ldx, ldh_prev, ldh_next, x, h_prev, bias, c_prev, mask, gates, c_next,
                      h_next, mask_stride};
    DISPATCH(isa, lstm_step, rows, units, panel_lo, panel_hi, &s, packed);
}

void rk_gru_step(int isa, long rows, long features, long units, long panel_lo, long panel_hi,
                 const float *x, long ldx, const float *h_prev, long ldh_prev, const float *packed,
                 const float *input_bias, const float *recurrent_bias, float *gates, float *candidate,
                 float *h_next, long ldh_next, const float *mask, long mask_stride) {
    if (rows < 1 || features < 0 || !clamp_panels(isa, 3, units, &panel_lo, &panel_hi)) return;
    rk_gru_args s = {units, features, ldx, ldh_prev, ldh_next, x, h_prev, input_bias, recurrent_bias, mask, gates,
                     candidate, h_next, mask_stride};
    DISPATCH(isa, gru_step, rows, units, panel_lo, panel_hi, &s, packed);
}

void rk_lstm_backward_step(int isa, long rows, long units, const float *gates, const float *c_prev,
                           const float *c, const float *dh, const float *dc, float *d_gates,
                           float *dh_prev, float *dc_prev, const _Bool *valid) {
    if (rows < 1 || units < 1) return;
    DISPATCH(isa, lstm_backward_step, rows, units, gates, c_prev, c, dh, dc, d_gates, dh_prev, dc_prev, valid);
}

void rk_gru_backward_step(int isa, long rows, long units, const float *gates, const float *h_prev,
                          const float *recurrent_candidate, const float *dh, float *d_gates,
                          float *d_recurrent, float *dh_prev, const _Bool *valid) {
    if (rows < 1 || units < 1) return;
    DISPATCH(isa, gru_backward_step, rows, units, gates, h_prev, recurrent_candidate, dh, d_gates, d_recurrent,
             dh_prev, valid);
}

void rk_add_column_sums(int isa, long rows, long cols, const float *a, long lda, float *out) {
    if (rows < 1 || cols < 1) return;
    DISPATCH(isa, add_column_sums, rows, cols, a, lda, out);
}
