import RNNRuntime

/// `save_weights` / `load_weights` with Python's file errors (the format is the runtime's `.npz`,
/// one array per weight named by Keras' saving keys; numpy.load reads it).
enum WeightFileBinding {
    static func save(_ layer: any KerasLayer, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("save_weights", ["filepath", "overwrite", "max_shard_size"], required: 1)
        let path = try BinaryFile.path(a[0]!)
        do {
            try numpyCall { try layer.saveWeights(path) }
        } catch is NPYError {
            // Reproduce the failure through open(2) for Python's errno wording.
            try BinaryFile.write(path, [])
            throw PyException(BuiltinTypes.osError, "could not write the weights to '\(path)'")
        }
        return .none
    }

    static func load(_ layer: any KerasLayer, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("load_weights", ["filepath", "skip_mismatch"], required: 1)
        if a[1]?.isTruthy == true {
            throw PyException(BuiltinTypes.notImplementedError, "load_weights(skip_mismatch=True) is not supported by this kernel yet; every weight must match")
        }
        let path = try BinaryFile.path(a[0]!)
        _ = try BinaryFile.read(path)   // a missing or unreadable file is Python's OSError
        do {
            try numpyCall { try layer.loadWeights(path) }
        } catch let e as NPYError {
            throw PyException(BuiltinTypes.valueError, e.message)
        }
        return .none
    }
}
