import RNNRuntime

/// `np.save`, `np.load`, `np.savez` and `np.savez_compressed`: NumPy's file functions over the
/// runtime's `.npy`/`.npz` codec, with NumPy's file-name rules (`.npy`/`.npz` appended when
/// missing), member names (`arr_0`, ... after the keywords) and error wording.
enum NumPyIO {
    static func register(in np: PyModule) {
        typealias B = NumPyBridge
        np.addFunction("save", signature: "save(file, arr, allow_pickle=True)",
                       doc: "Save an array to a binary file in NumPy .npy format (.npy is appended to the file name if missing).") { args, interp in
            let a = try args.bind("save", ["file", "arr", "allow_pickle", "fix_imports"], required: 2)
            var path = try BinaryFile.path(a[0]!)
            if !path.hasSuffix(".npy") { path += ".npy" }
            let t = try B.tensor(a[1]!, interp)
            try BinaryFile.write(path, NPYWriter.npyBytes(t))
            return .none
        }
        np.addFunction("savez", signature: "savez(file, *args, allow_pickle=True, **kwds)",
                       doc: "Save several arrays into a single uncompressed .npz file: positional arrays are named arr_0, arr_1, ..., keyword arrays keep their names (.npz is appended if missing).") { args, interp in
            try savez("savez", args, interp)
        }
        np.addFunction("savez_compressed", signature: "savez_compressed(file, *args, allow_pickle=True, **kwds)",
                       doc: "Not available: the kernel's .npz writer stores members without deflate compression. Use np.savez, which np.load (here or in NumPy) reads the same way.") { _, _ in
            throw PyException(BuiltinTypes.notImplementedError,
                              "np.savez_compressed is not supported: the Swift RNN runtime writes .npz members without deflate compression; use np.savez (same arrays, same np.load)")
        }
        np.addFunction("load", signature: "load(file, mmap_mode=None, allow_pickle=False)",
                       doc: "Load an array from a .npy file, or an NpzFile (a dict-like object of arrays: .files, f['name'], close()) from a .npz file.") { args, _ in
            let a = try args.bind("load", ["file", "mmap_mode", "allow_pickle", "fix_imports", "encoding", "max_header_size"], required: 1)
            let path = try BinaryFile.path(a[0]!)
            if let mode = a[1], !mode.isNone {
                throw PyException(BuiltinTypes.notImplementedError, "np.load: mmap_mode=\(try mode.repr()) is not supported; arrays are always read into memory")
            }
            return try load(path)
        }
    }

    /// `np.load`: the file's leading bytes decide, as in NumPy (zip → NpzFile, `\x93NUMPY` → array).
    static func load(_ path: String) throws -> Value {
        let bytes = try BinaryFile.read(path)
        guard !bytes.isEmpty else { throw PyException(BuiltinTypes.eofError, "No data left in file") }
        let zipPrefixes: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]]
        if zipPrefixes.contains(where: { bytes.starts(with: $0) }) {
            return .object(NpzFileObject(path: path, members: try decode { try NPYReader.parseNPZMembers(bytes) }))
        }
        if bytes.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) {
            return .object(TensorObject(try decode { try NPYReader.parseNPY(bytes[...]) }))
        }
        throw PyException(BuiltinTypes.valueError,
                          "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.")
    }

    /// `savez(file, *args, **kwds)`: keyword arrays first (call order), then `arr_0`, `arr_1`, ...
    static func savez(_ function: String, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        var positional = args.positional
        var fileArgument: Value? = positional.isEmpty ? nil : positional.removeFirst()
        var members: [(name: String, tensor: Tensor)] = []
        for (name, value) in args.keywords {
            switch name {
            case "file":
                guard fileArgument == nil else { throw PyException(BuiltinTypes.typeError, "\(function)() got multiple values for argument 'file'") }
                fileArgument = value
            case "allow_pickle": continue
            default:
                guard !members.contains(where: { $0.name == name }) else {
                    throw PyException(BuiltinTypes.typeError, "\(function)() got multiple values for keyword argument '\(name)'")
                }
                members.append((name, try NumPyBridge.tensor(value, interp)))
            }
        }
        guard let fileArgument else {
            throw PyException(BuiltinTypes.typeError, "\(function)() missing 1 required positional argument: 'file'")
        }
        for (i, value) in positional.enumerated() {
            let name = "arr_\(i)"
            guard !members.contains(where: { $0.name == name }) else {
                throw PyException(BuiltinTypes.valueError, "Cannot use un-named variables and keyword \(name)")
            }
            members.append((name, try NumPyBridge.tensor(value, interp)))
        }
        var path = try BinaryFile.path(fileArgument)
        if !path.hasSuffix(".npz") { path += ".npz" }
        try BinaryFile.write(path, NPYWriter.npzBytes(members: members))
        return .none
    }

    /// A runtime decoding error as NumPy's ValueError.
    private static func decode<T>(_ body: () throws -> T) throws -> T {
        do { return try numpyCall(body) } catch let e as NPYError {
            throw PyException(BuiltinTypes.valueError, e.message)
        }
    }
}
