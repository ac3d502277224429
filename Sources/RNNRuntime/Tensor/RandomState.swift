import Glibc

/// NumPy's legacy random generator (`np.random.seed`, `np.random.randn`, ...), bit for bit:
/// MT19937 seeded as `np.random.seed(int)` seeds it, doubles from two 32-bit draws (53 bits),
/// normals from the polar Box–Muller method with the spare value kept (`legacy_gauss`), and
/// bounded integers by masked rejection. Same seed, same numbers as a course's notebook; values
/// are produced in float64 and then stored as float32.
public final class RandomState {
    private var generator = MT19937(genrandSeed: 0)
    private var spareGauss: Double?

    /// The process-wide generator behind `np.random.*`, seeded from system entropy until `seed` is called.
    public static let global = RandomState(seed: UInt32.random(in: .min ... .max))

    public init(seed: UInt32) { self.seed(seed) }

    /// `np.random.seed(n)`: MT19937's `init_genrand`; a ValueError outside 0...2^32-1 like NumPy.
    public func seed(_ value: Int) throws {
        guard value >= 0, value <= Int(UInt32.max) else {
            throw TensorError.value("Seed must be between 0 and 2**32 - 1")
        }
        seed(UInt32(value))
    }

    /// Reseeds with a 32-bit seed.
    public func seed(_ value: UInt32) {
        generator = MT19937(genrandSeed: value)
        spareGauss = nil
    }

    /// The next raw 32-bit output of MT19937.
    public func nextUInt32() -> UInt32 { generator.nextUInt32() }

    /// A double in [0, 1) with 53 random bits (`random_sample`).
    public func nextDouble() -> Double { generator.nextDouble() }

    /// A standard normal (`legacy_gauss`): polar Box–Muller, the second value kept for the next call.
    public func nextGauss() -> Double {
        if let spare = spareGauss {
            spareGauss = nil
            return spare
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        spareGauss = f * x1
        return f * x2
    }

    /// A uniform integer in 0...max by masked rejection (`random_interval`, also `randint`'s 32-bit path).
    public func nextInterval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        if max <= 0xffff_ffff {
            while true {
                let v = UInt64(nextUInt32()) & mask
                if v <= max { return v }
            }
        }
        while true {
            let v = ((UInt64(nextUInt32()) << 32) | UInt64(nextUInt32())) & mask
            if v <= max { return v }
        }
    }

    // MARK: Tensors

    /// `np.random.randn(*shape)`: standard normals.
    public func randn(_ shape: [Int]) throws -> Tensor {
        let n = try Shape.count(shape)
        return Tensor(shape: shape, floats: (0..<n).map { _ in Float(nextGauss()) })
    }

    /// `np.random.rand(*shape)`: uniform in [0, 1).
    public func rand(_ shape: [Int]) throws -> Tensor {
        let n = try Shape.count(shape)
        return Tensor(shape: shape, floats: (0..<n).map { _ in Float(nextDouble()) })
    }

    /// `np.random.normal(loc, scale, size)`.
    public func normal(loc: Double = 0, scale: Double = 1, _ shape: [Int]) throws -> Tensor {
        guard scale >= 0 else { throw TensorError.value("scale < 0") }
        let n = try Shape.count(shape)
        return Tensor(shape: shape, floats: (0..<n).map { _ in Float(loc + scale * nextGauss()) })
    }

    /// `np.random.uniform(low, high, size)`.
    public func uniform(low: Double = 0, high: Double = 1, _ shape: [Int]) throws -> Tensor {
        let n = try Shape.count(shape)
        return Tensor(shape: shape, floats: (0..<n).map { _ in Float(low + (high - low) * nextDouble()) })
    }

    /// `np.random.randint(low, high, size)`: int64 in [low, high); `high == nil` means [0, low).
    public func randint(_ low: Int, _ high: Int? = nil, _ shape: [Int] = []) throws -> Tensor {
        let (lo, hi) = high.map { (low, $0) } ?? (0, low)
        guard lo < hi else { throw TensorError.value("low >= high") }
        let n = try Shape.count(shape)
        // hi - lo - 1 in UInt64 wrapping arithmetic cannot overflow for any lo < hi.
        let range = UInt64(bitPattern: Int64(hi)) &- UInt64(bitPattern: Int64(lo)) &- 1
        return Tensor(shape: shape, ints: (0..<n).map { _ in Int64(lo) &+ Int64(bitPattern: nextInterval(range)) })
    }

    /// `np.random.permutation(n)`: a shuffled `arange(n)`.
    public func permutation(_ n: Int) throws -> Tensor {
        var t = try Tensor.arange(n)
        try shuffle(&t)
        return t
    }

    /// `np.random.permutation(a)`: a copy of `a` shuffled along axis 0.
    public func permutation(_ a: Tensor) throws -> Tensor {
        var t = a
        try shuffle(&t)
        return t
    }

    /// `np.random.shuffle(a)`: shuffles along axis 0 in place (Fisher–Yates from the end, as NumPy).
    public func shuffle(_ a: inout Tensor) throws {
        guard a.ndim >= 1 else { throw TensorError.type("object of type 'float' has no len()") }
        let n = a.shape[0]
        guard n > 1 else { return }
        let row = a.size / n
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(nextInterval(UInt64(i)))
            if i == j { continue }
            for k in 0..<row {
                if a.dtype == .float32 { a.floats.swapAt(i * row + k, j * row + k) }
                else { a.ints.swapAt(i * row + k, j * row + k) }
            }
        }
    }

    /// `np.random.choice(n, size, replace, p)`: indices drawn from `0..<n` as an int64 tensor.
    public func choice(_ n: Int, _ shape: [Int] = [], replace: Bool = true, p: [Double]? = nil) throws -> Tensor {
        guard n > 0 else { throw TensorError.value("a must be a positive integer unless no samples are taken") }
        let count = try Shape.count(shape)
        if let p {
            guard p.count == n else { throw TensorError.value("'a' and 'p' must have same size") }
            guard p.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw TensorError.value("probabilities are not non-negative") }
            let total = p.reduce(0, +)
            guard abs(total - 1) <= 1.4901161193847656e-08 * 10 else { throw TensorError.value("probabilities do not sum to 1") }
            if replace {
                var cdf = [Double](repeating: 0, count: n)
                var acc = 0.0
                for i in 0..<n { acc += p[i]; cdf[i] = acc }
                let last = cdf[n - 1]
                for i in 0..<n { cdf[i] /= last }
                let draws = (0..<count).map { _ -> Int64 in
                    let u = nextDouble()
                    // searchsorted(side='right'): first index with cdf > u.
                    var lo = 0, hi = n
                    while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] <= u { lo = mid + 1 } else { hi = mid } }
                    return Int64(lo)
                }
                return Tensor(shape: shape, ints: draws)
            }
            // Without replacement and with p: NumPy's loop of weighted draws, zeroing picked items.
            guard count <= n else { throw TensorError.value("Cannot take a larger sample than population when 'replace=False'") }
            guard p.filter({ $0 > 0 }).count >= count else { throw TensorError.value("Fewer non-zero entries in p than size") }
            var weights = p, picked: [Int64] = []
            while picked.count < count {
                let us = (0..<(count - picked.count)).map { _ in nextDouble() }
                for i in picked { weights[Int(i)] = 0 }
                var cdf = [Double](repeating: 0, count: n)
                var acc = 0.0
                for i in 0..<n { acc += weights[i]; cdf[i] = acc }
                for i in 0..<n { cdf[i] /= acc }
                // NumPy keeps the unique draws in order of first appearance.
                var fresh: [Int64] = []
                for u in us {
                    var lo = 0, hi = n
                    while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] <= u { lo = mid + 1 } else { hi = mid } }
                    if !fresh.contains(Int64(lo)) { fresh.append(Int64(lo)) }
                }
                picked += fresh
            }
            return Tensor(shape: shape, ints: picked)
        }
        if replace { return try randint(0, n, shape) }
        guard count <= n else { throw TensorError.value("Cannot take a larger sample than population when 'replace=False'") }
        let perm = try permutation(n)
        return Tensor(shape: shape, ints: Array(perm.ints.prefix(count)))
    }

    /// `np.random.choice(a, size, replace, p)`: elements of a 1-D tensor.
    public func choice(_ a: Tensor, _ shape: [Int] = [], replace: Bool = true, p: [Double]? = nil) throws -> Tensor {
        guard a.ndim == 1 else { throw TensorError.value("a must be 1-dimensional") }
        let idx = try choice(a.size, shape, replace: replace, p: p)
        return a.gathered(idx.ints.map { Int($0) }, shape: shape)
    }
}
