// Dropout, TimeDistributed and InputLayer behaviour beyond the fixtures: Dropout statistics and
// inference identity, TimeDistributed against a per-step Dense, Input-built shapes.

import Testing
@testable import RNNRuntime

@Suite struct DropoutTests {
    @Test func inferenceIsIdentityAndPassesMask() throws {
        let x = try RandomState(seed: 1).randn([4, 5, 6])
        let mask = try Tensor(shape: [4, 5], values: [Int64](repeating: 1, count: 20), dtype: .bool)
        let d = try Dropout(rate: 0.5)
        let c = try d.call([x], mask: mask, training: false)
        #expect(c.outputs == [x])
        #expect(c.outputMask == mask)
        #expect((c.cache as? DropoutCache)?.scale == nil)
        #expect(try Dropout(rate: 0).call([x], mask: nil, training: true).outputs == [x])
    }

    /// Inverted dropout: kept elements are x / (1 - rate), the kept fraction is ~ 1 - rate and
    /// the mean is preserved; the cache holds exactly the multipliers applied.
    @Test(arguments: [0.1, 0.5, 0.8])
    func trainingStatistics(_ rate: Double) throws {
        let n = 200_000
        let x = try Tensor(shape: [n / 100, 100], values: [Float](repeating: 2, count: n))
        let d = try Dropout(rate: rate, seed: 7)
        let c = try d.call([x], mask: nil, training: true)
        let y = c.outputs[0].floats
        let keptValue = Float(2 / (1 - rate))
        var kept = 0
        for v in y {
            if v != 0 {
                #expect(abs(v - keptValue) <= 1e-5 * keptValue)
                kept += 1
            }
        }
        let fraction = Double(kept) / Double(n)
        // Binomial standard deviation at n = 2e5 is <= 0.0012; 5 sigma.
        #expect(abs(fraction - (1 - rate)) < 0.006, "kept \(fraction) at rate \(rate)")
        let mean = y.reduce(0) { $0 + Double($1) } / Double(n)
        #expect(abs(mean - 2) < 0.05 * 2 / (1 - rate))
        let scale = (c.cache as? DropoutCache)?.scale
        #expect(scale.map { zip($0, y).allSatisfy { s, v in abs(s * 2 - v) <= 1e-5 * keptValue } } == true)
    }

    @Test func seedsReproduceAndRateOneDropsAll() throws {
        let x = try RandomState(seed: 2).randn([3, 8])
        let a = try Dropout(rate: 0.3, seed: 11).call([x], mask: nil, training: true).outputs[0]
        let b = try Dropout(rate: 0.3, seed: 11).call([x], mask: nil, training: true).outputs[0]
        #expect(a == b)
        let all = try Dropout(rate: 1).call([x], mask: nil, training: true).outputs[0]
        #expect(all.floats.allSatisfy { $0 == 0 })
    }

    @Test func noiseShapeSharesTheMaskOverNoneAndOneAxes() throws {
        let x = try Tensor(shape: [4, 6, 5], values: [Float](repeating: 1, count: 120))
        let d = try Dropout(rate: 0.5, noiseShape: [nil, 1, 5], seed: 3)
        let y = try d.call([x], mask: nil, training: true).outputs[0].floats
        for b in 0..<4 { for t in 1..<6 { for f in 0..<5 {
            #expect(y[(b * 6 + t) * 5 + f] == y[(b * 6) * 5 + f])
        } } }
        #expect(throws: TensorError.self) {
            _ = try Dropout(rate: 0.5, noiseShape: [4, 2, 5]).call([x], mask: nil, training: true)
        }
    }

    @Test func invalidArgumentsUseKerasWords() throws {
        #expect(throws: TensorError(.valueError, "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5")) {
            _ = try Dropout(rate: 1.5)
        }
        #expect(throws: TensorError(.valueError, "Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index 1: 0")) {
            _ = try Dropout(rate: 0.5, noiseShape: [nil, 0])
        }
    }
}

@Suite struct TimeDistributedTests {
    @Test func equalsDenseAppliedToEachStep() throws {
        let rs = RandomState(seed: 5)
        let x = try rs.randn([3, 4, 6])
        let dense = try Dense(units: 2, activation: .tanh, rng: rs)
        let td = TimeDistributed(dense)
        let y = try td.call([x], mask: nil, training: false).outputs[0]
        #expect(y.shape == [3, 4, 2])
        for t in 0..<4 {
            // Step t of every sample, (B, F), through the very same Dense.
            var step = [Float]()
            for b in 0..<3 { step += x.floats[((b * 4 + t) * 6)..<((b * 4 + t) * 6 + 6)] }
            let yt = try dense.apply(try Tensor(shape: [3, 6], values: step))
            for b in 0..<3 { for j in 0..<2 {
                #expect(y.floats[(b * 4 + t) * 2 + j] == yt.floats[b * 2 + j])
            } }
        }
        #expect(td.weights.count == 2 && td.countParams() == 14)
    }

    @Test func wrapsARecurrentLayerOverAnExtraAxis() throws {
        let x = try RandomState(seed: 6).randn([2, 3, 5, 4])
        let lstm = try LSTM(units: 7)
        let y = try TimeDistributed(lstm).call([x], mask: nil, training: false).outputs[0]
        #expect(y.shape == [2, 3, 7])
        // Sample (1, 2) alone through the LSTM gives the same row.
        let alone = try lstm.apply(try Tensor(shape: [1, 5, 4], values: Array(x.floats[(5 * 20)..<(6 * 20)])))
        #expect(Array(y.floats[(5 * 7)..<(6 * 7)]) == alone.floats)
    }

    @Test func rankErrorNamesAxes() throws {
        #expect(throws: TensorError(.valueError, "TimeDistributed expects input of rank >= 3 (batch, timesteps, ...), got shape (3, 10)")) {
            _ = try TimeDistributed(try Dense(units: 2)).apply(try RandomState(seed: 0).randn([3, 10]))
        }
    }

    @Test func trainableReachesTheInnerLayer() throws {
        let dense = try Dense(units: 2, inputDim: 3)
        let td = TimeDistributed(dense)
        td.trainable = false
        #expect(!dense.trainable)
        #expect(td.trainableWeights.isEmpty && td.nonTrainableParamCount == 8)
    }
}

@Suite struct InputLayerTests {
    @Test func symbolicShapesAndConfig() throws {
        let i = try InputLayer(shape: [nil, 10], batchSize: 4)
        #expect(i.batchShape == [4, nil, 10])
        #expect(i.configDescription == "Input(shape=(None, 10), batch_size=4)")
        #expect(try i.outputShapes(for: [4, 7, 10]) == [[4, nil, 10]])
        #expect(try InputLayer(shape: [nil], dtype: .int64).configDescription == "Input(shape=(None,), dtype='int32')")
        #expect(throws: TensorError.self) { _ = try InputLayer(shape: [-1]) }
    }
}
