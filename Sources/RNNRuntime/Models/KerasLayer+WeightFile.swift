// `save_weights` / `load_weights`: an uncompressed .npz with one float32 array per weight,
// named by `weightNames` (a Sequential: `lstm/kernel`, `lstm/recurrent_kernel`, `dense/bias`...;
// a bare layer: `kernel`, ...). numpy.load reads it; docs/runtime-models.md has the format.

extension KerasLayer {
    /// Keras' `save_weights(path)`, written as `.npz` (any file name; numpy.load does not care).
    public func saveWeights(_ path: String) throws {
        try requireBuilt(to: "save")
        let names = weightNames, values = weights
        guard names.count == values.count, Set(names).count == names.count else {
            throw TensorError(.valueError, "Layer '\(name)' has ambiguous weight names \(names); cannot save them by name.")
        }
        try NPYWriter.save(npz: path, Dictionary(uniqueKeysWithValues: zip(names, values)))
    }

    /// Keras' `load_weights(path)` from a file `saveWeights` (or `numpy.savez` with the same
    /// names) wrote; every name must match and every shape fit, else nothing is changed.
    public func loadWeights(_ path: String) throws {
        try requireBuilt(to: "load")
        let arrays = try NPYReader.load(npz: path)
        let names = weightNames
        let missing = names.filter { arrays[$0] == nil }
        let unexpected = arrays.keys.filter { !names.contains($0) }.sorted()
        guard missing.isEmpty, unexpected.isEmpty else {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected \(unexpected.joined(separator: ", "))") }
            throw TensorError(.valueError, "The weights in '\(path)' do not fit layer '\(name)' (\(configDescription)): \(parts.joined(separator: "; ")). Expected: \(names.joined(separator: ", ")).")
        }
        let values = names.map { arrays[$0]! }
        // Check every shape before changing anything, so a failed load leaves the layer intact.
        for (n, (have, want)) in zip(names, zip(values, weights)) where have.shape != want.shape {
            throw TensorError(.valueError, "The weight '\(n)' in '\(path)' has shape \(have.shapeDescription), but layer '\(name)' expects \(want.shapeDescription).")
        }
        try setWeights(values)
    }

    private func requireBuilt(to verb: String) throws {
        guard isBuilt else {
            throw TensorError(.valueError, "Cannot \(verb) the weights of '\(name)' before it is built: call it on data, or start the model with keras.Input(shape=...), first.")
        }
    }
}
