// A loss on the gradient tape is one fused record: forward keeps the per-row local gradients,
// backward scales them by the upstream gradient (Loss.swift), so `loss = loss_fn(y, model(x))`
// inside `tf.GradientTape()` costs one pass over y_pred each way.

extension GradientTape {
    /// `loss_fn(y_true, y_pred)` on the tape (y_true is data: no gradient).
    public func loss(_ loss: Loss, _ yTrue: Tensor, _ yPred: TapeTensor, sampleWeight: Tensor? = nil, mask: Tensor? = nil) throws -> TapeTensor {
        let (value, cache) = try loss.forward(yTrue, yPred.value, sampleWeight: sampleWeight, mask: mask)
        return record(loss.name, [yPred], value) { g in [try loss.backward(g, cache: cache)] }
    }
}
