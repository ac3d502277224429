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
        gates.withUnsafeMutableBufferPointer { pg in
        hs.withUnsafeMutableBufferPointer { ph in
        cs.withUnsafeMutableBufferPointer { pc in
        candidate.withUnsafeMutableBufferPointer { pcand in
            guard let h = ph.baseAddress else { return }
            let states = StateStorage(mode: .history, h: h, h0: h, c: isLSTM ? pc.baseAddress : nil, batch: B, timesteps: T, units: H)
            runSteps(input: input, fused, plan: plan, bias: bias, mask: mask, states: states,
                     gates: pg.baseAddress, candidate: isLSTM ? nil : pcand.baseAddress)
        }}}}
        return Result(gates: gates, hs: hs, cs: cs, candidate: candidate)
    }

    /// The forward without a cache (a plain call): h goes straight into the (B, T, H) output
    /// sequence, or alternates between two (B, H) buffers, c always does, and neither the gates nor
    /// the (T+1) histories are written. Returns the sequence (nil without `sequence`) and the final
    /// h and c (c empty for GRU).
    func runFusedWithoutCache(input: [Float], _ fused: FusedWeights, plan: Plan, bias: [Float], mask: [Float]?,
                              h0: [Float]?, c0: [Float]?, sequence: Bool) -> (sequence: [Float]?, h: [Float], c: [Float]) {
        let B = batch, T = timesteps, H = units
        let isLSTM = kind == .lstm
        // sequence: the (B, T, H) output, and h0 apart; otherwise two (B, H) buffers, h0 in the first.
        var hBuffer = uninitializedFloats(sequence ? B * T * H : 2 * B * H)
        var hStart = h0 ?? [Float](repeating: 0, count: B * H)
        if !sequence { for i in 0..<(B * H) { hBuffer[i] = hStart[i] } }
        var cBuffer = isLSTM ? uninitializedFloats(2 * B * H) : []
        if isLSTM { for i in 0..<(B * H) { cBuffer[i] = c0?[i] ?? 0 } }
        hBuffer.withUnsafeMutableBufferPointer { ph in
        hStart.withUnsafeMutableBufferPointer { ph0 in
        cBuffer.withUnsafeMutableBufferPointer { pc in
            guard let h0 = ph0.baseAddress else { return }
            let states = StateStorage(mode: sequence ? .sequence : .alternating, h: ph.baseAddress ?? h0, h0: h0,
                                      c: isLSTM ? pc.baseAddress : nil, batch: B, timesteps: T, units: H)
            runSteps(input: input, fused, plan: plan, bias: bias, mask: mask, states: states, gates: nil, candidate: nil)
        }}}
        let last = (T % 2) * B * H..<((T % 2) * B * H + B * H)
        let c = isLSTM ? Array(cBuffer[last]) : []
        guard sequence else { return (nil, Array(hBuffer[last]), c) }
        guard T > 0 else { return (hBuffer, hStart, c) }
        // The final h of every row is its output at the last step.
        var h = uninitializedFloats(B * H)
        for b in 0..<B { for j in 0..<H { h[b * H + j] = hBuffer[(b * T + T - 1) * H + j] } }
        return (hBuffer, h, c)
    }

    /// Where h and c live during a fused forward: the cache's (T+1, B, H) histories; the (B, T, H)
    /// output sequence (row stride T*H) after an initial (B, H) h; or two alternating (B, H)
    /// buffers. c is a history or alternates.
    struct StateStorage {
        enum Mode { case history, sequence, alternating }
        let mode: Mode
        let h, h0: UnsafeMutablePointer<Float>
        let c: UnsafeMutablePointer<Float>?
        let batch, timesteps, units: Int

        /// h before step s (s = 0...T): the pointer to its batch row 0 and the row stride.
        func h(_ s: Int) -> (UnsafeMutablePointer<Float>, Int) {
            let B = batch, H = units
            switch mode {
            case .history: return (h + s * B * H, H)
            case .sequence: return s == 0 ? (h0, H) : (h + (s - 1) * H, timesteps * H)
            case .alternating: return (h + (s % 2) * B * H, H)
            }
        }

        /// c before step s (rows H apart), nil for GRU.
        func c(_ s: Int) -> UnsafeMutablePointer<Float>? {
            c.map { $0 + (mode == .history ? s : s % 2) * batch * units }
        }
    }

    /// Every step on the team (or alone), writing h and c into `states`, and the activated gates
    /// and GRU candidates when their buffers are given.
    private func runSteps(input: [Float], _ fused: FusedWeights, plan: Plan, bias: [Float], mask: [Float]?,
                          states: StateStorage, gates: UnsafeMutablePointer<Float>?, candidate: UnsafeMutablePointer<Float>?) {
        input.withUnsafeBufferPointer { px in
        bias.withUnsafeBufferPointer { pb in
        (mask ?? []).withUnsafeBufferPointer { pm in
            guard let bias = pb.baseAddress else { return }
            let steps = FusedSteps(x: px.baseAddress, bias: bias, gates: gates, candidate: candidate,
                                   mask: mask == nil ? nil : pm.baseAddress, states: states)
            let team = ThreadTeam.shared, m = plan.members
            if m > 1 && team.size == m,
               team.run({ k in fusedMember(k, of: m, splitsBatch: plan.splitsBatch, steps, fused, barrier: team.barrier) }) {
                return
            }
            fusedMember(0, of: 1, splitsBatch: false, steps, fused, barrier: {})
        }}}
    }

    /// Base pointers of a fused forward's buffers (nil when empty or not kept).
    struct FusedSteps {
        let x: UnsafePointer<Float>?
        let bias: UnsafePointer<Float>
        let gates, candidate: UnsafeMutablePointer<Float>?
        let mask: UnsafePointer<Float>?
        let states: StateStorage
    }

    /// Member k's share: every step for its batch rows (all panels), or for its panels of units
    /// (all rows, a barrier per step).
    func fusedMember(_ k: Int, of m: Int, splitsBatch: Bool, _ p: FusedSteps, _ fused: FusedWeights, barrier: () -> Void) {
        let B = batch, T = timesteps, F = features, H = units, GH = gateColumns
        let isa = fused.stacked.isa, packed = fused.stacked.values
        let rows = splitsBatch ? RecurrentForward.share(k, of: m, count: B) : 0..<B
        let own = splitsBatch ? 0..<fused.stacked.panelCount : RecurrentForward.share(k, of: m, count: fused.stacked.panelCount)
        let r0 = rows.lowerBound, n = rows.count
        for s in 0..<T {
            if n > 0 && !own.isEmpty {
                let time = goBackwards ? T - 1 - s : s
                let x = p.x.map { $0 + (r0 * T + time) * F }
                let maskRow = p.mask.map { $0 + r0 * T + time }
                let (hPrev, ldPrev) = p.states.h(s), (hNext, ldNext) = p.states.h(s + 1)
                let stepGates = p.gates.map { $0 + (s * B + r0) * GH }
                if let cPrev = p.states.c(s), let cNext = p.states.c(s + 1) {
                    rk_lstm_step(isa, n, F, H, own.lowerBound, own.upperBound, x, T * F, hPrev + r0 * ldPrev, ldPrev,
                                 packed, p.bias, stepGates, cPrev + r0 * H, cNext + r0 * H, hNext + r0 * ldNext, ldNext,
                                 maskRow, T)
                } else {
                    rk_gru_step(isa, n, F, H, own.lowerBound, own.upperBound, x, T * F, hPrev + r0 * ldPrev, ldPrev,
                                packed, p.bias, p.bias + GH, stepGates, p.candidate.map { $0 + (s * B + r0) * H },
                                hNext + r0 * ldNext, ldNext, maskRow, T)
                }
            }
            if !splitsBatch { barrier() }
        }
    }
}
