// Recurrent options with Keras semantics: stateful (against the Keras fixtures `stateful_cases` of
// manifest.json: two consecutive calls, then reset_states), initial_state checks, use_bias=False.

import Testing
@testable import RNNRuntime

let statefulCases = (fixtureManifest["stateful_cases"] as? [[String: Any]]) ?? []

@Suite struct RecurrentOptionsTests {
    @Test func statefulFixturesExist() {
        #expect(statefulCases.count >= 3)
    }

    @Test(arguments: statefulCases.map { $0["name"] as! String })
    func statefulCallsMatchKeras(_ name: String) throws {
        let c = statefulCases.first { $0["name"] as! String == name }!
        let arrays = try NPYReader.load(npz: fixtureDirectory + "/" + (c["file"] as! String))
        guard case .recurrent(let layer) = try StackLayer.make((c["layers"] as! [[String: Any]])[0]) else {
            Issue.record("\(name): not a recurrent layer"); return
        }
        #expect(layer.stateful)
        let weights = (0..<layer.weightShapes(features: 5).count).map { arrays["weight_\($0)"]! }
        try layer.setWeights(weights)
        #expect(layer.states == nil, "no states before the first call")
        var firstOutputs: [Tensor] = []
        for call in 0..<2 {
            let outs = try layer(arrays["input_\(call)"]!)
            if call == 0 { firstOutputs = outs }
            for (k, out) in outs.enumerated() {
                let ref = arrays["call\(call)_output_\(k)"]!
                let (ok, worst) = allClose(out, ref)
                #expect(ok, "\(name) call \(call) output \(k): worst error \(worst)")
            }
        }
        let states = try #require(layer.states)
        #expect(states.count == (layer.kind == .lstm ? 2 : 1))
        for (i, state) in states.enumerated() {
            #expect(allClose(state, arrays["state_\(i)"]!).0, "\(name) state \(i)")
        }
        layer.resetStates()
        #expect(layer.states!.allSatisfy { $0.floats.allSatisfy { $0 == 0 } })
        let again = try layer(arrays["input_0"]!)
        for (a, b) in zip(again, firstOutputs) { #expect(a.floats == b.floats, "\(name): after reset_states") }
    }

    @Test func statefulRejectsAnotherBatchSize() throws {
        let lstm = try LSTM(units: 4, stateful: true)
        let rng = RandomState(seed: 3)
        _ = try lstm(try rng.randn([3, 2, 5]))
        #expect(throws: TensorError(.valueError, "If an RNN is stateful, the batch size of the input sequences must be the same as the batch size of the initial state. \n- Expected batch size: 3\n- Received batch size: 2")) {
            _ = try lstm(try rng.randn([2, 2, 5]))
        }
        // An explicit initial_state wins over the kept states, and the final states are kept.
        let h0 = try rng.randn([3, 4]), c0 = try rng.randn([3, 4])
        let out = try lstm(try rng.randn([3, 2, 5]), initialState: [h0, c0])
        #expect(lstm.states![0].floats == out[0].floats)
    }

    @Test func notStatefulKeepsNoStates() throws {
        let gru = try GRU(units: 4)
        let x = try RandomState(seed: 4).randn([2, 3, 5])
        let a = try gru(x), b = try gru(x)
        #expect(gru.states == nil)
        #expect(a[0].floats == b[0].floats)
        gru.resetStates()  // nothing to reset: no error, as in Keras
    }

    @Test func initialStateIsChecked() throws {
        let rng = RandomState(seed: 5)
        let x = try rng.randn([3, 2, 10])
        let lstm = try LSTM(units: 20)
        #expect(throws: TensorError(.valueError, "LSTM expects 2 initial states (h, c), each of shape (3, 20) (batch, units); got 1")) {
            _ = try lstm(x, initialState: [try rng.randn([3, 20])])
        }
        #expect(throws: TensorError(.valueError, "LSTM initial state c must have shape (3, 20) (batch, units), got (4, 20)")) {
            _ = try lstm(x, initialState: [try rng.randn([3, 20]), try rng.randn([4, 20])])
        }
        let gru = try GRU(units: 20)
        #expect(throws: TensorError(.valueError, "GRU expects 1 initial state (h), each of shape (3, 20) (batch, units); got 2")) {
            _ = try gru(x, initialState: [try rng.randn([3, 20]), try rng.randn([3, 20])])
        }
        #expect(throws: TensorError(.valueError, "GRU initial state h must have shape (3, 20) (batch, units), got (3, 21)")) {
            _ = try gru(x, initialState: [try rng.randn([3, 21])])
        }
    }

    @Test func noBiasLayersHaveTwoWeights() throws {
        // Keras: LSTM(20, use_bias=False) on 10 features has 2,400 parameters, GRU 1,800.
        let lstm = try LSTM(units: 20, useBias: false, inputDim: 10)
        #expect(lstm.weights.map(\.shape) == [[10, 80], [20, 80]])
        #expect(lstm.countParams() == 2400)
        #expect(try GRU(units: 20, useBias: false, inputDim: 10).countParams() == 1800)
        #expect(try SimpleRNN(units: 20, useBias: false, inputDim: 10).countParams() == 600)
        #expect(throws: TensorError.self) { try lstm.setWeights(lstm.weights + [try Tensor(shape: [80], values: [Float](repeating: 0, count: 80))]) }
        let bi = try Bidirectional(try GRU(units: 4, useBias: false, inputDim: 3))
        #expect(bi.weights.count == 4)
        try bi.setWeights(bi.weights)
    }
}
