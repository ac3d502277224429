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
