// Shape key: B = batch, H = units, G = gates (SimpleRNN 1, GRU 3, LSTM 4), GH = G*H.
// The fused element-wise pass of one processing step, for all batch rows and the units lo..<hi
// that one team member owns. Inputs, all row-major:
//   gates      (B, GH)  x·W for this step in Keras gate order, overwritten with the post-activation
//                       gates (LSTM i, f, g, o; GRU z, r, hh; SimpleRNN h), which the cache keeps;
//   recurrent  (B, GH)  h·U for this step, row stride GH; the member's columns start at G*lo and
//                       hold its units gate after gate, [gate 0 | gate 1 | ...] each hi-lo wide
//                       (with one member this is exactly Keras' column order);
//   biases, previous h (and c), and the mask row of this time step.
// `lanes` units at a time (VectorMath's Vec); a last partial chunk goes through the same vector code.

/// Pointers to one processing step's buffers (see the file header for layouts).
struct RecurrentStep {
    let batch: Int, units: Int, gateCount: Int
    let gates: UnsafeMutablePointer<Float>
    let recurrent: UnsafeMutablePointer<Float>
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

    /// LSTM: c = σ(f)⊙c + σ(i)⊙tanh(g), h = σ(o)⊙tanh(c).
    func lstm(_ lo: Int, _ hi: Int) {
        let H = units, GH = 4 * H, w = hi - lo
        for b in 0..<batch {
            let x = gates + b * GH, r = recurrent + b * GH + 4 * lo, bias = inputBias
            let cp = cPrev + b * H, cn = cNext + b * H, hp = hPrev + b * H, hn = hNext + b * H
            let valid = isValid(b)
            var j = lo
            while j < hi {
                let n = Swift.min(lanes, hi - j), k = j - lo
                let i = vsigmoid(load(x + j, n) + load(bias + j, n) + load(r + k, n))
                let f = vsigmoid(load(x + H + j, n) + load(bias + H + j, n) + load(r + w + k, n))
                let g = vtanh(load(x + 2 * H + j, n) + load(bias + 2 * H + j, n) + load(r + 2 * w + k, n))
                let o = vsigmoid(load(x + 3 * H + j, n) + load(bias + 3 * H + j, n) + load(r + 3 * w + k, n))
                store(i, x + j, n); store(f, x + H + j, n); store(g, x + 2 * H + j, n); store(o, x + 3 * H + j, n)
                let cOld = load(cp + j, n)
                if valid {
                    let c = f * cOld + i * g
                    store(c, cn + j, n)
                    store(o * vtanh(c), hn + j, n)
                } else {
                    store(cOld, cn + j, n)
                    store(load(hp + j, n), hn + j, n)
                }
                j += n
            }
        }
    }

    /// GRU reset_after=True: hh = tanh(x_h + r⊙(h·U_h + b_rec_h)); the bracket goes to `candidate`.
    func gruResetAfter(_ lo: Int, _ hi: Int) {
        let H = units, GH = 3 * H, w = hi - lo
        for b in 0..<batch {
            let x = gates + b * GH, r = recurrent + b * GH + 3 * lo, bx = inputBias, br = recurrentBias
            let hp = hPrev + b * H, hn = hNext + b * H, cand = candidate + b * H
            let valid = isValid(b)
            var j = lo
            while j < hi {
                let n = Swift.min(lanes, hi - j), k = j - lo
                let rz = load(r + k, n) + load(br + j, n)
                let rr = load(r + w + k, n) + load(br + H + j, n)
                let rh = load(r + 2 * w + k, n) + load(br + 2 * H + j, n)
                store(rh, cand + j, n)
                let z = vsigmoid(load(x + j, n) + load(bx + j, n) + rz)
                let reset = vsigmoid(load(x + H + j, n) + load(bx + H + j, n) + rr)
                let hh = vtanh(load(x + 2 * H + j, n) + load(bx + 2 * H + j, n) + reset * rh)
                store(z, x + j, n); store(reset, x + H + j, n); store(hh, x + 2 * H + j, n)
                let hOld = load(hp + j, n)
                store(valid ? z * hOld + (Vec(repeating: 1) - z) * hh : hOld, hn + j, n)
                j += n
            }
        }
    }

    /// GRU reset_after=False, first half: z and r, and r⊙h into `candidate` for the second GEMM.
    func gruResetBeforeGates(_ lo: Int, _ hi: Int) {
        let H = units, GH = 3 * H, w = hi - lo
        for b in 0..<batch {
            let x = gates + b * GH, r = recurrent + b * GH + 3 * lo, bias = inputBias
            let hp = hPrev + b * H, cand = candidate + b * H
            var j = lo
            while j < hi {
                let n = Swift.min(lanes, hi - j), k = j - lo
                let z = vsigmoid(load(x + j, n) + load(bias + j, n) + load(r + k, n))
                let reset = vsigmoid(load(x + H + j, n) + load(bias + H + j, n) + load(r + w + k, n))
                store(z, x + j, n); store(reset, x + H + j, n)
                store(reset * load(hp + j, n), cand + j, n)
                j += n
            }
        }
    }

    /// GRU reset_after=False, second half: hh = tanh(x_h + b_h + (r⊙h)·U_h), then the new h.
    func gruResetBeforeOutput(_ lo: Int, _ hi: Int) {
        let H = units, GH = 3 * H, w = hi - lo
        for b in 0..<batch {
            let x = gates + b * GH, r = recurrent + b * GH + 3 * lo, bias = inputBias
            let hp = hPrev + b * H, hn = hNext + b * H
            let valid = isValid(b)
            var j = lo
            while j < hi {
                let n = Swift.min(lanes, hi - j), k = j - lo
                let hh = vtanh(load(x + 2 * H + j, n) + load(bias + 2 * H + j, n) + load(r + 2 * w + k, n))
                store(hh, x + 2 * H + j, n)
                let z = load(x + j, n), hOld = load(hp + j, n)
                store(valid ? z * hOld + (Vec(repeating: 1) - z) * hh : hOld, hn + j, n)
                j += n
            }
        }
    }

    /// SimpleRNN: h = tanh(x·W + b + h·U).
    func simple(_ lo: Int, _ hi: Int) {
        let H = units
        for b in 0..<batch {
            let x = gates + b * H, r = recurrent + b * H + lo
            let hp = hPrev + b * H, hn = hNext + b * H
            let valid = isValid(b)
            var j = lo
            while j < hi {
                let n = Swift.min(lanes, hi - j)
                let h = vtanh(load(x + j, n) + load(inputBias + j, n) + load(r + j - lo, n))
                store(h, x + j, n)
                store(valid ? h : load(hp + j, n), hn + j, n)
                j += n
            }
        }
    }
}
