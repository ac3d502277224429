import RNNRuntime

/// `keras.callbacks`: placeholder until fit's callbacks are bound.
enum CallbackClasses {
    static func members() -> [(String, Value)] { [] }
}
