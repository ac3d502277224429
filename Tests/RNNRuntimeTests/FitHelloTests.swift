// The course's character model (seeds/004: vocabulary [h, e, l, o], training sequence "hello"):
// inputs "hell", targets "ello", trained with compile/fit to a loss below 0.05, then sampled
// greedily one character at a time from "h", feeding the prefix back, which must give "hello".

import Testing
@testable import RNNRuntime

let helloVocabulary: [Character] = ["h", "e", "l", "o"]
func helloIndex(_ c: Character) -> Int { helloVocabulary.firstIndex(of: c)! }

/// (1, T, 4) one-hot rows for `text`.
func oneHot(_ text: String) throws -> Tensor {
    var v = [Float](repeating: 0, count: text.count * 4)
    for (t, c) in text.enumerated() { v[t * 4 + helloIndex(c)] = 1 }
    return try Tensor(shape: [1, text.count, 4], values: v)
}

/// Greedy sampling: from "h", append the argmax of the last step's distribution until 5 characters.
func sampleGreedily(_ model: Sequential, encode: (String) throws -> Tensor) throws -> String {
    var text = "h"
    while text.count < 5 {
        let probs = try model.predict(try encode(text), verbose: 0)[0]     // (1, T, 4)
        let last = Array(probs.floats.suffix(4))
        text.append(helloVocabulary[last.indices.max { last[$0] < last[$1] }!])
    }
    return text
}

@Suite struct FitHelloTests {
    @Test func oneHotSimpleRNNLearnsHello() throws {
        let namer = LayerNamer()
        let model = try Sequential(layers: [
            try InputLayer(shape: [nil, 4]),
            namer.name(try SimpleRNN(units: 16, returnSequences: true, rng: RandomState(seed: 1))),
            namer.name(try Dense(units: 4, activation: .softmax, rng: RandomState(seed: 2))),
        ])
        model.compile(optimizer: try Adam(learningRate: 0.01), loss: Loss(.categoricalCrossentropy),
                      metrics: [try Metric(named: "accuracy")])
        let history = try model.fit(try oneHot("hell"), try oneHot("ello"), epochs: 300, verbose: 0)
        let loss = history["loss"]!
        #expect(loss.count == 300)
        #expect(loss.last! < 0.05, "final loss \(loss.last!)")
        #expect(loss.first! > 1, "starts untrained: \(loss.first!)")
        #expect(history["accuracy"]!.last == 1)
        #expect(try sampleGreedily(model, encode: oneHot) == "hello")
    }

    @Test func sparseEmbeddingLSTMLearnsHello() throws {
        let namer = LayerNamer()
        let model = try Sequential(layers: [
            try InputLayer(shape: [nil], dtype: .int64),
            namer.name(try Embedding(inputDim: 4, outputDim: 8, rng: RandomState(seed: 3))),
            namer.name(try LSTM(units: 16, returnSequences: true, rng: RandomState(seed: 4))),
            namer.name(try Dense(units: 4, activation: .softmax, rng: RandomState(seed: 5))),
        ])
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        model.optimizer!.learningRate = 0.02
        func ids(_ text: String) throws -> Tensor { try Tensor(shape: [1, text.count], values: text.map { Int64(helloIndex($0)) }) }
        let history = try model.fit(try ids("hell"), try ids("ello"), epochs: 200, verbose: 0)
        #expect(history.keys == ["accuracy", "loss"])
        #expect(history["loss"]!.last! < 0.05, "final loss \(history["loss"]!.last!)")
        #expect(try sampleGreedily(model, encode: ids) == "hello")
        // evaluate agrees with the last epoch's logs up to the last update.
        let logs = try model.evaluate(try ids("hell"), try ids("ello"), verbose: 0)
        #expect(logs["accuracy"] == 1 && logs["loss"]! < 0.05)
        #expect(model.orderedValues(logs) == [logs["loss"]!, 1])
    }
}
