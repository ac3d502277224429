// Truncated backpropagation through time: a stateful LSTM fed consecutive chunks of one stream
// (shuffle=False, batch = the stream) keeps its states across batches while gradients stop at
// each batch boundary. The stream repeats A followed by 11 blanks in chunks of 4, so chunks 2 and
// 3 of every cycle look identical but only chunk 3 ends before an A: predicting that A needs the
// state carried from earlier chunks. The stateful model learns it exactly; the same model without
// state cannot (the ambiguous position stays at chance).

import Testing
@testable import RNNRuntime

/// Keras' usual truncated-BPTT callback: the states start from zeros every epoch.
final class ResetStatesEachEpoch: Callback {
    override func onEpochBegin(_ epoch: Int, logs: TrainingLogs) throws { model?.resetStates() }
}

@Suite struct StatefulFitTests {
    func stream() throws -> (x: Tensor, y: Tensor) {
        let cycle: [Int64] = [1] + Array(repeating: 0, count: 11)
        let next = Array(cycle.dropFirst()) + [1]
        return (try Tensor(shape: [3, 4], values: cycle), try Tensor(shape: [3, 4], values: next))
    }

    func model(stateful: Bool) throws -> Sequential {
        let namer = LayerNamer()
        let m = try Sequential(layers: [
            try InputLayer(shape: [4], batchSize: 1, dtype: .int64),
            namer.name(try Embedding(inputDim: 2, outputDim: 4, rng: RandomState(seed: 1))),
            namer.name(try LSTM(units: 16, returnSequences: true, stateful: stateful, rng: RandomState(seed: 2))),
            namer.name(try Dense(units: 2, activation: .softmax, rng: RandomState(seed: 3))),
        ])
        m.compile(optimizer: try Adam(learningRate: 0.02), loss: Loss(.sparseCategoricalCrossentropy), metrics: [try Metric(named: "accuracy")])
        return m
    }

    @Test func statefulLSTMLearnsAcrossBatches() throws {
        let (x, y) = try stream()
        let stateful = try model(stateful: true)
        let h = try stateful.fit(x, y, batchSize: 1, epochs: 150, verbose: 0, callbacks: [ResetStatesEachEpoch()], shuffle: false)
        #expect(h["accuracy"]!.last == 1, "stateful accuracy \(h["accuracy"]!.last!)")
        #expect(h["loss"]!.last! < 0.05, "stateful loss \(h["loss"]!.last!)")

        let stateless = try model(stateful: false)
        let g = try stateless.fit(x, y, batchSize: 1, epochs: 150, verbose: 0, shuffle: false)
        #expect(g["accuracy"]!.last! < 1, "without state the last A cannot be predicted")
        #expect(g["loss"]!.last! > 0.04)

        // The carried state is what makes the difference: predicting chunk 3 alone from zeros misses the A.
        stateful.resetStates()
        let fresh = try stateful.predict(rows(x, 2..<3), batchSize: 1, verbose: 0)[0]
        stateful.resetStates()
        let carried = try stateful.predict(x, batchSize: 1, verbose: 0)[0]     // chunks 1, 2, 3 in order
        #expect(carried.floats[(2 * 4 + 3) * 2 + 1] > 0.5 && fresh.floats[3 * 2 + 1] < 0.5)
    }
}
