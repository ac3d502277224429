/// An instance of a class made by a `class` statement (or a bare `object()`).
///
/// It is a native object, so every place that handles native objects handles it too; each
/// protocol requirement calls the matching special method of the class (`__repr__`, `__len__`,
/// `__getitem__`, `__add__`, `__eq__`, `__call__`, `__iter__`, `__enter__`...), looked up on the
/// class as Python does, through the interpreter that defined the class.
final class PyInstance: NativeObject, NestedValueOwner {
    let cls: PyType
    /// `self.__dict__` (string keys); nil for `object()`, which has no attributes.
    let attributes: PyDict?

    init(_ cls: PyType) {
        self.cls = cls
        self.attributes = cls.isUserClass ? PyDict() : nil
    }

    var typeName: String { cls.name }
    var pythonType: PyType { cls }

    func takeNestedValues() -> [Value] { attributes.map { [.dict($0)] } ?? [] }

    /// The interpreter behind the class's methods.
    func interpreter() throws -> Interpreter {
        guard let interp = cls.interpreter else {
            throw PyException(BuiltinTypes.runtimeError, "the session that defined class '\(cls.name)' has ended")
        }
        return interp
    }

    /// The plain function `obj.name` would bind, when no instance attribute shadows it.
    func plainMethod(_ name: String) throws -> PyFunction? {
        guard case .function(let f)? = cls.lookupUserAttribute(name)?.value else { return nil }
        if let attributes, try attributes.get(.str(name)) != nil { return nil }
        return f
    }

    /// Calls the special method `name` of the class with `self` first; nil when the class lacks it.
    func callSpecial(_ name: String, _ args: [Value]) throws -> Value? {
        guard let found = cls.lookupUserAttribute(name) else { return nil }
        return try interpreter().callClassAttribute(found.value, receiver: .object(self), cls: cls, Arguments(args))
    }

    /// Like `callSpecial`, but a `NotImplemented` result counts as missing.
    private func callOperator(_ name: String, _ args: [Value]) throws -> Value? {
        guard let r = try callSpecial(name, args) else { return nil }
        return r.isNotImplemented ? nil : r
    }

    /// `<__main__.Name object at 0x...>`: the repr without a user `__repr__`.
    var defaultRepr: String { "<\(cls.qualifiedName) object at \(Value.object(self).addressText)>" }

    func repr() throws -> String {
        // Completion and inspection must not run cell code (a `__repr__` could loop forever).
        if cls.interpreter?.forbidsUserCode == true { return defaultRepr }
        guard let r = try callSpecial("__repr__", []) else { return defaultRepr }
        guard case .str(let s) = r else { throw PyException(BuiltinTypes.typeError, "__repr__ returned non-string (type \(r.typeName))") }
        return s
    }

    func str() throws -> String {
        guard let r = try callSpecial("__str__", []) else { return try repr() }
        guard case .str(let s) = r else { throw PyException(BuiltinTypes.typeError, "__str__ returned non-string (type \(r.typeName))") }
        return s
    }

    /// IPython's rich reprs: `_repr_html_` and friends add MIME types next to `text/plain`.
    func displayBundle() throws -> [String: String] {
        var bundle = ["text/plain": try repr()]
        for (method, mime) in [("_repr_html_", "text/html"), ("_repr_markdown_", "text/markdown"),
                               ("_repr_latex_", "text/latex"), ("_repr_svg_", "image/svg+xml")] {
            if case .str(let s)? = try callSpecial(method, []) { bundle[mime] = s }
        }
        return bundle
    }

    var attributeNames: [String] {
        let own = attributes?.keys.compactMap { key -> String? in if case .str(let s) = key { return s }; return nil } ?? []
        return Array(Set(own + cls.userAttributeNames)).sorted()
    }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        let found = cls.lookupUserAttribute(name)
        // A property wins over the instance dict (it is a data descriptor).
        if let found, case .object(let o) = found.value, let property = o as? PropertyObject {
            return try property.get(.object(self), interpreter)
        }
        if let attributes, let v = try attributes.get(.str(name)) { return v }
        if let found { return try interpreter.bindClassAttribute(found.value, receiver: .object(self), cls: cls) }
        switch name {
        case "__class__": return .type(cls)
        case "__dict__": return attributes.map { .dict($0) }
        default: break
        }
        // Special names are looked up on the class only (`int(obj)` must not reach __getattr__).
        let isSpecial = name.count > 4 && name.hasPrefix("__") && name.hasSuffix("__")
        if !isSpecial, let getattr = cls.lookupUserAttribute("__getattr__") {
            return try interpreter.callClassAttribute(getattr.value, receiver: .object(self), cls: cls, Arguments([.str(name)]))
        }
        return nil
    }

    func setAttribute(_ name: String, value: Value) throws -> Bool {
        if let found = cls.lookupUserAttribute(name), case .object(let o) = found.value, let property = o as? PropertyObject {
            try property.set(.object(self), value, try interpreter())
            return true
        }
        guard let attributes else { return false }
        try attributes.set(.str(name), value)
        return true
    }

    /// `del obj.name`; false when there is no such attribute.
    func deleteAttribute(_ name: String) throws -> Bool {
        if let found = cls.lookupUserAttribute(name), case .object(let o) = found.value, let property = o as? PropertyObject {
            try property.delete(.object(self), try interpreter())
            return true
        }
        guard let attributes else { return false }
        return try attributes.table.remove(.str(name)) != nil
    }

    func getItem(_ key: Value) throws -> Value? { try callSpecial("__getitem__", [key]) }

    func setItem(_ key: Value, value: Value) throws -> Bool { try callSpecial("__setitem__", [key, value]) != nil }

    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? {
        try callOperator(reflected ? "__r" + op.dunder.dropFirst(2) : op.dunder, [other])
    }

    /// `x op= y` through `__iop__`; nil when the class lacks it (then `x = x op y` is used).
    func inPlaceOperation(_ op: BinaryOperator, other: Value) throws -> Value? {
        try callOperator("__i" + op.dunder.dropFirst(2), [other])
    }

    func unaryOperation(_ op: UnaryOperator) throws -> Value? {
        switch op {
        case .negate: return try callOperator("__neg__", [])
        case .plus: return try callOperator("__pos__", [])
        case .invert: return try callOperator("__invert__", [])
        }
    }

    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        let name: String
        switch op {
        case .equal: name = "__eq__"
        case .notEqual:
            if cls.lookupUserAttribute("__ne__") == nil {
                // object.__ne__ inverts __eq__.
                guard let eq = try callOperator("__eq__", [other]) else { return nil }
                return .bool(try !interpreter().truth(eq))
            }
            name = "__ne__"
        case .less: name = "__lt__"
        case .lessEqual: name = "__le__"
        case .greater: name = "__gt__"
        case .greaterEqual: name = "__ge__"
        default: return nil
        }
        return try callOperator(name, [other])
    }

    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        guard let found = cls.lookupUserAttribute("__call__") else { return nil }
        return try interpreter.callClassAttribute(found.value, receiver: .object(self), cls: cls, arguments)
    }

    var isCallable: Bool { cls.lookupUserAttribute("__call__") != nil }

    func length() throws -> Int? {
        guard let r = try callSpecial("__len__", []) else { return nil }
        guard let n = r.intValue else {
            throw PyException(BuiltinTypes.typeError, "'\(r.typeName)' object cannot be interpreted as an integer")
        }
        if n < 0 { throw PyException(BuiltinTypes.valueError, "__len__() should return >= 0") }
        return Int(n)
    }

    /// Python truthiness: `__bool__`, else `__len__`, else true.
    func truth() throws -> Bool {
        if let r = try callSpecial("__bool__", []) {
            guard case .bool(let b) = r else {
                throw PyException(BuiltinTypes.typeError, "__bool__ should return bool, returned \(r.typeName)")
            }
            return b
        }
        if let n = try length() { return n != 0 }
        return true
    }

    var isTruthy: Bool { (try? truth()) ?? true }

    /// `iter(obj)`: `__iter__` (which must return an iterator), else the old sequence protocol
    /// (`__getitem__` with 0, 1, 2... until IndexError).
    func makeIterator(interpreter: Interpreter) throws -> PyIterator? {
        if let r = try callSpecial("__iter__", []) {
            switch r {
            case .iterator(let it): return it
            case .object(let o) where (o as? PyInstance)?.cls.lookupUserAttribute("__next__") != nil:
                return (o as? PyInstance)?.nextIterator()
            default:
                throw PyException(BuiltinTypes.typeError, "iter() returned non-iterator of type '\(r.typeName)'")
            }
        }
        guard cls.lookupUserAttribute("__getitem__") != nil else { return nil }
        var i: Int64 = 0
        return PyIterator(typeName: "iterator") { [self] in
            do {
                defer { i += 1 }
                return try getItem(.int(i))
            } catch let e as PyException where e.type.isSubtype(of: BuiltinTypes.indexError) || e.type.isSubtype(of: BuiltinTypes.stopIteration) {
                return nil
            }
        }
    }

    /// An iterator that calls `__next__` until it raises StopIteration.
    func nextIterator() -> PyIterator {
        PyIterator(typeName: "iterator") { [self] in try next() }
    }

    /// One `__next__` call; nil at StopIteration.
    func next() throws -> Value? {
        do {
            guard let v = try callSpecial("__next__", []) else {
                throw PyException(BuiltinTypes.typeError, "'\(typeName)' object is not an iterator")
            }
            return v
        } catch let e as PyException where e.type.isSubtype(of: BuiltinTypes.stopIteration) {
            return nil
        }
    }

    /// A class that defines `__eq__` without `__hash__` gets `__hash__ = None`, as in Python.
    var isHashable: Bool {
        if case .none? = cls.lookupUserAttribute("__hash__")?.value { return false }
        return true
    }

    /// `hash(obj)`: the user's `__hash__`, else identity.
    func hashCode() throws -> Int {
        guard let r = try callSpecial("__hash__", []) else { return ObjectIdentifier(self).hashValue }
        guard let h = r.intValue else { throw PyException(BuiltinTypes.typeError, "__hash__ method should return an integer") }
        return Int(truncatingIfNeeded: h)
    }

    var doc: String? { cls.doc.isEmpty ? nil : cls.doc }

    var signature: String? {
        guard case .function(let f)? = cls.lookupUserAttribute("__call__")?.value else { return nil }
        return f.definition.signature(droppingFirst: true)
    }

    func enter(interpreter: Interpreter) throws -> Value? {
        guard let enter = cls.lookupUserAttribute("__enter__") else { return nil }
        guard cls.lookupUserAttribute("__exit__") != nil else {
            throw PyException(BuiltinTypes.typeError, "'\(typeName)' object does not support the context manager protocol (missed __exit__ method)")
        }
        return try interpreter.callClassAttribute(enter.value, receiver: .object(self), cls: cls, Arguments())
    }

    func exit(error: PyException?, interpreter: Interpreter) throws -> Bool {
        let args: [Value] = error.map { [.type($0.type), .exception($0), .none] } ?? [.none, .none, .none]
        guard let r = try callSpecial("__exit__", args) else { return false }
        return try interpreter.truth(r)
    }
}

extension Value {
    /// The object's address as Python's reprs show it (`0x7f3a...`), for reference values.
    var addressText: String {
        "0x" + String(UInt(bitPattern: identity ?? 0), radix: 16)
    }

    /// Whether this is the `NotImplemented` singleton.
    var isNotImplemented: Bool {
        if case .object(let o) = self { return o === NotImplementedObject.shared }
        return false
    }
}

extension PyException {
    /// Calls a user exception class's `__str__`/`__repr__` (which must return a string).
    func userString(_ name: String) throws -> String {
        guard let found = type.lookupUserAttribute(name), let interp = type.interpreter else { return argsMessage }
        let r = try interp.callClassAttribute(found.value, receiver: .exception(self), cls: type, Arguments())
        guard case .str(let s) = r else { throw PyException(BuiltinTypes.typeError, "\(name) returned non-string (type \(r.typeName))") }
        return s
    }
}
