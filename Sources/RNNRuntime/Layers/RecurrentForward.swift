// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates, GH = G*H; s = processing
// step (time t = s, or T-1-s with go_backwards).
//
// The numeric forward pass of SimpleRNN / LSTM / GRU on raw buffers. LSTM and GRU (reset_after=True)
// on CPUs with AVX2 or AVX-512 take the fused C kernels (RecurrentForward+Fused.swift: one call per
// step, input projection included); this file is the portable path for the other cases:
//   1. x (B, T, F) is copied into processing order, time-major (T, B, F), so that
//   2. one GEMM gives the input projection of every step, xW (T*B, GH), and step s's rows are one
//      contiguous block; the step's gate pass overwrites that block with the post-activation
//      gates, so the projection buffer becomes the cache's `gates` (T, B, GH) without a copy;
//   3. per step one GEMM h_s (B, H) @ U (H, GH) into a (B, GH) scratch (GRU reset_after=False: two,
//      the candidate's on r⊙h), then the fused SIMD gate pass (RecurrentStep).
// Every buffer is allocated before the step loop. On large problems ThreadTeam's members share the
// work: each computes a block of rows of the projection GEMM (one GEMM each, then a barrier), then
// the recurrence is split one of two ways (`Plan`):
//   - by batch rows, when U fits in a core's L2: every member runs the whole recurrence for its
//     rows (the rows are independent sequences), so the steps need no barrier at all;
//   - by units otherwise: member k owns units lo..<hi of every gate, computes those columns of
//     h·U (U's columns regrouped so that they are one block, `packRecurrentKernel`) and their gate
//     pass, and meets the others at a barrier once per step (twice for GRU reset_after=False),
//     since every member needs the whole new h. Each member reads only its part of U.
// Members call OpenBLAS single-threaded (ThreadTeam sets it); the members are the parallelism.

/// The numeric forward pass of a recurrent layer (shapes already checked by `RecurrentLayer`).
struct RecurrentForward {
    let kind: RecurrentCellKind
    let batch: Int, timesteps: Int, features: Int, units: Int
    let goBackwards: Bool

    /// The buffers the cache keeps, in `RecurrentCache`'s layouts.
    struct Result { var gates: [Float], hs: [Float], cs: [Float], candidate: [Float] }

    var gateColumns: Int { kind.gateCount * units }

    /// How a forward pass is shared out: `members` (1, or the team's size) and the split.
    struct Plan: Equatable {
        let members: Int
        /// Split the recurrence by batch rows (no barrier per step) rather than by units.
        let splitsBatch: Bool
    }

    /// Whether a step's h·U (and the whole recurrence) is large enough to pay for waking the team's
    /// workers; shared by the forward's plan and the fused backward's batch split.
    static func teamPays(batch: Int, timesteps: Int, units: Int, gateCount: Int, teamSize: Int) -> Bool {
        let stepWork = batch * units * units * gateCount
        return teamSize > 1 && stepWork >= 1 << 16 && stepWork * timesteps >= 1 << 23
    }

    /// The team when a step's h·U is large enough to pay for the wake-up of the workers (and, split
    /// by units, a barrier per step); by batch rows when U (H, GH) fits in about 1.5 MB, so that each
    /// member's whole U stays in its L2 and the rows are many enough for efficient GEMMs.
    static func plan(batch: Int, timesteps: Int, units: Int, gateCount: Int, teamSize: Int) -> Plan {
        guard teamPays(batch: batch, timesteps: timesteps, units: units, gateCount: gateCount, teamSize: teamSize) else {
            return Plan(members: 1, splitsBatch: false)
        }
        if units * units * gateCount * 4 <= 1_572_864 && batch >= 16 * teamSize {
            return Plan(members: teamSize, splitsBatch: true)
        }
        return units >= 16 * teamSize ? Plan(members: teamSize, splitsBatch: false) : Plan(members: 1, splitsBatch: false)
    }

    /// Part k of m of 0..<count, in pieces that are multiples of `multiple` except the last.
    static func share(_ k: Int, of m: Int, count: Int, multiple: Int = 1) -> Range<Int> {
        let chunk = (count + m - 1) / m
        let aligned = m == 1 ? count : (chunk + multiple - 1) / multiple * multiple
        let lo = Swift.min(k * aligned, count)
        return lo..<Swift.min(lo + aligned, count)
    }

    /// Units lo..<hi of member k of m (unit split): multiples of 16 floats (whole cache lines).
    func unitRange(_ k: Int, of m: Int) -> Range<Int> { RecurrentForward.share(k, of: m, count: units, multiple: 16) }

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
    /// recurrent-bias values; `packed` is `packRecurrentKernel(recurrentKernel, members:)` for a plan
    /// split by units (nil otherwise); with `fused` (see `FusedWeights`) the steps run in the C
    /// kernels and `packed` is not used.
    func run(input: [Float], kernel: [Float], recurrentKernel: [Float], packed: [Float]?, fused: FusedWeights? = nil,
             plan: Plan, bias: [Float], mask: [Float]?, h0: [Float]?, c0: [Float]?) -> Result {
        if let fused { return runFused(input: input, fused, plan: plan, bias: bias, mask: mask, h0: h0, c0: c0) }
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
        let zeros = [Float](repeating: 0, count: GH)
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
        zeros.withUnsafeBufferPointer { pz in
            let buffers = Buffers(x: px.baseAddress, w: pw.baseAddress, u: ppacked.baseAddress, bias: pb.baseAddress!,
                                  gates: pg.baseAddress, hs: ph.baseAddress, cs: pc.baseAddress ?? ph.baseAddress,
                                  candidate: pcand.baseAddress ?? ph.baseAddress, scratch: pr.baseAddress,
                                  mask: mask == nil ? nil : pm.baseAddress, zeros: pz.baseAddress!)
            let team = ThreadTeam.shared, m = plan.members
            if m > 1 && team.size == m && (plan.splitsBatch || packed != nil) {
                let shared = plan.splitsBatch ? Buffers(copying: buffers, u: pu.baseAddress) : buffers
                if team.run({ k in member(k, of: m, splitsBatch: plan.splitsBatch, shared, barrier: team.barrier) }) { return }
            }
            // One member: the packed layout would be the identity, so U is used as it is.
            member(0, of: 1, splitsBatch: false, Buffers(copying: buffers, u: pu.baseAddress), barrier: {})
        }}}}}}}}}}}}
        return Result(gates: gates, hs: hs, cs: cs, candidate: candidate)
    }

    /// Base pointers of the forward's buffers (nil only when the buffer is empty).
    struct Buffers {
        let x, w, u: UnsafePointer<Float>?
        let bias: UnsafePointer<Float>
        let gates, hs, cs, candidate, scratch: UnsafeMutablePointer<Float>?
        let mask: UnsafePointer<Float>?
        /// GH zeros: the `recurrent` input of a gate pass whose h·U is already in the gates.
        let zeros: UnsafePointer<Float>

        init(x: UnsafePointer<Float>?, w: UnsafePointer<Float>?, u: UnsafePointer<Float>?, bias: UnsafePointer<Float>,
             gates: UnsafeMutablePointer<Float>?, hs: UnsafeMutablePointer<Float>?, cs: UnsafeMutablePointer<Float>?,
             candidate: UnsafeMutablePointer<Float>?, scratch: UnsafeMutablePointer<Float>?, mask: UnsafePointer<Float>?,
             zeros: UnsafePointer<Float>) {
            self.x = x; self.w = w; self.u = u; self.bias = bias; self.gates = gates; self.hs = hs; self.cs = cs
            self.candidate = candidate; self.scratch = scratch; self.mask = mask; self.zeros = zeros
        }

        init(copying o: Buffers, u: UnsafePointer<Float>?) {
            self.init(x: o.x, w: o.w, u: u, bias: o.bias, gates: o.gates, hs: o.hs, cs: o.cs,
                      candidate: o.candidate, scratch: o.scratch, mask: o.mask, zeros: o.zeros)
        }
    }

    /// Member k's share: a block of rows of the input projection, a barrier, then every step's
    /// h·U and gate pass for its batch rows (all units) or its units (all rows, a barrier per step).
    func member(_ k: Int, of m: Int, splitsBatch: Bool, _ p: Buffers, barrier: () -> Void) {
        let B = batch, T = timesteps, F = features, H = units, G = kind.gateCount, GH = gateColumns
        let rows = splitsBatch ? RecurrentForward.share(k, of: m, count: B) : 0..<B
        let range = splitsBatch ? 0..<H : unitRange(k, of: m), lo = range.lowerBound, hi = range.upperBound, w = hi - lo
        let stepBarriers = splitsBatch ? 0 : T * (kind == .gru(resetAfter: false) ? 2 : 1)
        guard B > 0, let gates = p.gates, let hs = p.hs, let scratch = p.scratch, let u = p.u else {
            for _ in 0..<((m > 1 ? 1 : 0) + stepBarriers) { barrier() }
            return
        }
        let projected = RecurrentForward.share(k, of: m, count: T * B)
        if !projected.isEmpty && F > 0, let x = p.x, let wk = p.w {
            sgemm(projected.count, GH, F, x + projected.lowerBound * F, F, wk, GH, beta: 0,
                  gates + projected.lowerBound * GH, GH)
        }
        if m > 1 { barrier() }  // a member's gate pass reads projection rows the others computed
        let cs = p.cs ?? hs, candidate = p.candidate ?? hs
        let recurrentBias = kind == .gru(resetAfter: true) ? p.bias + GH : p.bias
        let r0 = rows.lowerBound, n = rows.count
        let ownU = u + G * lo, ownScratch = scratch + r0 * GH + G * lo
        // A member with every unit of an LSTM or SimpleRNN has its columns in Keras order, so the
        // GEMM adds h·U into the projection (beta 1) and the gate pass reads no scratch.
        let accumulates = w == H && (kind == .lstm || kind == .simpleRNN)
        for s in 0..<T {
            let step = RecurrentStep(
                rows: rows, units: H, gateCount: G, gates: gates + s * B * GH,
                recurrent: accumulates ? p.zeros : UnsafePointer(scratch), recurrentStride: accumulates ? 0 : GH,
                inputBias: p.bias, recurrentBias: recurrentBias,
                hPrev: hs + s * B * H, hNext: hs + (s + 1) * B * H,
                cPrev: cs + s * B * H, cNext: cs + (s + 1) * B * H,
                candidate: candidate + s * B * H, mask: p.mask, timesteps: T, time: goBackwards ? T - 1 - s : s)
            switch kind {
            case .lstm, .simpleRNN, .gru(resetAfter: true):
                if w > 0 && n > 0 {
                    if accumulates {
                        sgemm(n, GH, H, step.hPrev + r0 * H, H, u, GH, beta: 1, step.gates + r0 * GH, GH)
                    } else {
                        sgemm(n, G * w, H, step.hPrev + r0 * H, H, ownU, GH, beta: 0, ownScratch, GH)
                    }
                    switch kind {
                    case .lstm: step.lstm(lo, hi)
                    case .simpleRNN: step.simple(lo, hi)
                    default: step.gruResetAfter(lo, hi)
                    }
                }
            case .gru(resetAfter: false):
                if w > 0 && n > 0 {
                    sgemm(n, 2 * w, H, step.hPrev + r0 * H, H, ownU, GH, beta: 0, ownScratch, GH)
                    step.gruResetBeforeGates(lo, hi)
                }
                if !splitsBatch { barrier() }  // the candidate's GEMM needs every unit of r⊙h
                if w > 0 && n > 0 {
                    sgemm(n, w, H, step.candidate + r0 * H, H, ownU + 2 * w, GH, beta: 0, ownScratch + 2 * w, GH)
                    step.gruResetBeforeOutput(lo, hi)
                }
            }
            if !splitsBatch { barrier() }
        }
    }
}

/// A float array of `count` elements left uninitialised, for buffers that are written in full
/// before they are read (zero-filling 100 MB of gates would cost as much as several steps).
func uninitializedFloats(_ count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}
