// explainShapes: the walkthrough line of issue 3, named axes per layer kind, return_state
// outputs, parameter counts equal to count_params, and one line per layer for models.

import Testing
@testable import RNNRuntime

@Suite struct ShapeExplainerTests {
    @Test func walkthroughLSTM() throws {
        let text = try explainShapes(try LSTM(units: 20), inputShape: [3, 2, 10])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "(batch=3, timesteps=2, features=10) -> LSTM(20) -> (batch=3, units=20)")
        #expect(lines[1] == "params: 2,480 = 800 + 1,600 + 80")
        #expect(lines[2] == "  kernel (10, 80) = 10 features x 4 gates*20 units = 800 (gates i, f, c, o)")
        #expect(lines[3] == "  recurrent_kernel (20, 80) = 20 units x 4 gates*20 units = 1,600")
        #expect(lines[4] == "  bias (80,) = 4 gates*20 units")
    }

    @Test func returnStateListsEachOutput() throws {
        let text = try explainShapes(try LSTM(units: 20, returnSequences: true, returnState: true), inputShape: [3, 2, 10])
        #expect(text.hasPrefix("(batch=3, timesteps=2, features=10) -> LSTM(20, return_sequences=True, return_state=True) -> output (batch=3, timesteps=2, units=20), h (batch=3, units=20), c (batch=3, units=20)\n"))
        let gru = try explainShapes(try GRU(units: 4, returnState: true), inputShape: [nil, nil, 3])
        #expect(gru.hasPrefix("(batch=None, timesteps=None, features=3) -> GRU(4, return_state=True) -> output (batch=None, units=4), h (batch=None, units=4)\n"))
        #expect(gru.contains("bias (2, 12) = input and recurrent bias x 3 gates*4 units = 24"))
    }

    @Test func countsEqualCountParamsForEveryShapeRow() throws {
        for table in ["shape_table", "layer_shape_table"] {
            for row in fixtureManifest[table] as! [[String: Any]] {
                let layer = try KerasSpec.make(row["layer"] as! [String: Any], namer: LayerNamer())
                let text = try explainShapes(layer, inputShape: KerasSpec.shape(row["input_shape"]!))
                let want = Sequential.grouped(row["param_count"] as! Int)
                #expect(text.contains("params: \(want)"), "\(layer.configDescription): \(text)")
                #expect(!layer.isBuilt || layer is Embedding || layer.weights.isEmpty, "explaining must not build \(layer.configDescription)")
            }
        }
    }

    @Test func modelOneLinePerLayer() throws {
        let model = try SummaryModels.make("stack")
        let text = try explainShapes(model, inputShape: [3, 7])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Model \"sequential\": input (batch=3, timesteps=7)")
        #expect(lines[1] == "  embedding: (batch=3, timesteps=7) -> Embedding(50, 8, mask_zero=True) -> (batch=3, timesteps=7, embedding_dim=8)   400 params")
        #expect(lines.contains("  lstm: (batch=3, timesteps=7, embedding_dim=8) -> LSTM(16, return_sequences=True) -> (batch=3, timesteps=7, units=16)   1,600 params"))
        #expect(lines.contains("  gru: (batch=3, timesteps=7, units=16) -> GRU(12) -> (batch=3, units=12)   1,080 params"))
        #expect(lines.contains("  dense: (batch=3, units=12) -> Dense(5, activation='softmax') -> (batch=3, units=5)   65 params"))
        #expect(lines.last == "Total: 3,145 params")
    }

    @Test func bidirectionalAndTimeDistributed() throws {
        let bi = try explainShapes(try Bidirectional(try LSTM(units: 20, returnSequences: true)), inputShape: [3, 2, 10])
        #expect(bi.hasPrefix("(batch=3, timesteps=2, features=10) -> Bidirectional(LSTM(20, return_sequences=True)) -> (batch=3, timesteps=2, 2*units=40)\nparams: 4,960"))
        #expect(bi.contains("backward_lstm/recurrent_kernel (20, 80)"))
        // The states are each direction's own (units), only the concatenated output is 2*units.
        let states = try explainShapes(try Bidirectional(try LSTM(units: 20, returnState: true)), inputShape: [3, 2, 10])
        #expect(states.hasPrefix("(batch=3, timesteps=2, features=10) -> Bidirectional(LSTM(20, return_state=True)) -> output (batch=3, 2*units=40), forward_h (batch=3, units=20), forward_c (batch=3, units=20), backward_h (batch=3, units=20), backward_c (batch=3, units=20)\n"))
        let summed = try explainShapes(try Bidirectional(try GRU(units: 8, returnState: true), mergeMode: .sum), inputShape: [3, 2, 10])
        #expect(summed.hasPrefix("(batch=3, timesteps=2, features=10) -> Bidirectional(GRU(8, return_state=True), merge_mode='sum') -> output (batch=3, units=8), forward_h (batch=3, units=8), backward_h (batch=3, units=8)\n"), "\(summed)")
        let td = try explainShapes(TimeDistributed(try Dense(units: 5)), inputShape: [3, 2, 10])
        #expect(td.hasPrefix("(batch=3, timesteps=2, features=10) -> TimeDistributed(Dense(5)) -> (batch=3, timesteps=2, units=5)\nparams: 55"))
        #expect(td.contains("dense/kernel (10, 5) = 10 features x 5 units = 50 (shared by every timestep)"))
    }

    @Test func badShapesAreNamedErrors() throws {
        #expect(throws: TensorError(.valueError, "LSTM expects input of rank 3 (batch, timesteps, features), got shape (3, 10)")) {
            _ = try explainShapes(try LSTM(units: 20), inputShape: [3, 10])
        }
    }
}

@Suite struct ExplainerGuardTests {
    /// Sizes no array could hold are ValueErrors, not arithmetic overflow traps.
    @Test func absurdSizesAreErrors() throws {
        #expect(throws: TensorError.self) { _ = try explainShapes(try Dense(units: 1 << 40), inputShape: [1, 1 << 40]) }
        #expect(throws: TensorError.self) { _ = try explainShapes(try LSTM(units: 1 << 40), inputShape: [1, 2, 1 << 40]) }
        #expect(throws: TensorError.self) { _ = try explainShapes(try Dense(units: 3), inputShape: [1, -4]) }
        #expect(throws: TensorError.self) { _ = try SummaryModels.make("stack").summary(lineLength: Int.max) }
    }
}
