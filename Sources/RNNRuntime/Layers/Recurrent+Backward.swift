// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates, GH = G*H; s = processing
// step (time t = s, or T-1-s with goBackwards). Backpropagation through time from `RecurrentCache`.
//
// Seeding: output gradients land on h after each step (return_sequences) or on the last h, plus
// the returned states. Step loop (s = T-1 ... 0): a fused element-wise pass turns dh (and LSTM dc)
// into pre-activation gradients dA_s (B, GH), then one GEMM dh_prev = dA_s @ U^T (GRU: its
// candidate term too). Masked rows carry dh/dc through unchanged and get dA = 0.
// After the loop, every weight gradient is one GEMM over all steps:
//   dW (F, GH) = Xp^T (F, T*B) @ dA (T*B, GH)      Xp = x in processing order
//   dX (T*B, F) = dA @ W^T                        (permuted back to (B, T, F))
//   dU (H, GH) = Hprev^T (H, T*B) @ dRec (T*B, GH) Hprev = hs[0..<T], stacked in the cache
//   db = column sums of dA (GRU reset_after=True: row 0 from dA, row 1 from dRec)
// dRec is dA except for GRU: reset_after=True's candidate slice is dL/d(h·U_h + b_h) = dâ_h ⊙ r, and
// reset_after=False's candidate rows multiply r⊙h (cached) instead of h.

import CRecurrentKernels

/// Gradients of one `RecurrentLayer` call.
public struct RecurrentGradients {
    /// ∂L/∂x, (B, T, F).
    public var input: Tensor
    /// ∂L/∂initial state, (B, H) each (LSTM: h then c); zeros-initialised states included.
    public var initialStates: [Tensor]
    /// ∂L/∂weights in `weights` order: kernel (F, GH), recurrent kernel (H, GH), then bias (GH,) or
    /// (2, GH) when the layer has one.
    public var weights: [Tensor]
}

extension RecurrentLayer {
    /// The output shapes of a call with this cache: `[output, *states]`.
    func outputShapes(_ cache: RecurrentCache) -> [[Int]] {
        let B = cache.batch, T = cache.timesteps, H = units
        var shapes = [returnSequences ? [B, T, H] : [B, H]]
        if returnState { shapes += Array(repeating: [B, H], count: kind.stateCount) }
        return shapes
    }

    /// Backpropagation through time: `outputGradients[k]` is ∂L/∂outputs[k] of the forward that
    /// made `cache` (nil or missing = zero). Uses the layer's current weights, which must be the
    /// forward's.
    public func backward(_ outputGradients: [Tensor?], cache: RecurrentCache) throws -> RecurrentGradients {
        try backward(outputGradients, cache: cache, kernels: FusedWeights.instructionSet(for: kind))
    }

    /// Backward with the C kernels' instruction set `kernels` (nil: the portable path).
    func backward(_ outputGradients: [Tensor?], cache: RecurrentCache, kernels: Int32?) throws -> RecurrentGradients {
        guard let kernel, let recurrentKernel else { throw TensorError.value("\(className) is not built") }
        let shapes = outputShapes(cache)
        guard outputGradients.count <= shapes.count else {
            throw TensorError.value("\(className) returned \(shapes.count) outputs but \(outputGradients.count) output gradients were given")
        }
        for (k, g) in outputGradients.enumerated() {
            if let g, g.shape != shapes[k] {
                throw TensorError.value("\(className) output \(k) has shape \(Shape.describe(shapes[k])) but its gradient has shape \(g.shapeDescription)")
            }
        }
        let steps = cache.timesteps * cache.batch, isGRU = kind == .gru(resetAfter: true) || kind == .gru(resetAfter: false)
        guard cache.features == kernel.shape[0], cache.gates.count == steps * gh, cache.input.count == steps * cache.features,
              cache.hs.count == (cache.timesteps + 1) * cache.batch * units,
              cache.cs.count == (kind == .lstm ? cache.hs.count : 0),
              cache.candidateRecurrent.count == (isGRU ? steps * units : 0),
              cache.mask.map({ $0.count == steps }) ?? true else {
            throw TensorError.value("\(className) cache does not match the layer's current weights")
        }
        let B = cache.batch, T = cache.timesteps, H = units, GH = gh
        let rows = T * B
        let grads = outputGradients.map { $0.map(floatsOf) }
        func grad(_ k: Int) -> [Float]? { k < grads.count ? grads[k] : nil }

        let zeroMasked = zeroOutputForMask && cache.mask != nil
        func masked(_ bi: Int, _ s: Int) -> Bool {
            guard let m = cache.mask else { return false }
            return m[bi * T + (goBackwards ? T - 1 - s : s)] == 0
        }

        // Seeds: dh on the last state, dc for LSTM's returned c.
        var dh = [Float](repeating: 0, count: B * H)
        var dc = [Float](repeating: 0, count: kind == .lstm ? B * H : 0)
        if !returnSequences, let g = grad(0), T > 0 {
            for bi in 0..<B where !(zeroMasked && masked(bi, T - 1)) {
                for j in 0..<H { dh[bi * H + j] += g[bi * H + j] }
            }
        }
        if returnState {
            if let g = grad(1) { for i in 0..<(B * H) { dh[i] += g[i] } }
            if kind == .lstm, let g = grad(2) { for i in 0..<(B * H) { dc[i] += g[i] } }
        }
        // Sequence gradients per processing step, (B, T, H); zeroed where the output was forced to 0.
        var seq: [Float]? = returnSequences ? grad(0) : nil
        if zeroMasked, seq != nil {
            for bi in 0..<B { for s in 0..<T where masked(bi, s) { for j in 0..<H { seq![(bi * T + s) * H + j] = 0 } } }
        }

        // Nothing ran forward: the state gradients are the seeds, everything else is zero.
        guard rows > 0 else {
            var states = [Tensor(shape: [B, H], floats: dh)]
            if kind == .lstm { states.append(Tensor(shape: [B, H], floats: dc)) }
            let weights = [kernel, recurrentKernel] + (bias.map { [$0] } ?? [])
            return RecurrentGradients(input: Tensor(shape: [B, T, cache.features], floats: []), initialStates: states,
                                      weights: weights.map { Tensor(shape: $0.shape, floats: [Float](repeating: 0, count: $0.size)) })
        }

        var dA: [Float], dRecOwn: [Float]
        let valid: [Bool] = (0..<(T * B)).map { !masked($0 % B, $0 / B) }  // (s, b) order
        if let isa = kernels, FusedWeights.instructionSet(for: kind) != nil {
            // The C kernels write every element of dA and dRec (masked rows get zeros).
            dA = uninitializedFloats(T * B * GH)
            dRecOwn = kind == .gru(resetAfter: true) ? uninitializedFloats(T * B * GH) : []
            fusedBackwardSteps(cache, isa: isa, recurrentKernel: recurrentKernel, sequenceGradients: seq, valid: valid,
                               dh: &dh, dc: &dc, dA: &dA, dRecurrent: &dRecOwn)
        } else {
            dA = [Float](repeating: 0, count: T * B * GH)
            dRecOwn = [Float](repeating: 0, count: kind == .gru(resetAfter: true) ? T * B * GH : 0)
            backwardSteps(cache, recurrentKernel: recurrentKernel, sequenceGradients: seq, valid: valid, dh: &dh, dc: &dc,
                          dA: &dA, dRecurrent: &dRecOwn)
        }
        return weightGradients(cache, kernel: kernel, recurrentKernel: recurrentKernel, dA: dA, dRecurrent: dRecOwn, dh: dh, dc: dc)
    }

    /// The step loop in Swift and OpenBLAS (SimpleRNN, GRU reset_after=False, and CPUs without
    /// AVX2): fills dA (and GRU reset_after=True's dRec) and leaves in dh, dc the gradients on the
    /// initial states.
    func backwardSteps(_ cache: RecurrentCache, recurrentKernel: Tensor, sequenceGradients seq: [Float]?, valid: [Bool],
                       dh: inout [Float], dc: inout [Float], dA: inout [Float], dRecurrent dRecOwn: inout [Float]) {
        let B = cache.batch, T = cache.timesteps, H = units, GH = gh
        var dhPrev = [Float](repeating: 0, count: B * H)
        var dcPrev = [Float](repeating: 0, count: dc.count)
        var scratch = [Float](repeating: 0, count: B * H)

        dA.withUnsafeMutableBufferPointer { pA in
        dRecOwn.withUnsafeMutableBufferPointer { pRec in
        dh.withUnsafeMutableBufferPointer { pdh in
        dc.withUnsafeMutableBufferPointer { pdc in
        dhPrev.withUnsafeMutableBufferPointer { pdhP in
        dcPrev.withUnsafeMutableBufferPointer { pdcP in
        scratch.withUnsafeMutableBufferPointer { pScr in
        recurrentKernel.floats.withUnsafeBufferPointer { pU in
        cache.gates.withUnsafeBufferPointer { pg in
        cache.hs.withUnsafeBufferPointer { phs in
        cache.cs.withUnsafeBufferPointer { pcs in
        cache.candidateRecurrent.withUnsafeBufferPointer { pcand in
        valid.withUnsafeBufferPointer { pvalid in
            var step = RecurrentStepBuffers(B: B, H: H, GH: GH, dh: pdh.baseAddress!, dc: pdc.baseAddress,
                                            dhPrev: pdhP.baseAddress!, dcPrev: pdcP.baseAddress,
                                            scratch: pScr.baseAddress!, U: pU.baseAddress!, valid: pvalid.baseAddress!)
            for s in stride(from: T - 1, through: 0, by: -1) {
                if let seq {
                    seq.withUnsafeBufferPointer { ps in
                        for bi in 0..<B { addVector(ps.baseAddress! + (bi * T + s) * H, into: step.dh + bi * H, H) }
                    }
                }
                step.dA = pA.baseAddress! + s * B * GH
                step.dRec = kind == .gru(resetAfter: true) ? pRec.baseAddress! + s * B * GH : step.dA
                step.gates = pg.baseAddress! + s * B * GH
                step.hPrev = phs.baseAddress! + s * B * H
                step.valid = pvalid.baseAddress! + s * B
                switch kind {
                case .simpleRNN: step.simpleRNN()
                case .lstm: step.lstm(cPrev: pcs.baseAddress! + s * B * H, c: pcs.baseAddress! + (s + 1) * B * H)
                case .gru(resetAfter: true): step.gruResetAfter(recurrentCandidate: pcand.baseAddress! + s * B * H)
                case .gru(resetAfter: false): step.gruResetBefore()
                }
                step.dh.update(from: step.dhPrev, count: B * H)
                if let dcp = step.dcPrev, let dcn = step.dc { dcn.update(from: dcp, count: B * H) }
            }
        }}}}}}}}}}}}}
    }

    /// Weight, bias and input gradients over all steps from the step loop's dA (dRec): products
    /// over all T*B rows. On large problems the team shares them: member k computes its block of
    /// columns of dW, dU and db and its block of rows of dX, each a single-threaded OpenBLAS call.
    /// This keeps OpenBLAS's own thread pool out of the training step: its idle workers spin (and
    /// yield) for a while after every call, and took CPU from the team's next forward.
    func weightGradients(_ cache: RecurrentCache, kernel: Tensor, recurrentKernel: Tensor, dA: [Float],
                         dRecurrent dRecOwn: [Float], dh: [Float], dc: [Float], shareWithTeam: Bool = true) -> RecurrentGradients {
        let B = cache.batch, T = cache.timesteps, F = cache.features, H = units, GH = gh, rows = T * B
        // Without a bias (use_bias=False) the column sums are computed and not returned.
        let biasShape = bias?.shape ?? (kind == .gru(resetAfter: true) ? [2, gh] : [gh])
        var dW = [Float](repeating: 0, count: F * GH)
        var dU = [Float](repeating: 0, count: H * GH)
        var db = [Float](repeating: 0, count: Shape.product(biasShape))
        var dx = [Float](repeating: 0, count: B * T * F)
        // x in processing order (T, B, F), so that dW and dX are one product each.
        var xp = F > 0 ? uninitializedFloats(rows * F) : []
        var dxp = F > 0 ? uninitializedFloats(rows * F) : []
        if F > 0 {
            cache.input.withUnsafeBufferPointer { src in
                xp.withUnsafeMutableBufferPointer { dst in
                    reorderRows(src.baseAddress!, dst.baseAddress!, B: B, T: T, width: F, toProcessingOrder: true)
                }
            }
        }
        let team = ThreadTeam.shared
        let members = shareWithTeam && team.size > 1 && rows * GH * (F + H) >= 1 << 24 ? team.size : 1
        dA.withUnsafeBufferPointer { pA in
        dRecOwn.withUnsafeBufferPointer { pRec in
        db.withUnsafeMutableBufferPointer { pdb in
        dU.withUnsafeMutableBufferPointer { pdU in
        dW.withUnsafeMutableBufferPointer { pdW in
        cache.hs.withUnsafeBufferPointer { phs in
        cache.candidateRecurrent.withUnsafeBufferPointer { pcand in
        xp.withUnsafeBufferPointer { pxp in
        dxp.withUnsafeMutableBufferPointer { pdx in
        kernel.floats.withUnsafeBufferPointer { pW in
            let A = pA.baseAddress!, hs = phs.baseAddress!, dbp = pdb.baseAddress!, dUp = pdU.baseAddress!
            // The products for dU: dRec for GRU reset_after=True, dA otherwise.
            let rec = kind == .gru(resetAfter: true) ? pRec.baseAddress! : A
            /// Columns `cols` of dW, dU and db, and rows `dxRows` of dX (processing order).
            func part(cols: Range<Int>, dxRows: Range<Int>) {
                let c0 = cols.lowerBound, w = cols.count
                if w > 0 {
                    columnSums(A + c0, rows: rows, cols: w, ld: GH, into: dbp + c0)
                    if kind == .gru(resetAfter: true) { columnSums(rec + c0, rows: rows, cols: w, ld: GH, into: dbp + GH + c0) }
                    if kind == .gru(resetAfter: false) {
                        // Columns of z and r multiply h; the candidate's multiply r⊙h (cached).
                        let hPart = c0..<Swift.min(cols.upperBound, 2 * H), cPart = Swift.max(c0, 2 * H)..<cols.upperBound
                        if !hPart.isEmpty {
                            gemm(transA: true, H, hPart.count, rows, hs, H, A + hPart.lowerBound, GH, beta: 0, dUp + hPart.lowerBound, GH)
                        }
                        if !cPart.isEmpty {
                            gemm(transA: true, H, cPart.count, rows, pcand.baseAddress!, H, A + cPart.lowerBound, GH, beta: 0,
                                 dUp + cPart.lowerBound, GH)
                        }
                    } else {
                        gemm(transA: true, H, w, rows, hs, H, rec + c0, GH, beta: 0, dUp + c0, GH)
                    }
                    if F > 0 { gemm(transA: true, F, w, rows, pxp.baseAddress!, F, A + c0, GH, beta: 0, pdW.baseAddress! + c0, GH) }
                }
                if F > 0 && !dxRows.isEmpty {
                    let r0 = dxRows.lowerBound
                    gemm(transB: true, dxRows.count, F, GH, A + r0 * GH, GH, pW.baseAddress!, GH, beta: 0,
                         pdx.baseAddress! + r0 * F, F)
                }
            }
            if members > 1 && team.run({ k in
                part(cols: RecurrentForward.share(k, of: members, count: GH, multiple: 16),
                     dxRows: RecurrentForward.share(k, of: members, count: rows))
            }) { return }
            part(cols: 0..<GH, dxRows: 0..<rows)
        }}}}}}}}}}
        if F > 0 {
            dxp.withUnsafeBufferPointer { src in
                dx.withUnsafeMutableBufferPointer { dst in
                    reorderRows(src.baseAddress!, dst.baseAddress!, B: B, T: T, width: F, toProcessingOrder: false)
                }
            }
        }
        var states = [Tensor(shape: [B, H], floats: dh)]
        if kind == .lstm { states.append(Tensor(shape: [B, H], floats: dc)) }
        var weights = [Tensor(shape: kernel.shape, floats: dW), Tensor(shape: recurrentKernel.shape, floats: dU)]
        if bias != nil { weights.append(Tensor(shape: biasShape, floats: db)) }
        return RecurrentGradients(input: Tensor(shape: [B, T, F], floats: dx), initialStates: states, weights: weights)
    }

    /// Column sums added into `out`: the C kernel (16 or 8 columns per vector, 4 vectors at a time)
    /// when the CPU has one, else the Swift loop.
    private func columnSums(_ p: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int, into out: UnsafeMutablePointer<Float>) {
        if let isa = PackedMatrix.instructionSet {
            rk_add_column_sums(isa, rows, cols, p, ld, out)
        } else {
            addColumnSums(p, rows: rows, cols: cols, ld: ld, into: out)
        }
    }

    /// Moves rows of `width` between time order (B, T) and processing order (T, B) (time reversed
    /// with goBackwards), one contiguous row copy at a time.
    func reorderRows(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, B: Int, T: Int, width: Int,
                     toProcessingOrder: Bool) {
        for s in 0..<T {
            let t = goBackwards ? T - 1 - s : s
            for bi in 0..<B {
                let timeRow = (bi * T + t) * width, stepRow = (s * B + bi) * width
                if toProcessingOrder {
                    (dst + stepRow).update(from: src + timeRow, count: width)
                } else {
                    (dst + timeRow).update(from: src + stepRow, count: width)
                }
            }
        }
    }
}
