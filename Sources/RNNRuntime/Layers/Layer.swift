// Shape key for Layers/: B = batch, T = timesteps, F = features, H = units, G = gates per cell
// (SimpleRNN 1, GRU 3, LSTM 4). Every layer keeps its weights in Keras' `get_weights()` layout.

#if canImport(Glibc)
import Glibc
#endif
import CBLAS

/// A layer with weights in Keras' `get_weights()` order.
public protocol Layer: AnyObject {
    /// Keras' class name (`LSTM`, `Dense`, ...), used in messages.
    var className: String { get }
    /// The weights in Keras' `get_weights()` order and layout (empty until built).
    var weights: [Tensor] { get }
    /// Replaces the weights; throws a Keras-worded ValueError on a count or shape mismatch.
    func setWeights(_ newWeights: [Tensor]) throws
    /// Runs `body` on the elements of weight `index` in place: the optimizer's update path
    /// (default through `setWeights`, Layers/Layer+WeightUpdate.swift).
    func updateWeight(at index: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws
}

extension Layer {
    /// Keras' `count_params()`: the total number of weight elements.
    public func countParams() -> Int { weights.reduce(0) { $0 + $1.size } }

    /// Checks `newWeights` against the expected shapes with Keras 3's messages.
    func checkWeights(_ newWeights: [Tensor], expected: [[Int]], name: String) throws {
        guard newWeights.count == expected.count else {
            throw TensorError.value("You called `set_weights(weights)` on layer '\(name)' with a weight list of length \(newWeights.count), but the layer was expecting \(expected.count) weights.")
        }
        for (w, s) in zip(newWeights, expected) where w.shape != s {
            throw TensorError.value("Layer \(name) weight shape \(Shape.describe(s)) is not compatible with provided weight shape \(Shape.describe(w.shape)).")
        }
    }
}

/// Element-wise (softmax: last-axis) activations by their Keras names.
public enum Activation: String, Sendable {
    case linear, relu, tanh, sigmoid, softmax

    /// Keras' name, `None` and `nil` meaning linear.
    public init(keras name: String?) throws {
        guard let name, name != "None" else { self = .linear; return }
        guard let a = Activation(rawValue: name) else {
            throw TensorError.value("Could not interpret activation function identifier: \(name)")
        }
        self = a
    }

    /// Applies in place to rows of length `width`.
    func apply(_ p: UnsafeMutableBufferPointer<Float>, width: Int) {
        switch self {
        case .linear: return
        case .relu: for i in p.indices { p[i] = Swift.max(p[i], 0) }
        case .tanh: for i in p.indices { p[i] = tanhf(p[i]) }
        case .sigmoid: for i in p.indices { p[i] = logistic(p[i]) }
        case .softmax:
            guard width > 0 else { return }
            var r = 0
            while r < p.count {
                var m = -Float.infinity
                for j in r..<r + width { m = Swift.max(m, p[j]) }
                var s: Float = 0
                for j in r..<r + width { let e = expf(p[j] - m); p[j] = e; s += e }
                for j in r..<r + width { p[j] /= s }
                r += width
            }
        }
    }
}

@inline(__always) func logistic(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

/// tanh through `expf` (glibc's `tanhf` goes through the much slower `expm1f`, which made it the
/// hottest symbol of an LSTM forward). A Taylor polynomial below |x| = 1/16 avoids the
/// cancellation of `1 - 2/(e^2x + 1)`; elsewhere the error is a few float32 ulps of 1, far inside
/// the fixtures' `1e-6 + 1e-5·|y|`.
@inline(__always) func fastTanh(_ x: Float) -> Float {
    let a = Swift.abs(x)
    if a < 0.0625 {
        let x2 = x * x
        return x * (1 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315))))
    }
    if a > 9.1 { return x > 0 ? 1 : -1 }
    let r = 1 - 2 / (expf(2 * a) + 1)
    return x > 0 ? r : -r
}

/// Row-major `C (m,n) = A (m,k) @ B (k,n) + beta*C` with explicit leading dimensions.
@inline(__always) func sgemm(_ m: Int, _ n: Int, _ k: Int,
                             _ a: UnsafePointer<Float>, _ lda: Int,
                             _ b: UnsafePointer<Float>, _ ldb: Int,
                             beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    if m == 0 || n == 0 { return }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// A float32 view of `t` (integers converted), or a TypeError-free copy.
func floatsOf(_ t: Tensor) -> [Float] { t.dtype == .float32 ? t.floats : t.floatValues }
