// Shape key: B = batch, H = units, G = gates (SimpleRNN 1, GRU 3, LSTM 4), GH = G*H.
// The fused element-wise pass of one processing step, for the batch rows and the units lo..<hi
// that one team member owns. Inputs, all row-major:
//   gates      (B, GH)  x·W for this step in Keras gate order, overwritten with the post-activation
//                       gates (LSTM i, f, g, o; GRU z, r, hh; SimpleRNN h), which the cache keeps;
//   recurrent  (B, GH)  h·U for this step, row stride `recurrentStride` (GH); the member's columns
//                       start at G*lo and hold its units gate after gate, [gate 0 | gate 1 | ...]
//                       each hi-lo wide (with all units this is exactly Keras' column order);
//                       stride 0 over GH zeros when h·U was already added into `gates` by the GEMM;
//   biases, previous h (and c), and the mask row of this time step.
// `lanes` units at a time (VectorMath's Vec). A row's last partial chunk runs the same code through
// `PartialChunk`, whose loads and stores are kept out of line: when the partial and the whole case
// were inlined into one loop, the optimizer merged them lane by lane and the hot loop went scalar.

/// Loads and stores of one chunk of units: whole vectors, or the first `count` lanes.
protocol ChunkAccess {
    func load(_ p: UnsafePointer<Float>) -> Vec
    func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>)
}

struct WholeChunk: ChunkAccess {
    @inline(__always) func load(_ p: UnsafePointer<Float>) -> Vec { RNNRuntime.load(p) }
    @inline(__always) func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>) { RNNRuntime.store(v, p) }
}

struct PartialChunk: ChunkAccess {
    let count: Int
    @inline(never) func load(_ p: UnsafePointer<Float>) -> Vec { RNNRuntime.load(p, count) }
    @inline(never) func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>) { RNNRuntime.store(v, p, count) }
}

/// Pointers to one processing step's buffers (see the file header for layouts).
struct RecurrentStep {
    /// The batch rows this member computes.
    let rows: Range<Int>
    let units: Int, gateCount: Int
    let gates: UnsafeMutablePointer<Float>
    let recurrent: UnsafePointer<Float>
    let recurrentStride: Int
    /// Input bias (GH), zeros without `use_bias`.
    let inputBias: UnsafePointer<Float>
    /// GRU reset_after=True: recurrent bias (GH); otherwise unused.
    let recurrentBias: UnsafePointer<Float>
    let hPrev: UnsafePointer<Float>, hNext: UnsafeMutablePointer<Float>
    /// LSTM cell states (B, H); unused otherwise.
    let cPrev: UnsafePointer<Float>, cNext: UnsafeMutablePointer<Float>
    /// GRU: this step's slice (B, H) of the cache's `candidateRecurrent`.
    let candidate: UnsafeMutablePointer<Float>
    /// The mask (B, T) and this step's time index, or nil.
    let mask: UnsafePointer<Float>?, timesteps: Int, time: Int

    @inline(__always) func isValid(_ b: Int) -> Bool { mask.map { $0[b * timesteps + time] != 0 } ?? true }

    /// Runs `chunk(access, b, j)` for every batch row and every chunk of units lo..<hi.
    @inline(__always) func forEachChunk(_ lo: Int, _ hi: Int,
                                        whole: (WholeChunk, Int, Int) -> Void, partial: (PartialChunk, Int, Int) -> Void) {
        for b in rows {
            var j = lo
            while j + lanes <= hi { whole(WholeChunk(), b, j); j += lanes }
            if j < hi { partial(PartialChunk(count: hi - j), b, j) }
        }
    }

    /// LSTM: c = σ(f)⊙c + σ(i)⊙tanh(g), h = σ(o)⊙tanh(c).
    func lstm(_ lo: Int, _ hi: Int) {
        forEachChunk(lo, hi, whole: { lstmChunk($0, $1, $2, lo, hi) }, partial: { lstmChunk($0, $1, $2, lo, hi) })
    }

    @inline(never) func lstmChunk<A: ChunkAccess>(_ a: A, _ b: Int, _ j: Int, _ lo: Int, _ hi: Int) {
        let H = units, w = hi - lo, k = j - lo
        let x = gates + b * 4 * H, r = recurrent + b * recurrentStride + 4 * lo, bias = inputBias
        let i = vsigmoid(a.load(x + j) + a.load(bias + j) + a.load(r + k))
        let f = vsigmoid(a.load(x + H + j) + a.load(bias + H + j) + a.load(r + w + k))
        let g = vtanh(a.load(x + 2 * H + j) + a.load(bias + 2 * H + j) + a.load(r + 2 * w + k))
        let o = vsigmoid(a.load(x + 3 * H + j) + a.load(bias + 3 * H + j) + a.load(r + 3 * w + k))
        a.store(i, x + j); a.store(f, x + H + j); a.store(g, x + 2 * H + j); a.store(o, x + 3 * H + j)
        let cOld = a.load(cPrev + b * H + j)
        if isValid(b) {
            let c = f * cOld + i * g
            a.store(c, cNext + b * H + j)
            a.store(o * vtanh(c), hNext + b * H + j)
        } else {
            a.store(cOld, cNext + b * H + j)
            a.store(a.load(hPrev + b * H + j), hNext + b * H + j)
        }
    }

    /// GRU reset_after=True: hh = tanh(x_h + r⊙(h·U_h + b_rec_h)); the bracket goes to `candidate`.
    func gruResetAfter(_ lo: Int, _ hi: Int) {
        forEachChunk(lo, hi, whole: { gruResetAfterChunk($0, $1, $2, lo, hi) }, partial: { gruResetAfterChunk($0, $1, $2, lo, hi) })
    }

    @inline(never) func gruResetAfterChunk<A: ChunkAccess>(_ a: A, _ b: Int, _ j: Int, _ lo: Int, _ hi: Int) {
        let H = units, w = hi - lo, k = j - lo
        let x = gates + b * 3 * H, r = recurrent + b * recurrentStride + 3 * lo, bx = inputBias, br = recurrentBias
        let rz = a.load(r + k) + a.load(br + j)
        let rr = a.load(r + w + k) + a.load(br + H + j)
        let rh = a.load(r + 2 * w + k) + a.load(br + 2 * H + j)
        a.store(rh, candidate + b * H + j)
        let z = vsigmoid(a.load(x + j) + a.load(bx + j) + rz)
        let reset = vsigmoid(a.load(x + H + j) + a.load(bx + H + j) + rr)
        let hh = vtanhOutOfLine(a.load(x + 2 * H + j) + a.load(bx + 2 * H + j) + reset * rh)
        a.store(z, x + j); a.store(reset, x + H + j); a.store(hh, x + 2 * H + j)
        let hOld = a.load(hPrev + b * H + j)
        if isValid(b) { a.store(z * hOld + (Vec(repeating: 1) - z) * hh, hNext + b * H + j) } else { a.store(hOld, hNext + b * H + j) }
    }

    /// GRU reset_after=False, first half: z and r, and r⊙h into `candidate` for the second GEMM.
    func gruResetBeforeGates(_ lo: Int, _ hi: Int) {
        forEachChunk(lo, hi, whole: { gruGatesChunk($0, $1, $2, lo, hi) }, partial: { gruGatesChunk($0, $1, $2, lo, hi) })
    }

    @inline(never) func gruGatesChunk<A: ChunkAccess>(_ a: A, _ b: Int, _ j: Int, _ lo: Int, _ hi: Int) {
        let H = units, w = hi - lo, k = j - lo
        let x = gates + b * 3 * H, r = recurrent + b * recurrentStride + 3 * lo, bias = inputBias
        let z = vsigmoid(a.load(x + j) + a.load(bias + j) + a.load(r + k))
        let reset = vsigmoid(a.load(x + H + j) + a.load(bias + H + j) + a.load(r + w + k))
        a.store(z, x + j); a.store(reset, x + H + j)
        a.store(reset * a.load(hPrev + b * H + j), candidate + b * H + j)
    }

    /// GRU reset_after=False, second half: hh = tanh(x_h + b_h + (r⊙h)·U_h), then the new h.
    func gruResetBeforeOutput(_ lo: Int, _ hi: Int) {
        forEachChunk(lo, hi, whole: { gruOutputChunk($0, $1, $2, lo, hi) }, partial: { gruOutputChunk($0, $1, $2, lo, hi) })
    }

    @inline(never) func gruOutputChunk<A: ChunkAccess>(_ a: A, _ b: Int, _ j: Int, _ lo: Int, _ hi: Int) {
        let H = units, w = hi - lo, k = j - lo
        let x = gates + b * 3 * H, r = recurrent + b * recurrentStride + 3 * lo
        let hh = vtanh(a.load(x + 2 * H + j) + a.load(inputBias + 2 * H + j) + a.load(r + 2 * w + k))
        a.store(hh, x + 2 * H + j)
        let z = a.load(x + j), hOld = a.load(hPrev + b * H + j)
        if isValid(b) { a.store(z * hOld + (Vec(repeating: 1) - z) * hh, hNext + b * H + j) } else { a.store(hOld, hNext + b * H + j) }
    }

    /// SimpleRNN: h = tanh(x·W + b + h·U).
    func simple(_ lo: Int, _ hi: Int) {
        forEachChunk(lo, hi, whole: { simpleChunk($0, $1, $2, lo) }, partial: { simpleChunk($0, $1, $2, lo) })
    }

    @inline(never) func simpleChunk<A: ChunkAccess>(_ a: A, _ b: Int, _ j: Int, _ lo: Int) {
        let H = units, x = gates + b * H, r = recurrent + b * recurrentStride + lo
        let h = vtanh(a.load(x + j) + a.load(inputBias + j) + a.load(r + j - lo))
        a.store(h, x + j)
        if isValid(b) { a.store(h, hNext + b * H + j) } else { a.store(a.load(hPrev + b * H + j), hNext + b * H + j) }
    }
}

/// `vtanh` behind a call: inlined into the GRU reset_after chunk, LLVM split it into scalar lanes.
@inline(never) func vtanhOutOfLine(_ x: Vec) -> Vec { vtanh(x) }
