// keras/src/optimizers/adagrad.py, float32: acc += g²;  w -= lr·g/√(acc + ε); acc starts at
// initial_accumulator_value.

/// Keras `Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)`.
public final class Adagrad: Optimizer {
    public let initialAccumulatorValue: Float, epsilon: Float

    public init(learningRate: Double = 0.001, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7,
                clipnorm: Double? = nil, globalClipnorm: Double? = nil, clipvalue: Double? = nil) throws {
        self.initialAccumulatorValue = Float(initialAccumulatorValue); self.epsilon = Float(epsilon)
        try super.init(className: "Adagrad", learningRate: learningRate, clipnorm: clipnorm, globalClipnorm: globalClipnorm, clipvalue: clipvalue)
    }

    override var slotNames: [String] { ["accumulator"] }
    override var initialSlotValue: Float { initialAccumulatorValue }

    override func updateStep(_ w: UnsafeMutableBufferPointer<Float>, _ g: [Float], _ slots: inout [[Float]], learningRate lr: Float) {
        slots[0].withUnsafeMutableBufferPointer { acc in
            for i in w.indices {
                acc[i] += g[i] * g[i]
                w[i] -= lr * g[i] / (acc[i] + epsilon).squareRoot()
            }
        }
    }
}
