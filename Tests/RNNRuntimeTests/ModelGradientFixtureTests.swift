// Every Keras gradient fixture case (Fixtures/README.md) through the generic path training uses:
// the case built as a Sequential (or the bare layer for cases with initial states), one
// `call(training: false)`, then `DifferentiableLayer.backward(cotangents, call:)`. This covers the
// model-level layers (Dropout, TimeDistributed, Sequential chaining with masks) besides every
// layer GradientFixtureTests checks one by one.

import Foundation
import Testing
@testable import RNNRuntime

@Suite struct ModelGradientFixtureTests {
    @Test(arguments: fixtureCaseNames)
    func backwardThroughKerasLayerMatchesKeras(_ name: String) throws {
        let (c, arrays) = try loadFixtureCase(name)
        let namer = LayerNamer()
        let specs = c["layers"] as! [[String: Any]]
        let x = arrays["input"]!
        let weightCount = (c["weights"] as! [Any]).count
        let nStates = (c["initial_state_shapes"] as! [Any]).count
        let states = (0..<nStates).map { arrays["initial_state_\($0)"]! }

        let model: any KerasLayer
        if nStates > 0 || specs.count == 1 && specs[0]["class"] as! String == "Bidirectional" {
            model = try KerasSpec.make(specs[0], namer: namer)
            if !model.isBuilt { try model.build(inputShape: SymbolicShape.of(x.shape)) }
        } else {
            let input = try InputLayer(shape: SymbolicShape.of(Array(x.shape.dropFirst())),
                                       dtype: x.dtype == .float32 ? .float32 : .int64)
            model = try Sequential(layers: [input] + specs.map { try KerasSpec.make($0, namer: namer) })
        }
        try model.setWeights((0..<weightCount).map { arrays["weight_\($0)"]! })
        let call = try model.call([x] + states, mask: nil, training: false)
        let cotangents: [Tensor?] = call.outputs.indices.map { arrays["cotangent_\($0)"] }
        let g = try model.differentiable().backward(cotangents, call: call)

        #expect(g.weights.count == weightCount, "\(name): weight gradient count")
        for (i, w) in g.weights.enumerated() {
            let (ok, abs, rel) = gradientsClose(w, arrays["grad_weight_\(i)"]!)
            #expect(ok, "\(name) grad_weight_\(i): worst abs \(abs), rel \(rel)")
        }
        if let ref = arrays["grad_input"] {
            let dx = try #require(g.inputs.first ?? nil, "\(name): no input gradient")
            let (ok, abs, rel) = gradientsClose(dx, ref)
            #expect(ok, "\(name) grad_input: worst abs \(abs), rel \(rel)")
        } else {
            #expect((g.inputs.first ?? nil) == nil, "\(name): token input has no gradient")
        }
        for i in 0..<nStates {
            let ds = try #require(g.inputs[1 + i], "\(name): no gradient for initial state \(i)")
            let (ok, abs, rel) = gradientsClose(ds, arrays["grad_initial_state_\(i)"]!)
            #expect(ok, "\(name) grad_initial_state_\(i): worst abs \(abs), rel \(rel)")
        }
    }

    /// The model-level cases are really there (the suite above would pass vacuously without them).
    @Test func modelLevelCasesArePresent() {
        #expect(fixtureCaseNames.contains("time_distributed_dense"))
        #expect(fixtureCaseNames.contains("sequential_masking_lstm_dropout_time_distributed_bidirectional"))
        #expect(fixtureCaseNames.count >= 76)
    }
}
