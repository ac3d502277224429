// The C kernels (CRecurrentKernels) against references: rk_gemm against cblas_sgemm on shapes that
// are not multiples of the register tile or the panel (rows 1..13, one column, depth over one
// block), and the layers' fused forward and backward against their portable path (OpenBLAS and the
// Swift gate pass, itself checked against Keras and finite differences) for every instruction set
// this CPU has (AVX-512 machines also run the AVX2 variant), with masks, go_backwards, initial
// states, units that are not a multiple of 8 or 16, and the team's batch and unit splits.

import CRecurrentKernels
import Testing
@testable import RNNRuntime

/// Every instruction set the kernels can run here (empty without AVX2: nothing to compare).
private let instructionSets: [Int32] = PackedMatrix.instructionSet.map { Array(1...$0) } ?? []

/// Largest |a - b| - (atol + rtol·|b|) over the elements (≤ 0: close); infinity on a count mismatch or NaN.
private func excess(_ a: [Float], _ b: [Float], atol: Float = 1e-6, rtol: Float = 1e-5) -> Float {
    guard a.count == b.count else { return .infinity }
    var worst: Float = -.infinity
    for (x, y) in zip(a, b) {
        let e = Swift.abs(x - y) - (atol + rtol * Swift.abs(y))
        if e.isNaN { return .infinity }
        worst = Swift.max(worst, e)
    }
    return a.isEmpty ? 0 : worst
}

@Suite struct RecurrentKernelTests {
    @Test(arguments: instructionSets)
    func gemmMatchesBLAS(_ isa: Int32) throws {
        let rng = RandomState(seed: 5)
        // (rows, depth, cols): single elements, tile and panel remainders, depth over one block (256).
        let shapes = [(1, 1, 1), (1, 7, 1), (13, 33, 17), (5, 600, 70), (25, 100, 33), (64, 1024, 256), (7, 3, 100)]
        for (m, k, n) in shapes {
            let a = try rng.randn([m * k]).floats, b = try rng.randn([k * n]).floats, c0 = try rng.randn([m * n]).floats
            let packed = PackedMatrix(isa: isa, b, depth: k, gates: 1, units: n)
            for beta: Float in [0, 1] {
                var expected = c0, got = c0
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        expected.withUnsafeMutableBufferPointer { pc in
                            gemm(m, n, k, pa.baseAddress!, k, pb.baseAddress!, n, beta: beta, pc.baseAddress!, n)
                        }
                    }
                    got.withUnsafeMutableBufferPointer { pc in
                        rk_gemm(isa, m, k, n, pa.baseAddress!, k, packed.values, beta, pc.baseAddress!, n)
                    }
                }
                #expect(excess(got, expected, atol: 1e-5 * Float(k).squareRoot()) <= 0, "isa \(isa) \(m)x\(k)x\(n) beta \(beta)")
            }
        }
    }

    @Test(arguments: instructionSets)
    func columnSumsMatchALoop(_ isa: Int32) throws {
        let rng = RandomState(seed: 9)
        for (rows, cols, ld) in [(1, 1, 1), (13, 17, 20), (7, 70, 70), (100, 129, 130), (3, 64, 64)] {
            let a = try rng.randn([rows * ld]).floats, start = try rng.randn([cols]).floats
            var expected = start, got = start
            for r in 0..<rows { for j in 0..<cols { expected[j] += a[r * ld + j] } }
            a.withUnsafeBufferPointer { pa in
                got.withUnsafeMutableBufferPointer { rk_add_column_sums(isa, rows, cols, pa.baseAddress!, ld, $0.baseAddress!) }
            }
            #expect(excess(got, expected, atol: 1e-5) <= 0, "isa \(isa) rows \(rows) cols \(cols)")
        }
    }

    @Test func packedSizesFollowThePanels() {
        for isa in instructionSets {
            let lanes = isa == 2 ? 16 : 8
            #expect(rk_panel_units(isa, 4) == lanes && rk_panel_units(isa, 1) == 2 * lanes)
            #expect(rk_panel_count(isa, 4, 45) == (45 + lanes - 1) / lanes)
            #expect(rk_packed_count(isa, 10, 3, 45) == rk_panel_count(isa, 3, 45) * lanes * 10 * 3)
        }
        // An instruction set the CPU lacks (or none) packs nothing and computes nothing.
        #expect(rk_packed_count(0, 10, 4, 45) == 0 && rk_packed_count(3, 10, 4, 45) == 0)
    }

    /// A layer with random weights and biases, random inputs, mask and states for case `c`.
    private func setUp(_ c: RecurrentCase, B: Int, T: Int, F: Int, H: Int) throws -> (RecurrentLayer, Tensor, Tensor?, [Tensor]?) {
        let layer = try RecurrentLayer(kind: c.kind, units: H, returnSequences: c.sequences, returnState: c.state,
                                       goBackwards: c.backwards, inputDim: F, rng: RandomState(seed: 1))
        layer.zeroOutputForMask = c.zeroMasked
        try randomizeWeights(layer, seed: 2)
        let rng = RandomState(seed: 3)
        let x = try rng.randn([B, T, F])
        let mask: Tensor? = c.masked ? Tensor(shape: [B, T], floats: (0..<(B * T)).map { ($0 * 7) % 5 == 2 ? 0 : 1 }) : nil
        let states: [Tensor]? = c.initial ? try (0..<c.kind.stateCount).map { _ in try rng.randn([B, H]) } : nil
        return (layer, x, mask, states)
    }

    /// Fused forward and backward against the portable path, every cache buffer and every gradient.
    /// The two sum h·U in different orders: float32 rounding grows with the depth H (about 1e-7 ·
    /// √H relative on sums of order √H), hence the tolerance; a wrong element is off by far more.
    private func compare(_ c: RecurrentCase, B: Int, T: Int, F: Int, H: Int) throws {
        let tol = 2e-6 * Float(H).squareRoot()
        let (layer, x, mask, states) = try setUp(c, B: B, T: T, F: F, H: H)
        let (outputs, cache) = try layer.forward(x, mask: mask, initialState: states, kernels: nil)
        let cotangents = try outputs.map { try RandomState(seed: 4).randn($0.shape) }
        let grads = try layer.backward(cotangents, cache: cache, kernels: nil)
        for isa in instructionSets {
            let label = "isa \(isa) \(c) B=\(B) T=\(T) F=\(F) H=\(H)"
            let (fusedOutputs, fusedCache) = try layer.forward(x, mask: mask, initialState: states, kernels: isa)
            for (a, b) in zip(fusedOutputs, outputs) { #expect(excess(a.floats, b.floats, atol: tol) <= 0, "\(label): output") }
            // A plain call keeps no cache: h goes straight into the output (or two alternating buffers).
            let plain = try layer.outputs(x, mask: mask, initialState: states, kernels: isa)
            #expect(plain.count == outputs.count && zip(plain, outputs).allSatisfy { $0.shape == $1.shape }, "\(label): plain shapes")
            for (a, b) in zip(plain, outputs) { #expect(excess(a.floats, b.floats, atol: tol) <= 0, "\(label): plain output") }
            #expect(excess(fusedCache.gates, cache.gates, atol: tol) <= 0, "\(label): gates")
            #expect(excess(fusedCache.hs, cache.hs, atol: tol) <= 0, "\(label): hs")
            #expect(excess(fusedCache.cs, cache.cs, atol: tol) <= 0, "\(label): cs")
            #expect(excess(fusedCache.candidateRecurrent, cache.candidateRecurrent, atol: tol) <= 0, "\(label): candidate")
            let fusedGrads = try layer.backward(cotangents, cache: fusedCache, kernels: isa)
            #expect(excess(fusedGrads.input.floats, grads.input.floats, atol: 5 * tol) <= 0, "\(label): input gradient")
            for (a, b) in zip(fusedGrads.initialStates, grads.initialStates) {
                #expect(excess(a.floats, b.floats, atol: 5 * tol) <= 0, "\(label): state gradient")
            }
            for (k, (a, b)) in zip(fusedGrads.weights, grads.weights).enumerated() {
                #expect(excess(a.floats, b.floats, atol: 5 * tol, rtol: 1e-4) <= 0, "\(label): weight gradient \(k)")
            }
        }
    }

    @Test(arguments: recurrentCases.filter { $0.kind == .lstm || $0.kind == .gru(resetAfter: true) })
    func fusedPathMatchesPortable(_ c: RecurrentCase) throws {
        // Units 45: not a multiple of 8 or 16 (a partial panel); 5 rows: a remainder tile.
        try compare(c, B: 5, T: 4, F: 7, H: 45)
        try compare(c, B: 1, T: 2, F: 1, H: 1)
    }

    @Test(arguments: [RecurrentCellKind.lstm, .gru(resetAfter: true)], [false, true])
    func statefulPlainCallsMatchPortable(_ kind: RecurrentCellKind, _ sequences: Bool) throws {
        // Two calls in a row: the second starts from the states the first kept.
        let B = 4, T = 3, F = 5, H = 21
        let x = try RandomState(seed: 8).randn([B, T, F])
        func run(_ kernels: Int32?) throws -> [Tensor] {
            let layer = try RecurrentLayer(kind: kind, units: H, returnSequences: sequences, returnState: true, stateful: true,
                                           inputDim: F, rng: RandomState(seed: 1))
            try randomizeWeights(layer, seed: 2)
            _ = try layer.outputs(x, mask: nil, initialState: nil, kernels: kernels)
            return try layer.outputs(x, mask: nil, initialState: nil, kernels: kernels) + (layer.states ?? [])
        }
        let portable = try run(nil)
        for isa in instructionSets {
            let fused = try run(isa)
            #expect(fused.count == portable.count)
            for (a, b) in zip(fused, portable) { #expect(a.shape == b.shape && excess(a.floats, b.floats, atol: 1e-5) <= 0, "isa \(isa) \(kind)") }
        }
    }

    @Test(arguments: [RecurrentCellKind.lstm, .gru(resetAfter: true)])
    func teamSplitsMatchPortable(_ kind: RecurrentCellKind) throws {
        // Batch split (U small, 40 rows) and unit split (U over 1.5 MB); masks and go_backwards.
        let c = RecurrentCase(kind: kind, sequences: true, state: true, backwards: true, masked: true, initial: true)
        try compare(c, B: 40, T: 3, F: 9, H: 100)
        try compare(c, B: 32, T: 2, F: 5, H: 420)
    }

    @Test(arguments: [RecurrentCellKind.lstm, .gru(resetAfter: true), .gru(resetAfter: false), .simpleRNN])
    func weightGradientsSplitAcrossTheTeamMatchOneCall(_ kind: RecurrentCellKind) throws {
        // Big enough for the team (T*B*GH*(F+H) >= 2^24); 200 units: GRU reset_after=False's member
        // column blocks straddle the candidate's columns (2H = 400 is not a multiple of the split).
        let B = 24, T = 5, F = 30, H = 200, GH = kind.gateCount * H
        let layer = try RecurrentLayer(kind: kind, units: H, returnSequences: true, inputDim: F, rng: RandomState(seed: 1))
        let rng = RandomState(seed: 6)
        let (_, cache) = try layer.forward(try rng.randn([B, T, F]))
        let dA = try rng.randn([T * B * GH]).floats
        let dRec = kind == .gru(resetAfter: true) ? try rng.randn([T * B * GH]).floats : []
        let dh = [Float](repeating: 0, count: B * H), dc = [Float](repeating: 0, count: kind == .lstm ? B * H : 0)
        func gradients(_ share: Bool) -> RecurrentGradients {
            layer.weightGradients(cache, kernel: layer.kernel!, recurrentKernel: layer.recurrentKernel!, dA: dA,
                                  dRecurrent: dRec, dh: dh, dc: dc, shareWithTeam: share)
        }
        let split = gradients(true), whole = gradients(false)
        #expect(excess(split.input.floats, whole.input.floats, atol: 1e-4) <= 0, "\(kind): input gradient")
        for (k, (a, b)) in zip(split.weights, whole.weights).enumerated() {
            #expect(excess(a.floats, b.floats, atol: 1e-3, rtol: 1e-4) <= 0, "\(kind): weight gradient \(k)")
        }
    }
}
