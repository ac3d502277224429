// Backward passes against the Keras 3 gradient fixtures (Fixtures/README.md): for every case,
// L = Σ_k sum(output_k ⊙ cotangent_k); seeding each layer stack's backward with cotangent_k must
// give grad_input, grad_initial_state_i and grad_weight_i within |swift - keras| <= 1e-5 + 1e-4·|keras|.

import Foundation
import Testing
@testable import RNNRuntime

/// What one layer of a fixture stack saved in its forward pass.
enum StackCache {
    case dense(DenseCache), recurrent(RecurrentCache), bidirectional(BidirectionalCache)
    case embedding(EmbeddingCache), masking(Tensor)
}

extension StackLayer {
    /// Forward through one layer keeping the cache: (outputs, mask for the next layer, cache).
    func forwardWithCache(_ x: Tensor, mask: Tensor?, initialState: [Tensor]?) throws -> ([Tensor], Tensor?, StackCache) {
        switch self {
        case .dense(let d): let (y, c) = try d.forward(x); return ([y], nil, .dense(c))
        case .recurrent(let r):
            let (o, c) = try r.forward(x, mask: mask, initialState: initialState)
            return (o, r.outputMask(mask), .recurrent(c))
        case .bidirectional(let b):
            let (o, c) = try b.forward(x, mask: mask, initialState: initialState)
            return (o, b.outputMask(mask), .bidirectional(c))
        case .embedding(let e): let (y, c) = try e.forward(x); return ([y], e.computeMask(x), .embedding(c))
        case .masking(let m): let (y, mk) = try m(x); return ([y], mk, .masking(mk))
        }
    }

    /// Backward through one layer: (∂L/∂input or nil for tokens, ∂L/∂initial states, ∂L/∂weights).
    func backward(_ grads: [Tensor?], cache: StackCache) throws -> (Tensor?, [Tensor], [Tensor]) {
        switch (self, cache) {
        case (.dense(let d), .dense(let c)):
            let (dx, dw) = try d.backward(grads[0]!, cache: c); return (dx, [], dw)
        case (.recurrent(let r), .recurrent(let c)):
            let g = try r.backward(grads, cache: c); return (g.input, g.initialStates, g.weights)
        case (.bidirectional(let b), .bidirectional(let c)):
            let g = try b.backward(grads, cache: c); return (g.input, g.initialStates, g.weights)
        case (.embedding(let e), .embedding(let c)):
            return (nil, [], try e.backward(grads[0]!, cache: c))
        case (.masking(let m), .masking(let mask)):
            return (try m.backward(grads[0]!, mask: mask), [], [])
        default: fatalError("cache of another layer kind")
        }
    }
}

/// allclose with the gradient tolerance; (ok, worst |a-b|, worst |a-b| / max(|b|, 1e-3)).
func gradientsClose(_ a: Tensor, _ b: Tensor, atol: Float = 1e-5, rtol: Float = 1e-4) -> (Bool, Float, Float) {
    guard a.shape == b.shape else { return (false, .infinity, .infinity) }
    var ok = true, worstAbs: Float = 0, worstRel: Float = 0
    for (x, y) in zip(a.floatValues, b.floatValues) {
        let err = abs(x - y)
        if !(err <= atol + rtol * abs(y)) { ok = false }
        worstAbs = max(worstAbs, err)
        worstRel = max(worstRel, err / max(abs(y), 1e-3))
    }
    return (ok, worstAbs, worstRel)
}

@Suite struct GradientFixtureTests {
    // The model-level cases (TimeDistributed, Dropout) need their layers' backward first.
    @Test(arguments: stackLayerCaseNames)
    func backwardMatchesKeras(_ name: String) throws {
        let (c, arrays) = try loadFixtureCase(name)
        let stack = try (c["layers"] as! [[String: Any]]).map { try StackLayer.make($0) }
        var next = 0
        for l in stack {
            try l.layer.setWeights((0..<l.weightCount).map { arrays["weight_\(next + $0)"]! })
            next += l.weightCount
        }
        let nStates = (c["initial_state_shapes"] as! [Any]).count
        let initial: [Tensor]? = nStates == 0 ? nil : (0..<nStates).map { arrays["initial_state_\($0)"]! }

        var x = arrays["input"]!, mask: Tensor? = nil
        var caches: [StackCache] = [], outputs: [Tensor] = []
        for (i, l) in stack.enumerated() {
            let (o, m, cache) = try l.forwardWithCache(x, mask: mask, initialState: i == 0 ? initial : nil)
            outputs = o; x = o[0]; mask = m; caches.append(cache)
        }
        // The forward with caches must be the plain forward (Bidirectional has its own here).
        for k in 0..<outputs.count {
            #expect(allClose(outputs[k], arrays["output_\(k)"]!).0, "\(name) output_\(k)")
        }

        var grads: [Tensor?] = (0..<outputs.count).map { arrays["cotangent_\($0)"] }
        var weightGrads: [[Tensor]] = Array(repeating: [], count: stack.count)
        var inputGrad: Tensor? = nil, stateGrads: [Tensor] = []
        for i in stride(from: stack.count - 1, through: 0, by: -1) {
            let (dx, ds, dw) = try stack[i].backward(grads, cache: caches[i])
            weightGrads[i] = dw
            if i == 0 { inputGrad = dx; stateGrads = ds }
            grads = [dx]
        }
        let flat = weightGrads.flatMap { $0 }
        #expect(flat.count == next, "\(name): weight gradient count")
        for (i, g) in flat.enumerated() {
            let (ok, abs, rel) = gradientsClose(g, arrays["grad_weight_\(i)"]!)
            #expect(ok, "\(name) grad_weight_\(i): worst abs \(abs), rel \(rel)")
        }
        if let ref = arrays["grad_input"] {
            let (ok, abs, rel) = gradientsClose(inputGrad!, ref)
            #expect(ok, "\(name) grad_input: worst abs \(abs), rel \(rel)")
        }
        for i in 0..<nStates {
            let (ok, abs, rel) = gradientsClose(stateGrads[i], arrays["grad_initial_state_\(i)"]!)
            #expect(ok, "\(name) grad_initial_state_\(i): worst abs \(abs), rel \(rel)")
        }
    }
}
