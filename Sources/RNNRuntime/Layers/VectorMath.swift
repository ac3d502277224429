// Vectorised (SIMD8) in-place activations for the recurrent step loops: exp by range reduction
// 2^n · e^r with Cephes' degree-6 polynomial (≈1 ulp), sigmoid = 1/(1+e^-x),
// tanh = 1 − 2/(e^2x + 1) with a Taylor polynomial below |x| = 1/16. Scalar tails use the same
// formulas, so results do not depend on where a row starts.

typealias Vec = SIMD8<Float>

@inline(__always) func load(_ p: UnsafePointer<Float>) -> Vec {
    UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
}

@inline(__always) func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec.self)
}

@inline(__always) func vexp(_ x: Vec) -> Vec {
    // Rounding and float→int through the 1.5·2^23 "magic number" (SIMD's `rounded` and
    // `init(_:rounding:)` are scalar loops); clamping keeps 2^n a normal float.
    let xc = pointwiseMin(pointwiseMax(x, Vec(repeating: -87.3)), Vec(repeating: 88.3))
    let magic = Vec(repeating: 12_582_912)
    let shifted = xc * Vec(repeating: 1.442_695_04) + magic
    let n = shifted - magic
    let c1 = Vec(repeating: 0.693_359_375), c2 = Vec(repeating: -2.121_944_40e-4)
    let r = xc - n * c1 - n * c2
    var p = Vec(repeating: 1.987_569_150_0e-4)
    p = p * r + Vec(repeating: 1.398_199_950_7e-3)
    p = p * r + Vec(repeating: 8.333_451_907_3e-3)
    p = p * r + Vec(repeating: 4.166_579_589_4e-2)
    p = p * r + Vec(repeating: 1.666_666_545_9e-1)
    p = p * r + Vec(repeating: 5.000_000_120_1e-1)
    p = p * (r * r) + r + Vec(repeating: 1)
    let ni = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- SIMD8<Int32>(repeating: 0x4B40_0000)
    let bits = (ni &+ SIMD8<Int32>(repeating: 127)) &<< SIMD8<Int32>(repeating: 23)
    return p * unsafeBitCast(bits, to: Vec.self)
}

@inline(__always) func vsigmoid(_ x: Vec) -> Vec { Vec(repeating: 1) / (Vec(repeating: 1) + vexp(-x)) }

@inline(__always) func vtanh(_ x: Vec) -> Vec {
    let e = vexp(x + x) + Vec(repeating: 1)
    var r = Vec(repeating: 1) - Vec(repeating: 2) / e
    let x2 = x * x
    var q = x2 * Vec(repeating: -17.0 / 315)
    q = x2 * (q + Vec(repeating: 2.0 / 15))
    q = x2 * (q + Vec(repeating: -1.0 / 3))
    let taylor = x * (q + Vec(repeating: 1))
    r.replace(with: taylor, where: abs(x) .< Vec(repeating: 0.0625))
    return r
}

@inline(__always) func abs(_ x: Vec) -> Vec {
    unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & SIMD8<UInt32>(repeating: 0x7FFF_FFFF), to: Vec.self)
}

/// p[0..<n] = sigmoid(p[0..<n]).
@inline(__always) func sigmoidInPlace(_ p: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    while i + 8 <= n { store(vsigmoid(load(p + i)), p + i); i += 8 }
    while i < n { p[i] = logistic(p[i]); i += 1 }
}

/// p[0..<n] = tanh(p[0..<n]).
@inline(__always) func tanhInPlace(_ p: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    while i + 8 <= n { store(vtanh(load(p + i)), p + i); i += 8 }
    while i < n { p[i] = fastTanh(p[i]); i += 1 }
}

/// a[0..<n] += b[0..<n].
@inline(__always) func addInPlace(_ a: UnsafeMutablePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) {
    var i = 0
    while i + 8 <= n { store(load(a + i) + load(b + i), a + i); i += 8 }
    while i < n { a[i] += b[i]; i += 1 }
}

/// The first `n` (at most 8) floats at `p`, zero-padded: a row's last partial chunk runs through
/// the same vector code as the others, so a unit's result does not depend on where it sits.
@inline(__always) func load(_ p: UnsafePointer<Float>, _ n: Int) -> Vec {
    if n >= 8 { return load(p) }
    var v = Vec(repeating: 0)
    for i in 0..<n { v[i] = p[i] }
    return v
}

/// Stores the first `n` (at most 8) lanes of `v` at `p`.
@inline(__always) func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
    if n >= 8 { store(v, p); return }
    for i in 0..<n { p[i] = v[i] }
}
