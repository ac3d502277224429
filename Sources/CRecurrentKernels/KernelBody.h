// Shape key: B = batch rows, K = depth, G = gates, H = units, V = vectors per packed k-row.
//
// The kernels, written once for a vector width and included by KernelsAVX512.c and KernelsAVX2.c,
// which first define (all `static inline`, inside their target pragma):
//   VL               floats per vector;  vf  the vector type;  vmask  a lane mask
//   v_zero, v_set1, v_load, v_store, v_fma, v_fnma, v_add, v_sub, v_mul, v_rcp (estimate), v_min,
//   v_max, v_exp2i (2^n from the float-to-int bits of the rounding trick, see exp_parts),
//   v_prefetch (a line into L2)
//   v_mask(n)        the first n lanes;  v_load_m, v_store_m  masked load / store
//   MR1, MR3, MR4    rows per register tile for the plain GEMM (2 accumulators per row), the GRU
//                    and the LSTM (4 each)
//   RK(name)         the variant's name for an entry point.
//
// Tiles: MR rows of A times one panel (V vectors wide) of packed B, accumulated in registers over
// the depth in blocks of about 32 KB of the panel (so every row tile after the first reads the
// block from L1; partial sums wait in a small stack buffer between blocks), then an epilogue per
// row (store, or the gate pass) while the tile is hot. Panels are the outer loop, so each panel of
// the weights is read from memory once per step; the fused steps' depth is x_t's features against
// W, then h's units against U.

#define AI __attribute__((always_inline))

/// Units per panel for `gates` gates: two vectors for a plain matrix, one per gate otherwise.
static inline long panel_units(long gates) { return gates == 1 ? 2 * VL : VL; }

// MARK: Activations (as VectorMath.swift: Cephes' exp with range reduction, ~1 ulp)

/// x = n·ln2 + r: returns q = e^r - 1 and *scale = 2^n, so e^x = scale·q + scale.
static inline AI vf exp_parts(vf x, vf *scale) {
    // The clamp keeps 2^n a normal float; max(lo, x) then min(hi, .) returns x itself when x is
    // NaN (the second operand wins), so a NaN reaches the caller as NaN.
    vf xc = v_min(v_set1(88.3f), v_max(v_set1(-87.3f), x));
    vf magic = v_set1(12582912.0f);  // 1.5·2^23: adding it rounds to an integer in the low bits
    vf shifted = v_fma(xc, v_set1(1.44269504f), magic);
    vf n = v_sub(shifted, magic);
    vf r = v_fnma(n, v_set1(0.693359375f), xc);
    r = v_fnma(n, v_set1(-2.12194440e-4f), r);
    vf p = v_set1(1.9875691500e-4f);
    p = v_fma(p, r, v_set1(1.3981999507e-3f));
    p = v_fma(p, r, v_set1(8.3334519073e-3f));
    p = v_fma(p, r, v_set1(4.1665795894e-2f));
    p = v_fma(p, r, v_set1(1.6666665459e-1f));
    p = v_fma(p, r, v_set1(5.0000001201e-1f));
    *scale = v_exp2i(shifted);
    return v_fma(p, v_mul(r, r), r);
}

/// 1/b: the hardware estimate (rcp14: 14 bits, rcp: 12) and one Newton step r + r(1 - b·r), within
/// about 2 ulp; a division instruction costs several times more and bound the gate pass. b is
/// finite and nonzero here (the exp clamp keeps 1 + e^x and expm1 + 2 below 2.4e38).
static inline AI vf v_recip(vf b) {
    vf r = v_rcp(b);
    return v_fma(v_fnma(b, r, v_set1(1.0f)), r, r);
}

static inline AI vf v_sigmoid(vf x) {
    vf scale, q = exp_parts(v_sub(v_zero(), x), &scale);
    return v_recip(v_add(v_set1(1.0f), v_fma(scale, q, scale)));
}

/// tanh = expm1(2x) / (expm1(2x) + 2), expm1 = 2^n·q + (2^n - 1): no cancellation near 0.
static inline AI vf v_tanh(vf x) {
    vf scale, q = exp_parts(v_add(x, x), &scale);
    vf em1 = v_fma(scale, q, v_sub(scale, v_set1(1.0f)));
    return v_mul(em1, v_recip(v_add(em1, v_set1(2.0f))));
}

// MARK: Packing

void RK(pack)(const float *src, long depth, long gates, long units, long rs, long cs, float *dst) {
    long w = panel_units(gates), panels = (units + w - 1) / w;
    for (long p = 0; p < panels; p++) {
        for (long k = 0; k < depth; k++) {
            for (long g = 0; g < gates; g++) {
                for (long jj = 0; jj < w; jj++) {
                    long j = p * w + jj;
                    *dst++ = j < units ? src[k * rs + (g * units + j) * cs] : 0.0f;
                }
            }
        }
    }
}

/// Two row-major matrices (top_depth, gates*units) and (bottom_depth, gates*units) stacked into one
/// of depth top_depth + bottom_depth: each panel holds the top's rows, then the bottom's.
void RK(pack_stacked)(const float *top, long top_depth, const float *bottom, long bottom_depth, long gates,
                      long units, float *dst) {
    long w = panel_units(gates), panels = (units + w - 1) / w, ld = gates * units;
    for (long p = 0; p < panels; p++) {
        for (long k = 0; k < top_depth + bottom_depth; k++) {
            const float *row = k < top_depth ? top + k * ld : bottom + (k - top_depth) * ld;
            for (long g = 0; g < gates; g++) {
                for (long jj = 0; jj < w; jj++) {
                    long j = p * w + jj;
                    *dst++ = j < units ? row[g * units + j] : 0.0f;
                }
            }
        }
    }
}

// MARK: Register tiles

/// Cuts `rows` into the fewest tiles of at most `mr` rows, sizes differing by at most one (32 rows
/// of 6: 6, 6, 5, 5, 5, 5 rather than five 6s and a 2, whose thin tile reads the panel for little
/// work); the body sees the first row `r` and the tile's `size`.
#define FOR_EACH_TILE(rows, mr, r, size)                                                      \
    for (long tiles_ = ((rows) + (mr) - 1) / (mr), t_ = 0, r = 0, size = 0; t_ < tiles_;     \
         r += size, t_++)                                                                    \
        if ((size = (rows) / tiles_ + (t_ < (rows) % tiles_ ? 1 : 0)), 1)

/// Partial sums of a row group between depth blocks (on the stack: 24 KB).
#define PARTIAL_FLOATS 6144

/// The depth is cut into blocks whose slice of a panel (block * nv * VL floats) stays within about
/// 32 KB, so it is read from L1 by every row tile after the first; the blocks are of equal size.
static inline long depth_block(long depth, int nv) {
    long most = 8192 / (nv * VL), blocks = (depth + most - 1) / most;
    return (depth + blocks - 1) / blocks;
}

#define UNROLL _Pragma("clang loop unroll(full)")

/// acc[i][t(v)] (+)= Σ_k a[i*lda + k] · b[k*nv*VL + v*VL ...] for k < depth, mr rows, nv packed
/// vectors per k-row and na accumulators per row (constants after inlining, so acc lives in
/// registers); vector v goes to accumulator v, except vector 2, which goes to `third` (the GRU's
/// candidate keeps x·W_h and h·U_h apart). Starts from zero, or from `partial` (mr rows of na*VL
/// floats) when it is not NULL.
static inline AI void tile_product(const int mr, const int nv, const int na, const int third, const float *a,
                                   long lda, const float *b, long depth, const float *partial, vf out[][4],
                                   const float *prefetch, long prefetch_lines) {
    // Accumulated in a local array that never escapes (registers); `out` is written once at the
    // end: when the loop worked on `out`, which the epilogue passes by address, the compiler kept
    // it in memory and stored every accumulator on every k.
    vf acc[12][4];
    UNROLL for (int i = 0; i < mr; i++)
        UNROLL for (int v = 0; v < na; v++) acc[i][v] = partial ? v_load(partial + (i * na + v) * VL) : v_zero();
    for (long k = 0; k < depth; k++) {
        const float *bk = b + k * nv * VL;
        if (k < prefetch_lines) v_prefetch(prefetch + k * 16);
        vf bv[4];
        UNROLL for (int v = 0; v < nv; v++) bv[v] = v_load(bk + v * VL);
        UNROLL for (int i = 0; i < mr; i++) {
            vf ai = v_set1(a[i * lda + k]);
            UNROLL for (int v = 0; v < nv; v++) {
                const int t = v == 2 ? third : v;
                acc[i][t] = v_fma(ai, bv[v], acc[i][t]);
            }
        }
    }
    UNROLL for (int i = 0; i < mr; i++)
        UNROLL for (int v = 0; v < na; v++) out[i][v] = acc[i][v];
}

static inline AI void tile_save(const int mr, const int nv, vf acc[][4], float *partial) {
    UNROLL for (int i = 0; i < mr; i++)
        UNROLL for (int v = 0; v < nv; v++) v_store(partial + (i * nv + v) * VL, acc[i][v]);
}

/// Where a tile is in the blocked loops: its first row, its depth block [k0, k0 + kd), and its
/// partial sums (read unless the block is the first, written unless it is the last).
typedef struct {
    long r0, k0, kd;
    float *partial;
    int first, last;
    /// Lines of the packed matrix to bring into L2 while this tile computes (see NEXT_BLOCK_SHARE).
    const float *prefetch;
    long prefetch_lines;
} tile_place;

/// The packed matrix is read block after block (a member's panels are contiguous, and in a panel
/// W's rows precede U's), so the next block starts where the current one ends. Its first read
/// came from L3 at the pace of one tile (LSTM(1024) streams 10 MB of weights per step and member);
/// now the tiles of the current block each prefetch their share of the next block's lines into L2.
#define NEXT_BLOCK_SHARE(block_end, kd, nv, tile, tiles, ptr, lines)                       \
    do {                                                                                   \
        long all_ = (kd) * (nv) * VL / 16, each_ = (all_ + (tiles) - 1) / (tiles);          \
        long from_ = (tile) * each_;                                                       \
        ptr = (block_end) + from_ * 16;                                                    \
        lines = from_ >= all_ ? 0 : (all_ - from_ < each_ ? all_ - from_ : each_);         \
    } while (0)

/// Runs `TILE(size, place)` for every row tile of every depth block of one panel, for the rows
/// of a group (at most PARTIAL_FLOATS / (nv*VL) rows, starting at group_row).
#define FOR_EACH_BLOCK_AND_TILE(group_row, group_rows, depth, nv, mr, partial, place, size)         \
    for (long kb_ = depth_block(depth, nv), k0_ = 0; k0_ < (depth); k0_ += kb_)                     \
        FOR_EACH_TILE(group_rows, mr, r_, size)                                                     \
            if ((place = (tile_place){(group_row) + r_, k0_, (depth) - k0_ < kb_ ? (depth) - k0_ : kb_, \
                                      (partial) + r_ * (nv) * VL, k0_ == 0, k0_ + kb_ >= (depth), 0, 0}), 1)

// MARK: Plain GEMM

static inline AI void gemm_tile(const int mr, tile_place t, const float *a, long lda, const float *b,
                                float beta, float *c, long ldc, long n) {
    vf acc[MR1][4];
    tile_product(mr, 2, 2, 2, a + t.r0 * lda + t.k0, lda, b + t.k0 * 2 * VL, t.kd, t.first ? 0 : t.partial, acc, 0, 0);
    if (!t.last) { tile_save(mr, 2, acc, t.partial); return; }
    vmask m0 = v_mask(n < VL ? n : VL), m1 = v_mask(n > VL ? n - VL : 0);
    for (int i = 0; i < mr; i++) {
        float *ci = c + (t.r0 + i) * ldc;
        vf c0 = acc[i][0], c1 = acc[i][1];
        if (beta != 0.0f) {
            c0 = v_fma(v_set1(beta), v_load_m(ci, m0), c0);
            c1 = v_fma(v_set1(beta), v_load_m(ci + VL, m1), c1);
        }
        v_store_m(ci, c0, m0);
        v_store_m(ci + VL, c1, m1);
    }
}

void RK(gemm)(long rows, long depth, long cols, const float *a, long lda, const float *packed,
              float beta, float *c, long ldc) {
    float partial[PARTIAL_FLOATS] __attribute__((aligned(64)));
    long w = 2 * VL, panels = (cols + w - 1) / w, group = PARTIAL_FLOATS / w;
    for (long g0 = 0; g0 < rows; g0 += group) {
        long gr = rows - g0 < group ? rows - g0 : group;
        for (long p = 0; p < panels; p++) {
            const float *b = packed + p * depth * w;
            long j0 = p * w, n = cols - j0 < w ? cols - j0 : w;
            tile_place t = {0};
            FOR_EACH_BLOCK_AND_TILE(g0, gr, depth, 2, MR1, partial, t, size) {
#define GEMM_TILE(R) case R: gemm_tile(R, t, a, lda, b, beta, c + j0, ldc, n); break;
                switch (size) {
                    GEMM_TILE(1) GEMM_TILE(2) GEMM_TILE(3) GEMM_TILE(4) GEMM_TILE(5) GEMM_TILE(6)
#if MR1 > 6
                    GEMM_TILE(7) GEMM_TILE(8) GEMM_TILE(9) GEMM_TILE(10) GEMM_TILE(11) GEMM_TILE(12)
#endif
                    default: break;
                }
#undef GEMM_TILE
            }
        }
    }
}

// MARK: Fused steps (LSTM, GRU)

/// The depth of a step is two segments: x_t (F features, rows `ldx` apart in the layer's (B, T, F)
/// input) against W, then h_prev (H units) against U; the packed matrix stacks W over U in every
/// panel (rk_pack_stacked). Blocks never straddle the two, since the A operand changes.
#define FOR_EACH_SEGMENT_BLOCK(F, H, nv, seg, place_first, place_last, k0, kd)                 \
    for (int seg = (F) > 0 ? 0 : 1; seg < 2; seg++)                                                    \
        for (long depth_ = seg ? (H) : (F), kb_ = depth_block(depth_, nv), k0 = 0, kd = 0;             \
             k0 < depth_ && ((kd = depth_ - k0 < kb_ ? depth_ - k0 : kb_), 1); k0 += kb_)                \
            if ((place_first = (k0 == 0 && (seg == 0 || (F) == 0)), place_last = (seg == 1 && k0 + kd >= depth_)), 1)

/// The gate pass of one LSTM row: pre-activations = bias + [x, h]·[W; U] (`acc`, gates i, f, g, o).
static inline void lstm_row(const vf acc[4], float *gates, const float *bias, long H, long j0, vmask m,
                            const float *c_prev, float *c_next, const float *h_prev, float *h_next, int valid) {
    vf i = v_sigmoid(v_add(v_load_m(bias + j0, m), acc[0]));
    vf f = v_sigmoid(v_add(v_load_m(bias + H + j0, m), acc[1]));
    vf g = v_tanh(v_add(v_load_m(bias + 2 * H + j0, m), acc[2]));
    vf o = v_sigmoid(v_add(v_load_m(bias + 3 * H + j0, m), acc[3]));
    if (gates) {
        v_store_m(gates + j0, i, m);
        v_store_m(gates + H + j0, f, m);
        v_store_m(gates + 2 * H + j0, g, m);
        v_store_m(gates + 3 * H + j0, o, m);
    }
    vf c_old = v_load_m(c_prev + j0, m);
    if (valid) {
        vf c = v_fma(f, c_old, v_mul(i, g));
        v_store_m(c_next + j0, c, m);
        v_store_m(h_next + j0, v_mul(o, v_tanh(c)), m);
    } else {
        v_store_m(c_next + j0, c_old, m);
        v_store_m(h_next + j0, v_load_m(h_prev + j0, m), m);
    }
}

static inline AI void lstm_tile(const int mr, tile_place t, const float *a, long lda, const float *b,
                                const rk_lstm_args *s, long j0, vmask m) {
    vf acc[MR4][4];
    long H = s->H;
    tile_product(mr, 4, 4, 2, a + t.r0 * lda + t.k0, lda, b + t.k0 * 4 * VL, t.kd, t.first ? 0 : t.partial, acc,
                 t.prefetch, t.prefetch_lines);
    if (!t.last) { tile_save(mr, 4, acc, t.partial); return; }
    for (int i = 0; i < mr; i++) {
        long r = t.r0 + i;
        int valid = s->mask == 0 || s->mask[r * s->mask_stride] != 0.0f;
        lstm_row(acc[i], s->gates ? s->gates + r * 4 * H : 0, s->bias, H, j0, m, s->c_prev + r * H,
                 s->c_next + r * H, s->h_prev + r * s->ldh_prev, s->h_next + r * s->ldh_next, valid);
    }
}

void RK(lstm_step)(long rows, long H, long p_lo, long p_hi, const rk_lstm_args *s, const float *packed) {
    float partial[PARTIAL_FLOATS] __attribute__((aligned(64)));
    long F = s->F, group = PARTIAL_FLOATS / (4 * VL);
    for (long g0 = 0; g0 < rows; g0 += group) {
        long gr = rows - g0 < group ? rows - g0 : group;
        for (long p = p_lo; p < p_hi; p++) {
            const float *panel = packed + p * (F + H) * 4 * VL;
            long j0 = p * VL;
            vmask m = v_mask(H - j0 < VL ? H - j0 : VL);
            int first, last;
            FOR_EACH_SEGMENT_BLOCK(F, H, 4, seg, first, last, k0, kd) {
                const float *a = seg ? s->h_prev : s->x;
                long lda = seg ? s->ldh_prev : s->ldx;
                const float *b = panel + (seg ? F : 0) * 4 * VL;
                FOR_EACH_TILE(gr, MR4, r, size) {
                    tile_place t = {g0 + r, k0, kd, partial + r * 4 * VL, first, last, 0, 0};
                    NEXT_BLOCK_SHARE(b + (k0 + kd) * 4 * VL, kd, 4, t_, tiles_, t.prefetch, t.prefetch_lines);
#define LSTM_TILE(R) case R: lstm_tile(R, t, a, lda, b, s, j0, m); break;
                    switch (size) {
                        LSTM_TILE(1) LSTM_TILE(2)
#if MR4 > 2
                        LSTM_TILE(3) LSTM_TILE(4) LSTM_TILE(5) LSTM_TILE(6)
#endif
                        default: break;
                    }
#undef LSTM_TILE
                }
            }
        }
    }
}

/// The gate pass of one GRU (reset_after) row; acc: z and r (input + recurrent), x·W_h, h·U_h.
static inline void gru_row(const vf acc[4], float *gates, const float *bx, const float *br, long H, long j0,
                           vmask m, float *cand, const float *h_prev, float *h_next, int valid) {
    vf rh = v_add(acc[3], v_load_m(br + 2 * H + j0, m));
    vf z = v_sigmoid(v_add(acc[0], v_add(v_load_m(bx + j0, m), v_load_m(br + j0, m))));
    vf r = v_sigmoid(v_add(acc[1], v_add(v_load_m(bx + H + j0, m), v_load_m(br + H + j0, m))));
    vf hh = v_tanh(v_fma(r, rh, v_add(acc[2], v_load_m(bx + 2 * H + j0, m))));
    if (cand) v_store_m(cand + j0, rh, m);
    if (gates) {
        v_store_m(gates + j0, z, m);
        v_store_m(gates + H + j0, r, m);
        v_store_m(gates + 2 * H + j0, hh, m);
    }
    vf h_old = v_load_m(h_prev + j0, m);
    // z⊙h' + (1-z)⊙hh, as hh + z⊙(h' - hh)
    v_store_m(h_next + j0, valid ? v_fma(z, v_sub(h_old, hh), hh) : h_old, m);
}

static inline AI void gru_tile(const int mr, const int seg, tile_place t, const float *a, long lda, const float *b,
                               const rk_gru_args *s, long j0, vmask m) {
    vf acc[MR3][4];
    long H = s->H;
    tile_product(mr, 3, 4, seg ? 3 : 2, a + t.r0 * lda + t.k0, lda, b + t.k0 * 3 * VL, t.kd,
                 t.first ? 0 : t.partial, acc, t.prefetch, t.prefetch_lines);
    if (!t.last) { tile_save(mr, 4, acc, t.partial); return; }
    for (int i = 0; i < mr; i++) {
        long r = t.r0 + i;
        int valid = s->mask == 0 || s->mask[r * s->mask_stride] != 0.0f;
        gru_row(acc[i], s->gates ? s->gates + r * 3 * H : 0, s->input_bias, s->recurrent_bias, H, j0, m,
                s->candidate ? s->candidate + r * H : 0, s->h_prev + r * s->ldh_prev, s->h_next + r * s->ldh_next, valid);
    }
}

void RK(gru_step)(long rows, long H, long p_lo, long p_hi, const rk_gru_args *s, const float *packed) {
    float partial[PARTIAL_FLOATS] __attribute__((aligned(64)));
    long F = s->F, group = PARTIAL_FLOATS / (4 * VL);
    for (long g0 = 0; g0 < rows; g0 += group) {
        long gr = rows - g0 < group ? rows - g0 : group;
        for (long p = p_lo; p < p_hi; p++) {
            const float *panel = packed + p * (F + H) * 3 * VL;
            long j0 = p * VL;
            vmask m = v_mask(H - j0 < VL ? H - j0 : VL);
            int first, last;
            FOR_EACH_SEGMENT_BLOCK(F, H, 3, seg, first, last, k0, kd) {
                const float *a = seg ? s->h_prev : s->x;
                long lda = seg ? s->ldh_prev : s->ldx;
                const float *b = panel + (seg ? F : 0) * 3 * VL;
                FOR_EACH_TILE(gr, MR3, r, size) {
                    tile_place t = {g0 + r, k0, kd, partial + r * 4 * VL, first, last, 0, 0};
                    NEXT_BLOCK_SHARE(b + (k0 + kd) * 3 * VL, kd, 3, t_, tiles_, t.prefetch, t.prefetch_lines);
#define GRU_TILE(R) case R: if (seg) gru_tile(R, 1, t, a, lda, b, s, j0, m); else gru_tile(R, 0, t, a, lda, b, s, j0, m); break;
                    switch (size) {
                        GRU_TILE(1) GRU_TILE(2)
#if MR3 > 2
                        GRU_TILE(3) GRU_TILE(4) GRU_TILE(5) GRU_TILE(6)
#endif
                        default: break;
                    }
#undef GRU_TILE
                }
            }
        }
    }
}

// MARK: LSTM backward step (element-wise)

void RK(lstm_backward_step)(long rows, long H, const float *gates, const float *c_prev, const float *c,
                                   const float *dh, const float *dc, float *dg, float *dh_prev, float *dc_prev,
                                   const _Bool *valid) {
    vf one = v_set1(1.0f);
    for (long r = 0; r < rows; r++) {
        const float *g = gates + r * 4 * H;
        float *a = dg + r * 4 * H;
        long o = r * H;
        for (long j = 0; j < H; j += VL) {
            vmask m = v_mask(H - j < VL ? H - j : VL);
            if (!valid[r]) {
                v_store_m(dh_prev + o + j, v_load_m(dh + o + j, m), m);
                v_store_m(dc_prev + o + j, v_load_m(dc + o + j, m), m);
                v_store_m(a + j, v_zero(), m);
                v_store_m(a + H + j, v_zero(), m);
                v_store_m(a + 2 * H + j, v_zero(), m);
                v_store_m(a + 3 * H + j, v_zero(), m);
                continue;
            }
            vf i = v_load_m(g + j, m), f = v_load_m(g + H + j, m);
            vf gg = v_load_m(g + 2 * H + j, m), og = v_load_m(g + 3 * H + j, m);
            vf tc = v_tanh(v_load_m(c + o + j, m)), d = v_load_m(dh + o + j, m);
            vf dcj = v_fma(v_mul(d, og), v_fnma(tc, tc, one), v_load_m(dc + o + j, m));
            v_store_m(a + j, v_mul(v_mul(dcj, gg), v_mul(i, v_sub(one, i))), m);
            v_store_m(a + H + j, v_mul(v_mul(dcj, v_load_m(c_prev + o + j, m)), v_mul(f, v_sub(one, f))), m);
            v_store_m(a + 2 * H + j, v_mul(v_mul(dcj, i), v_fnma(gg, gg, one)), m);
            v_store_m(a + 3 * H + j, v_mul(v_mul(d, tc), v_mul(og, v_sub(one, og))), m);
            v_store_m(dc_prev + o + j, v_mul(dcj, f), m);
            v_store_m(dh_prev + o + j, v_zero(), m);
        }
    }
}

// MARK: GRU (reset_after) backward step (element-wise)

void RK(gru_backward_step)(long rows, long H, const float *gates, const float *h_prev, const float *rc,
                           const float *dh, float *dg, float *drec, float *dh_prev, const _Bool *valid) {
    vf one = v_set1(1.0f);
    for (long r = 0; r < rows; r++) {
        const float *g = gates + r * 3 * H;
        float *a = dg + r * 3 * H, *q = drec + r * 3 * H;
        long o = r * H;
        for (long j = 0; j < H; j += VL) {
            vmask m = v_mask(H - j < VL ? H - j : VL);
            vf d = v_load_m(dh + o + j, m);
            if (!valid[r]) {
                v_store_m(dh_prev + o + j, d, m);
                for (int k = 0; k < 3; k++) {
                    v_store_m(a + k * H + j, v_zero(), m);
                    v_store_m(q + k * H + j, v_zero(), m);
                }
                continue;
            }
            vf z = v_load_m(g + j, m), rg = v_load_m(g + H + j, m), hh = v_load_m(g + 2 * H + j, m);
            vf hp = v_load_m(h_prev + o + j, m);
            vf daz = v_mul(v_mul(d, v_sub(hp, hh)), v_mul(z, v_sub(one, z)));
            vf dahh = v_mul(v_mul(d, v_sub(one, z)), v_fnma(hh, hh, one));
            vf dar = v_mul(v_mul(dahh, v_load_m(rc + o + j, m)), v_mul(rg, v_sub(one, rg)));
            v_store_m(a + j, daz, m);
            v_store_m(a + H + j, dar, m);
            v_store_m(a + 2 * H + j, dahh, m);
            v_store_m(q + j, daz, m);
            v_store_m(q + H + j, dar, m);
            v_store_m(q + 2 * H + j, v_mul(dahh, rg), m);
            v_store_m(dh_prev + o + j, v_mul(d, z), m);
        }
    }
}

// MARK: Column sums

void RK(add_column_sums)(long rows, long cols, const float *a, long lda, float *out) {
    for (long j = 0; j < cols; j += 4 * VL) {
        // Four vectors of columns at a time, summed down all rows (independent chains).
        long n = cols - j;
        vmask m0 = v_mask(n), m1 = v_mask(n - VL > 0 ? n - VL : 0);
        vmask m2 = v_mask(n - 2 * VL > 0 ? n - 2 * VL : 0), m3 = v_mask(n - 3 * VL > 0 ? n - 3 * VL : 0);
        vf s0 = v_load_m(out + j, m0), s1 = v_load_m(out + j + VL, m1);
        vf s2 = v_load_m(out + j + 2 * VL, m2), s3 = v_load_m(out + j + 3 * VL, m3);
        for (long r = 0; r < rows; r++) {
            const float *row = a + r * lda + j;
            s0 = v_add(s0, v_load_m(row, m0));
            s1 = v_add(s1, v_load_m(row + VL, m1));
            s2 = v_add(s2, v_load_m(row + 2 * VL, m2));
            s3 = v_add(s3, v_load_m(row + 3 * VL, m3));
        }
        v_store_m(out + j, s0, m0);
        v_store_m(out + j + VL, s1, m1);
        v_store_m(out + j + 2 * VL, s2, m2);
        v_store_m(out + j + 3 * VL, s3, m3);
    }
}
