// keras/src/optimizers/rmsprop.py, float32:
//   v = ρv + (1-ρ)g²;  centered: a = ρa + (1-ρ)g, d = v - a² + ε; else d = v + ε
//   inc = lr·g/√d;  momentum > 0: m = momentum·m + inc, w -= m;  else w -= inc

/// Keras `RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)`.
public final class RMSprop: Optimizer {
    public let rho: Float, momentum: Float, epsilon: Float
    public let centered: Bool

    public init(learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-7,
                centered: Bool = false, clipnorm: Double? = nil, globalClipnorm: Double? = nil, clipvalue: Double? = nil) throws {
        self.rho = Float(rho); self.momentum = Float(momentum); self.epsilon = Float(epsilon)
        self.centered = centered
        try super.init(className: "RMSprop", learningRate: learningRate, clipnorm: clipnorm, globalClipnorm: globalClipnorm, clipvalue: clipvalue)
    }

    override var slotNames: [String] {
        ["velocity"] + (momentum > 0 ? ["momentum"] : []) + (centered ? ["average_gradient"] : [])
    }

    override func updateStep(_ w: UnsafeMutableBufferPointer<Float>, _ g: [Float], _ slots: inout [[Float]], learningRate lr: Float) {
        let hasMomentum = momentum > 0
        let avgIndex = hasMomentum ? 2 : 1
        let c = 1 - rho
        for i in w.indices {
            let v = rho * slots[0][i] + c * g[i] * g[i]
            slots[0][i] = v
            var denominator = v + epsilon
            if centered {
                let a = rho * slots[avgIndex][i] + c * g[i]
                slots[avgIndex][i] = a
                denominator = v - a * a + epsilon
            }
            let increment = lr * g[i] / denominator.squareRoot()
            if hasMomentum {
                let m = momentum * slots[1][i] + increment
                slots[1][i] = m
                w[i] -= m
            } else {
                w[i] -= increment
            }
        }
    }
}
