// keras/src/optimizers/sgd.py, float32:
//   momentum = 0:  w -= lr·g
//   else:          m = momentum·m - lr·g;  nesterov: w += momentum·m - lr·g;  else w += m

/// Keras `SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`.
public final class SGD: Optimizer {
    public let momentum: Float
    public let nesterov: Bool

    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false,
                clipnorm: Double? = nil, globalClipnorm: Double? = nil, clipvalue: Double? = nil) throws {
        guard momentum >= 0, momentum <= 1 else { throw TensorError.value("`momentum` must be a float between [0, 1].") }
        self.momentum = Float(momentum)
        self.nesterov = nesterov
        try super.init(className: "SGD", learningRate: learningRate, clipnorm: clipnorm, globalClipnorm: globalClipnorm, clipvalue: clipvalue)
    }

    override var slotNames: [String] { momentum != 0 ? ["momentum"] : [] }

    override func updateStep(_ w: UnsafeMutableBufferPointer<Float>, _ g: [Float], _ slots: inout [[Float]], learningRate lr: Float) {
        guard momentum != 0 else {
            for i in w.indices { w[i] -= g[i] * lr }
            return
        }
        slots[0].withUnsafeMutableBufferPointer { m in
            for i in w.indices {
                m[i] = m[i] * momentum - g[i] * lr
                w[i] += nesterov ? m[i] * momentum - g[i] * lr : m[i]
            }
        }
    }
}
