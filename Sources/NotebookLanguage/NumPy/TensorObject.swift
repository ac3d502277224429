import RNNRuntime

// The bridge between the cell language's values and the runtime's `Tensor`: conversions both
// ways, TensorError → PyException, and `ndarray` (TensorObject) with its attributes and operators.
// Scalars: a 0-d result (a reduction, `a[i, j]`, `item()`) becomes a Python float/int/bool; a
// float32 scalar keeps float32's shortest digits (`0.5488135`, not `0.5488135218620300`).

/// Runs a runtime call, turning a `TensorError` into the Python exception it names.
func numpyCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as TensorError {
        throw PyException(BuiltinTypes.exceptionType(named: e.pythonExceptionName) ?? BuiltinTypes.valueError, e.message)
    }
}

enum NumPyBridge {
    /// A float32 value as the Python float with the same shortest digits.
    static func pyFloat(_ f: Float) -> Value { .float(Double(String(f)) ?? Double(f)) }

    /// A 0-d tensor as a Python scalar; any other tensor as an ndarray.
    static func wrap(_ t: Tensor) -> Value {
        guard t.ndim == 0 else { return .object(TensorObject(t)) }
        return scalar(t, at: 0)
    }

    static func scalar(_ t: Tensor, at i: Int) -> Value {
        switch t.dtype {
        case .float32: return pyFloat(t.floats[i])
        case .int64: return .int(t.ints[i])
        case .bool: return .bool(t.ints[i] != 0)
        }
    }

    /// Nested Python lists of the elements (`a.tolist()`).
    static func toList(_ t: Tensor) -> Value {
        if t.ndim == 0 { return scalar(t, at: 0) }
        func build(_ axis: Int, _ offset: Int, _ stride: Int) -> Value {
            let n = t.shape[axis]
            let inner = stride / Swift.max(n, 1)
            if axis == t.ndim - 1 { return .list(PyList((0..<n).map { scalar(t, at: offset + $0) })) }
            return .list(PyList((0..<n).map { build(axis + 1, offset + $0 * inner, inner) }))
        }
        return build(0, 0, t.size)
    }

    static func nested(_ v: Value, _ interp: Interpreter?) throws -> NestedValues {
        switch v {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int(i))
        case .float(let d): return .double(d)
        case .object(let o as TensorObject): return nestedTensor(o.tensor)
        case .object(let o as any TensorConvertible): return nestedTensor(try o.tensorValue())
        case .list(let l): return .list(try l.items.map { try nested($0, interp) })
        case .tuple(let t): return .list(try t.map { try nested($0, interp) })
        case .range:
            guard let interp else { fallthrough }
            return .list(try interp.toArray(v).map { try nested($0, interp) })
        default:
            throw PyException(BuiltinTypes.typeError, "could not convert '\(v.typeName)' object to an array")
        }
    }

    static func nestedTensor(_ t: Tensor) -> NestedValues {
        func conv(_ v: Value) -> NestedValues {
            switch v {
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(Int(i))
            case .float(let d): return .double(d)
            case .list(let l): return .list(l.items.map(conv))
            default: return .int(0)
            }
        }
        return conv(toList(t))
    }

    /// Any array-like (tensor, number, nested list/tuple) as a Tensor.
    static func tensor(_ v: Value, _ interp: Interpreter? = nil, dtype: DType? = nil) throws -> Tensor {
        if case .object(let o as TensorObject) = v {
            return try numpyCall { try dtype.map { try o.tensor.astype($0) } ?? o.tensor }
        }
        if case .object(let o as any TensorConvertible) = v {
            let t = try o.tensorValue()
            return try numpyCall { try dtype.map { try t.astype($0) } ?? t }
        }
        switch v {
        case .int(let i) where dtype == nil: return Tensor(Int(i))
        case .float(let d) where dtype == nil: return Tensor(Float(d))
        case .bool(let b) where dtype == nil: return Tensor(b)
        default: break
        }
        let n = try nested(v, interp)
        return try numpyCall { try Tensor.array(n, dtype: dtype) }
    }

    /// A Python int (or int 0-d tensor) as Int; floats are a TypeError as in NumPy.
    static func int(_ v: Value, what: String = "integer") throws -> Int {
        switch v {
        case .int(let i): return Int(i)
        case .bool(let b): return b ? 1 : 0
        case .object(let o as TensorObject) where o.tensor.dtype.isIntegral && o.tensor.size == 1:
            return Int(o.tensor.ints[0])
        default:
            throw PyException(BuiltinTypes.typeError, "'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    static func double(_ v: Value) throws -> Double {
        if let d = v.doubleValue { return d }
        if case .object(let o as TensorObject) = v, o.tensor.size == 1 { return try numpyCall { try o.tensor.item() } }
        throw PyException(BuiltinTypes.typeError, "must be real number, not \(v.typeName)")
    }

    /// A shape argument: an int or a sequence of ints.
    static func shape(_ v: Value, _ interp: Interpreter) throws -> [Int] {
        switch v {
        case .list, .tuple: return try interp.toArray(v).map { try int($0) }
        default: return [try int(v)]
        }
    }

    /// `f(*shape)` or `f(shape_tuple)`.
    static func varShape(_ values: [Value], _ interp: Interpreter) throws -> [Int] {
        if values.count == 1 { return try shape(values[0], interp) }
        return try values.map { try int($0) }
    }

    static func axis(_ v: Value?) throws -> Int? {
        guard let v else { return nil }
        if case .none = v { return nil }
        if case .tuple = v { throw PyException(BuiltinTypes.typeError, "axis must be an int or None (tuples of axes are not supported)") }
        return try int(v)
    }

    static func dtype(_ v: Value?) throws -> DType? {
        guard let v else { return nil }
        switch v {
        case .none: return nil
        case .object(let d as DTypeObject): return d.dtype
        case .type(let t) where t === BuiltinTypes.float: return .float32
        case .type(let t) where t === BuiltinTypes.int: return .int64
        case .type(let t) where t === BuiltinTypes.bool: return .bool
        case .str(let s):
            switch s {
            case "float32", "float", "float64", "f", "f4", "f8": return .float32
            case "int64", "int", "int32", "i8", "i4": return .int64
            case "bool", "?": return .bool
            default: throw PyException(BuiltinTypes.typeError, "data type '\(s)' not understood")
            }
        default: throw PyException(BuiltinTypes.typeError, "Cannot interpret '\(try v.repr())' as a data type")
        }
    }

    static func bool(_ v: Value?) -> Bool { v.map { $0.isTruthy } ?? false }

    /// The language's subscript key as runtime indices.
    static func indices(_ key: Value) throws -> [TensorIndex] {
        if case .tuple(let items) = key { return try items.map(index) }
        return [try index(key)]
    }

    static func index(_ v: Value) throws -> TensorIndex {
        func bound(_ b: Value) throws -> Int? {
            if case .none = b { return nil }
            return try int(b)
        }
        switch v {
        case .int(let i): return .int(Int(i))
        case .bool(let b): return .array(Tensor(b))
        case .slice(let s): return .slice(try bound(s.start), try bound(s.stop), try bound(s.step))
        case .none: return .newAxis
        case .ellipsis: return .ellipsis
        case .object(let o as TensorObject):
            if o.tensor.dtype == .float32 {
                throw PyException(BuiltinTypes.indexError, "arrays used as indices must be of integer (or boolean) type")
            }
            return .array(o.tensor)
        case .list, .tuple:
            let t = try tensor(v)
            if t.dtype == .float32 && t.size > 0 {
                throw PyException(BuiltinTypes.indexError, "arrays used as indices must be of integer (or boolean) type")
            }
            return .array(t.dtype == .float32 ? try numpyCall { try t.astype(.int64) } : t)
        default:
            throw PyException(BuiltinTypes.indexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
        }
    }
}

/// `ndarray.dtype` and `np.float32`/`np.int64`: repr `dtype('float32')` (or the class for the
/// scalar types), str `float32`; equal to each other and to the dtype's name.
final class DTypeObject: NativeObject {
    let dtype: DType
    /// `np.float32` (a scalar type, callable) rather than an array's `dtype`.
    let isScalarType: Bool
    init(_ dtype: DType, scalarType: Bool = false) { self.dtype = dtype; self.isScalarType = scalarType }

    var typeName: String { isScalarType ? "type" : "dtype" }
    func repr() throws -> String { isScalarType ? "<class 'numpy.\(dtype)'>" : "dtype('\(dtype)')" }
    func str() throws -> String { isScalarType ? try repr() : dtype.rawValue }
    var attributeNames: [String] { ["name", "kind", "itemsize"] }
    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "name": return .str(dtype.rawValue)
        case "kind": return .str(dtype == .float32 ? "f" : dtype == .int64 ? "i" : "b")
        case "itemsize": return .int(dtype == .float32 ? 4 : dtype == .int64 ? 8 : 1)
        default: return nil
        }
    }
    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let other = try? NumPyBridge.dtype(other)
        guard let other = other ?? nil else { return .bool(op == .notEqual) }
        return .bool((other == dtype) == (op == .equal))
    }
    var isCallable: Bool { isScalarType }
    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        guard isScalarType else { return nil }
        let a = try arguments.bind(dtype.rawValue, ["x"])
        let t = try NumPyBridge.tensor(a[0] ?? .int(0), interpreter)
        return NumPyBridge.wrap(try numpyCall { try t.astype(dtype) })
    }
    var doc: String? { isScalarType ? "The \(dtype) scalar type; \(dtype)(x) converts x." : "The element type of an array." }
    var signature: String? { isScalarType ? "\(dtype)(x=0)" : nil }
}

/// `ndarray`: a runtime Tensor seen from the cell language.
final class TensorObject: NativeObject {
    static let type = PyType(name: "ndarray", base: BuiltinTypes.object,
                             doc: "An N-dimensional array (float32, int64 or bool) from the Swift RNN runtime.")
    var tensor: Tensor
    init(_ tensor: Tensor) { self.tensor = tensor }

    var typeName: String { "ndarray" }
    var pythonType: PyType { TensorObject.type }
    func repr() throws -> String { tensor.repr }
    func str() throws -> String { tensor.description }
    /// NumPy's repr as `text/plain`, plus a header-and-table view for notebooks (see TensorHTML).
    func displayBundle() throws -> [String: String] { ["text/plain": tensor.repr, "text/html": TensorHTML.render(tensor)] }
    var doc: String? { "ndarray of shape \(tensor.shapeDescription), dtype \(tensor.dtype)" }

    func length() throws -> Int? {
        guard let n = tensor.shape.first else { throw PyException(BuiltinTypes.typeError, "len() of unsized object") }
        return n
    }
    var isTruthy: Bool { tensor.size == 1 ? ((try? tensor.item()) ?? 0) != 0 : tensor.size != 0 }
    var isHashable: Bool { false }

    func makeIterator(interpreter: Interpreter) throws -> PyIterator? {
        guard let n = tensor.shape.first else { throw PyException(BuiltinTypes.typeError, "iteration over a 0-d array") }
        let t = tensor
        var i = 0
        return PyIterator(typeName: "iterator") {
            guard i < n else { return nil }
            defer { i += 1 }
            return NumPyBridge.wrap(try numpyCall { try t[.int(i)] })
        }
    }

    func getItem(_ key: Value) throws -> Value? {
        let idx = try NumPyBridge.indices(key)
        return NumPyBridge.wrap(try numpyCall { try tensor[idx] })
    }

    func setItem(_ key: Value, value: Value) throws -> Bool {
        let idx = try NumPyBridge.indices(key)
        let v = try NumPyBridge.tensor(value)
        try numpyCall { try tensor.set(idx, to: v) }
        return true
    }

    static let methodNames = ["reshape", "transpose", "sum", "mean", "max", "min", "argmax", "argmin", "std",
                              "astype", "copy", "tolist", "item", "flatten", "numpy"]
    var attributeNames: [String] { ["shape", "ndim", "dtype", "size", "T"] + TensorObject.methodNames }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        let t = tensor
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: name, signature: sig, doc: doc, body))
        }
        func reduction(_ doc: String, _ f: @escaping (Tensor, Int?, Bool) throws -> Tensor) -> Value {
            method("\(name)(axis=None, keepdims=False)", doc) { args, _ in
                let a = try args.bind(name, ["axis", "keepdims"])
                let axis = try NumPyBridge.axis(a[0]), keep = NumPyBridge.bool(a[1])
                return NumPyBridge.wrap(try numpyCall { try f(t, axis, keep) })
            }
        }
        switch name {
        case "shape": return .tuple(t.shape.map { .int(Int64($0)) })
        case "ndim": return .int(Int64(t.ndim))
        case "size": return .int(Int64(t.size))
        case "dtype": return .object(DTypeObject(t.dtype))
        case "T": return .object(TensorObject(t.T))
        case "reshape":
            return method("reshape(*shape)", "Returns an array with the same data and a new shape (one axis may be -1).") { args, interp in
                try args.expectPositional("reshape", min: 1, max: Int.max)
                let shape = try NumPyBridge.varShape(args.positional, interp)
                return .object(TensorObject(try numpyCall { try t.reshape(shape) }))
            }
        case "transpose":
            return method("transpose(*axes)", "Returns the array with axes permuted (reversed by default).") { args, interp in
                try args.expectPositional("transpose", min: 0, max: Int.max)
                var axes: [Int]? = nil
                if let first = args.positional.first { if case .none = first {} else { axes = try NumPyBridge.varShape(args.positional, interp) } }
                return .object(TensorObject(try numpyCall { try t.transpose(axes) }))
            }
        case "sum": return reduction("Sum of the elements over the given axis.") { try $0.sum(axis: $1, keepdims: $2) }
        case "mean": return reduction("Arithmetic mean over the given axis.") { try $0.mean(axis: $1, keepdims: $2) }
        case "max": return reduction("Maximum over the given axis.") { try $0.max(axis: $1, keepdims: $2) }
        case "min": return reduction("Minimum over the given axis.") { try $0.min(axis: $1, keepdims: $2) }
        case "argmax": return reduction("Indices of the maximum values along the given axis.") { try $0.argmax(axis: $1, keepdims: $2) }
        case "argmin": return reduction("Indices of the minimum values along the given axis.") { try $0.argmin(axis: $1, keepdims: $2) }
        case "std":
            return method("std(axis=None, ddof=0, keepdims=False)", "Standard deviation over the given axis.") { args, _ in
                let a = try args.bind("std", ["axis", "ddof", "keepdims"])
                let axis = try NumPyBridge.axis(a[0]), ddof = try a[1].map { try NumPyBridge.int($0) } ?? 0
                return NumPyBridge.wrap(try numpyCall { try t.std(axis: axis, ddof: ddof, keepdims: NumPyBridge.bool(a[2])) })
            }
        case "astype":
            return method("astype(dtype)", "A copy of the array converted to dtype (float32, int64 or bool).") { args, _ in
                let a = try args.bind("astype", ["dtype"], required: 1)
                guard let d = try NumPyBridge.dtype(a[0]) else { return .object(TensorObject(t)) }
                return .object(TensorObject(try numpyCall { try t.astype(d) }))
            }
        case "__float__":
            // float(a) for a one-element array, as NumPy.
            return method("__float__()", "The single element as a Python float.") { _, _ in
                guard t.size == 1 else { throw PyException(BuiltinTypes.typeError, "only length-1 arrays can be converted to Python scalars") }
                return .float(try numpyCall { try t.item() })
            }
        case "copy", "numpy":
            // `numpy()` is TensorFlow's spelling: Keras layers return these arrays as their tensors.
            return method("\(name)()", name == "copy" ? "A copy of the array." : "The tensor's values as a NumPy array (a copy).") { args, _ in
                _ = try args.bind(name, [])
                return .object(TensorObject(t))
            }
        case "flatten":
            return method("flatten()", "A copy of the array collapsed into one dimension.") { args, _ in
                _ = try args.bind("flatten", [])
                return .object(TensorObject(try numpyCall { try t.reshape([t.size]) }))
            }
        case "tolist":
            return method("tolist()", "The array as nested Python lists of Python scalars.") { args, _ in
                _ = try args.bind("tolist", [])
                return NumPyBridge.toList(t)
            }
        case "item":
            return method("item()", "The single element as a Python scalar.") { args, _ in
                _ = try args.bind("item", [])
                guard t.size == 1 else {
                    throw PyException(BuiltinTypes.valueError, "can only convert an array of size 1 to a Python scalar")
                }
                return NumPyBridge.scalar(t, at: 0)
            }
        default: return nil
        }
    }

    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? {
        let o: Tensor
        switch other {
        case .object(let x as TensorObject): o = x.tensor
        case .int, .float, .bool, .list, .tuple: o = try NumPyBridge.tensor(other)
        default: return nil
        }
        let (a, b) = reflected ? (o, tensor) : (tensor, o)
        switch op {
        case .add, .subtract, .multiply, .divide, .floorDivide, .modulo, .power, .matrixMultiply: break
        default: return nil
        }
        let r: Tensor = try numpyCall {
            switch op {
            case .add: return try a.binary(.add, b)
            case .subtract: return try a.binary(.subtract, b)
            case .multiply: return try a.binary(.multiply, b)
            case .divide: return try a.binary(.divide, b)
            case .floorDivide: return try a.binary(.floorDivide, b)
            case .modulo: return try a.binary(.remainder, b)
            case .power: return try a.binary(.power, b)
            case .matrixMultiply: return try a.matmul(b)
            default: throw TensorError(.typeError, "unsupported operand")
            }
        }
        return NumPyBridge.wrap(r)
    }

    func unaryOperation(_ op: UnaryOperator) throws -> Value? {
        switch op {
        case .negate: return .object(TensorObject(-tensor))
        case .plus: return .object(TensorObject(tensor))
        case .invert: return nil
        }
    }

    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        let o: Tensor
        switch other {
        case .object(let x as TensorObject): o = x.tensor
        case .int, .float, .bool, .list, .tuple: o = try NumPyBridge.tensor(other)
        default: return nil
        }
        let c: ComparisonOp
        switch op {
        case .equal: c = .equal
        case .notEqual: c = .notEqual
        case .less: c = .less
        case .lessEqual: c = .lessEqual
        case .greater: c = .greater
        case .greaterEqual: c = .greaterEqual
        default: return nil
        }
        return NumPyBridge.wrap(try numpyCall { try tensor.compare(c, o) })
    }
}
