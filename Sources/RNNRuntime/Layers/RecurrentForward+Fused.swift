// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates, GH = G*H; s = processing
// step (time t = s, or T-1-s with go_backwards).
//
// The forward's fast path for LSTM and GRU (reset_after=True) on CPUs with AVX2 or AVX-512: each
// step is one call into CRecurrentKernels, which multiplies [x_t, h] by [W; U] packed once per call
// of the layer (OpenBLAS packs its operand again on every step's GEMM: 12% of an LSTM forward) and
// runs the gate pass on the product's tile while it is still in registers. The input projection is
// part of the step, read straight from the (B, T, F) input: no reordered copy of x, no (T, B, GH)
// buffer of pre-activations written by one pass and read back by the next, and no barrier between
// the projection and the steps. `gates` receives the activated gates for the cache. The team
// splits the work as in `member`: batch rows without any barrier, or panels of units with a
// barrier per step (every member needs the whole new h).

import CRecurrentKernels

/// The weights of a layer packed for the C kernels.
struct FusedWeights {
    /// W (F, GH) stacked over U (H, GH), as gate panels (G gates per panel).
    let stacked: PackedMatrix

    /// The instruction set the C kernels run `kind` with on this CPU, or nil (portable path).
    static func instructionSet(for kind: RecurrentCellKind) -> Int32? {
        kind == .lstm || kind == .gru(resetAfter: true) ? PackedMatrix.instructionSet : nil
    }

    /// Packs W (F, GH) over U (H, GH) with instruction set `isa` (default: the CPU's best); nil when
    /// the kernels do not apply to `kind`.
    init?(kind: RecurrentCellKind, kernel: [Float], recurrentKernel: [Float], features: Int, units: Int,
          isa: Int32? = PackedMatrix.instructionSet) {
        guard let isa, kind == .lstm || kind == .gru(resetAfter: true), units > 0, features >= 0,
              kernel.count == features * kind.gateCount * units, recurrentKernel.count == units * kind.gateCount * units else {
            return nil
        }
        stacked = PackedMatrix(isa: isa, stacking: kernel, over: recurrentKernel, features: features, gates: kind.gateCount, units: units)
    }
}

extension RecurrentForward {
    /// `run` on the C kernels (see the file header).
    func runFused(input: [Float], _ fused: FusedWeights, plan: Plan, bias: [Float], mask: [Float]?,
                  h0: [Float]?, c0: [Float]?) -> Result {
        let B = batch, T = timesteps, H = units, GH = gateColumns
        let isLSTM = kind == .lstm
        var gates = uninitializedFloats(T * B * GH)
        var hs = uninitializedFloats((T + 1) * B * H)
        var cs = isLSTM ? uninitializedFloats((T + 1) * B * H) : []
        var candidate = isLSTM ? [] : uninitializedFloats(T * B * H)
        for i in 0..<(B * H) { hs[i] = h0?[i] ?? 0 }
        if isLSTM { for i in 0..<(B * H) { cs[i] = c0?[i] ?? 0 } }
        input.withUnsafeBufferPointer { px in
        bias.withUnsafeBufferPointer { pb in
        gates.withUnsafeMutableBufferPointer { pg in
        hs.withUnsafeMutableBufferPointer { ph in
        cs.withUnsafeMutableBufferPointer { pc in
        candidate.withUnsafeMutableBufferPointer { pcand in
        (mask ?? []).withUnsafeBufferPointer { pm in
            guard let bias = pb.baseAddress, let hs = ph.baseAddress else { return }
            let steps = FusedSteps(x: px.baseAddress, bias: bias, gates: pg.baseAddress, hs: hs,
                                   cs: isLSTM ? pc.baseAddress : nil, candidate: isLSTM ? nil : pcand.baseAddress,
                                   mask: mask == nil ? nil : pm.baseAddress)
            let team = ThreadTeam.shared, m = plan.members
            if m > 1 && team.size == m,
               team.run({ k in fusedMember(k, of: m, splitsBatch: plan.splitsBatch, steps, fused, barrier: team.barrier) }) {
                return
            }
            fusedMember(0, of: 1, splitsBatch: false, steps, fused, barrier: {})
        }}}}}}}
        return Result(gates: gates, hs: hs, cs: cs, candidate: candidate)
    }

    /// Base pointers of the fused forward's buffers (nil when empty or, for cs and candidate, not
    /// this kind's).
    struct FusedSteps {
        let x: UnsafePointer<Float>?
        let bias: UnsafePointer<Float>
        let gates: UnsafeMutablePointer<Float>?
        let hs: UnsafeMutablePointer<Float>
        let cs, candidate: UnsafeMutablePointer<Float>?
        let mask: UnsafePointer<Float>?
    }

    /// Member k's share: every step for its batch rows (all panels), or for its panels of units
    /// (all rows, a barrier per step).
    func fusedMember(_ k: Int, of m: Int, splitsBatch: Bool, _ p: FusedSteps, _ fused: FusedWeights, barrier: () -> Void) {
        let B = batch, T = timesteps, F = features, H = units, GH = gateColumns
        let isa = fused.stacked.isa, packed = fused.stacked.values
        let rows = splitsBatch ? RecurrentForward.share(k, of: m, count: B) : 0..<B
        let own = splitsBatch ? 0..<fused.stacked.panelCount : RecurrentForward.share(k, of: m, count: fused.stacked.panelCount)
        let r0 = rows.lowerBound, n = rows.count, hs = p.hs
        let gatesNull: UnsafeMutablePointer<Float>? = nil
        for s in 0..<T {
            if n > 0 && !own.isEmpty {
                let time = goBackwards ? T - 1 - s : s
                let x = p.x.map { $0 + (r0 * T + time) * F }
                let maskRow = p.mask.map { $0 + r0 * T + time }
                let hPrev = hs + (s * B + r0) * H, hNext = hs + ((s + 1) * B + r0) * H
                let stepGates = p.gates.map { $0 + (s * B + r0) * GH } ?? gatesNull
                if let cs = p.cs {
                    rk_lstm_step(isa, n, F, H, own.lowerBound, own.upperBound, x, T * F, hPrev, packed, p.bias, stepGates,
                                 cs + (s * B + r0) * H, cs + ((s + 1) * B + r0) * H, hNext, maskRow, T)
                } else {
                    rk_gru_step(isa, n, F, H, own.lowerBound, own.upperBound, x, T * F, hPrev, packed, p.bias, p.bias + GH,
                                stepGates, p.candidate.map { $0 + (s * B + r0) * H }, hNext, maskRow, T)
                }
            }
            if !splitsBatch { barrier() }
        }
    }
}
