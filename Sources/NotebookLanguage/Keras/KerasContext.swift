import RNNRuntime

/// One session's Keras state, shared by the `tensorflow` and `keras` module trees: automatic layer
/// names (`lstm`, `lstm_1`), the generator layers draw their initial weights from
/// (`tf.random.set_seed`), and the masks that travel with layer outputs.
final class KerasContext {
    /// Keras' per-class name counters (`tf.keras.backend.clear_session()` resets them).
    private(set) var namer = LayerNamer()
    /// Where new layers draw their weights; seeded by `tf.random.set_seed` / `keras.utils.set_random_seed`.
    let weightRNG = RandomState(seed: UInt32.random(in: .min ... .max))
    /// Masks attached to layer outputs (Keras' `_keras_mask`), found again when the output is fed on.
    let masks = MaskTable()
    /// Gradient tapes recording now (Keras/TrainingState.swift).
    let training = TrainingState()

    /// Forgets the name counters, as `keras.backend.clear_session()` does.
    func clearSession() {
        namer = LayerNamer()
    }

    /// Keras' automatic name for a new object of `className` (`SimpleRNN` -> `simple_rnn`, then `simple_rnn_1`).
    func autoName(_ className: String) -> String {
        namer.uniqueName(LayerNamer.snakeCase(className))
    }
}
