// Finite-difference checks of every layer backward, including configurations the Keras fixtures do
// not cover (masks with go_backwards, zero_output_for_mask on the last output, GRU reset_after=False
// with masks and states). Loss: L = Σ_k Σ output_k ⊙ cotangent_k with random cotangents.

import Testing
@testable import RNNRuntime

/// A recurrent configuration to check.
struct RecurrentCase: CustomStringConvertible, Sendable {
    var kind: RecurrentCellKind
    var sequences = false, state = false, backwards = false, masked = false, zeroMasked = false, initial = false
    var description: String {
        "\(kind) seq=\(sequences) state=\(state) back=\(backwards) mask=\(masked) zero=\(zeroMasked) init=\(initial)"
    }
}

let recurrentCases: [RecurrentCase] = {
    var cases: [RecurrentCase] = []
    for kind in [RecurrentCellKind.simpleRNN, .lstm, .gru(resetAfter: true), .gru(resetAfter: false)] {
        cases.append(RecurrentCase(kind: kind))
        cases.append(RecurrentCase(kind: kind, sequences: true, state: true, initial: true))
        cases.append(RecurrentCase(kind: kind, backwards: true, initial: true))
        cases.append(RecurrentCase(kind: kind, sequences: true, backwards: true, masked: true))
        cases.append(RecurrentCase(kind: kind, state: true, masked: true, initial: true))
        cases.append(RecurrentCase(kind: kind, sequences: true, masked: true, zeroMasked: true))
        cases.append(RecurrentCase(kind: kind, state: true, backwards: true, masked: true, zeroMasked: true))
    }
    return cases
}()

/// Uniform(-0.5, 0.5) weights, so biases and gates are far from their initial values.
func randomizeWeights(_ layer: Layer, seed: UInt32) throws {
    let rng = RandomState(seed: seed)
    try layer.setWeights(try layer.weights.map { try rng.uniform(low: -0.5, high: 0.5, $0.shape) })
}

@Suite struct LayerGradientCheckTests {
    @Test(arguments: recurrentCases)
    func recurrentMatchesFiniteDifferences(_ c: RecurrentCase) throws {
        let B = 3, T = 5, F = 3, H = 4
        let layer = try RecurrentLayer(kind: c.kind, units: H, returnSequences: c.sequences, returnState: c.state,
                                       goBackwards: c.backwards, inputDim: F, rng: RandomState(seed: 1))
        layer.zeroOutputForMask = c.zeroMasked
        try randomizeWeights(layer, seed: 2)
        let rng = RandomState(seed: 3)
        let x = try rng.randn([B, T, F])
        // Row 0 full, row 1 masked at the end, row 2 masked at the start and in the middle.
        let mask: Tensor? = c.masked ? try Tensor(shape: [B, T], values: [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1] as [Int64], dtype: .bool) : nil
        let states: [Tensor]? = c.initial ? try (0..<c.kind.stateCount).map { _ in try rng.randn([B, H]) } : nil
        let (outputs, cache) = try layer.forward(x, mask: mask, initialState: states)
        let cotangents = try outputs.map { try rng.randn($0.shape) }
        let grads = try layer.backward(cotangents, cache: cache)
        func loss(_ outs: [Tensor]) -> Double { zip(outs, cotangents).reduce(0.0) { $0 + weightedSum($1.0, $1.1) } }

        try expectGradient("\(c) input", { try loss(layer(x: $0, mask, states)) }, at: x, gradient: grads.input)
        for (i, s) in (states ?? []).enumerated() {
            try expectGradient("\(c) state \(i)", { v in
                var st = states!; st[i] = v
                return try loss(layer(x: x, mask, st))
            }, at: s, gradient: grads.initialStates[i])
        }
        let weights = layer.weights
        for (i, w) in weights.enumerated() {
            try expectGradient("\(c) weight \(i)", { v in
                var ws = weights; ws[i] = v
                try layer.setWeights(ws)
                defer { try? layer.setWeights(weights) }
                return try loss(layer(x: x, mask, states))
            }, at: w, gradient: grads.weights[i])
        }
        // Without initial states the state gradients still have their shapes.
        #expect(grads.initialStates.map(\.shape) == Array(repeating: [B, H], count: c.kind.stateCount))
    }

    @Test(arguments: [Activation.linear, .relu, .tanh, .sigmoid, .softmax])
    func denseMatchesFiniteDifferences(_ activation: Activation) throws {
        for shape in [[4, 3], [2, 3, 3]] {
            let dense = try Dense(units: 5, activation: activation, inputDim: 3, rng: RandomState(seed: 4))
            try randomizeWeights(dense, seed: 5)
            let rng = RandomState(seed: 6)
            let x = try rng.randn(shape)
            let (y, cache) = try dense.forward(x)
            let cot = try rng.randn(y.shape)
            let (dx, dw) = try dense.backward(cot, cache: cache)
            let h: Float = activation == .relu ? 1e-3 : 5e-2   // relu: stay clear of the kink
            try expectGradient("dense \(activation) input", { weightedSum(try dense($0), cot) }, at: x, gradient: dx, h: h)
            let weights = dense.weights
            for (i, w) in weights.enumerated() {
                try expectGradient("dense \(activation) weight \(i)", { v in
                    var ws = weights; ws[i] = v
                    try dense.setWeights(ws)
                    defer { try? dense.setWeights(weights) }
                    return weightedSum(try dense(x), cot)
                }, at: w, gradient: dw[i], h: h)
            }
        }
    }

    @Test func embeddingScatterAddsRepeatedTokens() throws {
        let e = try Embedding(inputDim: 6, outputDim: 3, maskZero: true, rng: RandomState(seed: 8))
        let tokens = try Tensor(shape: [2, 4], values: [1, 2, 2, 0, 5, 1, 0, 0] as [Int64])
        let (y, cache) = try e.forward(tokens)
        let cot = try RandomState(seed: 9).randn(y.shape)
        let dE = try e.backward(cot, cache: cache)[0]
        let table = e.weights[0]
        try expectGradient("embedding table", { v in
            try e.setWeights([v])
            defer { try? e.setWeights([table]) }
            return weightedSum(try e(tokens), cot)
        }, at: table, gradient: dE)
        // Rows never looked up get exactly zero; token 2 (twice) gets both rows.
        #expect(dE.floats[3 * 3..<4 * 3].allSatisfy { $0 == 0 })
        for j in 0..<3 { #expect(dE.floats[2 * 3 + j] == cot.floats[1 * 3 + j] + cot.floats[2 * 3 + j]) }
    }

    @Test func maskingPassesGradientOnKeptSteps() throws {
        let m = Masking(maskValue: 0)
        var x = try RandomState(seed: 10).randn([2, 3, 2])
        try x.set([.int(0), .int(1)], to: 0)
        let (_, mask) = try m(x)
        let g = try RandomState(seed: 11).randn([2, 3, 2])
        let dx = try m.backward(g, mask: mask)
        for r in 0..<6 { for j in 0..<2 { #expect(dx.floats[r * 2 + j] == (r == 1 ? 0 : g.floats[r * 2 + j])) } }
    }

    @Test(arguments: [MergeMode.concat, .sum, .mul, .ave, .none])
    func bidirectionalMatchesFiniteDifferences(_ mode: MergeMode) throws {
        for (sequences, masked) in [(true, false), (false, false), (true, true)] {
            let inner = try LSTM(units: 3, returnSequences: sequences, returnState: true, inputDim: 2, rng: RandomState(seed: 12))
            let bi = try Bidirectional(inner, mergeMode: mode)
            try randomizeWeights(bi, seed: 13)
            let rng = RandomState(seed: 14)
            let x = try rng.randn([2, 4, 2])
            let mask: Tensor? = masked ? try Tensor(shape: [2, 4], values: [1, 1, 1, 1, 1, 1, 0, 0] as [Int64], dtype: .bool) : nil
            let states = try (0..<4).map { _ in try rng.randn([2, 3]) }
            let (outs, cache) = try bi.forward(x, mask: mask, initialState: states)
            #expect(outs == (try bi(x, mask: mask, initialState: states)), "forward with cache equals callAsFunction")
            let cots = try outs.map { try rng.randn($0.shape) }
            let g = try bi.backward(cots, cache: cache)
            func loss(_ o: [Tensor]) -> Double { zip(o, cots).reduce(0.0) { $0 + weightedSum($1.0, $1.1) } }
            let label = "bidirectional \(mode) seq=\(sequences) mask=\(masked)"
            try expectGradient("\(label) input", { try loss(bi($0, mask: mask, initialState: states)) }, at: x, gradient: g.input)
            for i in 0..<4 {
                try expectGradient("\(label) state \(i)", { v in
                    var s = states; s[i] = v
                    return try loss(bi(x, mask: mask, initialState: s))
                }, at: states[i], gradient: g.initialStates[i])
            }
            let weights = bi.weights
            for i in [0, 1, 2, 3, 4, 5] {
                try expectGradient("\(label) weight \(i)", { v in
                    var ws = weights; ws[i] = v
                    try bi.setWeights(ws)
                    defer { try? bi.setWeights(weights) }
                    return try loss(bi(x, mask: mask, initialState: states))
                }, at: weights[i], gradient: g.weights[i])
            }
        }
    }

    @Test func backwardRejectsMismatchedGradients() throws {
        let lstm = try LSTM(units: 2, returnSequences: true, inputDim: 3)
        let (_, cache) = try lstm.forward(try Tensor.zeros([1, 4, 3]))
        #expect(throws: TensorError.self) { _ = try lstm.backward([try Tensor.zeros([1, 2])], cache: cache) }
        #expect(throws: TensorError.self) { _ = try lstm.backward([nil, nil, nil], cache: cache) }
        let dense = try Dense(units: 2, inputDim: 3)
        let (_, dc) = try dense.forward(try Tensor.zeros([4, 3]))
        #expect(throws: TensorError.self) { _ = try dense.backward(try Tensor.zeros([4, 3]), cache: dc) }
        // Empty batch and zero timesteps backpropagate to empty / zero gradients.
        let (o, c0) = try lstm.forward(try Tensor.zeros([0, 4, 3]))
        #expect(try lstm.backward([try Tensor.zeros(o[0].shape)], cache: c0).input.shape == [0, 4, 3])
        let (o2, c1) = try lstm.forward(try Tensor.zeros([2, 0, 3]))
        let g = try lstm.backward([try Tensor.zeros(o2[0].shape)], cache: c1)
        #expect(g.input.shape == [2, 0, 3] && g.weights.map(\.shape) == lstm.weights.map(\.shape))
    }
}

extension RecurrentLayer {
    /// The forward outputs for a check (labels keep call sites short).
    func callAsFunction(x: Tensor, _ mask: Tensor?, _ states: [Tensor]?) throws -> [Tensor] {
        try self(x, mask: mask, initialState: states)
    }
}
