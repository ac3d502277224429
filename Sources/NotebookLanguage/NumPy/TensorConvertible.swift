import RNNRuntime

/// A native value that NumPy functions accept as an array: TensorFlow's tensors and variables
/// (`np.argmax(logits)` on a tensor recorded by a GradientTape reads its current values).
protocol TensorConvertible: AnyObject {
    /// The current values (a copy-on-write tensor).
    func tensorValue() throws -> Tensor
}

extension Value {
    /// The tensor of a one-element array or tensor object (what format specs and float() read).
    static func oneElementTensor(_ o: any NativeObject) throws -> Tensor? {
        let t: Tensor
        if let a = o as? TensorObject { t = a.tensor } else if let c = o as? any TensorConvertible { t = try c.tensorValue() } else { return nil }
        return t.size == 1 ? try t.reshape([]) : nil
    }
}
