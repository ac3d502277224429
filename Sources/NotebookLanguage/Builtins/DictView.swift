/// `dict.keys()`, `.values()`, `.items()`: a snapshot shown as Python shows views.
final class DictView: NativeObject {
    let kind: String
    let items: [Value]

    init(kind: String, items: [Value]) {
        self.kind = kind
        self.items = items
    }

    var typeName: String { kind }
    var pythonType: PyType { BuiltinTypes.nativeType(named: kind) }
    func repr() throws -> String { "\(kind)(\(try Value.list(items).repr()))" }
    func length() throws -> Int? { items.count }
    var isHashable: Bool { false }

    func makeIterator(interpreter: Interpreter) throws -> PyIterator? {
        try interpreter.makeIterator(.tuple(items))
    }

    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual, case .object(let o) = other, let v = o as? DictView, v.kind == kind else { return nil }
        let same = kind == "dict_values" ? false : try pyEquals(.set(try PySet(items)), .set(try PySet(v.items)))
        return .bool(op == .equal ? same : !same)
    }

    func getItem(_ key: Value) throws -> Value? {
        throw PyException(BuiltinTypes.typeError, "'\(kind)' object is not subscriptable")
    }
}
