// Shape key: B = batch, H = units, GH = gates * H. One processing step of backpropagation through
// time, per cell kind: from dh (and LSTM dc), the gradient on h (c) after the step, and the cached
// post-activation gates, write the pre-activation gradients dA (B, GH) and the gradient on the
// state before the step, dhPrev (dcPrev). Activation derivatives come from the saved outputs:
// σ' = σ(1-σ), tanh' = 1-tanh². A masked row copied its state forward, so it passes dh/dc back
// unchanged and has dA = 0 (the buffers start at zero and masked rows are never written).

/// Pointers for one backward step; the driver moves `dA`, `dRec`, `gates`, `hPrev`, `valid` each step.
struct RecurrentStepBuffers {
    let B: Int, H: Int, GH: Int
    /// ∂L/∂h after the step (B, H).
    let dh: UnsafeMutablePointer<Float>
    /// ∂L/∂c after the step (LSTM).
    let dc: UnsafeMutablePointer<Float>?
    /// Output: ∂L/∂h before the step.
    let dhPrev: UnsafeMutablePointer<Float>
    /// Output: ∂L/∂c before the step (LSTM).
    let dcPrev: UnsafeMutablePointer<Float>?
    /// (B, H) work space.
    let scratch: UnsafeMutablePointer<Float>
    /// The recurrent kernel (H, GH).
    let U: UnsafePointer<Float>
    /// Output: pre-activation gradients on the input side (B, GH).
    var dA: UnsafeMutablePointer<Float>
    /// Output: gradients on h·U (+ recurrent bias) (B, GH); the same buffer as dA except GRU reset_after.
    var dRec: UnsafeMutablePointer<Float>
    /// Post-activation gates of this step (B, GH).
    var gates: UnsafePointer<Float>
    /// h before the step (B, H).
    var hPrev: UnsafePointer<Float>
    /// Whether each row was processed (not masked) at this step (B).
    var valid: UnsafePointer<Bool>

    init(B: Int, H: Int, GH: Int, dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>?,
         dhPrev: UnsafeMutablePointer<Float>, dcPrev: UnsafeMutablePointer<Float>?,
         scratch: UnsafeMutablePointer<Float>, U: UnsafePointer<Float>, valid: UnsafePointer<Bool>) {
        self.B = B; self.H = H; self.GH = GH
        self.dh = dh; self.dc = dc; self.dhPrev = dhPrev; self.dcPrev = dcPrev
        self.scratch = scratch; self.U = U
        // Placeholders until the driver points them at a step.
        dA = scratch; dRec = scratch; gates = UnsafePointer(scratch); hPrev = UnsafePointer(scratch)
        self.valid = valid
    }

    /// Masked rows pass dh through; valid rows start dhPrev at `direct` (their non-GEMM term).
    @inline(__always) private func startPrev(_ bi: Int) {
        if !valid[bi] {
            (dhPrev + bi * H).update(from: dh + bi * H, count: H)
            if let dcPrev, let dc { (dcPrev + bi * H).update(from: dc + bi * H, count: H) }
        }
    }

    /// `h = tanh(a)`: da = dh ⊙ (1 - h²); dhPrev = da @ U^T.
    func simpleRNN() {
        for bi in 0..<B {
            startPrev(bi)
            guard valid[bi] else { continue }
            let g = gates + bi * GH, a = dA + bi * GH, d = dh + bi * H, p = dhPrev + bi * H
            for j in 0..<H { a[j] = d[j] * (1 - g[j] * g[j]); p[j] = 0 }
        }
        gemm(transB: true, B, H, GH, dA, GH, U, GH, beta: 1, dhPrev, H)
    }

    /// `c = f⊙c' + i⊙g`, `h = o⊙tanh(c)` with gates i, f, g, o.
    func lstm(cPrev: UnsafePointer<Float>, c: UnsafePointer<Float>) {
        guard let dc, let dcPrev else { return }
        // tanh(c) for the whole step with the forward's SIMD tanh (B, H).
        scratch.update(from: c, count: B * H)
        tanhInPlace(scratch, B * H)
        for bi in 0..<B {
            startPrev(bi)
            guard valid[bi] else { continue }
            let g = gates + bi * GH, a = dA + bi * GH, r = bi * H
            for j in 0..<H {
                let i = g[j], f = g[H + j], gg = g[2 * H + j], o = g[3 * H + j]
                let tc = scratch[r + j], dhj = dh[r + j]
                let dcj = dc[r + j] + dhj * o * (1 - tc * tc)
                a[j] = dcj * gg * i * (1 - i)
                a[H + j] = dcj * cPrev[r + j] * f * (1 - f)
                a[2 * H + j] = dcj * i * (1 - gg * gg)
                a[3 * H + j] = dhj * tc * o * (1 - o)
                dcPrev[r + j] = dcj * f
                dhPrev[r + j] = 0
            }
        }
        gemm(transB: true, B, H, GH, dA, GH, U, GH, beta: 1, dhPrev, H)
    }

    /// reset_after=True: `hh = tanh(x_h + r ⊙ (h·U_h + b_h))`, `h = z⊙h' + (1-z)⊙hh`.
    /// `recurrentCandidate` is the cached h'·U_h + b_h (B, H).
    func gruResetAfter(recurrentCandidate rc: UnsafePointer<Float>) {
        for bi in 0..<B {
            startPrev(bi)
            guard valid[bi] else { continue }
            let g = gates + bi * GH, a = dA + bi * GH, q = dRec + bi * GH, r0 = bi * H
            for j in 0..<H {
                let z = g[j], r = g[H + j], hh = g[2 * H + j], hp = hPrev[r0 + j], d = dh[r0 + j]
                let daz = d * (hp - hh) * z * (1 - z)
                let dahh = d * (1 - z) * (1 - hh * hh)
                let dar = dahh * rc[r0 + j] * r * (1 - r)
                a[j] = daz; a[H + j] = dar; a[2 * H + j] = dahh
                q[j] = daz; q[H + j] = dar; q[2 * H + j] = dahh * r
                dhPrev[r0 + j] = d * z
            }
        }
        gemm(transB: true, B, H, GH, dRec, GH, U, GH, beta: 1, dhPrev, H)
    }

    /// reset_after=False: `hh = tanh(x_h + b_h + (r⊙h')·U_h)`: the candidate's GEMM runs first,
    /// because dr needs d(r⊙h') = dâ_h @ U_h^T.
    func gruResetBefore() {
        for bi in 0..<B {
            startPrev(bi)
            guard valid[bi] else { continue }
            let g = gates + bi * GH, a = dA + bi * GH, r0 = bi * H
            for j in 0..<H {
                let z = g[j], hh = g[2 * H + j], hp = hPrev[r0 + j], d = dh[r0 + j]
                a[j] = d * (hp - hh) * z * (1 - z)
                a[2 * H + j] = d * (1 - z) * (1 - hh * hh)
                dhPrev[r0 + j] = d * z
            }
        }
        gemm(transB: true, B, H, H, dA + 2 * H, GH, U + 2 * H, GH, beta: 0, scratch, H)
        for bi in 0..<B where valid[bi] {
            let g = gates + bi * GH, a = dA + bi * GH, r0 = bi * H
            for j in 0..<H {
                let r = g[H + j], drh = scratch[r0 + j]
                a[H + j] = drh * hPrev[r0 + j] * r * (1 - r)
                dhPrev[r0 + j] += drh * r
            }
        }
        gemm(transB: true, B, H, 2 * H, dA, GH, U, GH, beta: 1, dhPrev, H)
    }
}
