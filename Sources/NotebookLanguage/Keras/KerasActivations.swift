import RNNRuntime

/// Activation names as Keras resolves them (`None` is linear).
enum KerasActivations {
    /// Every name `keras.activations.get` accepts, to tell "not in this kernel" from "no such activation".
    static let kerasNames = ["celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu",
                             "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish",
                             "relu", "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus",
                             "softsign", "sparse_plus", "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink", "threshold"]

    /// The activation `value` names: a string, None, or a function such as `tf.nn.relu`.
    static func resolve(_ value: Value?, layer: String, argument: String = "activation") throws -> Activation {
        guard let value else { return .linear }
        let name: String
        switch value {
        case .none: return .linear
        case .str(let s): name = s
        case .builtin(let b): name = b.name
        default: throw PyException(BuiltinTypes.valueError, "Could not interpret activation function identifier: \((try? value.str()) ?? "?")")
        }
        if let a = Activation(rawValue: name) { return a }
        guard kerasNames.contains(name) else {
            throw PyException(BuiltinTypes.valueError, "Could not interpret activation function identifier: \(name)")
        }
        let available = ["linear", "relu", "sigmoid", "softmax", "tanh"].joined(separator: ", ")
        throw PyException(BuiltinTypes.notImplementedError, "\(layer)(\(argument)='\(name)') is not supported by this kernel yet; activations available: \(available)")
    }
}
