import RNNRuntime

/// Keras attaches a layer's output mask to the output tensor (`_keras_mask`) so the next layer
/// called on that tensor receives it. Here the table holds each output array weakly, keyed by
/// identity, so an array freed and replaced by another at the same address never inherits a mask.
final class MaskTable {
    private struct Entry {
        weak var array: TensorObject?
        let mask: Tensor
    }
    private var entries: [ObjectIdentifier: Entry] = [:]

    /// Remembers `mask` as the mask of `array`.
    func attach(_ mask: Tensor, to array: TensorObject) {
        if entries.count >= 256 { entries = entries.filter { $0.value.array != nil } }
        entries[ObjectIdentifier(array)] = Entry(array: array, mask: mask)
    }

    /// The mask attached to `array`, if it came out of a masking layer and is still the same object.
    func mask(of array: TensorObject) -> Tensor? {
        guard let e = entries[ObjectIdentifier(array)], e.array === array else { return nil }
        return e.mask
    }
}
