/// `class` statements: building a class, making instances, and attribute lookup on classes,
/// instances of user exception classes, and `super()`.
extension Interpreter {
    /// Deepest inheritance chain a `class` statement may build (lookups walk the chain).
    static let maximumClassDepth = 1000

    func execClassDef(_ def: ClassDef, _ scope: Scope) throws {
        try checkStack()
        let decorators = try def.decorators.map { try eval($0, scope) }
        var bases: [Value] = []
        for argument in def.bases {
            switch argument {
            case .positional(let e): bases.append(try eval(e, scope))
            case .star(let e): bases.append(contentsOf: try toArray(eval(e, scope)))
            case .keyword("metaclass", _):
                throw PyException(BuiltinTypes.typeError, "metaclasses are not supported in this language")
            case .keyword, .doubleStar:
                throw PyException(BuiltinTypes.typeError, "\(def.name).__init_subclass__() takes no keyword arguments")
            }
        }
        let base = try classBase(def.name, bases)
        let cls = PyType(name: def.name, base: base, doc: def.docstring ?? "")
        cls.namespace = [:]
        cls.interpreter = self
        let qualifiedName: String
        if let outer = scope.definingClass {
            qualifiedName = (outer.nestedName ?? outer.name) + "." + def.name
        } else if let function = scope.function {
            qualifiedName = function.name + ".<locals>." + def.name
        } else {
            qualifiedName = def.name
        }
        cls.nestedName = qualifiedName
        let body = Scope(parent: scope, function: nil)
        body.definingClass = cls
        body.vars["__module__"] = .str("__main__")
        body.vars["__qualname__"] = .str(qualifiedName)
        body.vars["__doc__"] = def.docstring.map { .str($0) } ?? Value.none
        frames.append(Frame(name: def.name, line: def.location.line, source: def.source))
        do {
            defer { frames.removeLast() }
            _ = try exec(def.body, body)
        }
        var namespace = body.vars
        if namespace["__new__"] != nil {
            throw PyException(BuiltinTypes.typeError, "defining __new__ is not supported in this language (use __init__)")
        }
        // Python gives a class that defines __eq__ but not __hash__ `__hash__ = None` (unhashable).
        if namespace["__eq__"] != nil && namespace["__hash__"] == nil { namespace["__hash__"] = Value.none }
        for (name, value) in namespace {
            if case .object(let o) = value, let property = o as? PropertyObject, property.name == nil { property.name = name }
        }
        cls.namespace = namespace
        cls.signature = classSignature(cls)
        var value: Value = .type(cls)
        for decorator in decorators.reversed() { value = try call(decorator, [value]) }
        assign(def.name, value, scope)
    }

    /// The one base of a class: `object`, a user class or an exception type.
    private func classBase(_ name: String, _ bases: [Value]) throws -> PyType {
        guard let first = bases.first else { return BuiltinTypes.object }
        if bases.count > 1 {
            throw PyException(BuiltinTypes.typeError, "multiple inheritance is not supported in this language (class '\(name)' lists \(bases.count) bases)")
        }
        guard case .type(let t) = first else {
            if case .builtin(let b) = first {
                throw PyException(BuiltinTypes.typeError, "cannot subclass '\(b.name)': native Swift types cannot be subclassed in this language (only classes defined in cells, object and exception types)")
            }
            throw PyException(BuiltinTypes.typeError, "a class base must be a class, not '\(first.typeName)'")
        }
        if t.depth >= Interpreter.maximumClassDepth {
            throw PyException(BuiltinTypes.recursionError, "class hierarchy too deep (limit \(Interpreter.maximumClassDepth) bases)")
        }
        let isBuiltin: Bool
        if case .type(let b)? = builtins[t.name], b === t { isBuiltin = true } else { isBuiltin = false }
        if t.isUserClass || t === BuiltinTypes.object || (t.isException && isBuiltin) { return t }
        if isBuiltin {
            throw PyException(BuiltinTypes.typeError, "subclassing the built-in type '\(t.name)' is not supported in this language (only classes defined in cells, object and exception types)")
        }
        throw PyException(BuiltinTypes.typeError, "cannot subclass '\(t.name)': native Swift types cannot be subclassed in this language (only classes defined in cells, object and exception types)")
    }

    /// `Name(x, y=1)` from the `__init__` the class would call.
    private func classSignature(_ cls: PyType) -> String {
        if case .function(let f)? = cls.lookupUserAttribute("__init__")?.value {
            let s = f.definition.signature(droppingFirst: true)
            return cls.name + s.drop(while: { $0 != "(" })
        }
        return cls.isException ? "\(cls.name)(*args)" : "\(cls.name)()"
    }

    /// Calling a user class: a new instance, then `__init__` with the arguments.
    func instantiate(_ cls: PyType, _ args: Arguments) throws -> Value {
        try checkInterrupt()
        let instance: Value = cls.isException ? .exception(PyException(cls, args: args.positional)) : .object(PyInstance(cls))
        if let initializer = cls.lookupUserAttribute("__init__") {
            let r = try callClassAttribute(initializer.value, receiver: instance, cls: cls, args)
            if case .none = r {} else {
                throw PyException(BuiltinTypes.typeError, "__init__() should return None, not '\(r.typeName)'")
            }
        } else if let keyword = args.keywords.first {
            if cls.isException { throw PyException(BuiltinTypes.typeError, "\(cls.name)() takes no keyword arguments") }
            throw PyException(BuiltinTypes.typeError, "\(cls.name)() got an unexpected keyword argument '\(keyword.name)'")
        } else if !cls.isException && !args.positional.isEmpty {
            throw PyException(BuiltinTypes.typeError, "\(cls.name)() takes no arguments")
        }
        return instance
    }

    /// A class attribute as seen through an instance (`receiver`) or the class itself (nil):
    /// functions bind to the instance, classmethods to the class, staticmethods unwrap.
    func bindClassAttribute(_ value: Value, receiver: Value?, cls: PyType) throws -> Value {
        switch value {
        case .function:
            guard let receiver else { return value }
            return .object(BoundMethod(function: value, receiver: receiver))
        case .object(let o):
            if let d = o as? DecoratedFunctionObject {
                return d.kind == .staticmethod ? d.function : .object(BoundMethod(function: d.function, receiver: .type(cls)))
            }
            if let p = o as? PropertyObject, let receiver { return try p.get(receiver, self) }
            return value
        default:
            return value
        }
    }

    /// Calls a class attribute as a method of `receiver` (without making a bound method for plain functions).
    func callClassAttribute(_ value: Value, receiver: Value, cls: PyType, _ args: Arguments) throws -> Value {
        if case .function = value {
            return try call(value, Arguments([receiver] + args.positional, keywords: args.keywords))
        }
        return try call(bindClassAttribute(value, receiver: receiver, cls: cls), args)
    }

    /// Methods of `object` and `BaseException` that user classes inherit (`super().__init__(...)`).
    func builtinSpecialMethod(_ name: String, receiver: Value) -> Value? {
        switch name {
        case "__init__":
            return .builtin(BuiltinFunction(name: "__init__", signature: "__init__(*args)", doc: "Initialize self.") { args, _ in
                try Interpreter.builtinInit(receiver, args)
                return .none
            })
        case "__str__", "__repr__":
            return .builtin(BuiltinFunction(name: name, signature: "\(name)()", doc: "The default \(name == "__str__" ? "str" : "repr").") { args, _ in
                try args.expectPositional(name, min: 0, max: 0)
                switch receiver {
                case .exception(let e): return .str(name == "__str__" ? e.argsMessage : e.type.name + (try Value.tuple(e.args).repr()))
                case .object(let o as PyInstance): return .str(name == "__str__" ? try o.repr() : o.defaultRepr)
                default: return .str(try receiver.repr())
                }
            })
        case "__setattr__":
            return .builtin(BuiltinFunction(name: name, signature: "__setattr__(name, value, /)", doc: "Implement setattr(self, name, value).") { args, interp in
                try args.expectPositional(name, min: 2, max: 2)
                guard case .str(let n) = args.positional[0] else { throw PyException(BuiltinTypes.typeError, "attribute name must be string") }
                try interp.setAttribute(receiver, n, args.positional[1])
                return .none
            })
        case "__eq__", "__ne__":
            return .builtin(BuiltinFunction(name: name, signature: "\(name)(value, /)", doc: "Identity comparison.") { args, interp in
                try args.expectPositional(name, min: 1, max: 1)
                guard interp.isSame(receiver, args.positional[0]) else {
                    return name == "__eq__" ? .object(NotImplementedObject.shared) : .bool(true)
                }
                return .bool(name == "__eq__")
            })
        case "__hash__":
            return .builtin(BuiltinFunction(name: name, signature: "__hash__()", doc: "Identity hash.") { _, _ in
                .int(Int64(truncatingIfNeeded: receiver.identity ?? 0))
            })
        default:
            return nil
        }
    }

    /// `object.__init__` / `BaseException.__init__` on `receiver`.
    static func builtinInit(_ receiver: Value, _ args: Arguments) throws {
        if case .exception(let e) = receiver {
            if let k = args.keywords.first {
                throw PyException(BuiltinTypes.typeError, "\(e.type.name)() got an unexpected keyword argument '\(k.name)'")
            }
            e.args = args.positional
        } else if args.count > 0 {
            throw PyException(BuiltinTypes.typeError, "object.__init__() takes exactly one argument (the instance to initialize)")
        }
    }

    /// `super()` (from the calling method's class and first argument) or `super(cls, obj)`.
    func makeSuper(_ args: Arguments) throws -> Value {
        try args.expectPositional("super", min: 0, max: 2)
        if args.positional.count == 2 {
            guard case .type(let t) = args.positional[0] else {
                throw PyException(BuiltinTypes.typeError, "super() argument 1 must be a type, not \(args.positional[0].typeName)")
            }
            let receiver = args.positional[1]
            let receiverClass: PyType
            if case .type(let r) = receiver { receiverClass = r } else { receiverClass = receiver.type }
            guard receiverClass.isSubtype(of: t) else {
                throw PyException(BuiltinTypes.typeError, "super(type, obj): obj must be an instance or subtype of type")
            }
            return .object(SuperObject(start: t, receiver: receiver))
        }
        if args.positional.count == 1 {
            throw PyException(BuiltinTypes.typeError, "super() with one argument is not supported in this language")
        }
        guard let frame = frames.last, let function = frame.function, let scope = frame.scope else {
            throw PyException(BuiltinTypes.runtimeError, "super(): no arguments")
        }
        guard let cls = function.definingClass else {
            throw PyException(BuiltinTypes.runtimeError, "super(): __class__ cell not found")
        }
        guard let first = function.definition.parameters.first, first.kind == .positional, let receiver = scope.vars[first.name] else {
            throw PyException(BuiltinTypes.runtimeError, "super(): no arguments")
        }
        return .object(SuperObject(start: cls, receiver: receiver))
    }

    // MARK: Attributes of classes and exceptions

    /// `Class.name` on a user class, or the class-level names every type has; nil when missing.
    func typeAttribute(_ t: PyType, _ name: String) throws -> Value? {
        if let found = t.lookupUserAttribute(name) { return try bindClassAttribute(found.value, receiver: nil, cls: t) }
        switch name {
        case "__name__": return .str(t.name)
        case "__qualname__": return .str(t.nestedName ?? t.name)
        case "__doc__": return t.isUserClass ? Value.none : .str(t.doc)
        case "__module__": return .str("builtins")
        case "__bases__": return .tuple(t.base.map { [.type($0)] } ?? [])
        case "__base__": return t.base.map { .type($0) } ?? Value.none
        case "__mro__": return .tuple(t.baseChain.map { .type($0) })
        case "__dict__":
            guard let namespace = t.namespace else { return nil }
            return .dict(PyDict.from(namespace.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        case "__init__" where t === BuiltinTypes.object || t.isException:
            return .builtin(BuiltinFunction(name: "__init__", signature: "__init__(self, *args)", doc: "Initialize self.") { args, _ in
                guard let receiver = args.positional.first else {
                    throw PyException(BuiltinTypes.typeError, "descriptor '__init__' of '\(t.name)' object needs an argument")
                }
                try Interpreter.builtinInit(receiver, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
                return .none
            })
        default: return nil
        }
    }

    /// `Class.name = value`: user classes only (builtin and native types are immutable).
    func setTypeAttribute(_ t: PyType, _ name: String, _ value: Value) throws {
        guard t.isUserClass else {
            throw PyException(BuiltinTypes.typeError, "cannot set '\(name)' attribute of immutable type '\(t.name)'")
        }
        t.namespace?[name] = value
        if case .object(let o) = value, let property = o as? PropertyObject, property.name == nil { property.name = name }
        if name == "__init__" { t.signature = classSignature(t) }
    }

    /// An attribute of an exception instance: set on it, from a user exception class, or `args`.
    func exceptionAttribute(_ e: PyException, _ name: String) throws -> Value? {
        if let v = e.attributes[name] { return v }
        if let found = e.type.lookupUserAttribute(name) {
            return try bindClassAttribute(found.value, receiver: .exception(e), cls: e.type)
        }
        switch name {
        case "args": return .tuple(e.args)
        case "__class__": return .type(e.type)
        case "__dict__": return .dict(PyDict.from(e.attributes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        default: return nil
        }
    }
}
