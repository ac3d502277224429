// Every fixture case, shape row and model of the manifest through the generic KerasLayer /
// Sequential API (the path the cell language uses): outputs within 1e-6 + 1e-5·|keras|,
// output shapes (symbolic, None batch) and parameter counts exactly.

import Foundation
import Testing
@testable import RNNRuntime

@Suite struct KerasLayerFixtureTests {
    /// Multi-layer cases are a Sequential on Input(shape=input[1:]); the rest the bare layer.
    @Test(arguments: fixtureCaseNames)
    func forwardThroughKerasLayerMatchesKeras(_ name: String) throws {
        let (c, arrays) = try loadFixtureCase(name)
        let namer = LayerNamer()
        let specs = c["layers"] as! [[String: Any]]
        let x = arrays["input"]!
        let weightCount = (c["weights"] as! [Any]).count
        let weights = (0..<weightCount).map { arrays["weight_\($0)"]! }
        let nStates = (c["initial_state_shapes"] as! [Any]).count
        let states = (0..<nStates).map { arrays["initial_state_\($0)"]! }

        let model: any KerasLayer
        if nStates > 0 || specs.count == 1 && specs[0]["class"] as! String == "Bidirectional" {
            model = try KerasSpec.make(specs[0], namer: namer)
        } else {
            let input = try InputLayer(shape: SymbolicShape.of(Array(x.shape.dropFirst())),
                                       dtype: x.dtype == .float32 ? .float32 : .int64)
            model = try Sequential(layers: [input] + specs.map { try KerasSpec.make($0, namer: namer) },
                                   name: namer.uniqueName("sequential"))
            #expect(model.isBuilt, "\(name): a Sequential starting with Input builds at once")
        }
        if !model.isBuilt { try model.build(inputShape: SymbolicShape.of(x.shape)) }
        try model.setWeights(weights)
        let result = try model.call([x] + states, mask: nil, training: false)
        let expected = c["outputs"] as! [[String: Any]]
        #expect(result.outputs.count == expected.count, "\(name): output count")
        for k in 0..<min(result.outputs.count, expected.count) {
            let ref = arrays["output_\(k)"]!
            let (ok, worst) = allClose(result.outputs[k], ref)
            #expect(ok, "\(name) output_\(k): shape \(result.outputs[k].shapeDescription) vs \(ref.shapeDescription), worst error \(worst)")
        }
        #expect(try model.countParamsBuilt() == c["param_count"] as! Int, "\(name): count_params")
        #expect(model.weights.map(\.shape) == (c["weights"] as! [[String: Any]]).map { $0["shape"] as! [Int] })
        #expect(model.weightNames.count == weightCount)
        // Symbolic shape inference agrees with what the call produced (batch kept, None elsewhere).
        let inferred = try model.outputShapes(for: SymbolicShape.of(x.shape))
        #expect(inferred == result.outputs.map { SymbolicShape.of($0.shape) }, "\(name): outputShapes")
    }

    /// Recurrent layers and Bidirectional, every return_sequences x return_state x merge_mode,
    /// on (None, 2, 10) and (None, None, 10).
    @Test func recurrentShapeTableMatchesKeras() throws {
        let table = fixtureManifest["shape_table"] as! [[String: Any]]
        #expect(table.count == 192)
        for row in table { try checkShapeRow(row) }
    }

    /// Dense (2-D, 3-D, no bias), Embedding, Masking, Dropout and TimeDistributed.
    @Test func layerShapeTableMatchesKeras() throws {
        let table = fixtureManifest["layer_shape_table"] as! [[String: Any]]
        #expect(table.count >= 12)
        for row in table { try checkShapeRow(row) }
    }

    func checkShapeRow(_ row: [String: Any]) throws {
        let layer = try KerasSpec.make(row["layer"] as! [String: Any], namer: LayerNamer())
        let inShape = KerasSpec.shape(row["input_shape"]!)
        let want = (row["output_shapes"] as! [Any]).map(KerasSpec.shape)
        #expect(try layer.outputShapes(for: inShape) == want, "\(layer.configDescription) on \(SymbolicShape.describe(inShape))")
        try layer.build(inputShape: inShape)
        #expect(layer.isBuilt)
        #expect(try layer.countParamsBuilt() == row["param_count"] as! Int, "\(layer.configDescription)")
        #expect(layer.weights.map(\.shape) == (row["weight_shapes"] as! [[Int]]), "\(layer.configDescription)")
        // A concrete call gives the same shapes with the None axes filled in.
        let concrete = inShape.enumerated().map { i, d in d ?? (i == 0 ? 2 : 3) }
        let isTokens = (row["input_dtype"] as? String) == "int32"
        let x = isTokens ? try RandomState(seed: 3).randint(0, 50, concrete) : try RandomState(seed: 3).randn(concrete)
        let out = try layer.call([x], mask: nil, training: false).outputs
        let filled = want.map { s in s.enumerated().map { i, d in d ?? concrete[i == 0 ? 0 : Swift.min(i, concrete.count - 1)] } }
        #expect(out.map(\.shape) == filled, "\(layer.configDescription) called on \(Shape.describe(concrete))")
    }

    /// The guide and stack models: per-layer counts and output shapes from the Sequential build.
    @Test(arguments: ["rnn_guide", "stack"])
    func modelShapesAndCounts(_ key: String) throws {
        let info = (fixtureManifest["models"] as! [String: [String: Any]])[key]!
        let namer = LayerNamer()
        let model = key == "rnn_guide" ? try SummaryModels.guide(namer) : try SummaryModels.stack(namer)
        #expect(model.layers.map { $0.countParams() } == info["layer_param_counts"] as! [Int])
        #expect(try model.countParamsBuilt() == info["param_count"] as! Int)
        let want = (info["output_shapes"] as! [Any]).map(KerasSpec.shape)
        #expect(model.layerOutputShapes?.map { $0[0] } == want)
        #expect(try model.outputShape() == [want.last!])
    }
}
