// Shape key: B = batch, T = timesteps, H = units, G = gates, GH = G*H; s = processing step.
//
// The backward step loop of LSTM and GRU (reset_after=True) on the C kernels: per step, the
// element-wise pass (rk_lstm_backward_step / rk_gru_backward_step) writes dA (and GRU's dRec) and
// dh_prev's direct term, then rk_gemm adds dRec @ U^T with U^T packed once per backward. The batch
// rows are independent sequences, so the team's members take a block of rows each and run all T
// steps without meeting (no barrier); dh and dc alternate between two buffers instead of being
// copied back every step. The weight gradients afterwards are large GEMMs (OpenBLAS, all threads).

import CRecurrentKernels

extension RecurrentLayer {
    /// Fills dA (T, B, GH) and, for GRU, dRec (T, B, GH) over every step, and leaves in dh (dc)
    /// the gradients on the initial states. `valid` is (T, B): false where the step was masked.
    func fusedBackwardSteps(_ cache: RecurrentCache, isa: Int32, recurrentKernel: Tensor, sequenceGradients seq: [Float]?,
                            valid: [Bool], dh: inout [Float], dc: inout [Float], dA: inout [Float],
                            dRecurrent: inout [Float]) {
        let B = cache.batch, T = cache.timesteps, H = units, GH = gh, isLSTM = kind == .lstm
        guard B > 0, T > 0, H > 0 else { return }
        var dhOther = uninitializedFloats(B * H)
        var dcOther = uninitializedFloats(dc.count)
        let transposed = recurrentKernel.floats.withUnsafeBufferPointer {
            PackedMatrix(isa: isa, $0.baseAddress!, depth: GH, gates: 1, units: H, rowStride: 1, colStride: GH)
        }
        let team = ThreadTeam.shared
        let pays = RecurrentForward.teamPays(batch: B, timesteps: T, units: H, gateCount: kind.gateCount, teamSize: team.size)
        let members = pays && B >= 16 * team.size ? team.size : 1

        dA.withUnsafeMutableBufferPointer { pA in
        dRecurrent.withUnsafeMutableBufferPointer { pRec in
        dh.withUnsafeMutableBufferPointer { pdh in
        dc.withUnsafeMutableBufferPointer { pdc in
        dhOther.withUnsafeMutableBufferPointer { pdhO in
        dcOther.withUnsafeMutableBufferPointer { pdcO in
        cache.gates.withUnsafeBufferPointer { pg in
        cache.hs.withUnsafeBufferPointer { phs in
        cache.cs.withUnsafeBufferPointer { pcs in
        cache.candidateRecurrent.withUnsafeBufferPointer { pcand in
        valid.withUnsafeBufferPointer { pvalid in
        (seq ?? []).withUnsafeBufferPointer { pseq in
            guard let dA = pA.baseAddress, let dh = pdh.baseAddress, let dhO = pdhO.baseAddress,
                  let gates = pg.baseAddress, let hs = phs.baseAddress, let valid = pvalid.baseAddress else { return }
            // LSTM: c buffers; GRU: the dRec and candidate buffers (unused placeholders otherwise).
            let dc = pdc.baseAddress ?? dh, dcO = pdcO.baseAddress ?? dhO, cs = pcs.baseAddress ?? hs
            let dRec = pRec.baseAddress ?? dA, candidate = pcand.baseAddress ?? hs
            let ut = transposed.values
            /// Member k's rows, every step from the last to the first.
            func member(_ k: Int, of m: Int) {
                let rows = RecurrentForward.share(k, of: m, count: B), r0 = rows.lowerBound, n = rows.count
                guard n > 0 else { return }
                var dhNow = dh + r0 * H, dhNext = dhO + r0 * H, dcNow = dc + r0 * H, dcNext = dcO + r0 * H
                for s in stride(from: T - 1, through: 0, by: -1) {
                    // (An empty array's buffer may still have a base address: test `seq` itself.)
                    if seq != nil, let sequence = pseq.baseAddress {
                        for b in rows { addVector(sequence + (b * T + s) * H, into: dhNow + (b - r0) * H, H) }
                    }
                    let stepGates = gates + (s * B + r0) * GH, stepDA = dA + (s * B + r0) * GH
                    let stepValid = valid + s * B + r0
                    if isLSTM {
                        rk_lstm_backward_step(isa, n, H, stepGates, cs + (s * B + r0) * H, cs + ((s + 1) * B + r0) * H,
                                              dhNow, dcNow, stepDA, dhNext, dcNext, stepValid)
                        rk_gemm(isa, n, GH, H, stepDA, GH, ut, 1, dhNext, H)
                    } else {
                        let stepRec = dRec + (s * B + r0) * GH
                        rk_gru_backward_step(isa, n, H, stepGates, hs + (s * B + r0) * H, candidate + (s * B + r0) * H,
                                             dhNow, stepDA, stepRec, dhNext, stepValid)
                        rk_gemm(isa, n, GH, H, stepRec, GH, ut, 1, dhNext, H)
                    }
                    swap(&dhNow, &dhNext)
                    swap(&dcNow, &dcNext)
                }
                // After an odd number of steps the gradients on the initial states are in the other buffers.
                if T % 2 == 1 {
                    (dh + r0 * H).update(from: dhO + r0 * H, count: n * H)
                    if isLSTM { (dc + r0 * H).update(from: dcO + r0 * H, count: n * H) }
                }
            }
            if members > 1 && team.run({ member($0, of: members) }) { return }
            member(0, of: 1)
        }}}}}}}}}}}}
    }
}
