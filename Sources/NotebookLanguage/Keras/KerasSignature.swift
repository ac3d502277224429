import RNNRuntime

/// A Keras constructor's parameters in Keras' order with their defaults, bound the way Python
/// and Keras bind them: too many positionals or a missing `units` are Python's TypeErrors
/// (`LSTM.__init__() missing 1 required positional argument: 'units'`); a keyword Keras does not
/// know is Keras' own ValueError (`Unrecognized keyword arguments passed to LSTM: {'foo': 1}`).
struct KerasSignature {
    /// One parameter; `defaultText` is how the default prints (`'tanh'`, `False`), nil when required.
    struct Parameter {
        let name: String
        let defaultText: String?
    }

    let className: String
    let parameters: [Parameter]
    /// Whether unknown keywords flow into Keras' `Layer.__init__(**kwargs)` (a ValueError there)
    /// rather than Python's own binding (a TypeError: functions such as `Input`).
    let isLayer: Bool
    /// Keywords the class pops from `**kwargs` itself (LSTM's `implementation`, Embedding's
    /// deprecated `input_length`): accepted, not shown in the signature.
    let extraKeywords: [String]
    /// Python's name for the function in TypeErrors (`LSTM.__init__`, `Input`).
    let callName: String

    /// Keywords `Layer.__init__` takes besides the class's own (Keras 3 `layers/layer.py`).
    static let layerKeywords = ["activity_regularizer", "trainable", "dtype", "autocast", "name", "input_dim", "input_shape"]

    /// `"name=default"` pairs, a bare name for a required parameter.
    init(_ className: String, _ spec: [String], isLayer: Bool = true, extraKeywords: [String] = [], callName: String? = nil) {
        self.className = className
        self.isLayer = isLayer
        self.extraKeywords = extraKeywords
        self.callName = callName ?? (isLayer ? "\(className).__init__" : className)
        parameters = spec.map { item in
            guard let eq = item.firstIndex(of: "=") else { return Parameter(name: item, defaultText: nil) }
            return Parameter(name: String(item[..<eq]), defaultText: String(item[item.index(after: eq)...]))
        }
    }

    /// As inspection shows it: `LSTM(units, activation='tanh', ..., **kwargs)`.
    var text: String {
        let parts = parameters.map { p in p.defaultText.map { "\(p.name)=\($0)" } ?? p.name }
        return "\(className)(" + (parts + (isLayer ? ["**kwargs"] : [])).joined(separator: ", ") + ")"
    }

    /// Binds a call's arguments; the result knows which were given.
    func bind(_ args: Arguments) throws -> KerasArguments {
        let required = parameters.filter { $0.defaultText == nil }.count
        if args.positional.count > parameters.count {
            let extra = callName.hasSuffix(".__init__") ? 1 : 0   // Python counts `self`
            let lo = required + extra, hi = parameters.count + extra
            let range = lo == hi ? "\(lo)" : "from \(lo) to \(hi)"
            let noun = hi == 1 ? "argument" : "arguments"
            throw PyException(BuiltinTypes.typeError, "\(callName)() takes \(range) positional \(noun) but \(args.positional.count + extra) were given")
        }
        var values: [String: Value] = [:]
        for (p, v) in zip(parameters, args.positional) { values[p.name] = v }
        var unknown: [(String, Value)] = []
        for (k, v) in args.keywords {
            if parameters.contains(where: { $0.name == k }) {
                if values[k] != nil { throw PyException(BuiltinTypes.typeError, "\(callName)() got multiple values for argument '\(k)'") }
                values[k] = v
            } else if isLayer && (KerasSignature.layerKeywords.contains(k) || extraKeywords.contains(k)) {
                values[k] = v
            } else {
                unknown.append((k, v))
            }
        }
        let missing = parameters.filter { $0.defaultText == nil && values[$0.name] == nil }.map { "'\($0.name)'" }
        if !missing.isEmpty {
            let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
            throw PyException(BuiltinTypes.typeError, "\(callName)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        if let first = unknown.first {
            let known = parameters.map(\.name) + (isLayer ? KerasSignature.layerKeywords : [])
            let hint = Suggestions.closest(to: first.0, in: known).map { ". Did you mean: '\($0)'?" } ?? ""
            guard isLayer else {
                throw PyException(BuiltinTypes.typeError, "\(callName)() got an unexpected keyword argument '\(first.0)'\(hint)")
            }
            let shown = try unknown.map { "'\($0.0)': \(try $0.1.repr())" }.joined(separator: ", ")
            throw PyException(BuiltinTypes.valueError, "Unrecognized keyword arguments passed to \(className): {\(shown)}\(hint)")
        }
        return KerasArguments(className: className, values: values, ownParameters: Set(parameters.map(\.name)))
    }
}

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

/// Shape arguments as Keras takes them: tuples of ints with None for unknown sizes.
enum KerasShapes {
    /// A shape tuple/list (or a bare int) with None allowed: `(2, 10)`, `(None, 10)`, `10`.
    static func sampleShape(_ v: Value, _ interp: Interpreter, what: String) throws -> [Int?] {
        let items: [Value]
        switch v {
        case .int: items = [v]
        case .tuple, .list: items = try interp.toArray(v)
        default:
            throw PyException(BuiltinTypes.valueError, "Cannot convert '\((try? v.str()) ?? "?")' to a shape. (`\(what)` should be a tuple of integers, e.g. (2, 10))")
        }
        return try items.map { item in
            if item.isNone { return nil }
            guard case .int(let i) = item, i >= 0 else {
                throw PyException(BuiltinTypes.valueError, "Cannot convert '\((try? v.str()) ?? "?")' to a shape. Found invalid entry '\((try? item.str()) ?? "?")'.")
            }
            return Int(i)
        }
    }

    /// A symbolic shape as the Python tuple Keras returns (`(None, 20)`).
    static func tuple(_ shape: [Int?]) -> Value {
        .tuple(shape.map { $0.map { .int(Int64($0)) } ?? .none })
    }
}
