// Finite-difference checks on float32 functions: along random directions d, the central
// difference (f(x + h·d) - f(x - h·d)) / 2h with Richardson extrapolation over h and h/2
// (truncation O(h⁴)) against <∇f, d>. f is evaluated in float32 and summed in Double; the
// runtime's SIMD sigmoid/tanh are accurate to ~1e-6 relative but not smooth at that level, so
// the noise is ~1e-6·|f|/h: h = 3e-2 keeps both it and the truncation near 1e-4 relative, while a
// wrong gradient (a missing term, a sign) is off by O(1). Kinks (relu) need a small h instead.

import Testing
@testable import RNNRuntime

/// `Σ y ⊙ w` in Double: the scalar loss every check differentiates.
func weightedSum(_ y: Tensor, _ w: Tensor) -> Double {
    zip(y.floatValues, w.floatValues).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}

/// The relative disagreement between the analytic directional derivatives of `f` at `x`
/// (`gradient`) and finite differences, worst over `directions` random directions.
func finiteDifferenceError(_ f: (Tensor) throws -> Double, at x: Tensor, gradient: Tensor,
                           directions: Int = 3, h: Float = 3e-2, seed: UInt32 = 7) throws -> Double {
    #expect(gradient.shape == x.shape, "gradient shape \(gradient.shapeDescription) vs input \(x.shapeDescription)")
    let rng = RandomState(seed: seed)
    // <g, d> for d ~ N(0, I) has standard deviation ‖g‖: the scale errors are measured against,
    // so a direction nearly orthogonal to g does not turn rounding noise into a large ratio.
    let norm = gradient.floatValues.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    var worst = 0.0
    for _ in 0..<directions {
        let d = try rng.randn(x.shape)
        func difference(_ step: Float) throws -> Double {
            let plus = try x + (try d * Double(step)), minus = try x - (try d * Double(step))
            return (try f(plus) - (try f(minus))) / (2 * Double(step))
        }
        let numeric = (4 * (try difference(h / 2)) - (try difference(h))) / 3
        let analytic = weightedSum(gradient, d)
        let scale = Swift.max(Swift.abs(numeric), Swift.abs(analytic), norm, 1e-3)
        worst = Swift.max(worst, Swift.abs(numeric - analytic) / scale)
    }
    return worst
}

/// Runs `finiteDifferenceError` and expects it within `tolerance`.
func expectGradient(_ label: String, _ f: (Tensor) throws -> Double, at x: Tensor, gradient: Tensor,
                    tolerance: Double = 2e-3, h: Float = 3e-2) throws {
    let err = try finiteDifferenceError(f, at: x, gradient: gradient, h: h)
    #expect(err <= tolerance, "\(label): finite-difference relative error \(err)")
}
