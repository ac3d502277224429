import RNNRuntime

/// The model API of `Sequential` on top of the layer attributes every layer has.
extension ModelObject {
    static let modelAttributes = ["layers", "add", "pop", "summary", "predict", "get_layer", "input", "inputs",
                                  "input_shape", "output_shape", "save_weights", "load_weights"] + ModelObject.trainingAttributes

    var attributeNames: [String] {
        Array(Set(core.attributeNames + ModelObject.modelAttributes)).sorted()
    }

    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: attribute, signature: sig, doc: doc, body))
        }
        switch attribute {
        case "layers": return .list(layerValues)
        case "weights", "variables": return .list(variables(trainable: nil))
        case "trainable_weights", "trainable_variables": return .list(variables(trainable: true))
        case "non_trainable_weights", "non_trainable_variables": return .list(variables(trainable: false))
        case "add":
            return method("add(layer)", "Appends a layer (or keras.Input(...) first); a built model rebuilds and checks the new layer's shapes.") { args, interp in
                let a = try args.bind("add", ["layer", "rebuild"], required: 1)
                try self.add(a[0]!, interp)
                return .none
            }
        case "pop":
            return method("pop(rebuild=True)", "Removes the last layer and returns it.") { args, _ in
                _ = try args.bind("pop", ["rebuild"])
                _ = try numpyCall { try self.model.pop() }
                return self.layerValuesRemoveLast() ?? .none
            }
        case "summary":
            return method("summary(line_length=None, positions=None, print_fn=None)", "Prints Keras' table of the layers: name (type), output shape, parameter count, then the totals.") { args, interp in
                try self.summary(args, interp)
            }
        case "get_layer":
            return method("get_layer(name=None, index=None)", "A layer of the model by name or by index.") { args, _ in
                let a = try args.bind("get_layer", ["name", "index"])
                if let i = a[1], !i.isNone {
                    let index = try NumPyBridge.int(i)
                    guard index >= 0, index < self.layerValues.count else {
                        throw PyException(BuiltinTypes.valueError, "Was asked to retrieve layer at index \(index) but model only has \(self.layerValues.count) layers.")
                    }
                    return self.layerValues[index]
                }
                guard case .str(let name)? = a[0] else {
                    throw PyException(BuiltinTypes.valueError, "Provide either a layer name or layer index at `get_layer`.")
                }
                guard let i = self.model.layers.firstIndex(where: { $0.name == name }) else {
                    let names = try Value.list(self.model.layers.map { .str($0.name) }).repr()
                    throw PyException(BuiltinTypes.valueError, "No such layer: \(name). Existing layers are: \(names)")
                }
                return self.layerValues[i]
            }
        case "input_shape":
            guard let input = model.inputLayer else {
                throw PyException(BuiltinTypes.attributeError, "Sequential model '\(model.name)' has no defined input shape yet.")
            }
            return KerasShapes.tuple(input.batchShape)
        case "output_shape":
            let shapes = try numpyCall { try model.outputShape() }
            return shapes.count == 1 ? KerasShapes.tuple(shapes[0]) : .list(shapes.map(KerasShapes.tuple))
        case "input", "inputs":
            guard let input = model.inputLayer else {
                throw PyException(BuiltinTypes.attributeError, "Sequential model '\(model.name)' has no defined input yet.")
            }
            let tensor = Value.object(KerasTensorObject(shape: input.batchShape, name: input.name, inputLayer: inputValue))
            return attribute == "inputs" ? .list([tensor]) : tensor
        case "save_weights":
            return method("save_weights(filepath, overwrite=True)", "Writes every weight to filepath as an uncompressed .npz (one float32 array per weight, named by Keras' saving keys such as 'layers/lstm/cell/vars/0'); numpy.load reads it.") { args, interp in
                try WeightFileBinding.save(self.model, args, interp)
            }
        case "load_weights":
            return method("load_weights(filepath, skip_mismatch=False)", "Reads weights written by save_weights (or numpy.savez with the same names) into the model; every name and shape must match, else nothing changes.") { args, interp in
                try WeightFileBinding.load(self.model, args, interp)
            }
        case _ where ModelObject.trainingAttributes.contains(attribute):
            return try trainingAttribute(attribute)
        default:
            return try core.getAttribute(attribute, interpreter: interpreter)
        }
    }

    func setAttribute(_ attribute: String, value: Value) throws -> Bool {
        if attribute == "stop_training" {
            guard model.isCompiled else { throw PyException(BuiltinTypes.attributeError, "stop_training is set by compile(); compile the model first") }
            model.stopTraining = value.isTruthy
            return true
        }
        return try core.setAttribute(attribute, value: value)
    }
}
