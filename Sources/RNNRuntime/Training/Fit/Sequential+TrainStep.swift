// Shape key: x (S, ...) one batch, yPred = the model's single output, y its targets.
// Keras' train_step: forward (training=True), the compiled loss (with the output's mask), its
// gradient back through every layer (Sequential+Backward), the optimizer on the trainable
// weights, then the loss tracker (weighted by S) and the metrics on this batch's predictions.
// test_step is the same without gradient and update.

extension Sequential {
    /// The trainable weights as optimizer variables and where the backward pass may stop. The
    /// variables are the layers' own `weightVariables` (what `model.trainable_variables` returns),
    /// so one optimizer serves fit and a GradientTape loop alike and keeps its state across both.
    struct TrainablePlan {
        /// Flat `weights` indices of the trainable weights.
        var indices: [Int]
        var variables: [Variable]
        /// The first layer with a trainable weight (the backward pass goes no further down).
        var firstLayer: Int
    }

    func trainablePlan() -> TrainablePlan {
        let all = weightVariables
        var indices: [Int] = [], firstLayer = layers.count, offset = 0
        for (i, layer) in layers.enumerated() {
            let local = Sequential.trainableIndices(of: layer)
            if !local.isEmpty { firstLayer = Swift.min(firstLayer, i) }
            indices += local.map { offset + $0 }
            offset += layer.weights.count
        }
        return TrainablePlan(indices: indices,
                             variables: indices.map { all[$0] },
                             firstLayer: firstLayer)
    }

    /// Indices into `layer.weights` of its trainable weights: all or none, except in a nested model.
    static func trainableIndices(of layer: any KerasLayer) -> [Int] {
        if let m = layer as? Sequential {
            var out: [Int] = [], offset = 0
            for l in m.layers { out += trainableIndices(of: l).map { offset + $0 }; offset += l.weights.count }
            return out
        }
        return layer.trainableWeights.isEmpty ? [] : Array(layer.weights.indices)
    }

    /// The single prediction of a call; a model ending in several outputs cannot be fitted.
    func singleOutput(_ call: LayerCall) throws -> Tensor {
        guard call.outputs.count == 1 else {
            throw TensorError.value("fit/evaluate need a model with one output, but '\(name)' returns \(call.outputs.count) (the last layer returns its states); use a model without return_state")
        }
        return call.outputs[0]
    }

    /// One training step on a batch; returns the running logs.
    func trainStep(_ x: Tensor, _ y: Tensor, _ setup: TrainingConfiguration, _ plan: TrainablePlan) throws -> TrainingLogs {
        WorkingMemory.keepFreedBuffers
        let call = try self.call([x], mask: nil, training: true)
        let yPred = try singleOutput(call)
        let (loss, dPred) = try setup.loss.valueAndGradient(y, yPred, mask: call.outputMask)
        if !plan.indices.isEmpty {
            let (_, perLayer) = try backward([dPred], call: call, downTo: plan.firstLayer)
            let flat = perLayer.flatMap { $0 ?? [] }
            let skipped = layers[..<plan.firstLayer].reduce(0) { $0 + $1.weights.count }
            try setup.optimizer.apply(plan.indices.map { Optional(flat[$0 - skipped]) }, to: plan.variables)
        }
        try track(loss, x, y, yPred, call.outputMask, setup)
        return setup.metricsResult()
    }

    /// One evaluation step on a batch; returns the running logs.
    func testStep(_ x: Tensor, _ y: Tensor, _ setup: TrainingConfiguration) throws -> TrainingLogs {
        let call = try self.call([x], mask: nil, training: false)
        let yPred = try singleOutput(call)
        var loss = setup.loss
        if loss.reduction == .none { loss.reduction = .sumOverBatchSize }
        let value = try loss(y, yPred, mask: call.outputMask)
        try track(value.floats[0], x, y, yPred, call.outputMask, setup)
        return setup.metricsResult()
    }

    /// Keras' `_update_metrics_variables`: the loss weighted by the batch size, then the metrics.
    private func track(_ loss: Float, _ x: Tensor, _ y: Tensor, _ yPred: Tensor, _ mask: Tensor?, _ setup: TrainingConfiguration) throws {
        setup.lossTracker.add(Double(loss), weight: Double(x.shape[0]))
        for m in setup.metrics { try m.update(y, yPred, mask: mask) }
    }
}
