import RNNRuntime

/// Bound constructor arguments with Keras' conversions and checks.
struct KerasArguments {
    let className: String
    let values: [String: Value]
    /// The class's own parameter names (Embedding's `input_dim` is its vocabulary size, not
    /// `Layer`'s input_dim keyword).
    let ownParameters: Set<String>

    /// The value given for `name` (positionally or by keyword), nil when left at its default.
    subscript(_ name: String) -> Value? { values[name] }

    /// Whether `name` was given and is not None.
    func isSet(_ name: String) -> Bool {
        guard let v = values[name] else { return false }
        return !v.isNone
    }

    func int(_ name: String, default fallback: Int? = nil) throws -> Int {
        guard let v = values[name], !v.isNone else {
            if let fallback { return fallback }
            throw PyException(BuiltinTypes.typeError, "\(className): `\(name)` must be an integer, got None")
        }
        switch v {
        case .int(let i): return Int(i)
        case .bool(let b): return b ? 1 : 0
        case .object(let o as TensorObject) where o.tensor.dtype.isIntegral && o.tensor.ndim == 0: return Int(o.tensor.ints[0])
        default:
            throw PyException(BuiltinTypes.typeError, "\(className): `\(name)` must be an integer, got \(try v.repr()) (of type \(v.typeName))")
        }
    }

    /// A size argument (`units`, `input_dim`): an integer no larger than an array may be, so
    /// products such as LSTM's 4·units cannot overflow (sizes below 1 are the layer's own error).
    func size(_ name: String) throws -> Int {
        let n = try int(name)
        guard n <= Shape.maxElements else {
            throw PyException(BuiltinTypes.valueError, "\(className): `\(name)`=\(n) is too large; weights are limited to \(Shape.maxElements) elements")
        }
        return n
    }

    /// Python truthiness, as Keras reads its boolean flags.
    func bool(_ name: String, default fallback: Bool) -> Bool {
        guard let v = values[name] else { return fallback }
        return v.isTruthy
    }

    func double(_ name: String, default fallback: Double) throws -> Double {
        guard let v = values[name], !v.isNone else { return fallback }
        guard let d = v.doubleValue else {
            throw PyException(BuiltinTypes.typeError, "\(className): `\(name)` must be a number, got \(try v.repr()) (of type \(v.typeName))")
        }
        return d
    }

    /// A string argument; None gives nil.
    func string(_ name: String) throws -> String? {
        guard let v = values[name], !v.isNone else { return nil }
        guard case .str(let s) = v else {
            throw PyException(BuiltinTypes.typeError, "\(className): `\(name)` must be a string, got \(try v.repr()) (of type \(v.typeName))")
        }
        return s
    }

    /// An argument this kernel supports only at one value (its Keras default, usually): anything
    /// else is a NotImplementedError that says what runs instead, never a silent difference.
    func requireOnly(_ name: String, _ accepted: [String], shownAs shown: String) throws {
        guard let v = values[name] else { return }
        let text: String
        switch v {
        case .none: text = "None"
        case .str(let s): text = s
        case .bool(let b): text = b ? "True" : "False"
        case .builtin(let b): text = b.name
        default: text = (try? v.repr()) ?? v.typeName
        }
        if accepted.contains(text) { return }
        throw PyException(BuiltinTypes.notImplementedError,
                          "\(className)(\(name)=\((try? v.repr()) ?? text)) is not supported by this kernel yet; \(className) runs with \(name)=\(shown)")
    }

    /// Initializer, regularizer and constraint arguments: only Keras' default is supported.
    func requireDefaults(_ names: [(String, String?)]) throws {
        for (name, def) in names {
            if let def { try requireOnly(name, [def], shownAs: "'\(def)'") } else { try requireOnly(name, ["None"], shownAs: "None") }
        }
    }

    /// `name=`: a string without `/` (Keras' rule), or nil for an automatic name.
    func layerName() throws -> String? {
        guard let v = values["name"], !v.isNone else { return nil }
        guard case .str(let s) = v, !s.contains("/") else {
            throw PyException(BuiltinTypes.valueError, "Argument `name` must be a string and cannot contain character `/`. Received: name=\((try? v.str()) ?? "?") (of type <class '\(v.typeName)'>)")
        }
        return s
    }

    /// `trainable=`: Keras insists on a real boolean.
    func trainable() throws -> Bool {
        guard let v = values["trainable"] else { return true }
        guard case .bool(let b) = v else {
            throw PyException(BuiltinTypes.valueError, "Expected `trainable` to be a boolean. Received: trainable=\((try? v.str()) ?? "?") (of type <class '\(v.typeName)'>)")
        }
        return b
    }

    /// `dtype=`: float32 only (the runtime computes in float32).
    func checkDType() throws {
        guard let v = values["dtype"], !v.isNone else { return }
        switch v {
        case .str("float32"): return
        case .object(let o as DTypeObject) where o.dtype == .float32: return
        default: break
        }
        throw PyException(BuiltinTypes.notImplementedError, "\(className)(dtype=\((try? v.repr()) ?? "?")) is not supported by this kernel yet; layers compute in float32")
    }

    /// `input_shape=` / `input_dim=` (Keras 3 keeps them to build the first layer of a Sequential):
    /// the per-sample shape, batch excluded.
    func declaredInputShape(_ interp: Interpreter) throws -> [Int?]? {
        var shape: [Int?]? = nil
        if !ownParameters.contains("input_dim"), isSet("input_dim") {
            shape = [try int("input_dim")]
        } else if !ownParameters.contains("input_shape"), let v = values["input_shape"], !v.isNone {
            shape = try KerasShapes.sampleShape(v, interp, what: "input_shape")
        }
        if shape != nil {
            interp.output.write("UserWarning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.\n", stream: "stderr")
        }
        return shape
    }
}
