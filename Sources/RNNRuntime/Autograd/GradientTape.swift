// Reverse-mode autograd as a Wengert list (micrograd's idea, TF's `GradientTape` surface):
// while recording, every op whose inputs need a gradient appends a record (inputs, outputs,
// backward closure) and returns `TapeTensor`s; `gradient` walks the records newest first,
// hands each its outputs' accumulated gradients and adds what it returns into its inputs'.
// Records run in reverse creation order, which is a valid reverse topological order because an
// op's inputs always exist before it. Ops whose inputs need no gradient are not recorded.
// Op definitions (forward and backward side by side) are in GradientTape+*.swift.

/// A tensor a tape knows: its value and whether gradients flow to it.
public final class TapeTensor {
    /// The forward value.
    public let value: Tensor
    /// Whether it depends on something watched (only such tensors get records and gradients).
    public let requiresGradient: Bool
    /// The variable this tensor reads (leaves made by `GradientTape.read`).
    public let variable: Variable?

    init(_ value: Tensor, requiresGradient: Bool, variable: Variable? = nil) {
        self.value = value
        self.requiresGradient = requiresGradient && value.dtype == .float32
        self.variable = variable
    }

    public var shape: [Int] { value.shape }
}

/// One recorded op: `backward` maps the outputs' gradients (nil = zero) to the inputs' (nil = none).
struct TapeRecord {
    let name: String
    let inputs: [TapeTensor]
    let outputs: [TapeTensor]
    let backward: ([Tensor?]) throws -> [Tensor?]
}

/// `tf.GradientTape`: records ops while active, then computes gradients of a target.
public final class GradientTape {
    /// Whether `gradient` may be called more than once.
    public let persistent: Bool
    /// Whether reading a trainable variable watches it (TF's `watch_accessed_variables`).
    public let watchAccessedVariables: Bool
    /// Whether ops are being recorded (false after `stopRecording()` or a non-persistent `gradient`).
    public private(set) var isRecording = true
    private(set) var records: [TapeRecord] = []
    /// Every leaf that reads a variable, by variable identity.
    private var variableReads: [VariableID: [TapeTensor]] = [:]
    private var watchedVariables: Set<VariableID> = []
    private var used = false

    public init(persistent: Bool = false, watchAccessedVariables: Bool = true) {
        self.persistent = persistent
        self.watchAccessedVariables = watchAccessedVariables
    }

    /// Ends recording (`with` block exit); recorded ops stay available to `gradient`.
    public func stopRecording() { isRecording = false }
    /// Resumes recording.
    public func startRecording() { isRecording = true }

    /// `tape.watch(variable)`: gradients will flow to it even if not trainable.
    public func watch(_ variable: Variable) { watchedVariables.insert(variable.id) }

    /// `tape.watch(tensor)`: a leaf that gradients flow to.
    public func watch(_ tensor: Tensor) -> TapeTensor { TapeTensor(tensor, requiresGradient: isRecording) }

    /// A constant: no gradient flows to it.
    public func constant(_ tensor: Tensor) -> TapeTensor { TapeTensor(tensor, requiresGradient: false) }

    /// Reading a variable inside the tape: a leaf watched when the variable is trainable (or watched).
    public func read(_ variable: Variable) -> TapeTensor {
        let watched = isRecording && (watchedVariables.contains(variable.id) || (watchAccessedVariables && variable.trainable))
        let leaf = TapeTensor(variable.value, requiresGradient: watched, variable: variable)
        if leaf.requiresGradient { variableReads[variable.id, default: []].append(leaf) }
        return leaf
    }

    /// Records an op with one output, or returns a constant when no input needs a gradient.
    func record(_ name: String, _ inputs: [TapeTensor], _ value: Tensor,
                _ backward: @escaping (Tensor) throws -> [Tensor?]) -> TapeTensor {
        record(name, inputs, [value]) { grads in
            guard let g = grads[0] else { return inputs.map { _ in nil } }
            return try backward(g)
        }[0]
    }

    /// Records an op with several outputs.
    func record(_ name: String, _ inputs: [TapeTensor], _ values: [Tensor],
                _ backward: @escaping ([Tensor?]) throws -> [Tensor?]) -> [TapeTensor] {
        let tracked = isRecording && inputs.contains { $0.requiresGradient }
        let outputs = values.map { TapeTensor($0, requiresGradient: tracked) }
        if tracked && outputs.contains(where: { $0.requiresGradient }) {
            records.append(TapeRecord(name: name, inputs: inputs, outputs: outputs, backward: backward))
        }
        return outputs
    }

    /// `tape.gradient(target, variables)`: ∂sum(target)/∂variable for each, nil where unconnected.
    public func gradient(_ target: TapeTensor, _ sources: [Variable], outputGradient: Tensor? = nil) throws -> [Tensor?] {
        let grads = try backpropagate(target, outputGradient: outputGradient)
        return try sources.map { v in
            guard let leaves = variableReads[v.id] else { return nil }
            var total: Tensor? = nil
            for leaf in leaves {
                guard let g = grads[ObjectIdentifier(leaf)] else { continue }
                total = try total.map { try $0 + g } ?? g
            }
            return total
        }
    }

    /// `tape.gradient(target, tensors)` for watched tensors (or any tape tensor).
    public func gradient(_ target: TapeTensor, tensors sources: [TapeTensor], outputGradient: Tensor? = nil) throws -> [Tensor?] {
        let grads = try backpropagate(target, outputGradient: outputGradient)
        return sources.map { grads[ObjectIdentifier($0)] }
    }

    /// Runs the records newest first; returns the accumulated gradient of every reached tensor.
    private func backpropagate(_ target: TapeTensor, outputGradient: Tensor?) throws -> [ObjectIdentifier: Tensor] {
        if used && !persistent {
            throw TensorError(.runtimeError, "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)")
        }
        used = true
        if !persistent { isRecording = false }
        guard target.value.dtype == .float32 else {
            throw TensorError.value("Cannot compute the gradient of a target of dtype \(target.value.dtype)")
        }
        var seed = try Tensor.full(target.shape, 1)
        if let outputGradient {
            guard outputGradient.shape == target.shape else {
                throw TensorError.value("output_gradients shape \(outputGradient.shapeDescription) does not match the target shape \(target.value.shapeDescription)")
            }
            seed = try outputGradient.astype(.float32)
        }
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(target): seed]
        for record in records.reversed() {
            let outGrads = record.outputs.map { grads[ObjectIdentifier($0)] }
            guard outGrads.contains(where: { $0 != nil }) else { continue }
            let inGrads = try record.backward(outGrads)
            for (input, g) in zip(record.inputs, inGrads) where input.requiresGradient {
                guard let g else { continue }
                guard g.shape == input.shape else {
                    throw TensorError.value("internal: \(record.name) gave a gradient of shape \(g.shapeDescription) for an input of shape \(input.value.shapeDescription)")
                }
                let key = ObjectIdentifier(input)
                grads[key] = try grads[key].map { try $0 + g } ?? g
            }
        }
        if !persistent { records = [] }
        return grads
    }
}
