// keras/src/optimizers/adam.py, float32, t = iterations + 1:
//   α = lr·√(1-β2^t)/(1-β1^t);  m += (g - m)(1-β1);  v += (g² - v)(1-β2);  w -= m·α/(√v + ε)
// (amsgrad: v̂ = max(v̂, v) replaces v in the update).

#if canImport(Glibc)
import Glibc
#endif

/// Keras `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)`.
public final class Adam: Optimizer {
    public let beta1: Float, beta2: Float, epsilon: Float
    public let amsgrad: Bool

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
                amsgrad: Bool = false, clipnorm: Double? = nil, globalClipnorm: Double? = nil, clipvalue: Double? = nil) throws {
        self.beta1 = Float(beta1); self.beta2 = Float(beta2); self.epsilon = Float(epsilon)
        self.amsgrad = amsgrad
        try super.init(className: "Adam", learningRate: learningRate, clipnorm: clipnorm, globalClipnorm: globalClipnorm, clipvalue: clipvalue)
    }

    override var slotNames: [String] { amsgrad ? ["momentum", "velocity", "velocity_hat"] : ["momentum", "velocity"] }

    override func updateStep(_ w: UnsafeMutableBufferPointer<Float>, _ g: [Float], _ slots: inout [[Float]], learningRate lr: Float) {
        let t = Float(iterations + 1)
        let alpha = lr * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
        let c1 = 1 - beta1, c2 = 1 - beta2, eps = epsilon
        var m = slots[0], v = slots[1]
        slots[0] = []; slots[1] = []   // unique buffers: updated in place below
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                for i in w.indices {
                    m[i] += (g[i] - m[i]) * c1
                    v[i] += (g[i] * g[i] - v[i]) * c2
                }
                if amsgrad {
                    slots[2].withUnsafeMutableBufferPointer { vh in
                        for i in w.indices { vh[i] = Swift.max(vh[i], v[i]); w[i] -= m[i] * alpha / (vh[i].squareRoot() + eps) }
                    }
                } else {
                    for i in w.indices { w[i] -= m[i] * alpha / (v[i].squareRoot() + eps) }
                }
            }
        }
        slots[0] = m; slots[1] = v
    }
}
