// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates, V = vocabulary size,
// D = embedding_dim. Explains a layer or model for an input shape without building or calling it.

/// One axis of a shape with its meaning: `timesteps=2`.
struct NamedAxis {
    var name: String
    var size: Int?
    var text: String { "\(name)=\(size.map(String.init) ?? "None")" }
}

/// The shape flow of a layer or model with named axes, parameter counts and the weight shapes
/// behind them, e.g. `(batch=3, timesteps=2, features=10) -> LSTM(20) -> (batch=3, units=20)`.
public enum ShapeExplainer {
    /// The explanation of `layer` (a Sequential: one line per layer) for inputs of `inputShape`.
    public static func explain(_ layer: any KerasLayer, inputShape: [Int?]) throws -> String {
        var lines: [String] = []
        if let model = layer as? Sequential {
            var shape = inputShape
            var axes = inputAxes(model.layers.first, shape)
            lines.append("Model \"\(model.name)\": input \(describe(axes))")
            var total = 0
            for l in model.layers {
                let outs = try l.outputShapes(for: shape)
                let outAxes = outs.enumerated().map { outputAxes(l, inputAxes: axes, $1, output: $0) }
                let weights = try weightExplanations(l, inputShape: shape)
                let count = weights.reduce(0) { $0 + $1.count }
                total += count
                lines.append("  \(l.name): \(describe(axes)) -> \(l.configDescription) -> \(describeOutputs(l, outAxes))   \(Sequential.grouped(count)) params")
                lines += weights.map { "      \($0.text)" }
                if l !== model.layers.last {
                    guard outs.count == 1 else { throw model.multipleOutputsError(l, outs.count) }
                }
                shape = outs[0]
                axes = outAxes[0]
            }
            lines.append("Total: \(Sequential.grouped(total)) params")
            return lines.joined(separator: "\n")
        }
        let axes = inputAxes(layer, inputShape)
        let outs = try layer.outputShapes(for: inputShape)
        let outAxes = outs.enumerated().map { outputAxes(layer, inputAxes: axes, $1, output: $0) }
        lines.append("\(describe(axes)) -> \(layer.configDescription) -> \(describeOutputs(layer, outAxes))")
        let weights = try weightExplanations(layer, inputShape: inputShape)
        let count = weights.reduce(0) { $0 + $1.count }
        lines.append("params: \(Sequential.grouped(count))" + (weights.isEmpty ? "" : " = " + weights.map { Sequential.grouped($0.count) }.joined(separator: " + ")))
        lines += weights.map { "  \($0.text)" }
        return lines.joined(separator: "\n")
    }

    static func describe(_ axes: [NamedAxis]) -> String { "(" + axes.map(\.text).joined(separator: ", ") + ")" }

    /// `(batch=3, units=20)`, or with return_state `output (...), h (...), c (...)`.
    static func describeOutputs(_ layer: any KerasLayer, _ outs: [[NamedAxis]]) -> String {
        guard outs.count > 1 else { return outs.first.map(describe) ?? "()" }
        let labels = outputLabels(layer, count: outs.count)
        return zip(labels, outs).map { "\($0) \(describe($1))" }.joined(separator: ", ")
    }

    /// Names of several outputs: LSTM output, h, c; Bidirectional forward_/backward_ states.
    static func outputLabels(_ layer: any KerasLayer, count: Int) -> [String] {
        if let r = layer as? RecurrentLayer {
            return ["output"] + (r.kind == .lstm ? ["h", "c"] : ["h"])
        }
        if let b = layer as? Bidirectional {
            let states = b.forwardLayer.kind == .lstm ? ["h", "c"] : ["h"]
            let heads = b.mergeMode == .none ? ["forward_output", "backward_output"] : ["output"]
            let labels = heads + (b.forwardLayer.returnState ? states.map { "forward_\($0)" } + states.map { "backward_\($0)" } : [])
            if labels.count == count { return labels }
        }
        return (0..<count).map { "output_\($0)" }
    }

    /// What the first layer calls its input axes.
    static func inputAxes(_ layer: (any KerasLayer)?, _ shape: [Int?]) -> [NamedAxis] {
        var names: [String]
        switch layer {
        case is RecurrentLayer, is Bidirectional: names = ["batch", "timesteps", "features"]
        case is Embedding: names = ["batch", "timesteps"]
        case is TimeDistributed: names = ["batch", "timesteps", "features"]
        default: names = ["batch", "timesteps", "features"]
        }
        return named(shape, names)
    }

    /// Names `shape`'s axes: batch first, the given names last, `axis_i` for extra middle axes.
    static func named(_ shape: [Int?], _ names: [String]) -> [NamedAxis] {
        guard shape.count != names.count else { return zip(names, shape).map { NamedAxis(name: $0, size: $1) } }
        return shape.enumerated().map { i, d in
            if i == 0 { return NamedAxis(name: "batch", size: d) }
            if i == shape.count - 1 && names.count > 1 { return NamedAxis(name: names[names.count - 1], size: d) }
            if i == 1 && shape.count > 2 { return NamedAxis(name: "timesteps", size: d) }
            return NamedAxis(name: "axis\(i)", size: d)
        }
    }

    /// The output axes of output number `output`: the layer's new last axis gets its meaning, the
    /// others keep the input's names.
    static func outputAxes(_ layer: any KerasLayer, inputAxes: [NamedAxis], _ shape: [Int?], output: Int = 0) -> [NamedAxis] {
        let lead = Array(inputAxes.prefix(max(shape.count - 1, 0)))
        let last: String
        switch layer {
        case let b as Bidirectional:
            // Only a concatenated output doubles the units; the returned states are each direction's own.
            let heads = b.mergeMode == .none ? 2 : 1
            last = b.mergeMode == .concat && output < heads ? "2*units" : "units"
        case is RecurrentLayer, is Dense: last = "units"
        case is Embedding: last = "embedding_dim"
        case let t as TimeDistributed:
            return outputAxes(t.layer, inputAxes: inputAxes, shape)
        default:
            return shape.count == inputAxes.count ? zip(inputAxes, shape).map { NamedAxis(name: $0.name, size: $1) } : named(shape, ["batch", "features"])
        }
        if lead.count == shape.count - 1 {
            return zip(lead, shape).map { NamedAxis(name: $0.name, size: $1) } + [NamedAxis(name: last, size: shape.last ?? nil)]
        }
        return named(shape, ["batch", last])
    }
}
