// Finite-difference checks of the model-level backward passes in configurations the Keras fixtures
// do not cover: Dropout while training (the multipliers re-drawn identically for every evaluation
// by re-seeding), noise_shape, TimeDistributed over a Dense and over an LSTM on 4-D input, and
// whole Sequential models with masks, training-mode Dropout and every weight checked.

import Testing
@testable import RNNRuntime

@Suite struct ModelGradientCheckTests {
    /// Σ outputs ⊙ cotangents of one training-mode call, with every Dropout re-seeded first.
    func loss(_ layer: any KerasLayer, _ x: Tensor, _ cotangents: [Tensor], dropouts: [Dropout] = [], training: Bool = true) throws -> Double {
        for d in dropouts { try d.rng.seed(d.seed ?? 0) }
        let outs = try layer.call([x], mask: nil, training: training).outputs
        return zip(outs, cotangents).reduce(0.0) { $0 + weightedSum($1.0, $1.1) }
    }

    /// Checks ∂/∂x (float inputs) and ∂/∂ every weight of `layer` against finite differences.
    func check(_ label: String, _ layer: any KerasLayer, _ x: Tensor, dropouts: [Dropout] = [], checkInput: Bool = true, h: Float = 3e-2) throws {
        for d in dropouts { try d.rng.seed(d.seed ?? 0) }
        let call = try layer.call([x], mask: nil, training: true)
        let rng = RandomState(seed: 11)
        let cotangents = try call.outputs.map { try rng.randn($0.shape) }
        let g = try layer.differentiable().backward(cotangents, call: call)
        if x.dtype == .float32 && checkInput {
            let dx = try #require(g.inputs.first ?? nil, "\(label): no input gradient")
            try expectGradient("\(label) input", { try loss(layer, $0, cotangents, dropouts: dropouts) }, at: x, gradient: dx, h: h)
        }
        let weights = layer.weights
        #expect(g.weights.count == weights.count, "\(label): weight gradient count")
        for j in weights.indices {
            try expectGradient("\(label) weight \(j) \(layer.weightNames[j])", { w in
                var ws = weights; ws[j] = w
                try layer.setWeights(ws)
                defer { try? layer.setWeights(weights) }
                return try loss(layer, x, cotangents, dropouts: dropouts)
            }, at: weights[j], gradient: g.weights[j], h: h)
        }
    }

    @Test func dropoutWhileTraining() throws {
        let x = try RandomState(seed: 1).randn([3, 4, 5])
        let d = try Dropout(rate: 0.4, seed: 5)
        try check("dropout", d, x, dropouts: [d])
        // The gradient really is masked: dropped elements get exactly zero.
        try d.rng.seed(5)
        let call = try d.call([x], mask: nil, training: true)
        let g = try d.backward([Tensor.onesLike(x)], call: call).inputs[0]!
        let y = call.outputs[0]
        for (yi, gi) in zip(y.floats, g.floats) { #expect(yi == 0 ? gi == 0 : abs(gi - 1 / 0.6) < 1e-6) }
        #expect(g.floats.contains(0) && g.floats.contains { $0 != 0 })
    }

    @Test func dropoutNoiseShapeAndInference() throws {
        let x = try RandomState(seed: 2).randn([3, 4, 5])
        let d = try Dropout(rate: 0.5, noiseShape: [nil, 1, nil], seed: 9)
        try check("dropout noise_shape", d, x, dropouts: [d])
        // Inference: the identity, gradient passes unchanged.
        let call = try d.call([x], mask: nil, training: false)
        let dy = try RandomState(seed: 3).randn(x.shape)
        #expect(try d.backward([dy], call: call).inputs[0]! == dy)
    }

    @Test func timeDistributedDenseAndLSTM() throws {
        let dense = TimeDistributed(try Dense(units: 3, activation: .tanh))
        let x = try RandomState(seed: 4).randn([2, 4, 5])
        try dense.build(inputShape: [2, 4, 5])
        try randomizeWeights(dense, seed: 5)
        try check("time_distributed(dense)", dense, x)

        let lstm = TimeDistributed(try LSTM(units: 3, returnSequences: true))
        let x4 = try RandomState(seed: 6).randn([2, 3, 4, 5])     // (B, T, T2, F)
        try lstm.build(inputShape: [2, 3, 4, 5])
        try randomizeWeights(lstm, seed: 7)
        try check("time_distributed(lstm)", lstm, x4)
    }

    @Test func sequentialWithMaskingDropoutTimeDistributedBidirectional() throws {
        let namer = LayerNamer()
        let dropout = namer.name(try Dropout(rate: 0.3, seed: 3))
        let model = try Sequential(layers: [
            try InputLayer(shape: [5, 4]),
            namer.name(Masking()),
            namer.name(try LSTM(units: 5, returnSequences: true)),
            dropout,
            namer.name(TimeDistributed(try Dense(units: 3, activation: .tanh))),
            namer.name(try Bidirectional(try GRU(units: 4), mergeMode: .concat)),
            namer.name(try Dense(units: 3, activation: .softmax)),
        ])
        try randomizeWeights(model, seed: 8)
        var x = try RandomState(seed: 9).randn([3, 5, 4])
        for (row, from) in [(1, 3), (2, 2)] {       // zero padding: masked steps
            for t in from..<5 { for f in 0..<4 { x.floats[(row * 5 + t) * 4 + f] = 0 } }
        }
        // Finite differences of padded steps would move them off the mask value; check the
        // weights there and the input gradient on an unpadded copy.
        try check("sequential masked", model, x, dropouts: [dropout], checkInput: false)
        try check("sequential unpadded", model, try RandomState(seed: 12).randn([3, 5, 4]), dropouts: [dropout])
        let call = try model.call([x], mask: nil, training: true)
        let dx = try model.backward([Tensor.onesLike(call.outputs[0])], call: call).inputs[0]!
        for (row, from) in [(1, 3), (2, 2)] {
            for t in from..<5 { for f in 0..<4 { #expect(dx.floats[(row * 5 + t) * 4 + f] == 0, "masked step gets no gradient") } }
        }
    }

    @Test func sequentialEmbeddingStack() throws {
        let namer = LayerNamer()
        let dropout = namer.name(try Dropout(rate: 0.25, seed: 4))
        let model = try Sequential(layers: [
            try InputLayer(shape: [6], dtype: .int64),
            namer.name(try Embedding(inputDim: 7, outputDim: 4, maskZero: true)),
            namer.name(try SimpleRNN(units: 5, returnSequences: true)),
            dropout,
            namer.name(try GRU(units: 4, returnSequences: true, resetAfter: false)),
            namer.name(TimeDistributed(try Dense(units: 3))),
        ])
        try randomizeWeights(model, seed: 10)
        let tokens = try Tensor(shape: [2, 6], values: [1, 2, 3, 4, 5, 6, 3, 1, 2, 0, 0, 0] as [Int64])
        try check("sequential embedding", model, tokens, dropouts: [dropout])
    }
}
