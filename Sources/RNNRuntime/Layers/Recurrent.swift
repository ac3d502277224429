// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates (SimpleRNN 1, GRU 3, LSTM 4).
// x (B, T, F) -> output (B, H) or (B, T, H) [+ states (B, H)].
//
// The layer: Keras' options, weights and checks, states (initial_state, stateful), outputs and the
// cache (RecurrentCache.swift). The numbers are computed by RecurrentForward: for LSTM and GRU
// (reset_after=True) on AVX2/AVX-512 CPUs one fused C kernel call per step (RecurrentForward+Fused),
// otherwise one GEMM for the input projection of all steps, one per step for h·U and a SIMD gate
// pass; no allocation inside the step loop. A plain call (callAsFunction) keeps no cache.
#if canImport(Glibc)
import Glibc
#endif

/// Keras' SimpleRNN / LSTM / GRU layer: weights in Keras layout, Keras forward semantics.
public class RecurrentLayer: Layer {
    public let kind: RecurrentCellKind
    public let units: Int
    public let returnSequences: Bool
    public let returnState: Bool
    public let goBackwards: Bool
    public let unitForgetBias: Bool
    /// Keras `use_bias`: without it the layer has no bias weight (`weights` is [kernel, recurrent_kernel]).
    public let useBias: Bool
    /// Keras `stateful`: each call starts from the previous call's final states (see `states`).
    public let stateful: Bool
    /// Masked steps output zeros instead of the previous output (Keras sets it inside Bidirectional).
    public var zeroOutputForMask = false
    /// Keras `dropout`: the fraction of input features dropped in training (Recurrent+Dropout.swift).
    public var dropout: Double = 0
    /// Keras `recurrent_dropout`: in training it raises NotImplementedError (inference is exact).
    public var recurrentDropout: Double = 0
    public private(set) var kernel: Tensor? { didSet { fusedWeights = nil } }
    public private(set) var recurrentKernel: Tensor? { didSet { packedRecurrentKernel = nil; fusedWeights = nil } }
    public private(set) var bias: Tensor?
    /// A stateful layer's states (LSTM [h, c], else [h]), each (B, H): nil until the first call, and
    /// always nil for a layer that is not stateful (as Keras' `layer.states`).
    public private(set) var states: [Tensor]?
    /// `recurrentKernel` with its columns grouped per team member, and for how many members.
    private var packedRecurrentKernel: (members: Int, values: [Float])?
    /// W and U packed for the C kernels (LSTM, GRU reset_after=True on AVX2/AVX-512), kept until
    /// either changes (a training step changes both, so it packs once per step).
    private var fusedWeights: FusedWeights?
    let rng: RandomState

    public var className: String { kind.className }
    var layerName: String {
        switch kind { case .simpleRNN: return "simple_rnn"; case .lstm: return "lstm"; case .gru: return "gru" }
    }

    public init(kind: RecurrentCellKind, units: Int, returnSequences: Bool = false, returnState: Bool = false,
                goBackwards: Bool = false, unitForgetBias: Bool = true, useBias: Bool = true, stateful: Bool = false,
                inputDim: Int? = nil, rng: RandomState? = nil) throws {
        guard units > 0 else {
            throw TensorError.value("Received an invalid value for argument `units`, expected a positive integer, got \(units).")
        }
        self.kind = kind
        self.units = units
        self.returnSequences = returnSequences
        self.returnState = returnState
        self.goBackwards = goBackwards
        self.unitForgetBias = unitForgetBias
        self.useBias = useBias
        self.stateful = stateful
        self.rng = rng ?? RandomState.fresh()
        if let inputDim { try build(inputDim: inputDim) }
    }

    /// The same configuration with `goBackwards` toggled and fresh weights (Bidirectional's copy).
    func reversedCopy() throws -> RecurrentLayer {
        let copy = try RecurrentLayer(kind: kind, units: units, returnSequences: returnSequences,
                                      returnState: returnState, goBackwards: !goBackwards,
                                      unitForgetBias: unitForgetBias, useBias: useBias, stateful: stateful, rng: rng)
        copy.dropout = dropout
        copy.recurrentDropout = recurrentDropout
        if let f = kernel?.shape[0] { try copy.build(inputDim: f) }
        return copy
    }

    public var isBuilt: Bool { kernel != nil }
    var gh: Int { kind.gateCount * units }

    /// Keras' weight shapes for `f` input features (no bias shape without `useBias`).
    func weightShapes(features f: Int) -> [[Int]] {
        let biasShape: [Int] = kind == .gru(resetAfter: true) ? [2, gh] : [gh]
        return useBias ? [[f, gh], [units, gh], biasShape] : [[f, gh], [units, gh]]
    }

    /// glorot_uniform kernel, orthogonal recurrent kernel, zero bias (LSTM: unit_forget_bias).
    public func build(inputDim: Int) throws {
        let s = weightShapes(features: inputDim)
        kernel = try Initializer.glorotUniform.make(s[0], rng: rng)
        recurrentKernel = try Initializer.orthogonal.make(s[1], rng: rng)
        guard useBias else { bias = nil; return }
        var b = try Initializer.zeros.make(s[2], rng: rng)
        if kind == .lstm && unitForgetBias {
            for j in units..<2 * units { b.floats[j] = 1 }
        }
        bias = b
    }

    public var weights: [Tensor] { [kernel, recurrentKernel, bias].compactMap { $0 } }

    public func setWeights(_ newWeights: [Tensor]) throws {
        let f = kernel?.shape[0] ?? newWeights.first?.shape.first ?? 0
        try checkWeights(newWeights, expected: weightShapes(features: f), name: layerName)
        kernel = try newWeights[0].astype(.float32)
        recurrentKernel = try newWeights[1].astype(.float32)
        bias = useBias ? try newWeights[2].astype(.float32) : nil
    }

    /// Keras' `reset_states()`: a stateful layer's states become zeros (nothing to do otherwise).
    public func resetStates() {
        states = states?.map { Tensor(shape: $0.shape, floats: [Float](repeating: 0, count: $0.size)) }
    }

    /// Keras' mask propagation: the input mask only with `returnSequences`.
    public func outputMask(_ inputMask: Tensor?) -> Tensor? { returnSequences ? inputMask : nil }

    /// `[output]`, or `[output, *states]` with `returnState` (LSTM `[out, h, c]`). Keeps no cache for
    /// backward, so the fast path writes neither the gates nor the state histories.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil, initialState: [Tensor]? = nil) throws -> [Tensor] {
        try outputs(x, mask: mask, initialState: initialState, kernels: FusedWeights.instructionSet(for: kind))
    }

    /// The outputs of a forward pass that keeps no cache (`kernels` as in `forward`).
    func outputs(_ x: Tensor, mask: Tensor?, initialState: [Tensor]?, kernels: Int32?) throws -> [Tensor] {
        try forward(x, mask: mask, initialState: initialState, kernels: kernels, keepsCache: false).outputs
    }

    /// The names of the states, for messages: LSTM (h, c), else (h).
    private var stateNames: [String] { kind == .lstm ? ["h", "c"] : ["h"] }

    /// The states a call starts from: `initialState` (checked), a stateful layer's kept states,
    /// or nil for zeros. Keras' errors for a stateful layer called with another batch size.
    private func startingStates(batch B: Int, _ initialState: [Tensor]?) throws -> [Tensor]? {
        if stateful, let kept = states, kept[0].shape[0] != B {
            throw TensorError.value("If an RNN is stateful, the batch size of the input sequences must be the same as the batch size of the initial state. \n- Expected batch size: \(kept[0].shape[0])\n- Received batch size: \(B)")
        }
        guard let initialState else { return stateful ? states : nil }
        let names = stateNames, expected = Shape.describe([B, units])
        guard initialState.count == names.count else {
            throw TensorError.value("\(className) expects \(names.count) initial state\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", "))), each of shape \(expected) (batch, units); got \(initialState.count)")
        }
        for (state, name) in zip(initialState, names) where state.shape != [B, units] {
            throw TensorError.value("\(className) initial state \(name) must have shape \(expected) (batch, units), got \(state.shapeDescription)")
        }
        return initialState
    }

    /// The forward pass and what backward needs.
    public func forward(_ x: Tensor, mask: Tensor? = nil, initialState: [Tensor]? = nil) throws -> (outputs: [Tensor], cache: RecurrentCache) {
        try forward(x, mask: mask, initialState: initialState, kernels: FusedWeights.instructionSet(for: kind))
    }

    /// The forward pass with the C kernels' instruction set `kernels` (nil: the portable path); tests
    /// run every available set and the portable path on the same input.
    func forward(_ x: Tensor, mask: Tensor?, initialState: [Tensor]?, kernels: Int32?) throws -> (outputs: [Tensor], cache: RecurrentCache) {
        let (outputs, cache) = try forward(x, mask: mask, initialState: initialState, kernels: kernels, keepsCache: true)
        guard let cache else { throw TensorError.value("\(className) kept no cache") }
        return (outputs, cache)
    }

    /// The forward pass; without `keepsCache` (and with the C kernels) it returns no cache.
    private func forward(_ x: Tensor, mask: Tensor?, initialState: [Tensor]?, kernels: Int32?,
                         keepsCache: Bool) throws -> (outputs: [Tensor], cache: RecurrentCache?) {
        guard x.ndim == 3 else {
            throw TensorError.value("\(className) expects input of rank 3 (batch, timesteps, features), got shape \(x.shapeDescription)")
        }
        let B = x.shape[0], T = x.shape[1], F = x.shape[2], H = units, GH = gh
        if !isBuilt { try build(inputDim: F) }
        guard let kernel, let recurrentKernel else { throw TensorError.value("\(className) is not built") }
        guard kernel.shape[0] == F else {
            throw TensorError.value("Input 0 of layer \"\(layerName)\" is incompatible with the layer: expected shape=(None, None, \(kernel.shape[0])), found shape=\(x.shapeDescription)")
        }
        var maskValues: [Float]? = nil
        if let mask {
            guard mask.shape == [B, T] else {
                throw TensorError.value("\(className) mask must have shape \(Shape.describe([B, T])) (batch, timesteps), got \(mask.shapeDescription)")
            }
            maskValues = mask.dtype == .float32 ? mask.floats.map { $0 != 0 ? 1 : 0 } : mask.ints.map { $0 != 0 ? 1 : 0 }
        }
        let start = try startingStates(batch: B, initialState)

        // A call this large allocates tens of MB (the gate cache alone is T*B*GH floats) and its
        // backward as much again; with glibc's default trim threshold the freed pages go back to the
        // kernel and the next call faults them in and has them zeroed again: the LSTM forward of a
        // 64x100 128->256 training step took 60.7 ms against 46 ms when called alone. Keep freed
        // working memory, as fit does from its first step.
        if T * B * GH >= 1 << 20 { WorkingMemory.keepFreedBuffers }
        let biasCount = kind == .gru(resetAfter: true) ? 2 * GH : GH
        let biasValues = bias?.floats ?? [Float](repeating: 0, count: biasCount)
        let plan = RecurrentForward.plan(batch: B, timesteps: T, units: H, gateCount: kind.gateCount,
                                         teamSize: ThreadTeam.shared.size)
        let run = RecurrentForward(kind: kind, batch: B, timesteps: T, features: F, units: H, goBackwards: goBackwards)
        var packed: [Float]? = nil
        var fused: FusedWeights? = nil
        if let kernels {
            if fusedWeights?.stacked.isa != kernels {
                fusedWeights = FusedWeights(kind: kind, kernel: kernel.floats, recurrentKernel: recurrentKernel.floats,
                                            features: F, units: H, isa: kernels)
            }
            fused = fusedWeights
        }
        if fused == nil && plan.members > 1 && !plan.splitsBatch {
            if packedRecurrentKernel?.members != plan.members {
                packedRecurrentKernel = (plan.members, run.packRecurrentKernel(recurrentKernel.floats, members: plan.members))
            }
            packed = packedRecurrentKernel?.values
        }
        let xs = floatsOf(x)
        let zeroMasked = zeroOutputForMask && maskValues != nil
        if !keepsCache, let fused, !zeroMasked {
            let h0 = start.map { floatsOf($0[0]) }, c0 = kind == .lstm ? start.map { floatsOf($0[1]) } : nil
            let r = run.runFusedWithoutCache(input: xs, fused, plan: plan, bias: biasValues, mask: maskValues,
                                             h0: h0, c0: c0, sequence: returnSequences)
            let h = Tensor(shape: [B, H], floats: r.h), c = Tensor(shape: [B, H], floats: r.c)
            if stateful { states = kind == .lstm ? [h, c] : [h] }
            var outputs = [r.sequence.map { Tensor(shape: [B, T, H], floats: $0) } ?? h]
            if returnState { outputs += kind == .lstm ? [h, c] : [h] }
            return (outputs, nil)
        }
        let result = run.run(input: xs, kernel: kernel.floats, recurrentKernel: recurrentKernel.floats, packed: packed,
                             fused: fused, plan: plan, bias: biasValues, mask: maskValues,
                             h0: start.map { floatsOf($0[0]) }, c0: kind == .lstm ? start.map { floatsOf($0[1]) } : nil)
        let hs = result.hs, cs = result.cs
        let finalRange = (T * B * H)..<((T + 1) * B * H)
        if stateful {
            states = [Tensor(shape: [B, H], floats: Array(hs[finalRange]))]
            if kind == .lstm { states!.append(Tensor(shape: [B, H], floats: Array(cs[finalRange]))) }
        }

        // Outputs in processing order; masked steps repeat h (kept) or are zeros.
        func isMasked(_ bi: Int, _ s: Int) -> Bool {
            guard let m = maskValues else { return false }
            let t = goBackwards ? T - 1 - s : s
            return m[bi * T + t] == 0
        }
        var outputs: [Tensor] = []
        if returnSequences {
            var seq = [Float](repeating: 0, count: B * T * H)
            seq.withUnsafeMutableBufferPointer { out in
                hs.withUnsafeBufferPointer { h in
                    for bi in 0..<B {
                        for s in 0..<T where !(zeroMasked && isMasked(bi, s)) {
                            (out.baseAddress! + (bi * T + s) * H).update(from: h.baseAddress! + ((s + 1) * B + bi) * H, count: H)
                        }
                    }
                }
            }
            outputs.append(Tensor(shape: [B, T, H], floats: seq))
        } else {
            var last = Array(hs[finalRange])
            if zeroMasked && T > 0 {
                for bi in 0..<B where isMasked(bi, T - 1) { for j in 0..<H { last[bi * H + j] = 0 } }
            }
            outputs.append(Tensor(shape: [B, H], floats: last))
        }
        if returnState {
            outputs.append(Tensor(shape: [B, H], floats: Array(hs[finalRange])))
            if kind == .lstm { outputs.append(Tensor(shape: [B, H], floats: Array(cs[finalRange]))) }
        }
        let cache = RecurrentCache(batch: B, timesteps: T, features: F, input: xs, gates: result.gates, hs: hs, cs: cs,
                                   candidateRecurrent: result.candidate, mask: maskValues)
        return (outputs, cache)
    }
}

/// Keras `SimpleRNN(units)`: `h = tanh(x·W + b + h·U)`.
public final class SimpleRNN: RecurrentLayer {
    public init(units: Int, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                useBias: Bool = true, stateful: Bool = false, inputDim: Int? = nil, rng: RandomState? = nil) throws {
        try super.init(kind: .simpleRNN, units: units, returnSequences: returnSequences, returnState: returnState,
                       goBackwards: goBackwards, useBias: useBias, stateful: stateful, inputDim: inputDim, rng: rng)
    }
}

/// Keras `LSTM(units)`: gates i, f, c, o.
public final class LSTM: RecurrentLayer {
    public init(units: Int, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                unitForgetBias: Bool = true, useBias: Bool = true, stateful: Bool = false, inputDim: Int? = nil,
                rng: RandomState? = nil) throws {
        try super.init(kind: .lstm, units: units, returnSequences: returnSequences, returnState: returnState,
                       goBackwards: goBackwards, unitForgetBias: unitForgetBias, useBias: useBias, stateful: stateful,
                       inputDim: inputDim, rng: rng)
    }
}

/// Keras `GRU(units, reset_after)`: gates z, r, h.
public final class GRU: RecurrentLayer {
    public init(units: Int, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                resetAfter: Bool = true, useBias: Bool = true, stateful: Bool = false, inputDim: Int? = nil,
                rng: RandomState? = nil) throws {
        try super.init(kind: .gru(resetAfter: resetAfter), units: units, returnSequences: returnSequences,
                       returnState: returnState, goBackwards: goBackwards, useBias: useBias, stateful: stateful,
                       inputDim: inputDim, rng: rng)
    }
}
