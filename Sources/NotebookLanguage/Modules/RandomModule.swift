#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RNNRuntime

/// MT19937 seeded as CPython seeds it, so `random.seed(n); random.random()` matches Python.
/// The generator itself is the runtime's (shared with `np.random`); this adds CPython's seeding
/// and its integer draws.
final class MersenneTwister {
    private var generator: MT19937

    init(seed: UInt64) { generator = MersenneTwister.state(for: seed) }

    /// CPython's `init_by_array` with the seed's 32-bit words.
    func seed(_ n: UInt64) { generator = MersenneTwister.state(for: n) }

    private static func state(for n: UInt64) -> MT19937 {
        var words: [UInt32] = []
        var x = n
        repeat { words.append(UInt32(truncatingIfNeeded: x)); x >>= 32 } while x != 0
        return MT19937(byArray: words)
    }

    func nextUInt32() -> UInt32 { generator.nextUInt32() }

    /// A float in [0, 1) with 53 random bits (CPython's `random()`).
    func nextDouble() -> Double { generator.nextDouble() }

    /// CPython's `getrandbits(k)` for k <= 64.
    func bits(_ k: Int) -> UInt64 {
        if k <= 32 { return UInt64(nextUInt32() >> (32 - UInt32(k))) }
        let low = UInt64(nextUInt32())
        let high = UInt64(nextUInt32() >> (64 - UInt32(k)))
        return high << 32 | low
    }

    /// CPython's `_randbelow(n)` (rejection sampling on bit_length bits).
    func below(_ n: UInt64) -> UInt64 {
        guard n > 0 else { return 0 }
        let k = 64 - n.leadingZeroBitCount
        var r = bits(k)
        while r >= n { r = bits(k) }
        return r
    }
}

/// `random`: seedable pseudo-random numbers (matching CPython for the same seed).
enum RandomModule {
    static func make() -> PyModule {
        let m = PyModule(name: "random", doc: "Random variable generators (Mersenne Twister, seeded like CPython).")
        let rng = MersenneTwister(seed: UInt64(Date().timeIntervalSince1970 * 1e6))
        var gaussNext: Double?
        m.addFunction("seed", signature: "seed(a=None)", doc: "Initialize the random number generator (an int seed gives Python's sequence).") { args, _ in
            let a = try args.bind("seed", ["a"])
            gaussNext = nil
            switch a[0] {
            case nil, .none?: rng.seed(UInt64(Date().timeIntervalSince1970 * 1e6))
            case .int(let i)?: rng.seed(i.magnitude)
            case .bool(let b)?: rng.seed(b ? 1 : 0)
            case .float(let d)?: rng.seed(UInt64(truncatingIfNeeded: d.bitPattern))
            case .str(let s)?:
                var h: UInt64 = 1469598103934665603
                for b in s.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
                rng.seed(h)
            case let v?: throw PyException(BuiltinTypes.typeError, "The only supported seed types are: None, int, float, str. Got \(v.typeName)")
            }
            return .none
        }
        m.addFunction("random", signature: "random()", doc: "Return the next random floating-point number in [0.0, 1.0).") { _, _ in
            .float(rng.nextDouble())
        }
        m.addFunction("uniform", signature: "uniform(a, b)", doc: "Get a random number in the range [a, b) or [a, b] depending on rounding.") { args, _ in
            let a = try args.bind("uniform", ["a", "b"], required: 2)
            guard let lo = a[0]!.doubleValue, let hi = a[1]!.doubleValue else { throw PyException(BuiltinTypes.typeError, "uniform() arguments must be numbers") }
            return .float(lo + (hi - lo) * rng.nextDouble())
        }
        func randrange(_ start: Int64, _ stop: Int64, _ step: Int64) throws -> Int64 {
            let r = PyRange(start: start, stop: stop, step: step)
            let n = r.count
            if n <= 0 { throw PyException(BuiltinTypes.valueError, "empty range in randrange(\(start), \(stop))") }
            return r.element(Int64(rng.below(UInt64(n)))) ?? start
        }
        m.addFunction("randint", signature: "randint(a, b)", doc: "Return random integer in range [a, b], including both end points.") { args, _ in
            let a = try args.bind("randint", ["a", "b"], required: 2)
            let lo = try Constructors.integer(a[0]!), hi = try Constructors.integer(a[1]!)
            return .int(try randrange(lo, try Checked.add(hi, 1), 1))
        }
        m.addFunction("randrange", signature: "randrange(start, stop=None, step=1)", doc: "Choose a random item from range(start, stop[, step]).") { args, _ in
            let a = try args.bind("randrange", ["start", "stop", "step"], required: 1)
            let start = try Constructors.integer(a[0]!)
            guard let stopV = a[1], case .int(let stop) = stopV else { return .int(try randrange(0, start, 1)) }
            let step = try a[2].map { try Constructors.integer($0) } ?? 1
            if step == 0 { throw PyException(BuiltinTypes.valueError, "zero step for randrange()") }
            return .int(try randrange(start, stop, step))
        }
        m.addFunction("choice", signature: "choice(seq)", doc: "Choose a random element from a non-empty sequence.") { args, interp in
            try args.expectPositional("choice", min: 1, max: 1)
            let items = try interp.toArray(args.positional[0])
            if items.isEmpty { throw PyException(BuiltinTypes.indexError, "Cannot choose from an empty sequence") }
            return items[Int(rng.below(UInt64(items.count)))]
        }
        m.addFunction("shuffle", signature: "shuffle(x)", doc: "Shuffle list x in place, and return None.") { args, _ in
            try args.expectPositional("shuffle", min: 1, max: 1)
            guard case .list(let l) = args.positional[0] else {
                throw PyException(BuiltinTypes.typeError, "shuffle() argument must be a list, not \(args.positional[0].typeName)")
            }
            var i = l.items.count - 1
            while i > 0 {
                let j = Int(rng.below(UInt64(i + 1)))
                l.items.swapAt(i, j)
                i -= 1
            }
            return .none
        }
        m.addFunction("sample", signature: "sample(population, k)", doc: "Choose k unique random elements from a population sequence.") { args, interp in
            let a = try args.bind("sample", ["population", "k"], required: 2)
            var pool = try interp.toArray(a[0]!)
            let k = try Constructors.integer(a[1]!)
            if k < 0 || k > pool.count { throw PyException(BuiltinTypes.valueError, "Sample larger than population or is negative") }
            var out: [Value] = []
            for i in 0..<Int(k) {
                let j = Int(rng.below(UInt64(pool.count - i)))
                out.append(pool[j])
                pool[j] = pool[pool.count - i - 1]
            }
            return .list(PyList(out))
        }
        m.addFunction("gauss", signature: "gauss(mu=0.0, sigma=1.0)", doc: "Gaussian distribution (mu is the mean, sigma the standard deviation).") { args, _ in
            let a = try args.bind("gauss", ["mu", "sigma"])
            let mu = a[0]?.doubleValue ?? 0, sigma = a[1]?.doubleValue ?? 1
            var z: Double
            if let g = gaussNext { z = g; gaussNext = nil } else {
                let x2pi = rng.nextDouble() * 2 * Double.pi
                let g2rad = (-2.0 * Glibc.log(1.0 - rng.nextDouble())).squareRoot()
                z = Glibc.cos(x2pi) * g2rad
                gaussNext = Glibc.sin(x2pi) * g2rad
            }
            return .float(mu + z * sigma)
        }
        return m
    }
}
