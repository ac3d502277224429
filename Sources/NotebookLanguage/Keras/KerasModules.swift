/// The `tensorflow` and `keras` modules of one session, bound to the Swift RNN runtime.
///
/// `import tensorflow as tf`, `from tensorflow import keras`, `import keras`,
/// `from tensorflow.keras.layers import LSTM` and `from keras.layers import GRU` all reach the
/// same layer classes and one `KerasContext` (names, weight RNG, masks), so `tf.keras.layers.LSTM
/// is keras.layers.LSTM`. The two trees differ only in how errors spell them (`tf.keras.layers.X`
/// vs `keras.layers.X`) and in `__name__`, which `import` walks.
final class KerasModules {
    let context = KerasContext()
    private var tensorflowModule: PyModule?
    private var kerasModule: PyModule?
    private var sharedMembers: KerasMembers?
    private var sharedTraining: TrainingMembers?

    /// `tensorflow` (built on first import).
    func tensorflow() -> PyModule {
        if let m = tensorflowModule { return m }
        let m = TensorFlowModule.make(keras: makeKerasTree(python: "tensorflow.keras", display: "tf.keras"), context: context)
        TensorFlowTraining.install(into: m, context: context)
        tensorflowModule = m
        return m
    }

    /// `keras` (built on first import).
    func keras() -> PyModule {
        if let m = kerasModule { return m }
        let m = makeKerasTree(python: "keras", display: "keras")
        kerasModule = m
        return m
    }

    /// Classes and functions both trees share.
    private var members: KerasMembers {
        if let s = sharedMembers { return s }
        let s = KerasMembers(context: context)
        sharedMembers = s
        return s
    }

    /// Optimizers, losses, metrics, callbacks and preprocessing, shared by both trees.
    private var training: TrainingMembers {
        if let t = sharedTraining { return t }
        let t = TrainingMembers(context: context)
        sharedTraining = t
        return t
    }

    private func makeKerasTree(python: String, display: String) -> PyModule {
        let shared = members
        func sub(_ name: String, _ noun: String, _ doc: String, _ items: [(String, Value)]) -> PyModule {
            let m = KerasNamespace.module("\(python).\(name)", display: "\(display).\(name)", members: noun, doc: doc)
            for (k, v) in items { m.set(k, v) }
            return m
        }
        let top = KerasNamespace.module(python, display: display, members: "\(display) members",
                                        doc: "Keras 3's vocabulary (layers, Input, utils) bound to the Swift RNN runtime.")
        top.set("__version__", .str(KerasMembers.kerasVersion))
        let layers = sub("layers", "layers", "Keras layers computed by the Swift RNN runtime.", shared.layers)
        top.set("layers", .module(layers))
        top.set("models", .module(sub("models", "models", "Keras model classes.", shared.models)))
        top.set("utils", .module(sub("utils", "utils", "Keras utilities (one-hot encoding, seeding).", shared.utils)))
        top.set("backend", .module(sub("backend", "backend functions", "Keras backend utilities.", shared.backend)))
        for (k, v) in shared.topLevel { top.set(k, v) }
        training.install(into: top, python: python, display: display)
        return top
    }
}
