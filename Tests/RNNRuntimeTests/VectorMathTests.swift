// The SIMD activations of the recurrent step loops against Double references: the fixtures
// mostly have H < 8 (scalar tails), so the vector path is checked here on a dense grid.

#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import RNNRuntime

@Suite struct VectorMathTests {
    @Test func sigmoidAndTanhAreAccurate() {
        var xs: [Float] = []
        var x: Float = -40
        while x <= 40 { xs.append(x); x += 0.003_1 }
        xs += [0, 1e-8, -1e-8, 0.0625, -0.0625, 0.062_4, 100, -100, 89, -89]
        while xs.count % 8 != 0 { xs.append(0.5) }
        var s = xs, t = xs
        s.withUnsafeMutableBufferPointer { sigmoidInPlace($0.baseAddress!, $0.count) }
        t.withUnsafeMutableBufferPointer { tanhInPlace($0.baseAddress!, $0.count) }
        var worstS = 0.0, worstT = 0.0
        for i in xs.indices {
            let d = Double(xs[i])
            let rs = 1 / (1 + Glibc.exp(-d)), rt = Glibc.tanh(d)
            worstS = max(worstS, Swift.abs(Double(s[i]) - rs) / (1e-7 + 1e-6 * Swift.abs(rs)))
            worstT = max(worstT, Swift.abs(Double(t[i]) - rt) / (1e-7 + 1e-6 * Swift.abs(rt)))
        }
        #expect(worstS <= 1, "sigmoid error beyond 1e-7 + 1e-6|y| (ratio \(worstS))")
        #expect(worstT <= 1, "tanh error beyond 1e-7 + 1e-6|y| (ratio \(worstT))")
    }
}
