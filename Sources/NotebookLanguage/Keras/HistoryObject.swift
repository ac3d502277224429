import RNNRuntime

/// What `model.fit` returns (and `model.history` keeps): Keras' History callback with
/// `history.history` (metric name -> one value per finished epoch), `history.epoch`,
/// `history.params` and `history.model`. An interrupted fit leaves the epochs it finished.
final class HistoryObject: NativeObject {
    static let type = PyType(name: "History", base: CallbackClasses.base, doc: """
        The record of a fit: history.history['loss'] (and every metric, val_ ones included) \
        has one value per finished epoch; history.epoch lists those epochs.
        """, signature: "History()")

    let history: History
    /// The model of the fit that used it.
    var model: Value = .none

    init(_ history: History) {
        self.history = history
    }

    var typeName: String { "History" }
    var pythonType: PyType { HistoryObject.type }
    var doc: String? { HistoryObject.type.doc }
    func repr() throws -> String { "<keras.src.callbacks.history.History object>" }

    var attributeNames: [String] { ["history", "epoch", "params", "model"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "history":
            let d = PyDict()
            for key in history.keys {
                try d.set(.str(key), .list(PyList((history[key] ?? []).map { .float($0) })))
            }
            return .dict(d)
        case "epoch": return .list(PyList(history.epoch.map { .int(Int64($0)) }))
        case "params":
            let p = history.params, d = PyDict()
            try d.set(.str("verbose"), .int(Int64(p.verbose)))
            try d.set(.str("epochs"), .int(Int64(p.epochs)))
            try d.set(.str("steps"), .int(Int64(p.steps)))
            return .dict(d)
        case "model": return model
        default: return nil
        }
    }
}
