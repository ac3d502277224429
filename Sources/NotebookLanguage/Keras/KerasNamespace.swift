/// Modules standing in for parts of TensorFlow and Keras. Each knows how users spell it
/// (`tf.keras.layers`) and what its members are called as a group, so a name we do not provide
/// gets an error that lists what is there instead of a bare AttributeError:
/// `tf.keras.layers.Conv2D is not available in this kernel; layers available: Dense, Embedding, ...`.
enum KerasNamespace {
    /// A module named `pythonName` (the dotted path `import` walks) that users reach as `displayName`.
    static func module(_ pythonName: String, display displayName: String, members noun: String, doc: String) -> PyModule {
        let m = PyModule(name: pythonName, doc: doc)
        m.explainMissing = { [weak m] name in
            let available = m.map(publicMembers) ?? []
            var text = "\(displayName).\(name) is not available in this kernel"
            if let close = Suggestions.closest(to: name, in: available) { text += " (did you mean '\(close)'?)" }
            return text + "; \(noun) available: " + available.joined(separator: ", ")
        }
        return m
    }

    /// Member names users are meant to see (no `_private` or dunder names).
    static func publicMembers(_ m: PyModule) -> [String] {
        m.memberOrder.filter { !$0.hasPrefix("_") }
    }
}
