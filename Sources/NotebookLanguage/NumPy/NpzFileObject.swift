import RNNRuntime

/// What `np.load("x.npz")` returns: NumPy's `NpzFile`, a read-only mapping from member names
/// (without `.npy`) to arrays, in archive order. The archive is read whole when loaded, so
/// `close()` only ends access, as it does in NumPy.
final class NpzFileObject: NativeObject {
    static let type = PyType(name: "NpzFile", base: BuiltinTypes.object,
                             doc: "A dictionary-like object with lazy-loading of files in the zipped archive provided on construction (what np.load returns for .npz files).")
    /// The path as given to `np.load`, shown by repr.
    let path: String
    private let members: [(name: String, tensor: Tensor)]
    private var isClosed = false

    init(path: String, members: [(name: String, tensor: Tensor)]) {
        self.path = path
        self.members = members
    }

    var typeName: String { "NpzFile" }
    var pythonType: PyType { NpzFileObject.type }
    var files: [String] { members.map(\.name) }

    /// NumPy's repr: the first five keys, then "...".
    func repr() throws -> String {
        let maxNames = 5
        var names = files.prefix(maxNames).joined(separator: ", ")
        if files.count > maxNames { names += "..." }
        return "NpzFile \(try Value.str(path).repr()) with keys: \(names)"
    }

    func length() throws -> Int? { members.count }

    func makeIterator(interpreter: Interpreter) throws -> PyIterator? {
        let names = files
        var i = 0
        return PyIterator(typeName: "iterator") {
            guard i < names.count else { return nil }
            defer { i += 1 }
            return .str(names[i])
        }
    }

    /// `f["name"]` (or `f["name.npy"]`, as NumPy also accepts): a fresh array each time.
    func getItem(_ key: Value) throws -> Value? {
        .object(TensorObject(try array(key)))
    }

    /// The member a key names: its name, or its name with `.npy` (NumPy accepts both).
    private func member(_ key: Value) -> Tensor? {
        guard case .str(let name) = key else { return nil }
        if let member = members.first(where: { $0.name == name }) { return member.tensor }
        guard name.hasSuffix(".npy") else { return nil }
        return members.first(where: { $0.name == String(name.dropLast(4)) })?.tensor
    }

    private func array(_ key: Value) throws -> Tensor {
        guard let tensor = member(key) else {
            throw PyException(BuiltinTypes.keyError, args: [.str("\(try key.str()) is not a file in the archive")])
        }
        guard !isClosed else { throw PyException(BuiltinTypes.valueError, "I/O operation on closed file.") }
        return tensor
    }

    static let methodNames = ["keys", "values", "items", "get", "close"]
    var attributeNames: [String] { ["files"] + NpzFileObject.methodNames }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ signature: String, _ doc: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: name, signature: signature, doc: doc) { args, _ in try body(args) })
        }
        switch name {
        case "files": return .list(files.map { .str($0) })
        case "keys":
            return method("keys()", "The member names, in archive order.") { args in
                _ = try args.bind("keys", [])
                return .list(self.files.map { .str($0) })
            }
        case "values":
            return method("values()", "The arrays, in archive order.") { args in
                _ = try args.bind("values", [])
                return .list(try self.files.map { .object(TensorObject(try self.array(.str($0)))) })
            }
        case "items":
            return method("items()", "(name, array) pairs, in archive order.") { args in
                _ = try args.bind("items", [])
                return .list(try self.files.map { .tuple([.str($0), .object(TensorObject(try self.array(.str($0))))]) })
            }
        case "get":
            return method("get(key, default=None)", "f[key] if key is a member, else default.") { args in
                let a = try args.bind("get", ["key", "default"], required: 1)
                guard let key = a[0], self.member(key) != nil else { return a[1] ?? .none }
                return .object(TensorObject(try self.array(key)))
            }
        case "close":
            return method("close()", "Close the file: later reads of members raise ValueError.") { args in
                _ = try args.bind("close", [])
                self.isClosed = true
                return .none
            }
        default: return nil
        }
    }

    var doc: String? { "NpzFile of \(path): \(files.count) arrays (\(files.joined(separator: ", ")))" }
}
