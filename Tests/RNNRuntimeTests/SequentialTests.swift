// Sequential's life cycle as Keras 3 has it (checked against keras/src/models/sequential.py and
// by running Keras 3.15): build from Input or first call, add/pop, mask flow, flat weights,
// errors; LayerNamer; weight files; unified shape errors.

import Foundation
import Testing
@testable import RNNRuntime

@Suite struct SequentialTests {
    @Test func buildsFromInputBeforeAnyCall() throws {
        let m = try Sequential(layers: [try InputLayer(shape: [2, 10]), try LSTM(units: 20, returnSequences: true), try Dense(units: 5)])
        #expect(m.isBuilt)
        #expect(try m.outputShape() == [[nil, 2, 5]])
        #expect(try m.countParamsBuilt() == 2480 + 105)
        #expect(m.layers.count == 2)     // the InputLayer is not one of `layers`, as in Keras
    }

    @Test func buildsOnFirstCallWithTheConcreteShape() throws {
        let m = try Sequential(layers: [try LSTM(units: 20), try Dense(units: 5)])
        #expect(!m.isBuilt)
        #expect(throws: TensorError(.valueError, "Sequential model 'sequential' has no defined output shape yet.")) { _ = try m.outputShape() }
        #expect(throws: TensorError.self) { _ = try m.countParamsBuilt() }
        let y = try m(try RandomState(seed: 0).randn([3, 2, 10]))
        #expect(y.map(\.shape) == [[3, 5]])
        #expect(try m.outputShape() == [[3, 5]])
        // Later calls may change batch and timesteps, as Keras allows.
        #expect(try m(try RandomState(seed: 0).randn([4, 7, 10]))[0].shape == [4, 5])
        #expect(throws: TensorError(.valueError, "Invalid input shape for input of model 'sequential'. Expected shape (None, 2, 10), but input has incompatible shape (3, 10)")) {
            _ = try m(try RandomState(seed: 0).randn([3, 10]))
        }
    }

    @Test func equalsTheLayersCalledByHand() throws {
        let rs = RandomState(seed: 9)
        let emb = try Embedding(inputDim: 20, outputDim: 4, maskZero: true, rng: rs)
        let lstm = try LSTM(units: 6, returnSequences: true, rng: rs)
        let gru = try GRU(units: 3, rng: rs)
        let m = try Sequential(layers: [emb, lstm, gru])
        var tokens = try rs.randint(1, 20, [2, 5])
        tokens.ints[8] = 0; tokens.ints[9] = 0              // row 1 padded after 3 tokens
        let y = try m(tokens)[0]
        let mask = emb.computeMask(tokens)
        let byHand = try gru(try lstm(try emb(tokens), mask: mask)[0], mask: mask)[0]
        #expect(y == byHand)
        let unmasked = try gru(try lstm(try emb(tokens))[0])[0]
        #expect(y != unmasked, "the mask must reach the recurrent layers")
    }

    @Test func addAndPopRebuild() throws {
        let namer = LayerNamer()
        let m = try Sequential(layers: [try InputLayer(shape: [2, 10]), namer.name(try LSTM(units: 4))])
        try m.add(namer.name(try Dense(units: 3)))
        #expect(try m.outputShape() == [[nil, 3]])
        // A layer that does not fit is refused and the model stays as it was.
        #expect(throws: TensorError(.valueError, "LSTM expects input of rank 3 (batch, timesteps, features), got shape (None, 3)")) {
            try m.add(namer.name(try LSTM(units: 2)))
        }
        #expect(m.layers.count == 2 && m.isBuilt)
        let popped = try m.pop()
        #expect(popped is Dense)
        #expect(try m.outputShape() == [[nil, 4]])
        _ = try m.pop()
        #expect(!m.isBuilt)
        #expect(throws: TensorError(.indexError, "pop from empty list")) { try m.pop() }
    }

    @Test func addRejectsWhatKerasRejects() throws {
        let namer = LayerNamer()
        let m = try Sequential(layers: [try InputLayer(shape: [2, 10])])
        let a = namer.name(try Dense(units: 2))
        try m.add(a)
        let twin = try Dense(units: 2)   // default name "dense" too
        #expect(throws: TensorError(.valueError, "All layers added to a Sequential model should have unique names. Name 'dense' is already the name of a layer in this model. Update the `name` argument to pass a unique name.")) {
            try m.add(twin)
        }
        #expect(throws: TensorError(.valueError, "Sequential model 'sequential' has already been configured to use input shape (None, 2, 10). You cannot add a different Input layer to it.")) {
            try m.add(try InputLayer(shape: [3]))
        }
        #expect(throws: TensorError(.valueError, "Sequential model sequential cannot be built because it has no layers. Call `model.add(layer)`.")) {
            _ = try Sequential()(try RandomState(seed: 0).randn([2, 3]))
        }
        #expect(throws: TensorError.self) { try m.add(m) }
    }

    @Test func weightsAreFlatInKerasOrder() throws {
        let m = try Sequential(layers: [try InputLayer(shape: [3, 4]), try SimpleRNN(units: 2, returnSequences: true), try Dense(units: 1)])
        #expect(m.weights.map(\.shape) == [[4, 2], [2, 2], [2], [2, 1], [1]])
        #expect(m.weightNames == ["simple_rnn/kernel", "simple_rnn/recurrent_kernel", "simple_rnn/bias", "dense/kernel", "dense/bias"])
        let fresh = m.weights.map { w in try! Tensor(shape: w.shape, values: (0..<w.size).map { Float($0) * 0.01 }) }
        try m.setWeights(fresh)
        #expect(m.weights == fresh)
        #expect(throws: TensorError(.valueError, "You called `set_weights(weights)` on layer 'sequential' with a weight list of length 4, but the layer was expecting 5 weights.")) {
            try m.setWeights(Array(fresh.prefix(4)))
        }
    }

    @Test func frozenLayersCountAsNonTrainable() throws {
        let m = try SummaryModels.make("mixed_frozen")
        #expect(m.trainableWeights.reduce(0) { $0 + $1.size } == 243)
        #expect(m.nonTrainableWeights.reduce(0) { $0 + $1.size } == 608)
        m.trainable = false
        #expect(m.trainableWeights.isEmpty && m.layers.allSatisfy { !$0.trainable })
    }

    @Test func onlyTheLastLayerMayReturnStates() throws {
        #expect(throws: TensorError.self) {
            _ = try Sequential(layers: [try InputLayer(shape: [2, 3]), try LSTM(units: 2, returnState: true), try Dense(units: 1)])
        }
        let m = try Sequential(layers: [try InputLayer(shape: [2, 3]), try LSTM(units: 2, returnState: true)])
        #expect(try m(try RandomState(seed: 1).randn([5, 2, 3])).map(\.shape) == [[5, 2], [5, 2], [5, 2]])
    }

    @Test func nestedSequentialIsALayer() throws {
        let inner = try Sequential(layers: [try LSTM(units: 3, returnSequences: true)], name: "encoder")
        let outer = try Sequential(layers: [try InputLayer(shape: [4, 2]), inner, try Dense(units: 1)])
        #expect(try outer.outputShape() == [[nil, 4, 1]])
        #expect(outer.weightNames.first == "sequential/lstm/kernel")
    }
}

@Suite struct LayerNamerTests {
    @Test func kerasAutoNames() throws {
        let namer = LayerNamer()
        #expect(namer.name(try LSTM(units: 2)).name == "lstm")
        #expect(namer.name(try LSTM(units: 2)).name == "lstm_1")
        #expect(namer.name(try SimpleRNN(units: 2)).name == "simple_rnn")
        #expect(namer.name(TimeDistributed(try Dense(units: 1))).name == "time_distributed")
        #expect(namer.uniqueName("sequential") == "sequential")
        #expect(namer.uniqueName("sequential") == "sequential_1")
        // A second session starts over.
        #expect(LayerNamer().name(try LSTM(units: 2)).name == "lstm")
        #expect(LayerNamer.snakeCase("InputLayer") == "input_layer")
        #expect(LayerNamer.snakeCase("GRU") == "gru")
    }

    @Test func namesAndTrainableStickToTheirLayer() throws {
        let a = try Dense(units: 1), b = try Dense(units: 1)
        a.name = "first"
        a.trainable = false
        #expect(a.name == "first" && b.name == "dense")
        #expect(!a.trainable && b.trainable)
    }
}

@Suite struct WeightFileTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)-\(name)").path
    }

    @Test func roundTripRestoresTheOutputs() throws {
        let path = temporaryPath("w.npz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let x = try RandomState(seed: 4).randn([2, 5, 3])
        let a = try Sequential(layers: [try InputLayer(shape: [nil, 3]), try Bidirectional(try GRU(units: 4, returnSequences: true)),
                                        TimeDistributed(try Dense(units: 2)), try LSTM(units: 3)])
        try a.saveWeights(path)
        let stored = try NPYReader.load(npz: path)
        #expect(Set(stored.keys) == Set(a.weightNames))
        #expect(stored["lstm/recurrent_kernel"]?.shape == [3, 12])
        #expect(stored["bidirectional/backward_gru/bias"]?.shape == [2, 12])
        // A second model of the same architecture, differently named, takes the weights.
        let namer = LayerNamer()
        _ = namer.name(try LSTM(units: 1))
        let b = try Sequential(layers: [try InputLayer(shape: [nil, 3]), namer.name(try Bidirectional(try GRU(units: 4, returnSequences: true))),
                                        namer.name(TimeDistributed(try Dense(units: 2))), namer.name(try LSTM(units: 3))], name: "other")
        #expect(b.layers[2].name == "lstm_1")
        #expect(try b(x)[0] != (try a(x)[0]))
        try b.loadWeights(path)
        #expect(try b(x)[0] == (try a(x)[0]))
    }

    @Test func mismatchesAreRefusedWithoutChangingAnything() throws {
        let path = temporaryPath("w.npz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = try Sequential(layers: [try InputLayer(shape: [4]), try Dense(units: 3)])
        try a.saveWeights(path)
        let wider = try Sequential(layers: [try InputLayer(shape: [5]), try Dense(units: 3)])
        let before = wider.weights
        #expect(throws: TensorError(.valueError, "The weight 'dense/kernel' in '\(path)' has shape (4, 3), but layer 'sequential' expects (5, 3).")) {
            try wider.loadWeights(path)
        }
        #expect(wider.weights == before)
        let namer = LayerNamer()
        let other = try Sequential(layers: [try InputLayer(shape: [4]), namer.name(try Dense(units: 3)), namer.name(try Dense(units: 1))])
        #expect(throws: TensorError.self) { try other.loadWeights(path) }
        #expect(throws: TensorError.self) { try Sequential(layers: [try Dense(units: 1)]).saveWeights(path) }
    }
}

@Suite struct ShapeErrorTests {
    @Test func sameWordingForEveryLayer() throws {
        let x2 = try RandomState(seed: 0).randn([3, 10])
        for layer in [try LSTM(units: 20), try GRU(units: 2), try SimpleRNN(units: 2)] as [RecurrentLayer] {
            #expect(throws: TensorError(.valueError, "\(layer.className) expects input of rank 3 (batch, timesteps, features), got shape (3, 10)")) {
                _ = try layer.call([x2], mask: nil, training: false)
            }
        }
        #expect(throws: TensorError(.valueError, "Bidirectional expects input of rank 3 (batch, timesteps, features), got shape (3, 10)")) {
            _ = try Bidirectional(try LSTM(units: 2)).call([x2], mask: nil, training: false)
        }
        #expect(throws: TensorError(.valueError, "Dense expects input of rank >= 2 (batch, ..., features), got shape (10,)")) {
            _ = try Dense(units: 2).apply(try RandomState(seed: 0).randn([10]))
        }
    }

    @Test func builtLayersNameThemselvesInKerasInputSpecMessages() throws {
        let namer = LayerNamer()
        _ = namer.name(try Dense(units: 1))
        let d = namer.name(try Dense(units: 4, inputDim: 12))
        #expect(throws: TensorError(.valueError, "Input 0 of layer \"dense_1\" is incompatible with the layer: expected axis -1 of input shape to have value 12, but received input with shape (3, 10)")) {
            _ = try d.apply(try RandomState(seed: 0).randn([3, 10]))
        }
        let l = try LSTM(units: 2, inputDim: 10)
        #expect(throws: TensorError(.valueError, "Input 0 of layer \"lstm\" is incompatible with the layer: expected shape=(None, None, 10), found shape=(3, 2, 5)")) {
            _ = try l.apply(try RandomState(seed: 0).randn([3, 2, 5]))
        }
        #expect(throws: TensorError(.valueError, "Layer \"dense_1\" expects 1 input(s), but it received 2 input tensors.")) {
            _ = try d.call([try RandomState(seed: 0).randn([3, 12]), try RandomState(seed: 0).randn([3, 12])], mask: nil, training: false)
        }
    }
}
