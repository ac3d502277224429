// Shape key: B = batch rows, K = depth (rows of the packed matrix), G = gates, H = units, GH = G*H.
//
// Kernels for the recurrent layers' step loop. Forward: one call per step computes [x_t, h] @ [W; U]
// with W and U packed once per layer call (OpenBLAS packs its operand again on every call, which
// was 12% of an LSTM forward) and runs the gate pass on the product's register tile, so neither the
// input projection nor h·U is ever written to memory. Backward: the element-wise step and dRec @ U^T
// (rk_gemm, U^T packed once). Plain C with AVX-512 and AVX2+FMA variants chosen at run time
// (`rk_instruction_set`); with neither, every entry point does nothing and the caller keeps its
// portable path (Swift + OpenBLAS). The package is built without -march flags: the binary runs on
// any x86-64 (and on other architectures, where `rk_instruction_set` is 0).
//
// Packed layout ("gate panels"): the units are cut into panels of `rk_panel_units(G)` units; panel
// p holds, for k = 0..<K, the G gates' columns of its units, gate after gate, each panel-wide
// (units past H are zeros). For G = 1 this is an ordinary column-panel layout, which `rk_gemm` uses;
// rk_pack_stacked puts W's rows and then U's in every panel.
// Every pointer is row-major; `rows` may be 0; units, depth >= 1 wherever a pointer is read.
#ifndef C_RECURRENT_KERNELS_H
#define C_RECURRENT_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Every function below takes the instruction set `isa` to run with; the packed layout depends on
/// it, so a caller packs and computes with the same value. An isa above `rk_instruction_set()` (or
/// RK_NONE) makes the functions do nothing and the sizes 0.
enum { RK_NONE = 0, RK_AVX2 = 1, RK_AVX512 = 2 };

/// The best instruction set this CPU and OS support: RK_AVX512, RK_AVX2 or RK_NONE (callers must
/// then use their portable path). Read once from CPUID and XGETBV.
int rk_instruction_set(void);

/// Units per panel for `gates` gates.
long rk_panel_units(int isa, long gates);

/// Panels needed for `units` units of `gates` gates.
long rk_panel_count(int isa, long gates, long units);

/// Floats in the packed form of a (depth, gates*units) matrix.
long rk_packed_count(int isa, long depth, long gates, long units);

/// Packs src, whose element (k, g*units + j) is src[k*row_stride + (g*units + j)*col_stride],
/// into dst (rk_packed_count floats). col_stride = 1 packs U itself; row_stride = 1,
/// col_stride = K packs the transpose of a row-major (gates*units, K) matrix.
void rk_pack(int isa, const float *src, long depth, long gates, long units, long row_stride, long col_stride, float *dst);

/// C (rows, cols) = beta * C + A (rows, depth) @ B, B packed by rk_pack(depth, gates 1, cols).
/// beta 0 writes C without reading it.
void rk_gemm(int isa, long rows, long depth, long cols, const float *a, long lda, const float *packed,
             float beta, float *c, long ldc);

/// Packs W (top_depth, gates*units) over U (bottom_depth, gates*units), both row-major, into one
/// matrix of depth top_depth + bottom_depth (rk_packed_count floats): the fused steps' operand.
void rk_pack_stacked(int isa, const float *top, long top_depth, const float *bottom, long bottom_depth,
                     long gates, long units, float *dst);

/// One LSTM step for `rows` batch rows and the units of panels [panel_lo, panel_hi); `packed` is
/// rk_pack_stacked(W (F, 4H), U (H, 4H)). With a = bias + x·W + h_prev·U in Keras' gate order
/// i, f, c, o: c_next = σ(i)⊙tanh(c) + σ(f)⊙c_prev, h_next = σ(o)⊙tanh(c_next). x holds the step's
/// input rows, `ldx` floats apart (T*F in a (B, T, F) input), and is not read when F = 0; h rows
/// are ldh_prev and ldh_next floats apart (H, or T*H when h goes straight into a (B, T, H)
/// output), c rows H. The activated gates go to `gates` (rows, 4H) unless it is NULL. A row whose
/// mask value is 0 (mask[row * mask_stride]; mask NULL = all valid) keeps c_prev and h_prev.
void rk_lstm_step(int isa, long rows, long features, long units, long panel_lo, long panel_hi,
                  const float *x, long ldx, const float *h_prev, long ldh_prev, const float *packed,
                  const float *bias, float *gates, const float *c_prev, float *c_next, float *h_next,
                  long ldh_next, const float *mask, long mask_stride);

/// One GRU (reset_after = True) step, gates z, r, hh, operands as rk_lstm_step: rh = h_prev·U_h +
/// b_rec_h goes to `candidate` (rows, H) unless NULL; z = σ(x·W_z + b_z + h·U_z + b_rec_z), r
/// likewise, hh = tanh(x·W_h + b_h + r⊙rh), h_next = z⊙h_prev + (1-z)⊙hh; the activated z, r, hh
/// go to `gates` (rows, 3H) unless NULL. Masked rows keep h_prev.
void rk_gru_step(int isa, long rows, long features, long units, long panel_lo, long panel_hi,
                 const float *x, long ldx, const float *h_prev, long ldh_prev, const float *packed,
                 const float *input_bias, const float *recurrent_bias, float *gates, float *candidate,
                 float *h_next, long ldh_next, const float *mask, long mask_stride);

/// The element-wise part of one LSTM backward step for `rows` rows of H units: from dh, dc (the
/// gradients on h and c after the step), the activated gates (rows, 4H), c_prev and c, writes the
/// pre-activation gradients d_gates (rows, 4H), dc_prev, and dh_prev's direct term (0; the caller
/// adds d_gates @ U^T). Rows with valid[row] == 0 pass dh, dc through and get d_gates = 0.
void rk_lstm_backward_step(int isa, long rows, long units, const float *gates, const float *c_prev,
                           const float *c, const float *dh, const float *dc, float *d_gates,
                           float *dh_prev, float *dc_prev, const _Bool *valid);

/// The element-wise part of one GRU (reset_after = True) backward step: from dh, the activated
/// gates z, r, hh (rows, 3H), h_prev and the cached rh = h_prev·U_h + b_rec_h (rows, H), writes the
/// pre-activation gradients on the input side d_gates (rows, 3H), those on h·U + b_rec
/// d_recurrent (rows, 3H: the candidate's is multiplied by r), and dh_prev's direct term dh⊙z (the
/// caller adds d_recurrent @ U^T). Rows with valid[row] == 0 pass dh through, gradients 0.
void rk_gru_backward_step(int isa, long rows, long units, const float *gates, const float *h_prev,
                          const float *recurrent_candidate, const float *dh, float *d_gates,
                          float *d_recurrent, float *dh_prev, const _Bool *valid);

/// out[j] += Σ_r a[r*lda + j] for j < cols (a bias gradient: column sums of dA over all steps).
void rk_add_column_sums(int isa, long rows, long cols, const float *a, long lda, float *out);

#ifdef __cplusplus
}
#endif

#endif
