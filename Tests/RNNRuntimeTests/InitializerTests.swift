// Keras initialisers: orthogonal gives orthonormal rows (wide) or columns (tall), glorot stays in its limit.

import Testing
@testable import RNNRuntime

@Suite struct InitializerTests {
    /// max |MᵀM − I| over the smaller side of a (rows, cols) matrix.
    func orthogonality(_ t: Tensor) -> Float {
        let r = t.shape[0], c = t.shape[1], v = t.floats
        var worst: Float = 0
        if r >= c {
            for i in 0..<c { for j in 0..<c {
                var d: Float = 0
                for k in 0..<r { d += v[k * c + i] * v[k * c + j] }
                worst = max(worst, abs(d - (i == j ? 1 : 0)))
            } }
        } else {
            for i in 0..<r { for j in 0..<r {
                var d: Float = 0
                for k in 0..<c { d += v[i * c + k] * v[j * c + k] }
                worst = max(worst, abs(d - (i == j ? 1 : 0)))
            } }
        }
        return worst
    }

    @Test func orthogonalTallWideAndSquare() throws {
        let rng = RandomState(seed: 3)
        for shape in [[16, 4], [4, 16], [20, 20], [1, 5], [33, 1]] {
            let t = try Initializer.orthogonal.make(shape, rng: rng)
            #expect(t.shape == shape)
            #expect(orthogonality(t) < 1e-5, "\(shape)")
        }
    }

    @Test func glorotLimit() throws {
        let t = try Initializer.glorotUniform.make([10, 80], rng: RandomState(seed: 1))
        let limit = (6.0 / 90.0).squareRoot()
        #expect(t.floats.allSatisfy { Double(abs($0)) <= limit })
        #expect(t.floats.contains { Double(abs($0)) > limit / 2 })
    }
}
