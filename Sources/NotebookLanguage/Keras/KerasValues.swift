import RNNRuntime

/// Conversions between cell values and runtime tensors for Keras calls.
enum KerasValues {
    /// An array-like as a tensor; Keras takes NumPy arrays, nested lists and scalars alike.
    static func tensor(_ v: Value, _ interp: Interpreter) throws -> Tensor {
        if case .object(let variable as VariableObject) = v { return try variable.value() }
        return try NumPyBridge.tensor(v, interp)
    }

    /// A list of array-likes (`set_weights([...])`).
    static func tensors(_ v: Value, _ interp: Interpreter) throws -> [Tensor] {
        switch v {
        case .list, .tuple: return try interp.toArray(v).map { try tensor($0, interp) }
        default:
            throw PyException(BuiltinTypes.typeError, "expected a list of arrays, got '\(v.typeName)'")
        }
    }
}

/// Cell values that are layers: a layer object, a model, or `keras.Input(...)`'s tensor (its InputLayer).
enum KerasLayerValues {
    static func layer(_ v: Value) -> (layer: any KerasLayer, value: Value)? {
        switch v {
        case .object(let l as LayerObject): return (l.layer, v)
        case .object(let m as ModelObject): return (m.model, v)
        case .object(let t as KerasTensorObject):
            guard let input = t.inputLayer else { return nil }
            return (input.layer, .object(input))
        default: return nil
        }
    }
}
