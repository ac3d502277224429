// fit's data handling and bookkeeping: the running mean over uneven batches, validation_split
// taking the last samples, shuffling, frozen layers, train/test_on_batch, predict with several
// outputs, and the Python-style errors of bad calls.

import Testing
@testable import RNNRuntime

@Suite struct FitBehaviourTests {
    @Test func epochLossIsTheBatchSizeWeightedMean() throws {
        // Learning rate 0: every batch sees the same weights, so the epoch's logged loss must be
        // the loss of the whole data set at once, whatever the (uneven) batches.
        let (model, x, y) = try smallModel(learningRate: 0)
        let whole = try Loss(.meanSquaredError)(y, try model(x)[0]).floats[0]
        let mae = try Loss(.meanAbsoluteError)(y, try model(x)[0]).floats[0]
        for size in [1, 3, 4, 10, 32] {
            let h = try model.fit(x, y, batchSize: size, verbose: 0)
            #expect(abs(h["loss"]![0] - Double(whole)) < 1e-6, "batch \(size): \(h["loss"]![0]) vs \(whole)")
            #expect(abs(h["mae"]![0] - Double(mae)) < 1e-6)
        }
        let logs = try model.evaluate(x, y, batchSize: 3, verbose: 0)
        #expect(abs(logs["loss"]! - Double(whole)) < 1e-6)
        #expect(logs.names == ["loss", "mae"] && model.orderedValues(logs) == [logs["loss"]!, logs["mae"]!])
    }

    @Test func validationSplitTakesTheLastSamplesBeforeShuffling() throws {
        let (model, x, y) = try smallModel()
        let h = try model.fit(x, y, batchSize: 3, epochs: 2, verbose: 0, validationSplit: 0.3, rng: RandomState(seed: 4))
        // floor(10 * 0.7) = 7 train, the last 3 validate: the final val_loss is evaluate on them.
        let val = try model.evaluate(rows(x, 7..<10), rows(y, 7..<10), verbose: 0)
        #expect(h["val_loss"]!.last == val["loss"] && h["val_mae"]!.last == val["mae"])
        #expect(h.keys == ["loss", "mae", "val_loss", "val_mae"] && h.epoch == [0, 1])
        // A split too small to leave a validation sample is refused, as Keras does (floor(10 * (1 - 1e-17)) = 10).
        #expect(throws: TensorError.self) { try model.fit(x, y, verbose: 0, validationSplit: 1e-17) }
    }

    @Test func fitEqualsTrainOnBatchOverTheSameBatches() throws {
        // shuffle=True with a seeded stream: the same permutation per epoch as EpochBatches draws.
        let (a, x, y) = try smallModel(learningRate: 0.1)
        let (b, _, _) = try smallModel(learningRate: 0.1)
        try a.fit(x, y, batchSize: 4, epochs: 3, verbose: 0, shuffle: true, rng: RandomState(seed: 9))
        let rng = RandomState(seed: 9)
        var orders: [[Int]] = []
        for _ in 0..<3 {
            let batches = EpochBatches(samples: 10, batchSize: 4, shuffle: true, rng: rng)
            orders.append(batches.order)
            for s in 0..<batches.steps { _ = try b.trainOnBatch(rows(x, batches.indices(s)), rows(y, batches.indices(s))) }
        }
        #expect(orders[0] != Array(0..<10) && orders[0] != orders[1], "really shuffled, differently per epoch")
        #expect(orders.allSatisfy { $0.sorted() == Array(0..<10) })
        for (p, q) in zip(a.weights, b.weights) { #expect(p == q) }
        #expect(a.optimizer!.iterations == 9)
    }

    @Test func oneOptimizerServesFitAndATapeLoop() throws {
        // Keras builds the optimizer on model.trainable_variables in both paths, so a custom loop
        // after fit (and fit after it) continues with the same optimizer and its state.
        let (model, x, y) = try smallModel()
        let optimizer = try #require(model.optimizer)
        try model.fit(x, y, batchSize: 5, verbose: 0)
        #expect(optimizer.iterations == 2)
        let variables = model.trainableVariables
        try optimizer.apply(variables.map { Tensor.onesLike($0.value) }, to: variables)
        #expect(optimizer.iterations == 3)
        try model.fit(x, y, batchSize: 5, verbose: 0)
        #expect(optimizer.iterations == 5)
    }

    @Test func frozenLayersDoNotChange() throws {
        let namer = LayerNamer()
        let embedding = namer.name(try Embedding(inputDim: 5, outputDim: 3, rng: RandomState(seed: 1)))
        let lstm = namer.name(try LSTM(units: 4, rng: RandomState(seed: 2)))
        let model = try Sequential(layers: [try InputLayer(shape: [4], dtype: .int64), embedding, lstm,
                                            namer.name(try Dense(units: 2, activation: .softmax, rng: RandomState(seed: 3)))])
        embedding.trainable = false
        lstm.trainable = false
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        let before = model.weights
        let x = try Tensor(shape: [3, 4], values: [1, 2, 3, 4, 4, 3, 2, 1, 1, 1, 2, 2] as [Int64])
        let y = try Tensor(shape: [3], values: [0, 1, 0] as [Int64])
        try model.fit(x, y, epochs: 3, verbose: 0)
        for i in 0..<4 { #expect(model.weights[i] == before[i], "frozen weight \(i)") }
        #expect(model.weights[4] != before[4] && model.weights[5] != before[5])
        let plan = model.trainablePlan()
        #expect(plan.indices == [4, 5] && plan.firstLayer == 2)
        #expect(plan.variables.map(\.id) == model.layers[2].weightVariables.map(\.id))
    }

    @Test func trainAndTestOnBatch() throws {
        let (model, x, y) = try smallModel(metrics: [])
        let before = try model.testOnBatch(x, y)
        #expect(before.names == ["loss"])
        let trained = try model.trainOnBatch(x, y)
        #expect(trained == before, "train_on_batch reports the loss before its update")
        let after = try model.testOnBatch(x, y)
        #expect(after["loss"]! < before["loss"]!)
        #expect(model.orderedValues(after) == [after["loss"]!])
    }

    @Test func predictConcatenatesEveryOutput() throws {
        let lstm = try LSTM(units: 3, returnSequences: true, returnState: true, rng: RandomState(seed: 1))
        let model = try Sequential(layers: [try InputLayer(shape: [4, 2]), lstm])
        let x = try RandomState(seed: 2).randn([7, 4, 2])
        let out = try model.predict(x, batchSize: 3, verbose: 0)
        let direct = try model(x)
        #expect(out.map(\.shape) == [[7, 4, 3], [7, 3], [7, 3]])
        for (a, b) in zip(out, direct) { #expect(allClose(a, b).0) }
        // Such a model cannot be fitted with one loss.
        try model.compile(optimizer: "sgd", loss: "mse")
        #expect(throws: TensorError.self) { try model.fit(x, try Tensor.zeros([7, 4, 3]), verbose: 0) }
    }

    @Test func errorsArePythonStyle() throws {
        let (model, x, y) = try smallModel()
        func message(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as TensorError { return e.description } catch { return "\(error)" }
        }
        let fresh = try Sequential(layers: [try Dense(units: 1)])
        #expect(message { try fresh.fit(x, y) } == "ValueError: You must call `compile()` before using the model.")
        #expect(message { try model.fit(x, rows(y, 0..<5), verbose: 0) } == "ValueError: Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: 10\n'y' sizes: 5\n")
        #expect(message { try model.fit(x, y, batchSize: 0, verbose: 0) } == "ValueError: Expected `batch_size` to be a positive integer, received: batch_size=0")
        #expect(message { try model.fit(x, y, verbose: 0, validationSplit: 0.95) } == "ValueError: Training data contains 10 samples, which is not sufficient to split it into a validation and training set as specified by `validation_split=0.95`. Either provide more data, or a different value for the `validation_split` argument.")
        #expect(message { try model.fit(rows(x, 0..<0), rows(y, 0..<0), verbose: 0) } == "ValueError: Expected input data to be non-empty.")
        #expect(message { try model.compile(optimizer: "adamw", loss: "mse") } == "ValueError: Could not interpret optimizer identifier: adamw")
        #expect(message { try model.fit(x, try Tensor.zeros([10, 3]), verbose: 0) } != nil)
        // Sizes at the edge of Int neither trap nor lose samples.
        #expect(try model.fit(x, y, batchSize: Int.max, verbose: 0)["loss"]!.count == 1)
        #expect(ProgressLine.verbose1(current: Int.max, target: 1, elapsed: 1e300, timePerStep: .infinity, logs: TrainingLogs(), finalize: false).hasPrefix("9223372036854775807/1 "))
        #expect(ProgressLine.verbose1(current: -3, target: 0, elapsed: -1, timePerStep: 0, logs: TrainingLogs(), finalize: true) == "     -3/Unknown -1s 0s/step")
        // epochs <= initial_epoch: nothing runs, an empty History.
        #expect(try model.fit(x, y, epochs: 2, verbose: 0, initialEpoch: 2).history.isEmpty)
        #expect(try model.fit(x, y, epochs: -1, verbose: 0).history.isEmpty)
    }
}
