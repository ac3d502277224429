/// The JSON form of a cell error, as IOPub `error` messages and error replies carry it.
extension CellError {
    /// `{ename, evalue, traceback}`, shared by `error` messages, error replies and user expressions.
    var jsonFields: [String: JSONValue] {
        ["ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map(JSONValue.string))]
    }
}
