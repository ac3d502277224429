// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates (SimpleRNN 1, GRU 3, LSTM 4).
// x (B, T, F) -> output (B, H) or (B, T, H) [+ states (B, H)].
//
// Forward: one GEMM for the input projection of all steps, xProj (B*T, G*H) = x (B*T, F) @ W (F, G*H) + b,
// then per processing step s (time t = s, or T-1-s with goBackwards) one GEMM h_{s} (B, H) @ U (H, G*H)
// (GRU reset_after=False: two, the candidate's on r⊙h) and a fused element-wise gate pass.
// All buffers are allocated before the step loop. The cache keeps what backward will need:
// post-activation gates per step, every h (and c) including the initial one, and the mask.

#if canImport(Glibc)
import Glibc
#endif

/// Which recurrence a `RecurrentLayer` runs.
public enum RecurrentCellKind: Equatable, Sendable {
    case simpleRNN
    case lstm
    case gru(resetAfter: Bool)

    /// Gates per cell (G).
    public var gateCount: Int {
        switch self { case .simpleRNN: return 1; case .lstm: return 4; case .gru: return 3 }
    }
    /// States carried between steps (LSTM: h, c).
    public var stateCount: Int { self == .lstm ? 2 : 1 }
    public var className: String {
        switch self { case .simpleRNN: return "SimpleRNN"; case .lstm: return "LSTM"; case .gru: return "GRU" }
    }
}

/// What a forward pass saved for the backward pass (processing order, s = 0..<T).
public struct RecurrentCache {
    public let batch: Int, timesteps: Int, features: Int
    /// The input as float32 (B, T, F).
    public let input: [Float]
    /// Post-activation gates per step, (T, B, G*H). LSTM i, f, g(tanh), o; GRU z, r, hh; SimpleRNN h.
    public let gates: [Float]
    /// h before and after every step, (T+1, B, H); index 0 is the initial state.
    public let hs: [Float]
    /// LSTM cell states, (T+1, B, H); empty otherwise.
    public let cs: [Float]
    /// GRU reset_after=True: h·U_h + b_rec_h per step (T, B, H); reset_after=False: r⊙h per step.
    public let candidateRecurrent: [Float]
    /// The mask (B, T) as 0/1 in time order, if one was given.
    public let mask: [Float]?
}

/// Keras' SimpleRNN / LSTM / GRU layer: weights in Keras layout, Keras forward semantics.
public class RecurrentLayer: Layer {
    public let kind: RecurrentCellKind
    public let units: Int
    public let returnSequences: Bool
    public let returnState: Bool
    public let goBackwards: Bool
    public let unitForgetBias: Bool
    /// Masked steps output zeros instead of the previous output (Keras sets it inside Bidirectional).
    public var zeroOutputForMask = false
    public private(set) var kernel: Tensor?
    public private(set) var recurrentKernel: Tensor?
    public private(set) var bias: Tensor?
    let rng: RandomState

    public var className: String { kind.className }
    var layerName: String {
        switch kind { case .simpleRNN: return "simple_rnn"; case .lstm: return "lstm"; case .gru: return "gru" }
    }

    public init(kind: RecurrentCellKind, units: Int, returnSequences: Bool = false, returnState: Bool = false,
                goBackwards: Bool = false, unitForgetBias: Bool = true, inputDim: Int? = nil,
                rng: RandomState? = nil) throws {
        guard units > 0 else {
            throw TensorError.value("Received an invalid value for argument `units`, expected a positive integer, got \(units).")
        }
        self.kind = kind
        self.units = units
        self.returnSequences = returnSequences
        self.returnState = returnState
        self.goBackwards = goBackwards
        self.unitForgetBias = unitForgetBias
        self.rng = rng ?? RandomState.fresh()
        if let inputDim { try build(inputDim: inputDim) }
    }

    /// The same configuration with `goBackwards` toggled and fresh weights (Bidirectional's copy).
    func reversedCopy() throws -> RecurrentLayer {
        let copy = try RecurrentLayer(kind: kind, units: units, returnSequences: returnSequences,
                                      returnState: returnState, goBackwards: !goBackwards,
                                      unitForgetBias: unitForgetBias, rng: rng)
        if let f = kernel?.shape[0] { try copy.build(inputDim: f) }
        return copy
    }

    public var isBuilt: Bool { kernel != nil }
    var gh: Int { kind.gateCount * units }

    /// Keras' weight shapes for `f` input features.
    func weightShapes(features f: Int) -> [[Int]] {
        let biasShape: [Int] = kind == .gru(resetAfter: true) ? [2, gh] : [gh]
        return [[f, gh], [units, gh], biasShape]
    }

    /// glorot_uniform kernel, orthogonal recurrent kernel, zero bias (LSTM: unit_forget_bias).
    public func build(inputDim: Int) throws {
        let s = weightShapes(features: inputDim)
        kernel = try Initializer.glorotUniform.make(s[0], rng: rng)
        recurrentKernel = try Initializer.orthogonal.make(s[1], rng: rng)
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
        bias = try newWeights[2].astype(.float32)
    }

    /// Keras' mask propagation: the input mask only with `returnSequences`.
    public func outputMask(_ inputMask: Tensor?) -> Tensor? { returnSequences ? inputMask : nil }

    /// `[output]`, or `[output, *states]` with `returnState` (LSTM `[out, h, c]`).
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil, initialState: [Tensor]? = nil) throws -> [Tensor] {
        try forward(x, mask: mask, initialState: initialState).outputs
    }

    /// The forward pass and what backward needs.
    public func forward(_ x: Tensor, mask: Tensor? = nil, initialState: [Tensor]? = nil) throws -> (outputs: [Tensor], cache: RecurrentCache) {
        guard x.ndim == 3 else {
            throw TensorError.value("\(className) expects input of rank 3 (batch, timesteps, features), got shape \(x.shapeDescription)")
        }
        let B = x.shape[0], T = x.shape[1], F = x.shape[2], H = units, G = kind.gateCount, GH = gh
        if !isBuilt { try build(inputDim: F) }
        guard let kernel, let recurrentKernel, let bias else { throw TensorError.value("\(className) is not built") }
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
        let nStates = kind.stateCount
        if let initialState {
            guard initialState.count == nStates else {
                throw TensorError.value("An `initial_state` was passed that is not compatible with `cell.state_size`. Received `initial_state`=\(initialState.count) states; expected \(nStates).")
            }
            for s in initialState where s.shape != [B, H] {
                throw TensorError.value("\(className) initial state must have shape \(Shape.describe([B, H])), got \(s.shapeDescription)")
            }
        }

        let xs = floatsOf(x)
        var xProj = [Float](repeating: 0, count: B * T * GH)
        var gates = [Float](repeating: 0, count: T * B * GH)
        var hs = [Float](repeating: 0, count: (T + 1) * B * H)
        var cs = [Float](repeating: 0, count: kind == .lstm ? (T + 1) * B * H : 0)
        var cand = [Float](repeating: 0, count: kind == .gru(resetAfter: true) || kind == .gru(resetAfter: false) ? T * B * H : 0)
        var hU = [Float](repeating: 0, count: B * GH)
        var tmp = [Float](repeating: 0, count: Swift.max(H, 1))
        if let initialState {
            let h0 = floatsOf(initialState[0])
            for i in 0..<(B * H) { hs[i] = h0[i] }
            if kind == .lstm { let c0 = floatsOf(initialState[1]); for i in 0..<(B * H) { cs[i] = c0[i] } }
        }
        let b = bias.floats

        xProj.withUnsafeMutableBufferPointer { px in
            // Input projection for all steps: bias rows, then one GEMM with beta = 1.
            for r in 0..<(B * T) { for j in 0..<GH { px[r * GH + j] = b[j] } }
            if F > 0 && B * T > 0 {
                xs.withUnsafeBufferPointer { pxs in
                    kernel.floats.withUnsafeBufferPointer { pk in
                        sgemm(B * T, GH, F, pxs.baseAddress!, F, pk.baseAddress!, GH, beta: 1, px.baseAddress!, GH)
                    }
                }
            }
        }
        if B > 0 && T > 0 {
            xProj.withUnsafeBufferPointer { px in
            recurrentKernel.floats.withUnsafeBufferPointer { pu in
            gates.withUnsafeMutableBufferPointer { pg in
            hs.withUnsafeMutableBufferPointer { ph in
            cs.withUnsafeMutableBufferPointer { pc in
            cand.withUnsafeMutableBufferPointer { pcand in
            hU.withUnsafeMutableBufferPointer { phU in
            tmp.withUnsafeMutableBufferPointer { ptmp in
            b.withUnsafeBufferPointer { pb in
                let U = pu.baseAddress!, hUp = phU.baseAddress!
                for s in 0..<T {
                    let t = goBackwards ? T - 1 - s : s
                    let hPrev = ph.baseAddress! + s * B * H
                    let hNext = ph.baseAddress! + (s + 1) * B * H
                    let gS = s * B * GH
                    switch kind {
                    case .simpleRNN:
                        sgemm(B, H, H, hPrev, H, U, H, beta: 0, hUp, H)
                        for bi in 0..<B {
                            let xo = (bi * T + t) * GH
                            let z = hUp + bi * H
                            addInPlace(z, px.baseAddress! + xo, H)
                            tanhInPlace(z, H)
                            (pg.baseAddress! + gS + bi * GH).update(from: z, count: H)
                            let valid = maskValues.map { $0[bi * T + t] != 0 } ?? true
                            (hNext + bi * H).update(from: valid ? UnsafePointer(z) : UnsafePointer(hPrev + bi * H), count: H)
                        }
                    case .lstm:
                        sgemm(B, GH, H, hPrev, H, U, GH, beta: 0, hUp, GH)
                        let cPrev = pc.baseAddress! + s * B * H
                        let cNext = pc.baseAddress! + (s + 1) * B * H
                        for bi in 0..<B {
                            let xo = (bi * T + t) * GH, go = gS + bi * GH
                            let z = hUp + bi * GH
                            addInPlace(z, px.baseAddress! + xo, GH)
                            sigmoidInPlace(z, 2 * H)
                            tanhInPlace(z + 2 * H, H)
                            sigmoidInPlace(z + 3 * H, H)
                            (pg.baseAddress! + go).update(from: z, count: GH)
                            let valid = maskValues.map { $0[bi * T + t] != 0 } ?? true
                            let cn = cNext + bi * H, cp = cPrev + bi * H, tc = ptmp.baseAddress!
                            for j in 0..<H { cn[j] = z[H + j] * cp[j] + z[j] * z[2 * H + j] }
                            tc.update(from: cn, count: H)
                            tanhInPlace(tc, H)
                            let hn = hNext + bi * H, hp = hPrev + bi * H
                            if valid {
                                for j in 0..<H { hn[j] = z[3 * H + j] * tc[j] }
                            } else {
                                cn.update(from: cp, count: H)
                                hn.update(from: hp, count: H)
                            }
                        }
                    case .gru(resetAfter: true):
                        sgemm(B, GH, H, hPrev, H, U, GH, beta: 0, hUp, GH)
                        for bi in 0..<B {
                            let xo = (bi * T + t) * GH, go = gS + bi * GH
                            let z = hUp + bi * GH, xp = px.baseAddress! + xo
                            addInPlace(z, pb.baseAddress! + GH, GH)          // + recurrent bias
                            let rh = pcand.baseAddress! + (s * B + bi) * H
                            rh.update(from: z + 2 * H, count: H)               // h·U_h + b_rec_h
                            addInPlace(z, xp, 2 * H)
                            sigmoidInPlace(z, 2 * H)
                            let hh = z + 2 * H
                            for j in 0..<H { hh[j] = xp[2 * H + j] + z[H + j] * rh[j] }
                            tanhInPlace(hh, H)
                            (pg.baseAddress! + go).update(from: z, count: GH)
                            let valid = maskValues.map { $0[bi * T + t] != 0 } ?? true
                            let hn = hNext + bi * H, hp = hPrev + bi * H
                            if valid {
                                for j in 0..<H { hn[j] = z[j] * hp[j] + (1 - z[j]) * hh[j] }
                            } else {
                                hn.update(from: hp, count: H)
                            }
                        }
                    case .gru(resetAfter: false):
                        // z, r from h·U[:, :2H]; the candidate from (r⊙h)·U[:, 2H:].
                        sgemm(B, 2 * H, H, hPrev, H, U, GH, beta: 0, hUp, GH)
                        let rhBase = pcand.baseAddress! + s * B * H
                        for bi in 0..<B {
                            let xo = (bi * T + t) * GH
                            let z = hUp + bi * GH, hp = hPrev + bi * H, rh = rhBase + bi * H
                            addInPlace(z, px.baseAddress! + xo, 2 * H)
                            sigmoidInPlace(z, 2 * H)
                            for j in 0..<H { rh[j] = z[H + j] * hp[j] }
                        }
                        sgemm(B, H, H, UnsafePointer(rhBase), H, U + 2 * H, GH, beta: 0, hUp + 2 * H, GH)
                        for bi in 0..<B {
                            let xo = (bi * T + t) * GH, go = gS + bi * GH
                            let z = hUp + bi * GH, hh = z + 2 * H, hp = hPrev + bi * H
                            addInPlace(hh, px.baseAddress! + xo + 2 * H, H)
                            tanhInPlace(hh, H)
                            (pg.baseAddress! + go).update(from: z, count: GH)
                            let valid = maskValues.map { $0[bi * T + t] != 0 } ?? true
                            let hn = hNext + bi * H
                            if valid {
                                for j in 0..<H { hn[j] = z[j] * hp[j] + (1 - z[j]) * hh[j] }
                            } else {
                                hn.update(from: hp, count: H)
                            }
                        }
                    }
                }
            }}}}}}}}}
        }
        _ = G

        // Outputs in processing order; masked steps repeat h (kept) or are zeros.
        let zeroMasked = zeroOutputForMask && maskValues != nil
        func isMasked(_ bi: Int, _ s: Int) -> Bool {
            guard let m = maskValues else { return false }
            let t = goBackwards ? T - 1 - s : s
            return m[bi * T + t] == 0
        }
        var outputs: [Tensor] = []
        if returnSequences {
            var seq = [Float](repeating: 0, count: B * T * H)
            for bi in 0..<B {
                for s in 0..<T where !(zeroMasked && isMasked(bi, s)) {
                    for j in 0..<H { seq[(bi * T + s) * H + j] = hs[((s + 1) * B + bi) * H + j] }
                }
            }
            outputs.append(Tensor(shape: [B, T, H], floats: seq))
        } else {
            var last = Array(hs[(T * B * H)..<((T + 1) * B * H)])
            if zeroMasked && T > 0 {
                for bi in 0..<B where isMasked(bi, T - 1) { for j in 0..<H { last[bi * H + j] = 0 } }
            }
            outputs.append(Tensor(shape: [B, H], floats: last))
        }
        if returnState {
            outputs.append(Tensor(shape: [B, H], floats: Array(hs[(T * B * H)..<((T + 1) * B * H)])))
            if kind == .lstm { outputs.append(Tensor(shape: [B, H], floats: Array(cs[(T * B * H)..<((T + 1) * B * H)]))) }
        }
        let cache = RecurrentCache(batch: B, timesteps: T, features: F, input: xs, gates: gates, hs: hs, cs: cs,
                                   candidateRecurrent: cand, mask: maskValues)
        return (outputs, cache)
    }
}

/// Keras `SimpleRNN(units)`: `h = tanh(x·W + b + h·U)`.
public final class SimpleRNN: RecurrentLayer {
    public init(units: Int, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                inputDim: Int? = nil, rng: RandomState? = nil) throws {
        try super.init(kind: .simpleRNN, units: units, returnSequences: returnSequences, returnState: returnState,
                       goBackwards: goBackwards, inputDim: inputDim, rng: rng)
    }
}

/// Keras `LSTM(units)`: gates i, f, c, o.
public final class LSTM: RecurrentLayer {
    public init(units: Int, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                unitForgetBias: Bool = true, inputDim: Int? = nil, rng: RandomState? = nil) throws {
        try super.init(kind: .lstm, units: units, returnSequences: returnSequences, returnState: returnState,
                       goBackwards: goBackwards, unitForgetBias: unitForgetBias, inputDim: inputDim, rng: rng)
    }
}

/// Keras `GRU(units, reset_after)`: gates z, r, h.
public final class GRU: RecurrentLayer {
    public init(units: Int, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                resetAfter: Bool = true, inputDim: Int? = nil, rng: RandomState? = nil) throws {
        try super.init(kind: .gru(resetAfter: resetAfter), units: units, returnSequences: returnSequences,
                       returnState: returnState, goBackwards: goBackwards, inputDim: inputDim, rng: rng)
    }
}
