// Stateful recurrent layers (Keras `stateful=True`) carry their final states into the next call,
// which is truncated backpropagation through time when fit feeds consecutive chunks of a long text
// with shuffle=False: gradients stop at the batch boundary (the carried states are constants),
// the states do not. The carry itself lives in the layer's forward; fit needs nothing special.
// Keras 3 has no `model.reset_states()` (Keras 2 had); it is kept here for the course notebooks.

/// A layer with states that persist across calls (`RecurrentLayer` with `stateful`).
public protocol StatefulLayer: AnyObject {
    /// Keras' `layer.reset_states()`: the kept states become zeros.
    func resetStates()
}

extension Sequential {
    /// Keras 2's `model.reset_states()`: resets every stateful layer, wrapped ones included.
    public func resetStates() {
        func reset(_ layer: any KerasLayer) {
            if let s = layer as? any StatefulLayer { s.resetStates() }
            if let b = layer as? Bidirectional { reset(b.forwardLayer); reset(b.backwardLayer) }
            if let t = layer as? TimeDistributed { reset(t.layer) }
            if let m = layer as? Sequential { m.resetStates() }
        }
        for l in layers { reset(l) }
    }
}

/// `stateful=True` recurrent layers keep their final states between calls (Recurrent.swift).
extension RecurrentLayer: StatefulLayer {}
