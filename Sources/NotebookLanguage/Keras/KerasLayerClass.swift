import RNNRuntime

/// What a layer constructor produced: the runtime layer, Keras' config entries (which double as
/// the layer's read-only attributes: `units`, `return_sequences`...), and wrapped layers.
struct BuiltLayer {
    var layer: any KerasLayer
    var config: [(String, Value)]
    var wrapped: [String: LayerObject] = [:]
}

/// One Keras layer class as the cell language offers it: the signature and docs inspection shows,
/// and how its arguments become a runtime layer.
struct KerasLayerClass {
    let name: String
    let signature: KerasSignature
    /// One paragraph, then the call's inputs and outputs.
    let doc: String
    let make: (KerasArguments, Interpreter, KerasContext) throws -> BuiltLayer

    /// The class as a Python type whose constructor makes `LayerObject`s named by `context`.
    func pythonType(base: PyType, context: KerasContext) -> PyType {
        let holder = TypeHolder()
        let signature = self.signature, make = self.make, name = self.name
        let type = PyType(name: name, base: base, doc: doc, signature: signature.text) { [weak context] args, interp in
            guard let context, let type = holder.type else {
                throw PyException(BuiltinTypes.runtimeError, "the Keras module of this session is gone")
            }
            let bound = try signature.bind(args)
            let layerName = try bound.layerName()
            let trainable = try bound.trainable()
            try bound.checkDType()
            try bound.requireOnly("activity_regularizer", ["None"], shownAs: "None")
            let declared = try bound.declaredInputShape(interp)
            let built = try make(bound, interp, context)
            built.layer.name = layerName ?? context.autoName(name)
            built.layer.trainable = trainable
            let object = LayerObject(built.layer, class: type, context: context, config: built.config,
                                     declaredInputShape: declared, wrapped: built.wrapped)
            return .object(object)
        }
        holder.type = type
        return type
    }
}

/// Lets a type's constructor refer to the type without a reference cycle.
private final class TypeHolder {
    weak var type: PyType?
}
