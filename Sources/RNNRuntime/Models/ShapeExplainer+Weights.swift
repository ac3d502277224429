// Shape key: F = features, H = units, G = gates (SimpleRNN 1, GRU 3, LSTM 4), V = vocabulary, D = embedding_dim.

/// One weight of an explanation: `kernel (10, 80) = 10 features x 4 gates*20 units = 800`.
struct WeightExplanation {
    var text: String
    var count: Int
}

extension ShapeExplainer {
    /// The weights `layer` has (or will have once built) for inputs of `inputShape`, explained.
    static func weightExplanations(_ layer: any KerasLayer, inputShape: [Int?]) throws -> [WeightExplanation] {
        switch layer {
        case let r as RecurrentLayer:
            guard inputShape.count == 3, let f = inputShape[2] else { _ = try r.outputShapes(for: inputShape); return [] }
            return try recurrentWeights(r, features: f)
        case let b as Bidirectional:
            guard inputShape.count == 3, let f = inputShape[2] else { _ = try b.outputShapes(for: inputShape); return [] }
            let inner = LayerNamer.snakeCase(b.forwardLayer.className)
            let half = try recurrentWeights(b.forwardLayer, features: f)
            return half.map { WeightExplanation(text: "forward_\(inner)/" + $0.text, count: $0.count) }
                + half.map { WeightExplanation(text: "backward_\(inner)/" + $0.text, count: $0.count) }
        case let d as Dense:
            guard let f = inputShape.last ?? nil else { _ = try d.outputShapes(for: inputShape); return [] }
            let n = try Shape.count([f, d.units])
            var out = [WeightExplanation(text: "kernel \(Shape.describe([f, d.units])) = \(f) features x \(d.units) units = \(Sequential.grouped(n))", count: n)]
            if d.useBias { out.append(WeightExplanation(text: "bias \(Shape.describe([d.units])) = \(d.units) units", count: d.units)) }
            return out
        case let e as Embedding:
            let n = e.inputDim * e.outputDim
            return [WeightExplanation(text: "embeddings \(Shape.describe([e.inputDim, e.outputDim])) = \(e.inputDim) tokens x \(e.outputDim) embedding_dim = \(Sequential.grouped(n))", count: n)]
        case let t as TimeDistributed:
            let child = try t.childShape(inputShape)
            let prefix = LayerNamer.snakeCase(t.layer.className) + "/"
            return try weightExplanations(t.layer, inputShape: child).map {
                WeightExplanation(text: prefix + $0.text + " (shared by every timestep)", count: $0.count)
            }
        case let m as Sequential:
            var shape = inputShape
            var out: [WeightExplanation] = []
            for (key, l) in zip(m.layerKeys, m.layers) {
                out += try weightExplanations(l, inputShape: shape).map { WeightExplanation(text: "\(key)/" + $0.text, count: $0.count) }
                shape = try l.outputShapes(for: shape)[0]
            }
            return out
        default:
            return []
        }
    }

    /// kernel (F, G*H), recurrent_kernel (H, G*H), bias (G*H,) or GRU reset_after (2, G*H).
    static func recurrentWeights(_ r: RecurrentLayer, features f: Int) throws -> [WeightExplanation] {
        let h = r.units, g = r.kind.gateCount
        // Sizes no array could hold are errors here rather than an overflow in the shape arithmetic.
        _ = try Shape.count([h, g, h])
        _ = try Shape.count([f, g, h])
        let gates = g == 1 ? "\(h) units" : "\(g) gates*\(h) units"
        let order: String
        switch r.kind {
        case .simpleRNN: order = ""
        case .lstm: order = " (gates i, f, c, o)"
        case .gru: order = " (gates z, r, h)"
        }
        let shapes = r.isBuilt ? r.weights.map(\.shape) : r.weightShapes(features: f)
        let names = ["kernel", "recurrent_kernel", "bias"]
        return try zip(names, shapes).map { name, shape in
            let n = try Shape.count(shape)
            let meaning: String
            switch name {
            case "kernel": meaning = "\(f) features x \(gates)"
            case "recurrent_kernel": meaning = "\(h) units x \(gates)"
            default: meaning = shape.count == 2 ? "input and recurrent bias x \(gates)" : gates
            }
            let total = g * h == n ? "" : " = \(Sequential.grouped(n))"
            let legend = name == "kernel" ? order : ""
            return WeightExplanation(text: "\(name) \(Shape.describe(shape)) = \(meaning)\(total)\(legend)", count: n)
        }
    }
}

/// `explain_shapes(layer_or_model, input_shape)`: see `ShapeExplainer.explain`.
public func explainShapes(_ layer: any KerasLayer, inputShape: [Int?]) throws -> String {
    try ShapeExplainer.explain(layer, inputShape: inputShape)
}
