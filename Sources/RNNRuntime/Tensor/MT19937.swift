/// The Mersenne Twister (MT19937) shared by NumPy's legacy generator (`RandomState`) and the cell
/// language's `random` module: one state, one twist, one tempering. The two differ only in how a
/// seed becomes a state (NumPy: `init_genrand`; CPython: `init_by_array`), so both are initialisers.
public struct MT19937: Sendable {
    private var key = [UInt32](repeating: 0, count: 624)
    private var position = 624

    /// `init_genrand(seed)`, as `np.random.seed(n)` seeds it.
    public init(genrandSeed seed: UInt32) {
        var s = seed
        for i in 0..<624 {
            key[i] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
        }
    }

    /// `init_by_array(words)`, as CPython's `random.seed(n)` seeds it with n's 32-bit words.
    public init(byArray words: [UInt32]) {
        self.init(genrandSeed: 19_650_218)
        let words = words.isEmpty ? [0] : words
        var i = 1, j = 0
        for _ in 0..<max(624, words.count) {
            let previous = key[i - 1] ^ (key[i - 1] >> 30)
            key[i] = (key[i] ^ (previous &* 1_664_525)) &+ words[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { key[0] = key[623]; i = 1 }
            if j >= words.count { j = 0 }
        }
        for _ in 0..<623 {
            let previous = key[i - 1] ^ (key[i - 1] >> 30)
            key[i] = (key[i] ^ (previous &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { key[0] = key[623]; i = 1 }
        }
        key[0] = 0x8000_0000
    }

    /// The next raw 32-bit output.
    public mutating func nextUInt32() -> UInt32 {
        if position >= 624 { twist() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) with 53 random bits (NumPy's `random_sample`, CPython's `random()`).
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    private mutating func twist() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff, matrix: UInt32 = 0x9908_b0df
        key.withUnsafeMutableBufferPointer { mt in
            for i in 0..<624 {
                let y = (mt[i] & upper) | (mt[(i + 1) % 624] & lower)
                mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) == 1 ? matrix : 0)
            }
        }
        position = 0
    }
}
