// Keras' `dropout` on recurrent layers in training (Layers/Recurrent+Dropout.swift): one mask of
// 0 and 1/(1 - rate) per (sample, feature), the same at every step; the recurrence runs on the
// scaled inputs and the input gradient goes back through the same mask. Checked against the
// inference forward on x ⊙ m and by finite differences with the call's mask held fixed.

import Testing
@testable import RNNRuntime

@Suite struct RecurrentDropoutTests {
    static let kinds: [RecurrentCellKind] = [.simpleRNN, .lstm, .gru(resetAfter: true), .gru(resetAfter: false)]

    /// x (B, T, F) scaled by a (B, F) mask broadcast over time.
    func scaled(_ x: Tensor, by scale: [Float]) -> Tensor {
        let B = x.shape[0], T = x.shape[1], F = x.shape[2]
        var v = x.floatValues
        for b in 0..<B { for t in 0..<T { for f in 0..<F { v[(b * T + t) * F + f] *= scale[b * F + f] } } }
        return Tensor(shape: x.shape, floats: v)
    }

    @Test(arguments: kinds)
    func trainingRunsOnInputsScaledByOneMaskPerSequence(_ kind: RecurrentCellKind) throws {
        let B = 4, T = 5, F = 6, H = 3
        let layer = try RecurrentLayer(kind: kind, units: H, returnSequences: true, inputDim: F, rng: RandomState(seed: 1))
        layer.dropout = 0.5
        let x = try RandomState(seed: 2).randn([B, T, F])
        let (outputs, cache) = try layer.forward(x, training: true)
        let scale = try #require(cache.inputDropoutScale)
        #expect(scale.count == B * F)
        #expect(Set(scale) == [0, 2], "multipliers are 0 or 1/(1 - 0.5)")
        #expect(cache.input == scaled(x, by: scale).floatValues, "the recurrence ran on x ⊙ m")
        #expect(outputs == (try layer.forward(scaled(x, by: scale), training: false).outputs))
        // Inference is untouched and remembers no mask.
        let (inference, plain) = try layer.forward(x, training: false)
        #expect(plain.inputDropoutScale == nil)
        #expect(inference == (try layer(x)))
        #expect(inference != outputs)
    }

    @Test(arguments: kinds)
    func gradientGoesBackThroughTheMask(_ kind: RecurrentCellKind) throws {
        let B = 3, T = 4, F = 5, H = 4
        let layer = try RecurrentLayer(kind: kind, units: H, returnSequences: true, returnState: true,
                                       inputDim: F, rng: RandomState(seed: 3))
        try randomizeWeights(layer, seed: 4)
        layer.dropout = 0.4
        let rng = RandomState(seed: 5)
        let x = try rng.randn([B, T, F])
        let (outputs, cache) = try layer.forward(x, training: true)
        let scale = try #require(cache.inputDropoutScale)
        #expect(scale.contains(0) && scale.contains(Float(1 / 0.6)))
        let cotangents = try outputs.map { try rng.randn($0.shape) }
        let grads = try layer.backwardThroughDropout(cotangents, cache: cache)
        // The same mask for every evaluation: the function differentiated is x ↦ layer(x ⊙ m).
        func loss(_ v: Tensor) throws -> Double {
            let outs = try layer.forward(scaled(v, by: scale), training: false).outputs
            return zip(outs, cotangents).reduce(0.0) { $0 + weightedSum($1.0, $1.1) }
        }
        try expectGradient("\(kind) input", loss, at: x, gradient: grads.input)
        let weights = layer.weights
        for (i, w) in weights.enumerated() {
            try expectGradient("\(kind) weight \(i)", { v in
                var ws = weights; ws[i] = v
                try layer.setWeights(ws)
                defer { try? layer.setWeights(weights) }
                return try loss(x)
            }, at: w, gradient: grads.weights[i])
        }
        // Dropped features get no gradient at any step.
        for b in 0..<B { for f in 0..<F where scale[b * F + f] == 0 {
            for t in 0..<T { #expect(grads.input.floatValues[(b * T + t) * F + f] == 0) }
        } }
    }

    /// Keras applies dropout only while 0 < rate < 1; recurrent dropout in training is not implemented.
    @Test func rateBoundsAndRecurrentDropout() throws {
        let layer = try LSTM(units: 3, inputDim: 2, rng: RandomState(seed: 6))
        let x = try RandomState(seed: 7).randn([2, 3, 2])
        layer.dropout = 1
        let (outputs, cache) = try layer.forward(x, training: true)
        #expect(cache.inputDropoutScale == nil)
        #expect(outputs == (try layer(x)))
        layer.dropout = 0
        layer.recurrentDropout = 0.2
        #expect(throws: TensorError.self) { _ = try layer.forward(x, training: true) }
        do { _ = try layer.call([x], mask: nil, training: true) } catch let e as TensorError {
            #expect(e.kind == .notImplementedError)
            #expect(e.message.contains("recurrent_dropout=0.2"))
        }
        #expect(try layer.call([x], mask: nil, training: false).outputs == (try layer(x)))
    }

    /// Each half of a Bidirectional layer draws its own mask; the input gradient sums both halves' masked gradients.
    @Test func bidirectionalHalvesDrawTheirOwnMasks() throws {
        let B = 3, T = 4, F = 6, H = 2
        let inner = try LSTM(units: H, returnSequences: true, inputDim: F, rng: RandomState(seed: 8))
        inner.dropout = 0.5
        let layer = try Bidirectional(inner)
        let x = try RandomState(seed: 9).randn([B, T, F])
        let call = try layer.call([x], mask: nil, training: true)
        let cache = try #require(call.cache as? BidirectionalCache)
        let fm = try #require(cache.forward.inputDropoutScale), bm = try #require(cache.backward.inputDropoutScale)
        #expect(fm != bm)
        let cotangent = try RandomState(seed: 10).randn(call.outputs[0].shape)
        let g = try layer.backward([cotangent], call: call)
        func loss(_ v: Tensor) throws -> Double {
            let y = try layer.forwardLayer.forward(scaled(v, by: fm), training: false).outputs[0]
            let yRev = try layer.backwardLayer.forward(scaled(v, by: bm), training: false).outputs[0]
            return weightedSum(try Tensor.concatenate([y, Bidirectional.flipTime(yRev)], axis: -1), cotangent)
        }
        try expectGradient("bidirectional input", loss, at: x, gradient: try #require(g.inputs[0]))
    }

    /// fit's training step uses the mask (train_on_batch's loss differs from evaluate's on the same
    /// batch with the same weights) and inference does not.
    @Test func trainingStepAppliesDropoutAndInferenceDoesNot() throws {
        func model(dropout: Double) throws -> Sequential {
            let lstm = try LSTM(units: 8, rng: RandomState(seed: 11))
            lstm.dropout = dropout
            let m = try Sequential(layers: [try InputLayer(shape: [5, 4]), lstm, try Dense(units: 1, rng: RandomState(seed: 12))])
            m.compile(optimizer: try SGD(learningRate: 0), loss: Loss(.meanSquaredError))
            return m
        }
        let x = try RandomState(seed: 13).randn([16, 5, 4]), y = try RandomState(seed: 14).randn([16, 1])
        for rate in [0.0, 0.5] {
            let m = try model(dropout: rate)
            let trained = try #require(try m.trainOnBatch(x, y)["loss"])
            let tested = try #require(try m.testOnBatch(x, y)["loss"])
            if rate == 0 { #expect(abs(trained - tested) < 1e-6) } else { #expect(abs(trained - tested) > 1e-3) }
            #expect(try m.predict(x, verbose: 0)[0] == (try m.predict(x, verbose: 0)[0]))
        }
    }
}
