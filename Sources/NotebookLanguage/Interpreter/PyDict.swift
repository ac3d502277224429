/// A hashable wrapper that gives values Python's key semantics (`1 == 1.0 == True`).
public struct HashKey: Hashable {
    public let value: Value
    private let hashCode: Int

    /// Throws TypeError for unhashable values (lists, dicts, sets).
    public init(_ value: Value) throws {
        self.value = value
        self.hashCode = try HashKey.hash(value, depth: 0)
    }

    private static func hash(_ v: Value, depth: Int) throws -> Int {
        if depth > 200 { throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded while hashing") }
        var h = Hasher()
        switch v {
        case .none: h.combine(0)
        case .bool(let b): h.combine(Int64(b ? 1 : 0))
        case .int(let i): h.combine(i)
        case .float(let d):
            if d == d.rounded(), let i = Int64(exactly: d) { h.combine(i) } else { h.combine(d) }
        case .str(let s): h.combine(s)
        case .tuple(let items):
            h.combine(items.count)
            for x in items { h.combine(try hash(x, depth: depth + 1)) }
        case .range(let r): h.combine(r.start); h.combine(r.stop); h.combine(r.step)
        case .list, .dict, .set, .slice:
            throw PyException(BuiltinTypes.typeError, "unhashable type: '\(v.typeName)'")
        case .object(let o):
            guard o.isHashable else { throw PyException(BuiltinTypes.typeError, "unhashable type: '\(v.typeName)'") }
            if let instance = o as? PyInstance { h.combine(try instance.hashCode()) } else { h.combine(ObjectIdentifier(o)) }
        default:
            h.combine(v.identity ?? 0)
        }
        return h.finalize()
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hashCode) }

    public static func == (a: HashKey, b: HashKey) -> Bool {
        a.hashCode == b.hashCode && ((try? pyEquals(a.value, b.value)) ?? false)
    }
}

/// An insertion-ordered hash table used by `dict` and `set`.
public struct OrderedTable {
    private(set) var keys: [Value] = []
    private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]

    public var count: Int { keys.count }

    public func find(_ key: Value) throws -> Int? { index[try HashKey(key)] }

    public func get(_ key: Value) throws -> Value? {
        guard let i = try find(key) else { return nil }
        return values[i]
    }

    public mutating func set(_ key: Value, _ value: Value) throws {
        let k = try HashKey(key)
        if let i = index[k] { values[i] = value; return }
        index[k] = keys.count
        keys.append(key)
        values.append(value)
    }

    @discardableResult
    public mutating func remove(_ key: Value) throws -> Value? {
        let k = try HashKey(key)
        guard let i = index.removeValue(forKey: k) else { return nil }
        keys.remove(at: i)
        let v = values.remove(at: i)
        if i < keys.count {
            for j in i..<keys.count { index[try HashKey(keys[j])] = j }
        }
        return v
    }

    public mutating func removeAll() {
        keys = []
        values = []
        index = [:]
    }

    mutating func popLast() -> (Value, Value)? {
        guard let k = keys.popLast(), let v = values.popLast() else { return nil }
        if let hk = try? HashKey(k) { index.removeValue(forKey: hk) }
        return (k, v)
    }
}

/// A Python dict (insertion ordered).
public final class PyDict {
    public var table = OrderedTable()
    public init() {}

    deinit {
        guard table.values.contains(where: { $0.isContainer }) || table.keys.contains(where: { $0.isContainer }) else { return }
        var values = table.keys + table.values
        table.removeAll()
        Value.releaseIteratively(&values)
    }

    public var count: Int { table.count }
    public var keys: [Value] { table.keys }
    public var values: [Value] { table.values }
    public var items: [(Value, Value)] { Array(zip(table.keys, table.values)) }

    public func get(_ key: Value) throws -> Value? { try table.get(key) }
    public func set(_ key: Value, _ value: Value) throws { try table.set(key, value) }

    /// A dict with string keys (for `**kwargs` and native code).
    public static func from(_ pairs: [(String, Value)]) -> PyDict {
        let d = PyDict()
        for (k, v) in pairs { try? d.set(.str(k), v) }
        return d
    }
}

/// A Python set (kept in insertion order; Python's order differs for some values).
public final class PySet {
    public var table = OrderedTable()
    public init() {}
    public init(_ items: [Value]) throws {
        for v in items { try table.set(v, .none) }
    }

    public var count: Int { table.count }
    public var items: [Value] { table.keys }
    public func contains(_ v: Value) throws -> Bool { try table.find(v) != nil }
    public func add(_ v: Value) throws { try table.set(v, .none) }
}

extension Value {
    /// Object identity for reference values (`is`, `id`, the `0x...` of reprs): the object's
    /// address, unique among live objects; nil for plain values.
    var identity: Int? {
        switch self {
        case .list(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .dict(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .set(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .function(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .builtin(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .type(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .module(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .exception(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .iterator(let o): return Int(bitPattern: ObjectIdentifier(o))
        case .object(let o): return Int(bitPattern: ObjectIdentifier(o))
        default: return nil
        }
    }
}
