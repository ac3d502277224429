/// A value of the cell language.
///
/// Mutable containers (`list`, `dict`, `set`) are classes, so aliasing works as in Python.
/// Native code (tensors, layers) plugs in through `.object` (see `NativeObject`).
public enum Value {
    case none
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case str(String)
    case list(PyList)
    case tuple([Value])
    case dict(PyDict)
    case set(PySet)
    case range(PyRange)
    case slice(PySlice)
    case function(PyFunction)
    case builtin(BuiltinFunction)
    case type(PyType)
    case module(PyModule)
    case exception(PyException)
    case iterator(PyIterator)
    case object(any NativeObject)
    case ellipsis

    /// The Python type of this value.
    public var type: PyType {
        switch self {
        case .none: return BuiltinTypes.noneType
        case .bool: return BuiltinTypes.bool
        case .int: return BuiltinTypes.int
        case .float: return BuiltinTypes.float
        case .str: return BuiltinTypes.str
        case .list: return BuiltinTypes.list
        case .tuple: return BuiltinTypes.tuple
        case .dict: return BuiltinTypes.dict
        case .set: return BuiltinTypes.set
        case .range: return BuiltinTypes.range
        case .slice: return BuiltinTypes.slice
        case .function: return BuiltinTypes.function
        case .builtin(let b): return b.isMethod ? BuiltinTypes.builtinMethod : BuiltinTypes.builtinFunction
        case .type: return BuiltinTypes.type
        case .module: return BuiltinTypes.module
        case .exception(let e): return e.type
        case .iterator(let it): return it.type
        case .object(let o): return o.pythonType
        case .ellipsis: return BuiltinTypes.ellipsis
        }
    }

    /// The type's name, as in error messages (`'int'`).
    public var typeName: String { type.name }

    /// Python truthiness.
    public var isTruthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count > 0
        case .set(let s): return s.count > 0
        case .range(let r): return r.count != 0
        case .object(let o): return o.isTruthy
        default: return true
        }
    }

    /// Wraps Swift arrays and strings conveniently.
    public static func list(_ items: [Value]) -> Value { .list(PyList(items)) }
}

/// A Python list: a reference to a growable array.
public final class PyList {
    public var items: [Value]
    public init(_ items: [Value] = []) { self.items = items }

    deinit { Value.releaseIteratively(&items) }
}

/// A Python slice object `start:stop:step`, handed to `getitem` as is (tensors read it).
public final class PySlice {
    public let start: Value
    public let stop: Value
    public let step: Value
    public init(start: Value, stop: Value, step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }
}

/// A lazy `range(start, stop, step)`.
public struct PyRange {
    public var start: Int64
    public var stop: Int64
    public var step: Int64

    /// Number of elements, or -1 when it does not fit an Int64.
    public var count: Int64 {
        if step > 0 && start < stop || step < 0 && start > stop {
            let (span, o1) = (step > 0 ? stop : start).subtractingReportingOverflow(step > 0 ? start : stop)
            if o1 { return -1 }
            let s = step.magnitude
            return Int64((UInt64(span) - 1) / s + 1)
        }
        return 0
    }

    /// The i-th element (0 <= i < count).
    public func element(_ i: Int64) -> Int64? {
        let (m, o1) = i.multipliedReportingOverflow(by: step)
        let (v, o2) = start.addingReportingOverflow(m)
        return o1 || o2 ? nil : v
    }
}

/// An iterator value (`map`, `zip`, `enumerate`, generator expressions, `iter(x)`).
public final class PyIterator {
    let type: PyType
    private let step: () throws -> Value?
    private var finished = false

    /// How many iterators this one wraps, nested (`map(f, map(f, ...))`).
    let depth: Int

    /// `wrapping` lists the iterators `next` pulls from (their nesting is bounded; see `checkNesting`).
    public init(typeName: String, wrapping: [PyIterator] = [], next: @escaping () throws -> Value?) {
        self.type = BuiltinTypes.iteratorType(typeName)
        self.step = next
        self.depth = (wrapping.map(\.depth).max() ?? -1) + 1
    }

    /// Most nesting of iterator wrappers: deeper chains would be freed by deep Swift recursion.
    public static let maximumNesting = 2000

    /// Throws RecursionError if wrapping `iterators` would nest too deeply.
    public static func checkNesting(_ iterators: [PyIterator]) throws {
        if (iterators.map(\.depth).max() ?? 0) >= maximumNesting {
            throw PyException(BuiltinTypes.recursionError, "too many nested iterators (limit \(maximumNesting))")
        }
    }

    /// The next value, nil when exhausted (exhausted iterators stay exhausted).
    public func next() throws -> Value? {
        if finished { return nil }
        try StackGuard.check()
        if let v = try step() { return v }
        finished = true
        return nil
    }
}

/// A reference object whose values may nest deeply (user objects, method wrappers): it gives
/// them up when it is about to be freed, so `releaseIteratively` can free chains without recursion.
protocol NestedValueOwner: AnyObject {
    /// The values it holds; called only when nothing else references the object.
    func takeNestedValues() -> [Value]
}

extension Value {
    /// Frees deeply nested lists, dicts, exceptions and user objects without recursing on the
    /// Swift stack: a container only this array holds is emptied into a work list before it is
    /// released. (Tuples are arrays whose sharing cannot be tested, so 100k-deep tuple chains
    /// are still freed recursively.)
    static func releaseIteratively(_ items: inout [Value]) {
        guard items.contains(where: { $0.isContainer }) else { return }
        var work: [Value] = []
        swap(&work, &items)
        while !work.isEmpty {
            var list = work[work.count - 1].listReference
            var dict = work[work.count - 1].dictReference
            var exception = work[work.count - 1].exceptionReference
            var owner = work[work.count - 1].ownerReference
            work.removeLast()
            if var o = owner {
                owner = nil
                // Linked user objects (`node.next = Node()` 100k deep) hand their values over.
                if isKnownUniquelyReferenced(&o), let nested = o as? NestedValueOwner {
                    work.append(contentsOf: nested.takeNestedValues())
                }
            } else if var e = exception {
                exception = nil
                if isKnownUniquelyReferenced(&e) {
                    work.append(contentsOf: e.args)
                    work.append(contentsOf: e.attributes.values)
                    e.args = []
                    e.attributes = [:]
                }
            } else if var d = dict {
                dict = nil
                if isKnownUniquelyReferenced(&d) {
                    work.append(contentsOf: d.table.keys)
                    work.append(contentsOf: d.table.values)
                    d.table.removeAll()
                }
            } else if var l = list {
                list = nil
                // Only a list nobody else holds is emptied here, before its own deinit runs.
                if isKnownUniquelyReferenced(&l) {
                    work.append(contentsOf: l.items)
                    l.items = []
                }
            }
        }
    }

    private var listReference: PyList? {
        if case .list(let l) = self { return l }
        return nil
    }

    private var dictReference: PyDict? {
        if case .dict(let d) = self { return d }
        return nil
    }

    private var exceptionReference: PyException? {
        if case .exception(let e) = self { return e }
        return nil
    }

    private var ownerReference: AnyObject? {
        if case .object(let o) = self, o is NestedValueOwner { return o }
        return nil
    }

    var isContainer: Bool {
        switch self {
        case .list, .dict, .exception: return true
        case .object(let o): return o is NestedValueOwner
        default: return false
        }
    }
}
