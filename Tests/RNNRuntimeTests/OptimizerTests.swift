// The optimizer's update path into layer weights (in place where the layer allows it, value
// semantics for copies the user holds), state shared between views of one weight, and Keras'
// errors. Update rules themselves are checked against Keras in TrainingFixtureTests.

import Testing
@testable import RNNRuntime

/// The address of a tensor's float buffer (to see whether an update reallocated it).
func bufferAddress(_ t: Tensor) -> UnsafeRawPointer? {
    t.floats.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
}

@Suite struct OptimizerTests {
    @Test func denseAndEmbeddingUpdateInPlace() throws {
        let dense = try Dense(units: 3, inputDim: 2, rng: RandomState(seed: 1))
        let emb = try Embedding(inputDim: 5, outputDim: 2, rng: RandomState(seed: 2))
        let before = [bufferAddress(dense.kernel!), bufferAddress(dense.bias!), bufferAddress(emb.embeddings)]
        let variables = dense.trainableVariables + emb.trainableVariables
        let sgd = try SGD(learningRate: 0.5)
        try sgd.apply(variables.map { try Tensor.ones($0.shape) }, to: variables)
        #expect([bufferAddress(dense.kernel!), bufferAddress(dense.bias!), bufferAddress(emb.embeddings)] == before)
        #expect(dense.bias!.floats == [-0.5, -0.5, -0.5])
    }

    @Test func heldWeightCopiesKeepTheirValues() throws {
        let lstm = try LSTM(units: 2, inputDim: 3, rng: RandomState(seed: 3))
        let dense = try Dense(units: 2, inputDim: 3, rng: RandomState(seed: 4))
        let heldLSTM = lstm.weights, heldDense = dense.weights   // `get_weights()` taken before training
        let variables = lstm.trainableVariables + dense.trainableVariables
        try SGD(learningRate: 1).apply(variables.map { try Tensor.ones($0.shape) }, to: variables)
        for (held, now) in zip(heldLSTM + heldDense, lstm.weights + dense.weights) {
            #expect(try (held - 1) == now)   // the layer moved by -lr·g, the copy did not
        }
    }

    @Test func bidirectionalForwardsUpdatesToItsHalves() throws {
        let bi = try Bidirectional(try GRU(units: 2, inputDim: 3, rng: RandomState(seed: 5)))
        let held = bi.weights
        let vars = bi.trainableVariables
        #expect(vars.map(\.name) == ["kernel", "recurrent_kernel", "bias", "kernel", "recurrent_kernel", "bias"])
        try SGD(learningRate: 1).apply([nil, nil, nil, nil, nil, try Tensor.ones(vars[5].shape)], to: vars)
        #expect(bi.weights[0..<5].elementsEqual(held[0..<5]))
        #expect(try bi.backwardLayer.bias! == (held[5] - 1))
    }

    @Test func frozenLayersAndModelsListTheRightVariables() throws {
        let lstm = try LSTM(units: 2, inputDim: 3, rng: RandomState(seed: 7))
        let dense = try Dense(units: 2, inputDim: 2, rng: RandomState(seed: 8))
        let model = try Sequential(layers: [lstm, dense])
        #expect(model.trainableVariables.map(\.id) == (lstm.trainableVariables + dense.trainableVariables).map(\.id))
        lstm.trainable = false
        #expect(lstm.trainableVariables.isEmpty && lstm.weightVariables.count == 3)
        #expect(model.trainableVariables.map(\.id) == dense.trainableVariables.map(\.id))
        // A frozen layer on the tape: its weights get no gradient, the layers after it do.
        let tape = GradientTape()
        let x = tape.constant(try RandomState(seed: 9).randn([2, 4, 3]))
        let y = try tape.sum(try tape.call(dense, try tape.call(lstm, x)[0]))
        let grads = try tape.gradient(y, lstm.weightVariables + dense.weightVariables)
        #expect(grads.map { $0 != nil } == [false, false, false, true, true])
    }

    @Test func viewsOfOneWeightShareOptimizerState() throws {
        let dense = try Dense(units: 2, inputDim: 2, rng: RandomState(seed: 6))
        let adam = try Adam()
        let g = try Tensor.ones([2, 2])
        try adam.apply([g], to: [dense.trainableVariables[0]])
        try adam.apply([g], to: [dense.trainableVariables[0]])   // a fresh view, the same weight
        #expect(adam.slots(for: dense.trainableVariables[0])?["momentum"]?.first.map { abs($0 - 0.19) < 1e-6 } == true)
        #expect(adam.iterations == 2)
    }

    @Test func kerasErrors() throws {
        let a = try Variable(try Tensor.zeros([2]), name: "a"), b = try Variable(try Tensor.zeros([2]), name: "b")
        let sgd = try SGD()
        #expect(throws: TensorError.value("No gradients provided for any variable.")) { try sgd.apply([nil], to: [a]) }
        try sgd.apply([try Tensor.ones([2])], to: [a])
        #expect(throws: TensorError.self) { try sgd.apply([try Tensor.ones([2])], to: [b]) }   // not built with b
        #expect(throws: TensorError.self) { try sgd.apply([try Tensor.ones([3])], to: [a]) }   // shape mismatch
        #expect(throws: TensorError.value("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1.0, clipvalue=1.0, global_clipnorm=None")) {
            _ = try Adam(clipnorm: 1, clipvalue: 1)
        }
        #expect(throws: TensorError.value("Could not interpret optimizer identifier: adamx")) { _ = try Optimizer.named("adamx") }
        #expect(try Optimizer.named("RMSprop").className == "RMSprop")
        #expect(throws: TensorError.self) { try a.assign(try Tensor.zeros([3])) }
        #expect(throws: TensorError.self) { try Dense(units: 2, inputDim: 2).updateWeight(at: 5) { _ in } }
        #expect(throws: TensorError.self) { try Masking().updateWeight(at: 0) { _ in } }
    }

    @Test func defaultsAreKeras() throws {
        let adam = try Adam(), sgd = try SGD(), rms = try RMSprop(), ada = try Adagrad()
        #expect(adam.learningRate == 0.001 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-7)
        #expect(sgd.learningRate == 0.01 && sgd.momentum == 0 && !sgd.nesterov)
        #expect(rms.learningRate == 0.001 && rms.rho == 0.9 && rms.momentum == 0 && rms.epsilon == 1e-7 && !rms.centered)
        #expect(ada.learningRate == 0.001 && ada.initialAccumulatorValue == 0.1 && ada.epsilon == 1e-7)
    }
}
