import Testing
@testable import RNNRuntime

/// Expected values were printed by NumPy 2.4 (`np.random.seed(...)` then the same calls).
@Suite struct RandomStateTests {
    @Test func randnMatchesNumPyLegacyStreamBitForBit() {
        let rng = RandomState(seed: 0)
        #expect(rng.nextGauss() == 1.764052345967664)
        #expect(rng.nextGauss() == 0.4001572083672233)
        #expect(rng.nextGauss() == 0.9787379841057392)
    }

    @Test func randMatchesNumPy() {
        let rng = RandomState(seed: 0)
        #expect(rng.nextDouble() == 0.5488135039273248)
        #expect(rng.nextDouble() == 0.7151893663724195)
    }

    @Test func randintAndPermutationMatchNumPy() throws {
        let rng = RandomState(seed: 42)
        #expect(try rng.randint(0, 10, [5]).ints == [6, 3, 7, 4, 6])
        #expect(try rng.permutation(6).ints == [5, 0, 3, 4, 2, 1])
    }

    @Test func choiceMatchesNumPy() throws {
        let rng = RandomState(seed: 1)
        #expect(try rng.choice(5, [4], p: [0.1, 0.2, 0.3, 0.2, 0.2]).ints == [2, 3, 0, 2])
        #expect(try rng.choice(5, [3], replace: false).ints == [2, 3, 1])
        try rng.seed(2)
        #expect(try rng.choice(5, [3], replace: false, p: [0.1, 0.2, 0.3, 0.2, 0.2]).ints == [2, 0, 3])
    }

    @Test func normalAndUniformMatchNumPy() throws {
        let rng = RandomState(seed: 3)
        #expect(try rng.normal(loc: 2, scale: 3, [2]).floats == [Float(7.365885420290956), Float(3.3095295515359684)])
        #expect(try rng.uniform(low: -1, high: 1, [2]).floats == [Float(-0.41819052217411135), Float(0.02165521039532603)])
    }

    @Test func reseedingReproducesTensors() throws {
        let rng = RandomState(seed: 7)
        let a = try rng.randn([3, 2, 10])
        try rng.seed(7)
        #expect(try rng.randn([3, 2, 10]) == a)
        #expect(a.shape == [3, 2, 10])
    }

    @Test func shuffleMovesRowsTogether() throws {
        let rng = RandomState(seed: 42)
        var t = try Tensor.arange(12).reshape([6, 2])
        try rng.shuffle(&t)
        #expect(t.ints == [0, 1, 2, 3, 10, 11, 4, 5, 8, 9, 6, 7])
    }

    @Test func badArgumentsThrow() {
        let rng = RandomState(seed: 0)
        #expect(throws: TensorError.value("low >= high")) { try rng.randint(5, 5) }
        #expect(throws: TensorError.value("probabilities do not sum to 1")) { try rng.choice(2, [1], p: [0.5, 0.6]) }
        #expect(throws: TensorError.value("negative dimensions are not allowed")) { try rng.randn([-1]) }
        #expect(throws: TensorError.value("Seed must be between 0 and 2**32 - 1")) { try rng.seed(-1) }
    }
}
