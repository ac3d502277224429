// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates, GH = G*H; s = processing
// step (time t = s, or T-1-s with go_backwards).
//
// The numeric forward pass of SimpleRNN / LSTM / GRU on raw buffers:
//   1. x (B, T, F) is copied into processing order, time-major (T, B, F), so that
//   2. one GEMM gives the input projection of every step, xW (T*B, GH), and step s's rows are one
//      contiguous block; the step's gate pass overwrites that block with the post-activation
//      gates, so the projection buffer becomes the cache's `gates` (T, B, GH) without a copy;
//   3. per step one GEMM h_s (B, H) @ U (H, GH) into a (B, GH) scratch (GRU reset_after=False: two,
//      the candidate's on r⊙h), then the fused SIMD gate pass (RecurrentStep).
// Every buffer is allocated before the step loop. On large problems the work is split by units over
// ThreadTeam's members: member k owns units lo..<hi of every gate, computes its columns of the
// projection and of h·U (U's columns regrouped so that they are one block, `packRecurrentKernel`)
// with single-threaded OpenBLAS, runs the gate pass for them, and meets the others at a barrier
// once per step (twice for GRU reset_after=False), since every member needs the whole new h.

/// The numeric forward pass of a recurrent layer (shapes already checked by `RecurrentLayer`).
struct RecurrentForward {
    let kind: RecurrentCellKind
    let batch: Int, timesteps: Int, features: Int, units: Int
    let goBackwards: Bool

    /// The buffers the cache keeps, in `RecurrentCache`'s layouts.
    struct Result { var gates: [Float], hs: [Float], cs: [Float], candidate: [Float] }

    var gateColumns: Int { kind.gateCount * units }

    /// How many team members to split the units over: all of them when a step's h·U is large
    /// enough to pay for a barrier per step (and the wake-up of the workers), else 1.
    static func members(batch: Int, timesteps: Int, units: Int, gateCount: Int, teamSize: Int) -> Int {
        guard teamSize > 1, units >= 16 * teamSize else { return 1 }
        let stepWork = batch * units * units * gateCount
        return stepWork >= 1 << 16 && stepWork * timesteps >= 1 << 23 ? teamSize : 1
    }

    /// Units lo..<hi of member k of m: chunks that are multiples of 16 floats (whole cache lines).
    func unitRange(_ k: Int, of m: Int) -> Range<Int> {
        let chunk = (units + m - 1) / m
        let aligned = m == 1 ? units : (chunk + 15) / 16 * 16
        let lo = Swift.min(k * aligned, units)
        return lo..<Swift.min(lo + aligned, units)
    }

    /// U (H, GH) with each member's columns grouped: member k's block starts at column G*lo and holds
    /// gate 0's units lo..<hi, then gate 1's, ... (identity for one member).
    func packRecurrentKernel(_ u: [Float], members m: Int) -> [Float] {
        let H = units, G = kind.gateCount, GH = gateColumns
        var packed = [Float](repeating: 0, count: u.count)
        for k in 0..<m {
            let range = unitRange(k, of: m), w = range.count
            for row in 0..<H {
                for g in 0..<G {
                    for jj in 0..<w { packed[row * GH + G * range.lowerBound + g * w + jj] = u[row * GH + g * H + range.lowerBound + jj] }
                }
            }
        }
        return packed
    }

    /// Runs the recurrence. `bias` holds GH input-bias values, then (GRU reset_after=True) GH
    /// recurrent-bias values; `packed` is `packRecurrentKernel(recurrentKernel, members: m)`.
    func run(input: [Float], kernel: [Float], recurrentKernel: [Float], packed: [Float]?, members m: Int,
             bias: [Float], mask: [Float]?, h0: [Float]?, c0: [Float]?) -> Result {
        let B = batch, T = timesteps, F = features, H = units, GH = gateColumns
        let isLSTM = kind == .lstm, isGRU = kind.gateCount == 3
        var xT = input
        if goBackwards || (B > 1 && T > 1) {
            xT = uninitializedFloats(B * T * F)
            input.withUnsafeBufferPointer { src in
                xT.withUnsafeMutableBufferPointer { dst in
                    for s in 0..<T {
                        let t = goBackwards ? T - 1 - s : s
                        for b in 0..<B where F > 0 {
                            (dst.baseAddress! + (s * B + b) * F).update(from: src.baseAddress! + (b * T + t) * F, count: F)
                        }
                    }
                }
            }
        }
        var gates = F > 0 ? uninitializedFloats(T * B * GH) : [Float](repeating: 0, count: T * B * GH)
        var hs = uninitializedFloats((T + 1) * B * H)
        var cs = isLSTM ? uninitializedFloats((T + 1) * B * H) : []
        var candidate = isGRU ? uninitializedFloats(T * B * H) : []
        var scratch = uninitializedFloats(B * GH)
        for i in 0..<(B * H) { hs[i] = h0?[i] ?? 0 }
        if isLSTM { for i in 0..<(B * H) { cs[i] = c0?[i] ?? 0 } }

        xT.withUnsafeBufferPointer { px in
        kernel.withUnsafeBufferPointer { pw in
        recurrentKernel.withUnsafeBufferPointer { pu in
        (packed ?? []).withUnsafeBufferPointer { ppacked in
        bias.withUnsafeBufferPointer { pb in
        gates.withUnsafeMutableBufferPointer { pg in
        hs.withUnsafeMutableBufferPointer { ph in
        cs.withUnsafeMutableBufferPointer { pc in
        candidate.withUnsafeMutableBufferPointer { pcand in
        scratch.withUnsafeMutableBufferPointer { pr in
        (mask ?? []).withUnsafeBufferPointer { pm in
            let buffers = Buffers(x: px.baseAddress, w: pw.baseAddress, u: ppacked.baseAddress, bias: pb.baseAddress!,
                                  gates: pg.baseAddress, hs: ph.baseAddress, cs: pc.baseAddress ?? ph.baseAddress,
                                  candidate: pcand.baseAddress ?? ph.baseAddress, scratch: pr.baseAddress,
                                  mask: mask == nil ? nil : pm.baseAddress)
            let team = ThreadTeam.shared
            if m > 1 && packed != nil && team.size == m
                && team.run({ k in member(k, of: m, buffers, barrier: team.barrier) }) { return }
            // One member: the packed layout would be the identity, so U is used as it is.
            member(0, of: 1, Buffers(copying: buffers, u: pu.baseAddress), barrier: {})
        }}}}}}}}}}}
        return Result(gates: gates, hs: hs, cs: cs, candidate: candidate)
    }

    /// Base pointers of the forward's buffers (nil only when the buffer is empty).
    struct Buffers {
        let x, w, u: UnsafePointer<Float>?
        let bias: UnsafePointer<Float>
        let gates, hs, cs, candidate, scratch: UnsafeMutablePointer<Float>?
        let mask: UnsafePointer<Float>?

        init(x: UnsafePointer<Float>?, w: UnsafePointer<Float>?, u: UnsafePointer<Float>?, bias: UnsafePointer<Float>,
             gates: UnsafeMutablePointer<Float>?, hs: UnsafeMutablePointer<Float>?, cs: UnsafeMutablePointer<Float>?,
             candidate: UnsafeMutablePointer<Float>?, scratch: UnsafeMutablePointer<Float>?, mask: UnsafePointer<Float>?) {
            self.x = x; self.w = w; self.u = u; self.bias = bias; self.gates = gates; self.hs = hs; self.cs = cs
            self.candidate = candidate; self.scratch = scratch; self.mask = mask
        }

        init(copying o: Buffers, u: UnsafePointer<Float>?) {
            self.init(x: o.x, w: o.w, u: u, bias: o.bias, gates: o.gates, hs: o.hs, cs: o.cs,
                      candidate: o.candidate, scratch: o.scratch, mask: o.mask)
        }
    }

    /// Member k's share: its columns of the input projection, then every step's h·U columns and gate
    /// pass for its units, with a barrier after each step.
    private func member(_ k: Int, of m: Int, _ p: Buffers, barrier: () -> Void) {
        let B = batch, T = timesteps, F = features, H = units, G = kind.gateCount, GH = gateColumns
        let range = unitRange(k, of: m), lo = range.lowerBound, hi = range.upperBound, w = hi - lo
        guard B > 0, let gates = p.gates, let hs = p.hs, let scratch = p.scratch, let u = p.u else {
            for _ in 0..<(T * (kind == .gru(resetAfter: false) ? 2 : 1)) { barrier() }
            return
        }
        if w > 0 && F > 0, let x = p.x, let wk = p.w {
            if m == 1 {
                sgemm(T * B, GH, F, x, F, wk, GH, beta: 0, gates, GH)
            } else {
                for g in 0..<G { sgemm(T * B, w, F, x, F, wk + g * H + lo, GH, beta: 0, gates + g * H + lo, GH) }
            }
        }
        let cs = p.cs ?? hs, candidate = p.candidate ?? hs
        let recurrentBias = kind == .gru(resetAfter: true) ? p.bias + GH : p.bias
        let ownU = u + G * lo, ownScratch = scratch + G * lo
        for s in 0..<T {
            let step = RecurrentStep(
                batch: B, units: H, gateCount: G, gates: gates + s * B * GH, recurrent: scratch,
                inputBias: p.bias, recurrentBias: recurrentBias,
                hPrev: hs + s * B * H, hNext: hs + (s + 1) * B * H,
                cPrev: cs + s * B * H, cNext: cs + (s + 1) * B * H,
                candidate: candidate + s * B * H, mask: p.mask, timesteps: T, time: goBackwards ? T - 1 - s : s)
            switch kind {
            case .lstm, .simpleRNN, .gru(resetAfter: true):
                if w > 0 {
                    sgemm(B, G * w, H, step.hPrev, H, ownU, GH, beta: 0, ownScratch, GH)
                    switch kind {
                    case .lstm: step.lstm(lo, hi)
                    case .simpleRNN: step.simple(lo, hi)
                    default: step.gruResetAfter(lo, hi)
                    }
                }
            case .gru(resetAfter: false):
                if w > 0 {
                    sgemm(B, 2 * w, H, step.hPrev, H, ownU, GH, beta: 0, ownScratch, GH)
                    step.gruResetBeforeGates(lo, hi)
                }
                barrier()  // the candidate's GEMM needs every unit of r⊙h
                if w > 0 {
                    sgemm(B, w, H, step.candidate, H, ownU + 2 * w, GH, beta: 0, ownScratch + 2 * w, GH)
                    step.gruResetBeforeOutput(lo, hi)
                }
            }
            barrier()
        }
    }
}

/// A float array of `count` elements left uninitialised, for buffers that are written in full
/// before they are read (zero-filling 100 MB of gates would cost as much as several steps).
func uninitializedFloats(_ count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}
