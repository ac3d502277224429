// Keras' weight initialisers, drawn from `RandomState` (NumPy's generator; Keras draws
// from its backend RNG, so values differ but distributions agree).

#if canImport(Glibc)
import Glibc
#endif
import CBLAS

/// Keras initialisers by name.
public enum Initializer: String, Sendable {
    case glorotUniform = "glorot_uniform", orthogonal, zeros, ones, uniform

    /// A float32 tensor of `shape` (2-D for glorot/orthogonal fans, like Keras).
    public func make(_ shape: [Int], rng: RandomState) throws -> Tensor {
        let n = try Shape.count(shape)
        switch self {
        case .zeros: return Tensor(shape: shape, floats: [Float](repeating: 0, count: n))
        case .ones: return Tensor(shape: shape, floats: [Float](repeating: 1, count: n))
        case .uniform: return try rng.uniform(low: -0.05, high: 0.05, shape)
        case .glorotUniform:
            let (fanIn, fanOut) = Initializer.fans(shape)
            let limit = (6.0 / Double(Swift.max(1, fanIn + fanOut))).squareRoot()
            return try rng.uniform(low: -limit, high: limit, shape)
        case .orthogonal:
            return try Initializer.orthogonal(shape, rng: rng)
        }
    }

    static func fans(_ shape: [Int]) -> (Int, Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let rf = shape.dropLast(2).reduce(1, *)
            return (shape[shape.count - 2] * rf, shape[shape.count - 1] * rf)
        }
    }

    /// Keras' orthogonal: QR of a normal (max, min) matrix with `q *= sign(diag(r))` (what
    /// Gram–Schmidt gives directly), transposed when rows < cols; gain 1.
    static func orthogonal(_ shape: [Int], rng: RandomState) throws -> Tensor {
        let cols = shape.last ?? 1
        let rows = shape.dropLast().reduce(1, *)
        let m = Swift.max(rows, cols), k = Swift.min(rows, cols)
        let a = try rng.normal(0, 1, [m, k]) // (m, k), m >= k
        var q = a.floats.map(Double.init)     // column j = q[i*k + j]
        var coef = [Double](repeating: 0, count: Swift.max(k, 1))
        q.withUnsafeMutableBufferPointer { pq in
            coef.withUnsafeMutableBufferPointer { pc in
                let Q = pq.baseAddress!, c = pc.baseAddress!
                for j in 0..<k {
                    // Classical Gram–Schmidt with one re-orthogonalisation pass, as two dgemv each:
                    // c = Q[:, :j]ᵀ q_j, q_j -= Q[:, :j] c (columns strided by k in row-major storage).
                    if j > 0 {
                        for _ in 0..<2 {
                            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(m), Int32(j), 1, Q, Int32(k), Q + j, Int32(k), 0, c, 1)
                            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(j), -1, Q, Int32(k), c, 1, 1, Q + j, Int32(k))
                        }
                    }
                    var norm = 0.0
                    for i in 0..<m { norm += Q[i * k + j] * Q[i * k + j] }
                    norm = norm.squareRoot()
                    if norm > 0 { for i in 0..<m { Q[i * k + j] /= norm } }
                }
            }
        }
        var out = [Float](repeating: 0, count: rows * cols)
        if rows >= cols {
            for i in 0..<rows { for j in 0..<cols { out[i * cols + j] = Float(q[i * k + j]) } }
        } else { // q is (cols, rows): transpose
            for i in 0..<rows { for j in 0..<cols { out[i * cols + j] = Float(q[j * k + i]) } }
        }
        return Tensor(shape: shape, floats: out)
    }
}

extension RandomState {
    fileprivate func normal(_ loc: Double, _ scale: Double, _ shape: [Int]) throws -> Tensor {
        try normal(loc: loc, scale: scale, shape)
    }
}

extension RandomState {
    /// A generator of its own, seeded from the system's RNG: layers built without an explicit
    /// `rng` never share `RandomState.global`, whose state is not safe to draw from on two threads.
    static func fresh() -> RandomState { RandomState(seed: UInt32.random(in: .min ... .max)) }
}
