/// The objects classes are made of: bound methods, `super()`, `staticmethod`, `classmethod`,
/// `property` and `NotImplemented`.

/// A function bound to a receiver: `obj.method` (or `Class.method` of a classmethod).
final class BoundMethod: NativeObject, NestedValueOwner {
    private(set) var function: Value
    private(set) var receiver: Value

    init(function: Value, receiver: Value) {
        self.function = function
        self.receiver = receiver
    }

    deinit {
        // Emptied first, so a nested chain is uniquely held by the work list.
        var values = takeNestedValues()
        Value.releaseIteratively(&values)
    }

    func takeNestedValues() -> [Value] {
        defer { (function, receiver) = (.none, .none) }
        return [function, receiver]
    }

    var typeName: String { "method" }
    var pythonType: PyType { BoundMethod.type }
    static let type = PyType(name: "method", base: BuiltinTypes.object)

    private var qualifiedName: String {
        if case .function(let f) = function { return f.qualifiedName }
        if case .builtin(let b) = function { return b.name }
        return "?"
    }

    func repr() throws -> String { "<bound method \(qualifiedName) of \(try receiver.repr())>" }

    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        try interpreter.call(function, Arguments([receiver] + arguments.positional, keywords: arguments.keywords))
    }

    var isCallable: Bool { true }
    var attributeNames: [String] { ["__func__", "__self__", "__name__", "__qualname__", "__doc__"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__func__": return function
        case "__self__": return receiver
        case "__qualname__": return .str(qualifiedName)
        case "__name__", "__doc__": return try interpreter.getAttribute(function, name)
        default: return nil
        }
    }

    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        guard case .object(let o) = other, let m = o as? BoundMethod else { return .bool(op == .notEqual) }
        let same = function.identity == m.function.identity && receiver.identity == m.receiver.identity
        return .bool(same == (op == .equal))
    }

    var doc: String? {
        if case .function(let f) = function { return f.doc }
        return nil
    }

    var signature: String? {
        if case .function(let f) = function { return f.definition.signature(droppingFirst: true) }
        return nil
    }
}

/// `super()`: attribute lookup that starts above `start` in the receiver's class chain.
final class SuperObject: NativeObject {
    let start: PyType
    /// The instance (or, in a classmethod, the class) methods are bound to.
    let receiver: Value

    init(start: PyType, receiver: Value) {
        self.start = start
        self.receiver = receiver
    }

    var typeName: String { "super" }

    func repr() throws -> String { "<super: <class '\(start.name)'>, <\(receiverClass.name) object>>" }

    private var receiverClass: PyType {
        if case .type(let t) = receiver { return t }
        return receiver.type
    }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        var t = start.base
        while let c = t, let namespace = c.namespace {
            if let v = namespace[name] {
                if case .type = receiver { return try interpreter.bindClassAttribute(v, receiver: nil, cls: receiverClass) }
                return try interpreter.bindClassAttribute(v, receiver: receiver, cls: receiverClass)
            }
            t = c.base
        }
        guard let builtinBase = t else { return nil }
        if let special = interpreter.builtinSpecialMethod(name, receiver: receiver) { return special }
        if let m = builtinBase.method(name) { return .builtin(BuiltinFunction(method: m, receiver: receiver)) }
        return nil
    }
}

/// `@staticmethod` (a function not bound to the instance or class) and `@classmethod` (a function
/// bound to the class, `cls`): one wrapper around the function, the kind deciding how the class binds it.
final class DecoratedFunctionObject: NativeObject, NestedValueOwner {
    enum Kind: String { case staticmethod, classmethod }

    let kind: Kind
    private(set) var function: Value
    init(_ kind: Kind, _ function: Value) { self.kind = kind; self.function = function }

    deinit {
        // Emptied first, so a nested chain is uniquely held by the work list.
        var values = takeNestedValues()
        Value.releaseIteratively(&values)
    }

    func takeNestedValues() -> [Value] {
        defer { function = .none }
        return [function]
    }

    static let staticMethodType = makeType(.staticmethod, doc: "Convert a function to be a static method.")
    static let classMethodType = makeType(.classmethod, doc: "Convert a function to be a class method.")

    private static func makeType(_ kind: Kind, doc: String) -> PyType {
        PyType(name: kind.rawValue, base: BuiltinTypes.object, doc: doc, signature: "\(kind.rawValue)(function)") { args, _ in
            try args.expectPositional(kind.rawValue, min: 1, max: 1)
            return .object(DecoratedFunctionObject(kind, args.positional[0]))
        }
    }

    var typeName: String { kind.rawValue }
    var pythonType: PyType { kind == .staticmethod ? Self.staticMethodType : Self.classMethodType }
    func repr() throws -> String { "<\(kind.rawValue)(\(try function.repr()))>" }
    /// A staticmethod object is callable itself (Python 3.10); a classmethod object is not.
    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        kind == .staticmethod ? try interpreter.call(function, arguments) : nil
    }
    var isCallable: Bool { kind == .staticmethod }
    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? { name == "__func__" ? function : nil }
}

/// `property(fget, fset, fdel, doc)` and `@property` / `@x.setter` / `@x.deleter`.
final class PropertyObject: NativeObject, NestedValueOwner {
    private(set) var getter: Value?
    private(set) var setter: Value?
    private(set) var deleter: Value?
    let docText: String?
    /// The attribute name, set when the class is created (for error messages).
    var name: String?

    init(getter: Value?, setter: Value?, deleter: Value?, doc: String?) {
        self.getter = getter
        self.setter = setter
        self.deleter = deleter
        var d = doc
        if d == nil, case .function(let f)? = getter { d = f.doc }
        self.docText = d
    }

    deinit {
        // Emptied first, so a nested chain is uniquely held by the work list.
        var values = takeNestedValues()
        Value.releaseIteratively(&values)
    }

    func takeNestedValues() -> [Value] {
        defer { (getter, setter, deleter) = (nil, nil, nil) }
        return [getter, setter, deleter].compactMap { $0 }
    }

    static let type = PyType(name: "property", base: BuiltinTypes.object, doc: "Property attribute.",
                             signature: "property(fget=None, fset=None, fdel=None, doc=None)") { args, _ in
        let a = try args.bind("property", ["fget", "fset", "fdel", "doc"])
        func given(_ v: Value?) -> Value? { if case .none? = v { return nil }; return v }
        var doc: String?
        if case .str(let s)? = a[3] { doc = s }
        return .object(PropertyObject(getter: given(a[0]), setter: given(a[1]), deleter: given(a[2]), doc: doc))
    }

    var typeName: String { "property" }
    var pythonType: PyType { PropertyObject.type }
    func repr() throws -> String { "<property object at \(Value.object(self).addressText)>" }
    var doc: String? { docText }

    private func describe(_ receiver: Value) -> String {
        "property\(name.map { " '\($0)'" } ?? "") of '\(receiver.typeName)' object"
    }

    func get(_ receiver: Value, _ interpreter: Interpreter) throws -> Value {
        guard let getter else { throw PyException(BuiltinTypes.attributeError, "\(describe(receiver)) has no getter") }
        return try interpreter.call(getter, [receiver])
    }

    func set(_ receiver: Value, _ value: Value, _ interpreter: Interpreter) throws {
        guard let setter else { throw PyException(BuiltinTypes.attributeError, "\(describe(receiver)) has no setter") }
        _ = try interpreter.call(setter, [receiver, value])
    }

    func delete(_ receiver: Value, _ interpreter: Interpreter) throws {
        guard let deleter else { throw PyException(BuiltinTypes.attributeError, "\(describe(receiver)) has no deleter") }
        _ = try interpreter.call(deleter, [receiver])
    }

    var attributeNames: [String] { ["fget", "fset", "fdel", "getter", "setter", "deleter"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func copy(_ kind: String) -> Value {
            .builtin(BuiltinFunction(name: kind, signature: "\(kind)(function, /)", doc: "A copy of the property with this \(kind == "getter" ? "getter" : kind == "setter" ? "setter" : "deleter").") { [self] args, _ in
                try args.expectPositional(kind, min: 1, max: 1)
                let f = args.positional[0]
                let p = PropertyObject(getter: kind == "getter" ? f : getter, setter: kind == "setter" ? f : setter,
                                       deleter: kind == "deleter" ? f : deleter, doc: docText)
                p.name = self.name
                return .object(p)
            })
        }
        switch name {
        case "fget": return getter ?? Value.none
        case "fset": return setter ?? Value.none
        case "fdel": return deleter ?? Value.none
        case "__doc__": return docText.map { .str($0) } ?? Value.none
        case "getter", "setter", "deleter": return copy(name)
        default: return nil
        }
    }
}

/// The `NotImplemented` singleton an operator method returns to let the other operand try.
final class NotImplementedObject: NativeObject {
    static let shared = NotImplementedObject()
    var typeName: String { "NotImplementedType" }
    func repr() throws -> String { "NotImplemented" }
}
