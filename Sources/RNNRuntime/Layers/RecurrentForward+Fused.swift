// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates, GH = G*H; s = processing
// step (time t = s, or T-1-s with go_backwards).
//
// The forward's fast path for LSTM and GRU (reset_after=True) on CPUs with AVX2 or AVX-512: each
// step is one call into CRecurrentKernels, which multiplies h by U packed once per call of the
// layer (OpenBLAS packs U again on every step's GEMM: 12% of an LSTM forward) and runs the gate
// pass on the product's tile while it is still in registers, so the (B, GH) product never goes
// to memory. The team splits the work as in `member` (batch rows without barriers, or panels of
// units with a barrier per step); the input projection is one `rk_gemm` per member on W packed
// the same way.

import CRecurrentKernels

/// The weights of a layer packed for the C kernels.
struct FusedWeights {
    /// U (H, GH) as gate panels (G gates per panel).
    let recurrent: PackedMatrix
    /// W (F, GH) as a plain matrix for `rk_gemm`; nil when F = 0.
    let input: PackedMatrix?

    /// The instruction set the C kernels run `kind` with on this CPU, or nil (portable path).
    static func instructionSet(for kind: RecurrentCellKind) -> Int32? {
        kind == .lstm || kind == .gru(resetAfter: true) ? PackedMatrix.instructionSet : nil
    }

    /// Packs W (F, GH) and U (H, GH) with instruction set `isa` (default: the CPU's best); nil when
    /// the kernels do not apply to `kind`.
    init?(kind: RecurrentCellKind, kernel: [Float], recurrentKernel: [Float], features: Int, units: Int,
          isa: Int32? = PackedMatrix.instructionSet) {
        guard let isa, kind == .lstm || kind == .gru(resetAfter: true), units > 0,
              kernel.count == features * kind.gateCount * units, recurrentKernel.count == units * kind.gateCount * units else {
            return nil
        }
        let G = kind.gateCount
        recurrent = PackedMatrix(isa: isa, recurrentKernel, depth: units, gates: G, units: units)
        input = features > 0 ? PackedMatrix(isa: isa, kernel, depth: features, gates: 1, units: G * units) : nil
    }
}

extension RecurrentForward {
    /// Member k's share on the fused path: its block of rows of the input projection, a barrier,
    /// then every step for its batch rows (all panels) or its panels of units (all rows, a barrier
    /// per step, since every member needs the whole new h).
    func fusedMember(_ k: Int, of m: Int, splitsBatch: Bool, _ p: Buffers, _ fused: FusedWeights, barrier: () -> Void) {
        let B = batch, T = timesteps, F = features, H = units, GH = gateColumns
        let isa = fused.recurrent.isa
        let panels = fused.recurrent.panelCount
        let rows = splitsBatch ? RecurrentForward.share(k, of: m, count: B) : 0..<B
        let own = splitsBatch ? 0..<panels : RecurrentForward.share(k, of: m, count: panels)
        guard B > 0, let gates = p.gates, let hs = p.hs else {
            for _ in 0..<((m > 1 ? 1 : 0) + (splitsBatch ? 0 : T)) { barrier() }
            return
        }
        let projected = RecurrentForward.share(k, of: m, count: T * B)
        if !projected.isEmpty, let x = p.x, let w = fused.input {
            rk_gemm(isa, projected.count, F, GH, x + projected.lowerBound * F, F, w.values, 0,
                    gates + projected.lowerBound * GH, GH)
        }
        if m > 1 { barrier() }  // a member's steps read projection rows the others computed
        let r0 = rows.lowerBound, n = rows.count, u = fused.recurrent.values
        let cs = p.cs ?? hs, candidate = p.candidate ?? hs
        for s in 0..<T {
            if n > 0 && !own.isEmpty {
                let time = goBackwards ? T - 1 - s : s
                let maskRow = p.mask.map { $0 + r0 * T + time }
                let hPrev = hs + (s * B + r0) * H, hNext = hs + ((s + 1) * B + r0) * H
                let stepGates = gates + (s * B + r0) * GH
                if kind == .lstm {
                    rk_lstm_step(isa, n, H, own.lowerBound, own.upperBound, hPrev, u, stepGates, p.bias,
                                 cs + (s * B + r0) * H, cs + ((s + 1) * B + r0) * H, hNext, maskRow, T)
                } else {
                    rk_gru_step(isa, n, H, own.lowerBound, own.upperBound, hPrev, u, stepGates, p.bias, p.bias + GH,
                                candidate + (s * B + r0) * H, hNext, maskRow, T)
                }
            }
            if !splitsBatch { barrier() }
        }
    }
}
