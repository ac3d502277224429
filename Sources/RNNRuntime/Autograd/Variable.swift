// A trainable value with identity: either a tensor of its own (`tf.Variable(...)`) or a view of
// one weight of a layer (`model.trainable_variables`). Optimizers update variables in place
// through `update`, which for layer weights goes through `Layer.updateWeight` (no copy when the
// layer's buffer is not shared).

/// A stable identity for optimizer state: the variable object, or (layer, weight index), so that
/// two views of the same layer weight share their Adam moments.
public struct VariableID: Hashable, Sendable {
    let object: ObjectIdentifier
    let index: Int
}

/// Keras/TF `Variable`: a named, optionally trainable tensor with identity.
public final class Variable {
    enum Storage {
        case owned(Tensor)
        case layerWeight(Layer, Int)
    }
    private var storage: Storage
    /// Keras' short name (`kernel`, `recurrent_kernel`, `bias`, `embeddings`, or the one given).
    public let name: String
    /// Whether `trainable_variables` lists it and a tape watches it on reading.
    public var trainable: Bool

    /// A variable holding `value` (converted to float32, as Keras' default float type).
    public init(_ value: Tensor, name: String = "variable", trainable: Bool = true) throws {
        storage = .owned(try value.astype(.float32))
        self.name = name
        self.trainable = trainable
    }

    /// A view of weight `index` of `layer` (`weights` order).
    public init(layer: Layer, index: Int, name: String, trainable: Bool = true) {
        storage = .layerWeight(layer, index)
        self.name = name
        self.trainable = trainable
    }

    /// Optimizer-state identity.
    public var id: VariableID {
        switch storage {
        case .owned: return VariableID(object: ObjectIdentifier(self), index: -1)
        case .layerWeight(let layer, let index): return VariableID(object: ObjectIdentifier(layer), index: index)
        }
    }

    /// The current value (a cheap copy-on-write copy).
    public var value: Tensor {
        switch storage {
        case .owned(let t): return t
        case .layerWeight(let layer, let index):
            let ws = layer.weights
            return ws.indices.contains(index) ? ws[index] : Tensor(shape: [0], floats: [])
        }
    }

    public var shape: [Int] { value.shape }

    /// Runs `body` on the elements in place (the optimizer's path).
    public func update(_ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        switch storage {
        case .owned(var t):
            storage = .owned(Tensor(shape: [], floats: []))  // leaves `t`'s buffer uniquely referenced
            defer { storage = .owned(t) }
            try t.floats.withUnsafeMutableBufferPointer { try body($0) }
        case .layerWeight(let layer, let index):
            try layer.updateWeight(at: index, body)
        }
    }

    /// `v.assign(value)`: same shape required, with Keras' message.
    public func assign(_ newValue: Tensor) throws {
        let current = shape
        guard newValue.shape == current else {
            throw TensorError.value("The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape=\(Shape.describe(current)), Received: value.shape=\(newValue.shapeDescription). Target variable: <Variable name=\(name)>")
        }
        let v = floatsOf(newValue)
        try update { p in for i in p.indices { p[i] = v[i] } }
    }

    /// `v.assign_add(delta)` (delta broadcast to the variable's shape).
    public func assignAdd(_ delta: Tensor) throws { try assign(try value + delta) }

    /// `v.assign_sub(delta)`.
    public func assignSub(_ delta: Tensor) throws { try assign(try value - delta) }
}

extension Layer {
    /// Views of every weight, in `weights` order, named by the last part of the KerasLayer's
    /// `weightNames` (`kernel`, `recurrent_kernel`, `bias`, `embeddings`) and trainable as the
    /// layer is (`layer.trainable = False` freezes them). A Sequential lists its layers' weights as
    /// views of those layers, so updates go straight to the owning layer.
    public var weightVariables: [Variable] {
        if let model = self as? Sequential { return model.layers.flatMap { $0.weightVariables } }
        let keras = self as? any KerasLayer
        let names = keras?.weightNames ?? []
        let trainable = keras?.trainable ?? true
        return weights.indices.map { i in
            let name = i < names.count ? String(names[i].split(separator: "/").last ?? Substring(names[i])) : "weight_\(i)"
            return Variable(layer: self, index: i, name: name, trainable: trainable)
        }
    }

    /// Keras' `trainable_variables`: the trainable `weightVariables` (built layers only).
    public var trainableVariables: [Variable] { weightVariables.filter(\.trainable) }
}
