// Sequential.summary() against the text Keras 3 printed (Fixtures/summary_*.txt, made by
// tools/make_fixtures.py), at both table widths a user meets (notebook 76, wide terminal 88).

import Foundation
import Testing
@testable import RNNRuntime

@Suite struct SequentialSummaryTests {
    /// The fixture text without its final newline (Keras prints one; `summary` returns none).
    func fixtureText(_ file: String) throws -> String {
        var s = try String(contentsOfFile: fixtureDirectory + "/" + file, encoding: .utf8)
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    func guideModel(_ namer: LayerNamer) throws -> Sequential {
        let m = try Sequential(layers: [try InputLayer(shape: [nil], dtype: .int64),
                                        namer.name(try Embedding(inputDim: 1000, outputDim: 64)),
                                        namer.name(try LSTM(units: 128)),
                                        namer.name(try Dense(units: 10))],
                               name: namer.uniqueName("sequential"))
        return m
    }

    func stackModel(_ namer: LayerNamer) throws -> Sequential {
        try Sequential(layers: [try InputLayer(shape: [nil], dtype: .int64),
                                namer.name(try Embedding(inputDim: 50, outputDim: 8, maskZero: true)),
                                namer.name(try LSTM(units: 16, returnSequences: true)),
                                namer.name(try GRU(units: 12)),
                                namer.name(try Dense(units: 5, activation: .softmax))],
                       name: namer.uniqueName("sequential"))
    }

    @Test(arguments: [(76, "columns80"), (88, "columns200")])
    func guideAndStackSummariesEqualKeras(_ width: Int, _ suffix: String) throws {
        let guide = try guideModel(LayerNamer())
        #expect(try guide.summary(lineLength: width) == fixtureText("summary_rnn_guide_\(suffix).txt"))
        let stack = try stackModel(LayerNamer())
        #expect(try stack.summary(lineLength: width) == fixtureText("summary_stack_\(suffix).txt"))
    }

    @Test func defaultWidthIsTheNotebookOne() throws {
        #expect(try guideModel(LayerNamer()).summary() == fixtureText("summary_rnn_guide_columns80.txt"))
    }
}
