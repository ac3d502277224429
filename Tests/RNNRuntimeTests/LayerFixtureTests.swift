// Forward passes of the layers against the Keras 3 reference fixtures (Fixtures/README.md):
// every case of manifest.json whose layers are implemented, outputs compared with
// |swift - keras| <= 1e-6 + 1e-5 * |keras|, plus the manifest's shape / parameter-count table.

import Foundation
import Testing
@testable import RNNRuntime

/// The fixture directory, found from this file's path (works with and without a bundle).
let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

/// manifest.json, parsed once.
let fixtureManifest: [String: Any] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: fixtureDirectory + "/manifest.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}()

/// One layer of a fixture stack.
enum StackLayer {
    case dense(Dense), recurrent(RecurrentLayer), bidirectional(Bidirectional), embedding(Embedding), masking(Masking)

    var layer: Layer {
        switch self {
        case .dense(let l): return l
        case .recurrent(let l): return l
        case .bidirectional(let l): return l
        case .embedding(let l): return l
        case .masking(let l): return l
        }
    }

    /// How many `get_weights()` entries this layer owns.
    var weightCount: Int {
        switch self {
        case .dense(let d): return d.useBias ? 2 : 1
        case .recurrent(let r): return r.useBias ? 3 : 2
        case .bidirectional(let b): return b.forwardLayer.useBias ? 6 : 4
        case .embedding: return 1
        case .masking: return 0
        }
    }

    /// Builds a layer from a manifest spec `{"class": ..., "kwargs": {...}}`.
    static func make(_ spec: [String: Any], inputDim: Int? = nil) throws -> StackLayer {
        let cls = spec["class"] as! String
        let kw = spec["kwargs"] as? [String: Any] ?? [:]
        func bool(_ k: String, _ d: Bool) -> Bool { (kw[k] as? Bool) ?? d }
        switch cls {
        case "Dense":
            return .dense(try Dense(units: kw["units"] as! Int, activation: try Activation(keras: kw["activation"] as? String),
                                    useBias: bool("use_bias", true), inputDim: inputDim))
        case "SimpleRNN", "LSTM", "GRU":
            let kind: RecurrentCellKind = cls == "LSTM" ? .lstm : cls == "GRU" ? .gru(resetAfter: bool("reset_after", true)) : .simpleRNN
            return .recurrent(try RecurrentLayer(kind: kind, units: kw["units"] as! Int,
                                                 returnSequences: bool("return_sequences", false),
                                                 returnState: bool("return_state", false),
                                                 goBackwards: bool("go_backwards", false),
                                                 useBias: bool("use_bias", true), stateful: bool("stateful", false),
                                                 inputDim: inputDim))
        case "Bidirectional":
            guard case .recurrent(let inner) = try make(kw["layer"] as! [String: Any], inputDim: inputDim) else { fatalError() }
            let mode = (kw["merge_mode"] as? String).flatMap(MergeMode.init(rawValue:)) ?? (kw["merge_mode"] == nil ? .concat : MergeMode.none)
            return .bidirectional(try Bidirectional(inner, mergeMode: mode))
        case "Embedding":
            return .embedding(try Embedding(inputDim: kw["input_dim"] as! Int, outputDim: kw["output_dim"] as! Int,
                                            maskZero: bool("mask_zero", false)))
        case "Masking":
            return .masking(Masking(maskValue: Float((kw["mask_value"] as? Double) ?? 0)))
        default:
            throw TensorError(.valueError, "unsupported layer \(cls)")
        }
    }

    /// Forward through one layer: (outputs, mask for the next layer).
    func run(_ x: Tensor, mask: Tensor?, initialState: [Tensor]?) throws -> ([Tensor], Tensor?) {
        switch self {
        case .dense(let d): return ([try d(x)], nil)
        case .recurrent(let r): return (try r(x, mask: mask, initialState: initialState), r.outputMask(mask))
        case .bidirectional(let b): return (try b(x, mask: mask, initialState: initialState), b.outputMask(mask))
        case .embedding(let e): return ([try e(x)], e.computeMask(x))
        case .masking(let m): let (y, mk) = try m(x); return ([y], mk)
        }
    }
}

/// `allclose` with the fixtures' forward tolerance; returns the worst excess for the message.
func allClose(_ a: Tensor, _ b: Tensor, atol: Float = 1e-6, rtol: Float = 1e-5) -> (Bool, Float) {
    guard a.shape == b.shape else { return (false, .infinity) }
    var worst: Float = 0
    for (x, y) in zip(a.floatValues, b.floatValues) {
        let err = abs(x - y)
        if !(err <= atol + rtol * abs(y)) { worst = max(worst, err) }
    }
    return (worst == 0, worst)
}

let fixtureCases = (fixtureManifest["cases"] as! [[String: Any]])
let fixtureCaseNames = fixtureCases.map { $0["name"] as! String }

/// A manifest case by name, with the arrays of its `.npz` (input, weight_i, initial_state_i, ...).
func loadFixtureCase(_ name: String) throws -> (spec: [String: Any], arrays: [String: Tensor]) {
    let c = fixtureCases.first { $0["name"] as! String == name }!
    return (c, try NPYReader.load(npz: fixtureDirectory + "/" + (c["file"] as! String)))
}
/// The cases `StackLayer` can run (KerasLayerFixtureTests runs every case, the model-level layers too).
let stackLayerCaseNames = fixtureCases.filter { c in
    (c["layers"] as! [[String: Any]]).allSatisfy { ["Dense", "SimpleRNN", "LSTM", "GRU", "Bidirectional", "Embedding", "Masking"].contains($0["class"] as! String) }
}.map { $0["name"] as! String }

@Suite struct LayerFixtureTests {
    @Test(arguments: stackLayerCaseNames)
    func forwardMatchesKeras(_ name: String) throws {
        let (c, arrays) = try loadFixtureCase(name)
        let specs = c["layers"] as! [[String: Any]]
        let stack = try specs.map { try StackLayer.make($0) }
        // Weights in get_weights() order, split over the stack.
        var next = 0
        for l in stack {
            let ws = (0..<l.weightCount).map { arrays["weight_\(next + $0)"]! }
            try l.layer.setWeights(ws)
            next += l.weightCount
        }
        #expect(arrays["weight_\(next)"] == nil, "unused weights in \(name)")
        let nStates = (c["initial_state_shapes"] as! [Any]).count
        let initial: [Tensor]? = nStates == 0 ? nil : (0..<nStates).map { arrays["initial_state_\($0)"]! }
        var x = arrays["input"]!
        var mask: Tensor? = nil
        var outputs: [Tensor] = []
        for (i, l) in stack.enumerated() {
            let (outs, m) = try l.run(x, mask: mask, initialState: i == 0 ? initial : nil)
            outputs = outs; x = outs[0]; mask = m
        }
        let expectedCount = (c["outputs"] as! [Any]).count
        #expect(outputs.count == expectedCount, "\(name): output count")
        for k in 0..<min(outputs.count, expectedCount) {
            let ref = arrays["output_\(k)"]!
            let (ok, worst) = allClose(outputs[k], ref)
            #expect(ok, "\(name) output_\(k): shape \(outputs[k].shapeDescription) vs \(ref.shapeDescription), worst error \(worst)")
        }
        let params = stack.reduce(0) { $0 + $1.layer.countParams() }
        #expect(params == c["param_count"] as! Int, "\(name): count_params")
    }

    @Test func shapeTableMatchesKeras() throws {
        let table = fixtureManifest["shape_table"] as! [[String: Any]]
        #expect(table.count > 0)
        for row in table {
            let layer = try StackLayer.make(row["layer"] as! [String: Any], inputDim: 10)
            let inShape = row["input_shape"] as! [Any]
            let T = (inShape[1] as? Int) ?? 3
            let x = try RandomState(seed: 1).randn([2, T, 10])
            let (outs, _) = try layer.run(x, mask: nil, initialState: nil)
            let expected = row["output_shapes"] as! [[Any]]
            let want = expected.map { s in s.enumerated().map { i, d in (d as? Int) ?? (i == 0 ? 2 : T) } }
            #expect(outs.map(\.shape) == want, "\(row["layer"]!)")
            #expect(layer.layer.countParams() == row["param_count"] as! Int)
            #expect(layer.layer.weights.map(\.shape) == (row["weight_shapes"] as! [[Int]]))
        }
    }

    @Test func modelParameterCounts() throws {
        let models = fixtureManifest["models"] as! [String: [String: Any]]
        let guide = [try Embedding(inputDim: 1000, outputDim: 64).countParams(),
                     try LSTM(units: 128, inputDim: 64).countParams(),
                     try Dense(units: 10, inputDim: 128).countParams()]
        #expect(guide == models["rnn_guide"]!["layer_param_counts"] as! [Int])
        let stack = [try Embedding(inputDim: 50, outputDim: 8, maskZero: true).countParams(),
                     try LSTM(units: 16, returnSequences: true, inputDim: 8).countParams(),
                     try GRU(units: 12, inputDim: 16).countParams(),
                     try Dense(units: 5, activation: .softmax, inputDim: 12).countParams()]
        #expect(stack == models["stack"]!["layer_param_counts"] as! [Int])
        #expect(try GRU(units: 20, resetAfter: false, inputDim: 10).countParams() == 1860)
    }
}

@Suite struct LayerBehaviourTests {
    @Test func rankErrorUsesKerasWords() throws {
        let lstm = try LSTM(units: 20)
        let x = try RandomState(seed: 0).randn([3, 10])
        #expect(throws: TensorError(.valueError, "LSTM expects input of rank 3 (batch, timesteps, features), got shape (3, 10)")) {
            _ = try lstm(x)
        }
    }

    @Test func walkthroughShape() throws {
        let x = try RandomState(seed: 0).randn([3, 2, 10])
        let out = try LSTM(units: 20)(x)
        #expect(out[0].shape == [3, 20])
        #expect(try LSTM(units: 20).countParams() == 0) // unbuilt until called
    }

    @Test func setWeightsRejectsBadShapes() throws {
        let l = try LSTM(units: 3, inputDim: 5)
        #expect(throws: TensorError.self) { try l.setWeights([]) }
        let bad = [try Tensor(shape: [5, 12], values: [Float](repeating: 0, count: 60)),
                   try Tensor(shape: [3, 9], values: [Float](repeating: 0, count: 27)),
                   try Tensor(shape: [12], values: [Float](repeating: 0, count: 12))]
        #expect(throws: TensorError(.valueError, "Layer lstm weight shape (3, 12) is not compatible with provided weight shape (3, 9).")) {
            try l.setWeights(bad)
        }
    }

    @Test func defaultInitialisers() throws {
        let l = try LSTM(units: 4, inputDim: 3)
        #expect(l.bias!.floats == [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        // orthogonal recurrent kernel (4, 16): rows are orthonormal.
        let u = l.recurrentKernel!.floats
        for i in 0..<4 {
            for j in 0..<4 {
                var d: Float = 0
                for k in 0..<16 { d += u[i * 16 + k] * u[j * 16 + k] }
                #expect(abs(d - (i == j ? 1 : 0)) < 1e-5)
            }
        }
        let limit = (6.0 / Float(3 + 16)).squareRoot()
        #expect(l.kernel!.floats.allSatisfy { abs($0) <= limit })
    }

    @Test func npzErrorsAreThrown() {
        #expect(throws: NPYError.self) { _ = try NPYReader.load(npz: "/nonexistent/file.npz") }
        #expect(throws: NPYError.self) { _ = try NPYReader.parseNPY([1, 2, 3][...]) }
        #expect(throws: NPYError.self) { _ = try NPYReader.parseNPZ([80, 75, 3, 4, 0, 0]) }
    }
}
