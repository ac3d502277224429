import RNNRuntime

/// `tf.GradientTape(persistent=False, watch_accessed_variables=True)`: records while its `with`
/// block runs (layer calls, `tf.*` ops, Python operators on tracked tensors, `tf.Variable`
/// reads), then `tape.gradient(target, sources)` runs the runtime's reverse pass.
final class GradientTapeObject: NativeObject {
    static let type = PyType(name: "GradientTape", base: BuiltinTypes.object, doc: """
        Records operations for automatic differentiation. Inside `with tf.GradientTape() as tape:` \
        layer and model calls, tf.* functions, Python operators on the tensors they return and \
        tf.Variable reads are recorded; afterwards tape.gradient(loss, model.trainable_variables) \
        gives one gradient array per variable (None where the loss does not depend on it). A \
        non-persistent tape answers one gradient call.
        """, signature: "GradientTape(persistent=False, watch_accessed_variables=True)")

    /// The runtime tape (persistent underneath; `persistent` is enforced here).
    let tape: GradientTape
    let persistent: Bool
    private var used = false
    weak var state: TrainingState?
    /// Arrays given to `tape.watch(x)`: their leaves, kept while the array lives.
    private var watched: [ObjectIdentifier: (array: WeakTensorObject, leaf: TapeTensor)] = [:]

    init(persistent: Bool, watchAccessedVariables: Bool, state: TrainingState) {
        tape = GradientTape(persistent: true, watchAccessedVariables: watchAccessedVariables)
        self.persistent = persistent
        tape.stopRecording()   // ops record only inside the `with` block
        self.state = state
    }

    var typeName: String { "GradientTape" }
    var pythonType: PyType { GradientTapeObject.type }
    var doc: String? { GradientTapeObject.type.doc }
    func repr() throws -> String { "<tensorflow.python.eager.backprop.GradientTape object>" }

    /// Whether an op reading `v` belongs on this tape (a variable read or a watched array).
    func reads(_ v: Value) -> Bool {
        switch v {
        case .object(let t as TrackedTensorObject): return t.tape === self
        case .object(is TFVariableObject), .object(is VariableObject): return true
        case .object(let a as TensorObject): return watchedLeaf(of: a) != nil
        default: return false
        }
    }

    func watchedLeaf(of array: TensorObject) -> TapeTensor? {
        guard let entry = watched[ObjectIdentifier(array)], entry.array.object === array else { return nil }
        return entry.leaf
    }

    // MARK: with

    func enter(interpreter: Interpreter) throws -> Value? {
        if state?.activeTapes.contains(where: { $0 === self }) == true {
            throw PyException(BuiltinTypes.valueError, "Tape is still recording, This can happen if you try to re-enter an already-active tape.")
        }
        tape.startRecording()
        state?.push(self)
        return .object(self)
    }

    func exit(error: PyException?, interpreter: Interpreter) throws -> Bool {
        tape.stopRecording()
        state?.remove(self)
        return false
    }

    // MARK: Methods

    var attributeNames: [String] { ["gradient", "watch", "stop_recording", "watched_variables", "persistent"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: name, signature: sig, doc: doc, body))
        }
        switch name {
        case "persistent": return .bool(persistent)
        case "gradient":
            return method("gradient(target, sources, output_gradients=None, unconnected_gradients='none')",
                          "The gradient of target (summed if not a scalar) with respect to each source: one array per variable or watched tensor, None where unconnected.") { args, interp in
                try self.gradient(args, interp)
            }
        case "watch":
            return method("watch(tensor)", "Makes gradients flow to tensor (an array or variable, or a list of them).") { args, interp in
                let a = try args.bind("watch", ["tensor"], required: 1)
                let items: [Value]
                switch a[0]! {
                case .list, .tuple: items = try interp.toArray(a[0]!)
                default: items = [a[0]!]
                }
                for item in items { try self.watch(item) }
                return .none
            }
        case "stop_recording":
            return method("stop_recording()", "A context manager: ops inside `with tape.stop_recording():` are not recorded.") { args, _ in
                _ = try args.bind("stop_recording", [])
                return .object(TapePause(tape: self.tape))
            }
        case "watched_variables":
            return method("watched_variables()", "Not available in this kernel.") { _, _ in
                throw PyException(BuiltinTypes.notImplementedError, "GradientTape.watched_variables() is not available in this kernel")
            }
        default: return nil
        }
    }

    private func watch(_ item: Value) throws {
        switch item {
        case .object(let v as TFVariableObject): tape.watch(v.variable)
        case .object(let v as VariableObject): tape.watch(TrainingValues.runtimeVariable(v))
        case .object(is TrackedTensorObject): return
        case .object(let a as TensorObject):
            guard a.tensor.dtype == .float32 else { return }
            if watched.count >= 256 { watched = watched.filter { $0.value.array.object != nil } }
            watched[ObjectIdentifier(a)] = (WeakTensorObject(a), tape.watch(a.tensor))
        default:
            throw PyException(BuiltinTypes.valueError, "Passed in object \((try? item.repr()) ?? "?") of type '\(item.typeName)', not tf.Tensor or tf.Variable or ExtensionType.")
        }
    }

    private func gradient(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("gradient", ["target", "sources", "output_gradients", "unconnected_gradients"], required: 2)
        let zeroUnconnected: Bool
        switch a[3] {
        case nil, .none?, .str("none")?: zeroUnconnected = false
        case .str("zero")?: zeroUnconnected = true
        case let v?: throw PyException(BuiltinTypes.valueError, "Unknown value for unconnected_gradients: \((try? v.repr()) ?? "?")")
        }
        let single: Bool
        let sources: [Value]
        switch a[1]! {
        case .list, .tuple: sources = try interp.toArray(a[1]!); single = false
        case .dict: throw PyException(BuiltinTypes.notImplementedError, "tape.gradient with a dict of sources is not supported by this kernel; pass a list")
        default: sources = [a[1]!]; single = true
        }
        var seed: Tensor? = nil
        if let g = a[2], !g.isNone {
            if case .list(let l) = g, l.items.count == 1 { seed = try KerasValues.tensor(l.items[0], interp) } else { seed = try KerasValues.tensor(g, interp) }
        }
        for s in sources {
            switch s {
            case .object(is TFVariableObject), .object(is VariableObject), .object(is TensorObject), .object(is TrackedTensorObject): continue
            default: throw PyException(BuiltinTypes.valueError, "Argument `sources` should be variables or tensors, got \(s.typeName)")
            }
        }
        var results: [Tensor?]
        let shapes = try sources.map { try TapeOps.plainTensor($0).shape }
        if case .object(let target as TrackedTensorObject) = a[0]!, target.tape === self {
            var variables: [(Int, Variable)] = [], tensors: [(Int, TapeTensor)] = []
            for (i, s) in sources.enumerated() {
                switch s {
                case .object(let v as TFVariableObject): variables.append((i, v.variable))
                case .object(let v as VariableObject): variables.append((i, TrainingValues.runtimeVariable(v)))
                case .object(let t as TrackedTensorObject) where t.tape === self: tensors.append((i, t.node))
                case .object(let arr as TensorObject):
                    guard let leaf = watchedLeaf(of: arr) else { continue }
                    tensors.append((i, leaf))
                default: continue   // another tape's tensor: not connected
                }
            }
            results = [Tensor?](repeating: nil, count: sources.count)
            let (vg, tg) = try numpyCall { try self.gradients(target.node, variables.map(\.1), tensors.map(\.1), seed: seed) }
            for ((i, _), g) in zip(variables, vg) { results[i] = g }
            for ((i, _), g) in zip(tensors, tg) { results[i] = g }
        } else {
            // A target the tape did not record (a constant, or another tape's): nothing is connected.
            if case .object(let t as TrackedTensorObject) = a[0]!, t.tape !== self {
                throw PyException(BuiltinTypes.valueError, "The target was recorded by another GradientTape; call gradient on that tape")
            }
            try numpyCall { try self.markUsed() }
            results = [Tensor?](repeating: nil, count: sources.count)
        }
        if zeroUnconnected {
            for i in results.indices where results[i] == nil { results[i] = try numpyCall { try Tensor.zeros(shapes[i]) } }
        }
        let values = results.map { $0.map { Value.object(TensorObject($0)) } ?? .none }
        return single ? values[0] : .list(values)
    }

    /// Variables' and tensors' gradients (two reverse passes when both kinds are asked).
    private func gradients(_ target: TapeTensor, _ variables: [Variable], _ tensors: [TapeTensor], seed: Tensor?) throws -> ([Tensor?], [Tensor?]) {
        try markUsed()
        let vg = variables.isEmpty ? [] : try tape.gradient(target, variables, outputGradient: seed)
        let tg = tensors.isEmpty ? [] : try tape.gradient(target, tensors: tensors, outputGradient: seed)
        return (vg, tg)
    }

    /// A non-persistent tape answers once, even when nothing was connected (TF's rule). The
    /// runtime tape is always persistent so one call can ask for variables and tensors alike.
    private func markUsed() throws {
        if used && !persistent {
            throw TensorError(.runtimeError, "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)")
        }
        used = true
        if !persistent { tape.stopRecording() }
    }
}

/// `with tape.stop_recording():` — pauses the tape for the block.
final class TapePause: NativeObject {
    let tape: GradientTape
    init(tape: GradientTape) { self.tape = tape }
    var typeName: String { "_GeneratorContextManager" }
    func enter(interpreter: Interpreter) throws -> Value? { tape.stopRecording(); return Value.none }
    func exit(error: PyException?, interpreter: Interpreter) throws -> Bool { tape.startRecording(); return false }
}

/// An array held weakly (a watched array that is freed stops being watched).
final class WeakTensorObject {
    weak var object: TensorObject?
    init(_ object: TensorObject) { self.object = object }
}
