// The tape's semantics (TF's GradientTape): variables read on the tape, accumulation, None for
// unconnected sources, persistence, recording on/off; layer calls and losses on the tape; a custom
// training loop that learns "hello"; the optimizer's in-place weight update path.

import Testing
@testable import RNNRuntime

@Suite struct GradientTapeTests {
    @Test func variableGradientsAccumulateAndUnconnectedIsNil() throws {
        let w = try Variable(try Tensor(shape: [2], values: [1, 2]), name: "w")
        let unused = try Variable(Tensor(Float(3)), name: "unused")
        let frozen = try Variable(Tensor(Float(4)), name: "frozen", trainable: false)
        let tape = GradientTape()
        let a = tape.read(w), b = tape.read(w), f = tape.read(frozen)
        // L = Σ (w ⊙ w) · frozen → dL/dw = 2 w · frozen; frozen is not watched.
        let loss = try tape.sum(try tape.multiply(try tape.multiply(a, b), f))
        let g = try tape.gradient(loss, [w, unused, frozen])
        #expect(g[0]?.floats == [8, 16])
        #expect(g[1] == nil && g[2] == nil)
    }

    @Test func watchedNonTrainableVariableGetsGradient() throws {
        let v = try Variable(Tensor(Float(3)), trainable: false)
        let tape = GradientTape()
        tape.watch(v)
        let y = try tape.square(tape.read(v))
        #expect(try tape.gradient(y, [v])[0]?.floats == [6])
    }

    @Test func nonPersistentTapeAnswersOnce() throws {
        let v = try Variable(Tensor(Float(2)))
        let tape = GradientTape()
        let y = try tape.square(tape.read(v))
        _ = try tape.gradient(y, [v])
        #expect(throws: TensorError(.runtimeError, "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)")) {
            _ = try tape.gradient(y, [v])
        }
        let persistent = GradientTape(persistent: true)
        let z = try persistent.square(persistent.read(v))
        #expect(try persistent.gradient(z, [v])[0]?.floats == [4])
        #expect(try persistent.gradient(z, [v])[0]?.floats == [4])
    }

    @Test func stoppedTapeRecordsNothing() throws {
        let v = try Variable(Tensor(Float(2)))
        let tape = GradientTape()
        tape.stopRecording()
        let y = try tape.square(tape.read(v))
        #expect(!y.requiresGradient)
        #expect(try tape.gradient(y, [v])[0] == nil)
        // Integer tensors never carry gradients.
        let t = GradientTape()
        #expect(!t.watch(Tensor.array([1, 2])).requiresGradient)
    }

    @Test func outputGradientSeedsTheTarget() throws {
        let tape = GradientTape()
        let x = tape.watch(try Tensor(shape: [3], values: [1, 2, 3]))
        let y = try tape.square(x)
        let g = try tape.gradient(y, tensors: [x], outputGradient: try Tensor(shape: [3], values: [1, 0, -1]))
        #expect(g[0]?.floats == [2, 0, -6])
    }

    @Test func layerCallsOnTheTapeMatchTheLayerBackward() throws {
        // Embedding(mask_zero) → LSTM(return_sequences) → Dense(softmax) → sparse CE with the mask.
        let emb = try Embedding(inputDim: 7, outputDim: 4, maskZero: true, rng: RandomState(seed: 1))
        let lstm = try LSTM(units: 5, returnSequences: true, inputDim: 4, rng: RandomState(seed: 2))
        let dense = try Dense(units: 7, activation: .softmax, inputDim: 5, rng: RandomState(seed: 3))
        let tokens = try Tensor(shape: [2, 4], values: [3, 1, 4, 0, 5, 6, 0, 0] as [Int64])
        let labels = try Tensor(shape: [2, 4], values: [1, 4, 1, 0, 6, 2, 0, 0] as [Int64])
        let loss = Loss(.sparseCategoricalCrossentropy)
        let model: [Layer] = [emb, lstm, dense]
        // Larger weights than the initialisers give, so gradients stand well above float32 noise.
        for (i, layer) in model.enumerated() { try randomizeWeights(layer, seed: UInt32(40 + i)) }

        func forwardLoss(on tape: GradientTape) throws -> TapeTensor {
            let (e, mask) = try tape.call(emb, tokens)
            let h = try tape.call(lstm, e, mask: mask)[0]
            return try tape.loss(loss, labels, try tape.call(dense, h), mask: mask)
        }
        let tape = GradientTape()
        let value = try forwardLoss(on: tape)
        let variables = model.flatMap(\.trainableVariables)
        #expect(variables.map(\.name) == ["embeddings", "kernel", "recurrent_kernel", "bias", "kernel", "bias"])
        let grads = try tape.gradient(value, variables)
        for (i, v) in variables.enumerated() {
            try expectGradient("model variable \(v.name) #\(i)", { w in
                let saved = v.value
                try v.assign(w)
                defer { try? v.assign(saved) }
                return Double(try forwardLoss(on: GradientTape()).value.floats[0])
            }, at: v.value, gradient: grads[i]!)
        }
    }

    @Test func lossesMatchFiniteDifferences() throws {
        let rng = RandomState(seed: 30)
        let logits = try rng.randn([3, 4])
        let probs = try logits.softmax()
        let onehot = try Tensor.oneHot(Tensor.array([2, 0, 3]), depth: 4)
        let cases: [(Loss, Tensor, Tensor)] = [
            (Loss(.meanSquaredError), try rng.randn([3, 4]), logits),
            (Loss(.binaryCrossentropy), try rng.rand([3, 4]), try logits.sigmoid()),
            (Loss(.binaryCrossentropy, fromLogits: true), try rng.rand([3, 4]), logits),
            (Loss(.categoricalCrossentropy), onehot, probs),
            (Loss(.categoricalCrossentropy, fromLogits: true), onehot, logits),
            (Loss(.sparseCategoricalCrossentropy), Tensor.array([2, 0, 3]), probs),
            (Loss(.sparseCategoricalCrossentropy, fromLogits: true, reduction: .sum), Tensor.array([2, 0, 3]), logits),
        ]
        for (loss, yTrue, yPred) in cases {
            let (grad) = try loss.valueAndGradient(yTrue, yPred).gradient
            try expectGradient("\(loss.name) logits=\(loss.fromLogits)", { Double(try loss(yTrue, $0).floats[0]) },
                               at: yPred, gradient: grad, h: 1e-3)
        }
        // Reduction none: the per-sample values, and backward takes per-sample upstream gradients.
        let none = Loss(.meanSquaredError, reduction: .none)
        let (values, cache) = try none.forward(onehot, probs)
        #expect(values.shape == [3])
        let g = try none.backward(try Tensor(shape: [3], values: [1, 0, 0]), cache: cache)
        #expect(g.floats[4..<12].allSatisfy { $0 == 0 })
    }

    @Test func lossErrorsAreValueErrors() throws {
        let p = try Tensor.full([2, 3], 1.0 / 3)
        #expect(throws: TensorError.value("Received a label value of 3 which is outside the valid range of [0, 3).")) {
            _ = try Loss(.sparseCategoricalCrossentropy)(Tensor.array([0, 3]), p)
        }
        #expect(throws: TensorError.self) { _ = try Loss(.categoricalCrossentropy)(try Tensor.zeros([2, 4]), p) }
        #expect(throws: TensorError.value("Could not interpret loss identifier: msex")) { _ = try Loss(named: "msex") }
        #expect(try Loss(named: "MSE").kind == .meanSquaredError)
        #expect(throws: TensorError.self) { _ = try Loss(.meanSquaredError)(p, Tensor(Float(1))) }
    }

    @Test func customLoopLearnsHello() throws {
        // The course's first experiment: read "hell", predict "ello" (vocabulary h, e, l, o).
        let vocabulary: [Character] = ["h", "e", "l", "o"]
        let x = try Tensor.oneHot(Tensor.array([0, 1, 2, 2]), depth: 4).reshape([1, 4, 4])
        let y = try Tensor(shape: [1, 4], values: [1, 2, 2, 3] as [Int64])
        let rnn = try SimpleRNN(units: 8, returnSequences: true, inputDim: 4, rng: RandomState(seed: 1))
        let head = try Dense(units: 4, inputDim: 8, rng: RandomState(seed: 2))
        let loss = Loss(.sparseCategoricalCrossentropy, fromLogits: true)
        let optimizer = try Optimizer.named("adam")
        optimizer.learningRate = 0.05
        let variables = rnn.trainableVariables + head.trainableVariables
        var last: Float = .infinity
        for _ in 0..<200 {
            let tape = GradientTape()
            let logits = try tape.call(head, try tape.call(rnn, tape.constant(x))[0])
            let value = try tape.loss(loss, y, logits)
            try optimizer.applyGradients(zip(try tape.gradient(value, variables), variables).map { ($0, $1) })
            last = value.value.floats[0]
        }
        #expect(last < 0.05, "final loss \(last)")
        let predicted = try head(try rnn(x)[0]).argmax(axis: -1).ints.map { vocabulary[Int($0)] }
        #expect(String(predicted) == "ello")
        #expect(optimizer.iterations == 200)
    }
}
