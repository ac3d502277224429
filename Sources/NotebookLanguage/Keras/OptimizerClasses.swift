import RNNRuntime

/// `keras.optimizers`: SGD, Adam, RMSprop, Adagrad with Keras 3's signatures and defaults, and
/// `optimizers.get(identifier)`. Arguments Keras has but the runtime does not implement
/// (weight_decay, use_ema, ...) are refused unless left at their defaults.
enum OptimizerClasses {
    /// Keras 3's common optimizer arguments after each class's own.
    static let common = ["weight_decay=None", "clipnorm=None", "clipvalue=None", "global_clipnorm=None",
                         "use_ema=False", "ema_momentum=0.99", "ema_overwrite_frequency=None",
                         "loss_scale_factor=None", "gradient_accumulation_steps=None"]

    struct Spec {
        let name: String
        /// Keras' default `name=` (`adam`, `SGD`).
        let defaultName: String
        let own: [(String, Double)]
        let flags: [(String, Bool)]
        let doc: String
        let make: (BoundOptimizerArguments) throws -> Optimizer
    }

    static let specs: [Spec] = [
        Spec(name: "SGD", defaultName: "SGD", own: [("learning_rate", 0.01), ("momentum", 0)], flags: [("nesterov", false)],
             doc: "Gradient descent with optional (Nesterov) momentum: w -= learning_rate * g, or with momentum m = momentum * m - learning_rate * g; w += m.") { a in
            try SGD(learningRate: a.number("learning_rate"), momentum: a.number("momentum"), nesterov: a.flag("nesterov"),
                    clipnorm: a.clipnorm, globalClipnorm: a.globalClipnorm, clipvalue: a.clipvalue)
        },
        Spec(name: "Adam", defaultName: "adam", own: [("learning_rate", 0.001), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", 1e-7)],
             flags: [("amsgrad", false)],
             doc: "Adam: per-weight step sizes from running means of the gradient and its square (bias-corrected).") { a in
            try Adam(learningRate: a.number("learning_rate"), beta1: a.number("beta_1"), beta2: a.number("beta_2"),
                     epsilon: a.number("epsilon"), amsgrad: a.flag("amsgrad"),
                     clipnorm: a.clipnorm, globalClipnorm: a.globalClipnorm, clipvalue: a.clipvalue)
        },
        Spec(name: "RMSprop", defaultName: "rmsprop", own: [("learning_rate", 0.001), ("rho", 0.9), ("momentum", 0), ("epsilon", 1e-7)],
             flags: [("centered", false)],
             doc: "RMSprop: divides the gradient by a running root mean square of recent gradients.") { a in
            try RMSprop(learningRate: a.number("learning_rate"), rho: a.number("rho"), momentum: a.number("momentum"),
                        epsilon: a.number("epsilon"), centered: a.flag("centered"),
                        clipnorm: a.clipnorm, globalClipnorm: a.globalClipnorm, clipvalue: a.clipvalue)
        },
        Spec(name: "Adagrad", defaultName: "adagrad", own: [("learning_rate", 0.001), ("initial_accumulator_value", 0.1), ("epsilon", 1e-7)],
             flags: [],
             doc: "Adagrad: per-weight step sizes that shrink with the sum of past squared gradients.") { a in
            try Adagrad(learningRate: a.number("learning_rate"), initialAccumulatorValue: a.number("initial_accumulator_value"),
                        epsilon: a.number("epsilon"), clipnorm: a.clipnorm, globalClipnorm: a.globalClipnorm, clipvalue: a.clipvalue)
        },
    ]

    static func signature(_ spec: Spec) -> String {
        let own = spec.own.map { "\($0.0)=\(Self.show($0.1))" } + spec.flags.map { "\($0.0)=\($0.1 ? "True" : "False")" }
        return "\(spec.name)(" + (own + common + ["name='\(spec.defaultName)'", "**kwargs"]).joined(separator: ", ") + ")"
    }

    /// Python's repr of a default (Swift prints 1e-07 and 0.001 the same way).
    static func show(_ d: Double) -> String { "\(d)" }

    /// The classes as Python types, sharing one base `Optimizer` type.
    static func types() -> (base: PyType, classes: [(String, PyType)]) {
        let base = PyType(name: "Optimizer", base: BuiltinTypes.object,
                          doc: "The base class of Keras optimizers (for isinstance; make one with SGD, Adam, RMSprop or Adagrad).")
        var out: [(String, PyType)] = []
        for spec in specs {
            final class Holder { weak var type: PyType? }
            let holder = Holder()
            let type = PyType(name: spec.name, base: base, doc: spec.doc + "\n\nlearning_rate can be changed later (optimizer.learning_rate = 0.01); clipnorm, clipvalue or global_clipnorm (one of them) clips gradients first.",
                              signature: signature(spec)) { args, _ in
                guard let type = holder.type else { throw PyException(BuiltinTypes.runtimeError, "the optimizer class is gone") }
                return .object(try make(spec, args, type: type))
            }
            holder.type = type
            out.append((spec.name, type))
        }
        return (base, out)
    }

    static func make(_ spec: Spec, _ args: Arguments, type: PyType) throws -> OptimizerObject {
        let names = spec.own.map(\.0) + spec.flags.map(\.0) + common.map { String($0.split(separator: "=")[0]) } + ["name"]
        if args.keyword("lr") != nil {
            throw PyException(BuiltinTypes.valueError, "Argument `lr` is no longer supported. Please use `learning_rate` instead.")
        }
        let unknown = args.keywords.filter { !names.contains($0.name) && $0.name != "decay" }
        if !unknown.isEmpty {
            let shown = try unknown.map { "'\($0.name)': \(try $0.value.repr())" }.joined(separator: ", ")
            throw PyException(BuiltinTypes.valueError, "Argument(s) not recognized: {\(shown)}")
        }
        let bound = try Arguments(args.positional, keywords: args.keywords.filter { $0.name != "decay" })
            .bind("\(spec.name).__init__", names)
        var values: [String: Value] = [:]
        for (n, v) in zip(names, bound) { if let v { values[n] = v } }
        let a = BoundOptimizerArguments(className: spec.name, values: values, defaults: Dictionary(uniqueKeysWithValues: spec.own),
                                        flagDefaults: Dictionary(uniqueKeysWithValues: spec.flags))
        for (n, accepted) in [("weight_decay", "None"), ("use_ema", "False"), ("ema_overwrite_frequency", "None"),
                              ("loss_scale_factor", "None"), ("gradient_accumulation_steps", "None")] {
            if let v = values[n], (v.isNone ? "None" : (try? v.repr()) ?? "") != accepted, !(accepted == "False" && !v.isTruthy) {
                throw PyException(BuiltinTypes.notImplementedError, "\(spec.name)(\(n)=\((try? v.repr()) ?? "?")) is not supported by this kernel yet")
            }
        }
        let optimizer = try numpyCall { try spec.make(a) }
        var name = spec.defaultName
        if let v = values["name"], !v.isNone {
            guard case .str(let s) = v else { throw PyException(BuiltinTypes.typeError, "\(spec.name): `name` must be a string") }
            name = s
        }
        var config: [(String, Value)] = []
        for (k, _) in spec.own { config.append((k, .float(try a.number(k)))) }
        for (k, _) in spec.flags { config.append((k, .bool(a.flag(k)))) }
        return OptimizerObject(optimizer, class: type, name: name, config: config)
    }

    /// `optimizers.get('adam')` / `compile(optimizer='adam')`: an optimizer with defaults.
    static func named(_ name: String, classes: [(String, PyType)]) throws -> OptimizerObject {
        guard let spec = specs.first(where: { $0.name.lowercased() == name.lowercased() }),
              let type = classes.first(where: { $0.0 == spec.name })?.1 else {
            throw PyException(BuiltinTypes.valueError, "Could not interpret optimizer identifier: \(name)")
        }
        return try make(spec, Arguments(), type: type)
    }
}

/// Bound optimizer arguments with Keras' checks (numbers must be numbers, flags booleans).
struct BoundOptimizerArguments {
    let className: String
    let values: [String: Value]
    let defaults: [String: Double]
    let flagDefaults: [String: Bool]

    func number(_ name: String) throws -> Double {
        guard let v = values[name], !v.isNone else { return defaults[name] ?? 0 }
        if case .object(let lr as LearningRateObject) = v { return Double(lr.rate) }
        guard let d = try? NumPyBridge.double(v) else {
            throw PyException(BuiltinTypes.typeError, "\(className): `\(name)` must be a number, got \((try? v.repr()) ?? "?") (of type \(v.typeName))")
        }
        guard d.isFinite else { throw PyException(BuiltinTypes.valueError, "\(className): `\(name)` must be finite, got \(d)") }
        if name == "learning_rate", d < 0 {
            throw PyException(BuiltinTypes.valueError, "\(className): `learning_rate` must be non-negative, got \(d)")
        }
        return d
    }

    func flag(_ name: String) -> Bool { values[name]?.isTruthy ?? flagDefaults[name] ?? false }

    private func clip(_ name: String) throws -> Double? {
        guard let v = values[name], !v.isNone else { return nil }
        guard let d = try? NumPyBridge.double(v), d.isFinite, d >= 0 else {
            throw PyException(BuiltinTypes.valueError, "\(className): `\(name)` must be a non-negative number, got \((try? v.repr()) ?? "?")")
        }
        return d
    }

    var clipnorm: Double? { get throws { try clip("clipnorm") } }
    var globalClipnorm: Double? { get throws { try clip("global_clipnorm") } }
    var clipvalue: Double? { get throws { try clip("clipvalue") } }
}
