// The entry points of each instruction-set variant (KernelsAVX512.c, KernelsAVX2.c), called by
// Dispatch.c, and the argument blocks of the fused steps (see CRecurrentKernels.h for meanings).
#ifndef RK_VARIANTS_H
#define RK_VARIANTS_H

#include <stdbool.h>

typedef struct {
    long H, F, ldx, ldh_prev, ldh_next;
    const float *x, *h_prev, *bias, *c_prev, *mask;
    float *gates, *c_next, *h_next;
    long mask_stride;
} rk_lstm_args;

typedef struct {
    long H, F, ldx, ldh_prev, ldh_next;
    const float *x, *h_prev, *input_bias, *recurrent_bias, *mask;
    float *gates, *candidate, *h_next;
    long mask_stride;
} rk_gru_args;

#define RK_DECLARE_VARIANT(prefix)                                                                          \
    void prefix##pack(const float *src, long depth, long gates, long units, long rs, long cs, float *dst);   \
    void prefix##pack_stacked(const float *top, long top_depth, const float *bottom, long bottom_depth,      \
                              long gates, long units, float *dst);                                           \
    void prefix##gemm(long rows, long depth, long cols, const float *a, long lda, const float *packed,       \
                      float beta, float *c, long ldc);                                                       \
    void prefix##lstm_step(long rows, long H, long p_lo, long p_hi, const rk_lstm_args *s, const float *packed); \
    void prefix##gru_step(long rows, long H, long p_lo, long p_hi, const rk_gru_args *s, const float *packed);   \
    void prefix##lstm_backward_step(long rows, long H, const float *gates, const float *c_prev, const float *c,  \
                                    const float *dh, const float *dc, float *dg, float *dh_prev,               \
                                    float *dc_prev, const _Bool *valid);                           \
    void prefix##gru_backward_step(long rows, long H, const float *gates, const float *h_prev, const float *rc, \
                                   const float *dh, float *dg, float *drec, float *dh_prev, const _Bool *valid); \
    void prefix##add_column_sums(long rows, long cols, const float *a, long lda, float *out);

RK_DECLARE_VARIANT(rk_avx512_)
RK_DECLARE_VARIANT(rk_avx2_)

#endif
