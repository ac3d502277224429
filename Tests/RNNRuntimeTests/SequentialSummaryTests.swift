// Sequential.summary() against the text Keras 3 printed (Fixtures/summary_*.txt, made by
// tools/make_fixtures.py): every model of manifest["summaries"], at the width Keras used.

import Foundation
import Testing
@testable import RNNRuntime

/// The models behind the summary fixtures, built as the generator built them in Keras.
enum SummaryModels {
    static func guide(_ namer: LayerNamer) throws -> Sequential {
        try Sequential(layers: [try InputLayer(shape: [nil], dtype: .int64),
                                namer.name(try Embedding(inputDim: 1000, outputDim: 64)),
                                namer.name(try LSTM(units: 128)),
                                namer.name(try Dense(units: 10))],
                       name: namer.uniqueName("sequential"))
    }

    static func stack(_ namer: LayerNamer) throws -> Sequential {
        try Sequential(layers: [try InputLayer(shape: [nil], dtype: .int64),
                                namer.name(try Embedding(inputDim: 50, outputDim: 8, maskZero: true)),
                                namer.name(try LSTM(units: 16, returnSequences: true)),
                                namer.name(try GRU(units: 12)),
                                namer.name(try Dense(units: 5, activation: .softmax))],
                       name: namer.uniqueName("sequential"))
    }

    /// Masking, LSTM (frozen), Dropout, TimeDistributed(Dense), Bidirectional(GRU) on (None, None, 10).
    static func mixedFrozen(_ namer: LayerNamer) throws -> Sequential {
        let m = try Sequential(layers: [try InputLayer(shape: [nil, 10]),
                                        namer.name(Masking()),
                                        namer.name(try LSTM(units: 8, returnSequences: true)),
                                        namer.name(try Dropout(rate: 0.5)),
                                        namer.name(TimeDistributed(namer.name(try Dense(units: 3)))),
                                        namer.name(try Bidirectional(namer.name(try GRU(units: 4))))],
                               name: namer.uniqueName("sequential"))
        m.layers[1].trainable = false
        return m
    }

    /// No Input and never called: `?` shapes and `0 (unbuilt)`.
    static func unbuilt(_ namer: LayerNamer) throws -> Sequential {
        try Sequential(layers: [namer.name(try Embedding(inputDim: 10, outputDim: 4, maskZero: true)),
                                namer.name(try LSTM(units: 3, returnSequences: true)),
                                namer.name(try Dropout(rate: 0.2)),
                                namer.name(Masking()),
                                namer.name(TimeDistributed(namer.name(try Dense(units: 2)))),
                                namer.name(try Bidirectional(namer.name(try SimpleRNN(units: 2))))],
                       name: namer.uniqueName("sequential"))
    }

    static func returnState(_ namer: LayerNamer) throws -> Sequential {
        try Sequential(layers: [try InputLayer(shape: [2, 10]), namer.name(try LSTM(units: 3, returnState: true))],
                       name: namer.uniqueName("sequential"))
    }

    /// Built by a first call on (3, 2, 10): the batch size shows in the shapes.
    static func called(_ namer: LayerNamer) throws -> Sequential {
        let m = try Sequential(layers: [namer.name(try LSTM(units: 20)), namer.name(try Dense(units: 5))],
                               name: namer.uniqueName("sequential"))
        _ = try m(try Tensor(shape: [3, 2, 10], values: [Float](repeating: 0, count: 60)))
        return m
    }

    static func make(_ key: String) throws -> Sequential {
        let namer = LayerNamer()
        switch key {
        case "rnn_guide": return try guide(namer)
        case "stack": return try stack(namer)
        case "mixed_frozen": return try mixedFrozen(namer)
        case "unbuilt": return try unbuilt(namer)
        case "return_state": return try returnState(namer)
        case "called": return try called(namer)
        default: throw TensorError(.valueError, "no model for summary fixture \(key)")
        }
    }
}

@Suite struct SequentialSummaryTests {
    static let summaryKeys = (fixtureManifest["summaries"] as! [String: [String: Any]]).keys.sorted()

    /// The fixture text without its final newline (Keras prints one; `summary` returns none).
    func fixtureText(_ file: String) throws -> String {
        var s = try String(contentsOfFile: fixtureDirectory + "/" + file, encoding: .utf8)
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    @Test(arguments: summaryKeys)
    func summaryEqualsKeras(_ key: String) throws {
        let info = (fixtureManifest["summaries"] as! [String: [String: Any]])[key]!
        let marker = key.range(of: "_line_length", options: .backwards) ?? key.range(of: "_columns", options: .backwards)!
        let modelKey = String(key[..<marker.lowerBound])
        // Keras' width: line_length if given, else min(88, COLUMNS - 4).
        let width = (info["line_length"] as? Int) ?? min(88, (info["COLUMNS"] as! Int) - 4)
        let model = try SummaryModels.make(modelKey)
        #expect(try model.summary(lineLength: width) == fixtureText(info["file"] as! String), "\(key)")
    }

    @Test func defaultWidthIsTheNotebookOne() throws {
        #expect(try SummaryModels.make("rnn_guide").summary() == fixtureText("summary_rnn_guide_columns80.txt"))
    }

    @Test func narrowWidthIsAValueError() throws {
        #expect(throws: TensorError(.valueError, "Insufficient console width to print summary.")) {
            _ = try SummaryModels.make("stack").summary(lineLength: 8)
        }
    }
}
