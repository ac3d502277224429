import RNNRuntime

/// `tf.keras.optimizers.Adam(...)` in a cell: the runtime's optimizer with Keras' attributes
/// (`learning_rate` readable and settable, `iterations`, `get_config()`) and methods
/// (`apply_gradients(zip(grads, vars))`, `apply(grads, vars)`).
final class OptimizerObject: NativeObject {
    let optimizer: Optimizer
    let optimizerClass: PyType
    /// Keras' `name` (`adam`, `SGD`: each class's default as Keras spells it).
    let name: String
    /// The class's own constructor arguments as given or defaulted, for `get_config()`.
    let config: [(String, Value)]

    init(_ optimizer: Optimizer, class optimizerClass: PyType, name: String, config: [(String, Value)]) {
        self.optimizer = optimizer
        self.optimizerClass = optimizerClass
        self.name = name
        self.config = config
    }

    var typeName: String { optimizerClass.name }
    var pythonType: PyType { optimizerClass }
    var doc: String? { optimizerClass.doc }
    func repr() throws -> String { "<keras.src.optimizers.\(optimizer.className.lowercased()).\(optimizer.className) object>" }

    static let attributes = ["name", "learning_rate", "iterations", "clipnorm", "global_clipnorm", "clipvalue",
                             "apply_gradients", "apply", "get_config", "variables"]
    var attributeNames: [String] { Array(Set(OptimizerObject.attributes + config.map(\.0))).sorted() }

    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: attribute, signature: sig, doc: doc, body))
        }
        func optional(_ f: Float?) -> Value { f.map { NumPyBridge.pyFloat($0) } ?? .none }
        switch attribute {
        case "name": return .str(name)
        case "learning_rate", "lr": return .object(LearningRateObject(owner: self))
        case "iterations": return .int(Int64(optimizer.iterations))
        case "clipnorm": return optional(optimizer.clipnorm)
        case "global_clipnorm": return optional(optimizer.globalClipnorm)
        case "clipvalue": return optional(optimizer.clipvalue)
        case "apply_gradients":
            return method("apply_gradients(grads_and_vars)", "Updates each variable with its gradient (pairs as zip(grads, model.trainable_variables) gives them); None gradients are skipped.") { args, interp in
                let a = try args.bind("apply_gradients", ["grads_and_vars"], required: 1)
                var grads: [Value] = [], vars: [Value] = []
                for pair in try interp.toArray(a[0]!) {
                    let items = try interp.toArray(pair)
                    guard items.count == 2 else {
                        throw PyException(BuiltinTypes.valueError, "apply_gradients expects (gradient, variable) pairs, got an item of length \(items.count)")
                    }
                    grads.append(items[0]); vars.append(items[1])
                }
                try self.apply(grads, vars, interp)
                return .int(Int64(self.optimizer.iterations))
            }
        case "apply":
            return method("apply(grads, trainable_variables=None)", "Updates the variables with their gradients (two lists in the same order).") { args, interp in
                let a = try args.bind("apply", ["grads", "trainable_variables"], required: 2)
                try self.apply(try interp.toArray(a[0]!), try interp.toArray(a[1]!), interp)
                return .int(Int64(self.optimizer.iterations))
            }
        case "get_config":
            return method("get_config()", "The optimizer's configuration as a dict.") { args, _ in
                _ = try args.bind("get_config", [])
                let d = PyDict()
                try d.set(.str("name"), .str(self.name))
                try d.set(.str("learning_rate"), NumPyBridge.pyFloat(self.optimizer.learningRate))
                for (k, v) in self.config where k != "learning_rate" { try d.set(.str(k), v) }
                try d.set(.str("clipnorm"), optional(self.optimizer.clipnorm))
                try d.set(.str("global_clipnorm"), optional(self.optimizer.globalClipnorm))
                try d.set(.str("clipvalue"), optional(self.optimizer.clipvalue))
                return .dict(d)
            }
        case "variables":
            return .list([.int(Int64(optimizer.iterations)), NumPyBridge.pyFloat(optimizer.learningRate)])
        default:
            return config.first(where: { $0.0 == attribute })?.1
        }
    }

    func setAttribute(_ attribute: String, value: Value) throws -> Bool {
        switch attribute {
        case "learning_rate", "lr":
            optimizer.learningRate = try LearningRateObject.rate(from: value)
            return true
        default:
            if OptimizerObject.attributes.contains(attribute) || config.contains(where: { $0.0 == attribute }) {
                throw PyException(BuiltinTypes.attributeError, "property '\(attribute)' of '\(typeName)' object has no setter")
            }
            return false
        }
    }

    /// Gradients (arrays or None) applied to variables (layer weights or `tf.Variable`s).
    func apply(_ grads: [Value], _ vars: [Value], _ interp: Interpreter) throws {
        guard grads.count == vars.count else {
            throw PyException(BuiltinTypes.valueError, "Received \(grads.count) gradients for \(vars.count) variables")
        }
        let variables = try vars.map { v -> Variable in
            guard let variable = TrainingValues.variable(v) else {
                throw PyException(BuiltinTypes.typeError, "apply_gradients expects variables (model.trainable_variables or tf.Variable), got \(v.typeName)")
            }
            return variable
        }
        let gradients = try grads.map { g -> Tensor? in g.isNone ? nil : try KerasValues.tensor(g, interp) }
        try numpyCall { try optimizer.apply(gradients, to: variables) }
    }
}

/// `optimizer.learning_rate`: Keras 3 returns a scalar variable; this one reads and writes the
/// optimizer's rate (`.numpy()`, `.assign(x)`, `float(lr)`, arithmetic).
final class LearningRateObject: NativeObject, TensorConvertible {
    let owner: OptimizerObject
    init(owner: OptimizerObject) { self.owner = owner }
    func tensorValue() throws -> Tensor { Tensor(rate) }

    var typeName: String { "Variable" }
    var pythonType: PyType { VariableObject.type }
    var rate: Float { owner.optimizer.learningRate }
    func repr() throws -> String {
        "<KerasVariable shape=(), dtype=float32, path=\(owner.name)/learning_rate, value=\(rate)>"
    }
    func str() throws -> String { String(rate) }

    /// A learning rate given as a number, array of one element or another learning rate.
    static func rate(from value: Value) throws -> Float {
        if case .object(let lr as LearningRateObject) = value { return lr.rate }
        guard let d = try? NumPyBridge.double(value), d.isFinite, d >= 0 else {
            throw PyException(BuiltinTypes.valueError, "learning_rate must be a non-negative finite number, got \((try? value.repr()) ?? value.typeName)")
        }
        return Float(d)
    }

    var attributeNames: [String] { ["numpy", "assign", "value", "shape", "dtype", "path"] }
    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "numpy", "__float__":
            return .builtin(BuiltinFunction(name: attribute, signature: "\(attribute)()", doc: "The learning rate as a number.") { args, _ in
                _ = try args.bind(attribute, [])
                return NumPyBridge.pyFloat(self.rate)
            })
        case "assign":
            return .builtin(BuiltinFunction(name: "assign", signature: "assign(value)", doc: "Sets the optimizer's learning rate.") { args, _ in
                let a = try args.bind("assign", ["value"], required: 1)
                self.owner.optimizer.learningRate = try LearningRateObject.rate(from: a[0]!)
                return .object(self)
            })
        case "value": return NumPyBridge.pyFloat(rate)
        case "shape": return .tuple([])
        case "dtype": return .str("float32")
        case "path": return .str("\(owner.name)/learning_rate")
        default: return nil
        }
    }

    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? {
        try TensorObject(Tensor(rate)).binaryOperation(op, other: other, reflected: reflected)
    }
    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        try TensorObject(Tensor(rate)).compare(op, other: other)
    }
}
