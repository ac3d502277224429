import RNNRuntime

/// One session's training state beside its Keras names: the gradient tapes whose `with` block is
/// running (innermost last). Layer calls, `tf.*` ops and `tf.Variable` reads made while one of
/// them records produce `TrackedTensorObject`s on it, which is how cell code reaches the runtime's
/// `GradientTape` without any change to NumPy arrays themselves.
final class TrainingState {
    private(set) var activeTapes: [GradientTapeObject] = []
    /// The session's optimizer, loss and metric classes (for `compile('adam', 'mse')`).
    var members: TrainingMembers?

    /// The innermost tape that is recording (ops on untracked inputs that read variables go here).
    var recordingTape: GradientTapeObject? {
        activeTapes.last(where: { $0.tape.isRecording })
    }

    func push(_ tape: GradientTapeObject) {
        activeTapes.append(tape)
    }

    func remove(_ tape: GradientTapeObject) {
        activeTapes.removeAll { $0 === tape }
    }
}
