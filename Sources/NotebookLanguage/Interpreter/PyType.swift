#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A type object (`int`, `list`, `ValueError`, a native tensor type...).
///
/// Calling a type runs its `constructor`; attribute lookup on values of the type finds `methods`.
public final class PyType: @unchecked Sendable {
    public let name: String
    public let base: PyType?
    public let doc: String
    /// The constructor's signature (a user class's comes from its `__init__`).
    public internal(set) var signature: String?
    let constructor: ((Arguments, Interpreter) throws -> Value)?
    /// Methods of the type's values (`str.split`...). Registered before the type is shared.
    public private(set) var methods: [String: BuiltinMethod] = [:]
    public let isException: Bool
    /// How many bases lie above this type (`object` is 0).
    public let depth: Int
    /// The attributes of a class made by a `class` statement (methods, class variables); nil for
    /// builtin and native types.
    var namespace: [String: Value]?
    /// The interpreter that ran the `class` statement, to call the class's methods from code
    /// that has none at hand (`repr`, `hash`, operators of native-object protocol).
    weak var interpreter: Interpreter?

    /// Whether a `class` statement made this type.
    public var isUserClass: Bool { namespace != nil }

    /// `Outer.Name` or `f.<locals>.Name` for a user class defined inside another or in a function.
    var nestedName: String?

    /// `__main__.Name` for user classes (as Python's reprs write them), the bare name otherwise.
    public var qualifiedName: String { isUserClass ? "__main__." + (nestedName ?? name) : name }

    public init(name: String, base: PyType? = nil, doc: String = "", signature: String? = nil,
                isException: Bool = false,
                constructor: ((Arguments, Interpreter) throws -> Value)? = nil) {
        self.name = name
        self.base = base
        self.doc = doc
        self.signature = signature
        self.isException = isException || (base?.isException ?? false)
        self.constructor = constructor
        self.depth = base.map { $0.depth + 1 } ?? 0
    }

    /// A class attribute of a user class, looked up along the base chain, with the class that holds it.
    func lookupUserAttribute(_ name: String) -> (value: Value, owner: PyType)? {
        var t: PyType? = self
        while let c = t, let namespace = c.namespace {
            if let v = namespace[name] { return (v, c) }
            t = c.base
        }
        return nil
    }

    /// Names of user-class attributes along the base chain (for completion).
    var userAttributeNames: [String] {
        var names = Set<String>()
        var t: PyType? = self
        while let c = t, let namespace = c.namespace { names.formUnion(namespace.keys); t = c.base }
        return names.sorted()
    }

    /// The base classes from this one up to `object` (Python's `__mro__` under single inheritance).
    var baseChain: [PyType] {
        var chain: [PyType] = []
        var t: PyType? = self
        while let c = t { chain.append(c); t = c.base }
        return chain
    }

    /// Adds a method; call while setting a type up, before values use it.
    public func addMethod(_ name: String, signature: String, doc: String,
                          _ impl: @escaping (Value, Arguments, Interpreter) throws -> Value) {
        methods[name] = BuiltinMethod(name: name, signature: signature, doc: doc, impl: impl)
    }

    /// Whether this type is `other` or derives from it.
    public func isSubtype(of other: PyType) -> Bool {
        var t: PyType? = self
        while let c = t {
            if c === other { return true }
            t = c.base
        }
        return false
    }

    /// A method looked up along the base chain.
    public func method(_ name: String) -> BuiltinMethod? {
        var t: PyType? = self
        while let c = t {
            if let m = c.methods[name] { return m }
            t = c.base
        }
        return nil
    }

    /// All method names along the base chain (for completion).
    public var allMethodNames: [String] {
        var names = Set<String>()
        var t: PyType? = self
        while let c = t { names.formUnion(c.methods.keys); t = c.base }
        return names.sorted()
    }
}

/// A method of a builtin type, bound to a receiver when looked up.
public struct BuiltinMethod {
    public let name: String
    public let signature: String
    public let doc: String
    public let impl: (Value, Arguments, Interpreter) throws -> Value
}

/// A function implemented in Swift (`print`, `math.sqrt`, a bound `list.append`...).
public final class BuiltinFunction {
    public let name: String
    /// As shown by inspection, e.g. `print(*values, sep=' ', end='\n')`.
    public let signature: String
    public let doc: String
    public let impl: (Arguments, Interpreter) throws -> Value
    /// The receiver of a bound method (for repr).
    let receiverTypeName: String?
    var isMethod: Bool { receiverTypeName != nil }

    public init(name: String, signature: String? = nil, doc: String = "",
                _ impl: @escaping (Arguments, Interpreter) throws -> Value) {
        self.name = name
        self.signature = signature ?? "\(name)(...)"
        self.doc = doc
        self.impl = impl
        self.receiverTypeName = nil
    }

    init(method: BuiltinMethod, receiver: Value) {
        name = method.name
        signature = method.signature
        doc = method.doc
        receiverTypeName = receiver.typeName
        let f = method.impl
        impl = { args, interp in try f(receiver, args, interp) }
    }

    /// Parameter names read from the signature (for `name=` completions).
    public var parameterNames: [String] { Self.parameterNames(of: signature) }

    static func parameterNames(of signature: String) -> [String] {
        guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")"), open < close else { return [] }
        let inner = signature[signature.index(after: open)..<close]
        var names: [String] = []
        var depth = 0
        var currentName = ""
        var inDefault = false
        for ch in inner {
            if "([{".contains(ch) { depth += 1 }
            if ")]}".contains(ch) { depth -= 1 }
            if ch == "," && depth == 0 {
                names.append(currentName); currentName = ""; inDefault = false; continue
            }
            if ch == "=" && depth == 0 { inDefault = true }
            if !inDefault && (ch.isLetter || ch.isNumber || ch == "_") { currentName.append(ch) }
            if !inDefault && ch == "*" { currentName.append(ch) }
        }
        names.append(currentName)
        return names.filter { !$0.isEmpty && !$0.hasPrefix("*") && $0 != "/" }
    }
}

/// A user function or lambda with the scope it closes over.
public final class PyFunction {
    let definition: FunctionDef
    let closure: Scope
    let defaults: [String: Value]
    /// The class whose body defined this function (for zero-argument `super()`).
    weak var definingClass: PyType?
    /// `Class.method` for functions defined in a class body (`__qualname__`, error messages).
    var qualifiedName: String
    public var name: String { definition.name }
    public var signature: String { definition.signature }
    public var doc: String? { definition.docstring }

    init(definition: FunctionDef, closure: Scope, defaults: [String: Value]) {
        self.definition = definition
        self.closure = closure
        self.defaults = defaults
        self.qualifiedName = definition.name
    }
}

/// A module or namespace: named members, possibly nested (`tf.keras.layers`).
public final class PyModule {
    public let name: String
    public let doc: String
    public private(set) var members: [String: Value] = [:]
    /// Member names in the order they were added.
    public private(set) var memberOrder: [String] = []

    public init(name: String, doc: String = "") {
        self.name = name
        self.doc = doc
    }

    public func set(_ member: String, _ value: Value) {
        if members[member] == nil { memberOrder.append(member) }
        members[member] = value
    }

    /// Adds a Swift function as a member.
    public func addFunction(_ member: String, signature: String? = nil, doc: String = "",
                            _ impl: @escaping (Arguments, Interpreter) throws -> Value) {
        let qualified = name + "." + member
        _ = qualified
        set(member, .builtin(BuiltinFunction(name: member, signature: signature ?? "\(member)(...)", doc: doc, impl)))
    }

    public subscript(member: String) -> Value? { members[member] }

    /// Words the error for a member this module lacks, e.g. `tf.keras.layers.Conv2D is not
    /// available in this kernel; layers available: Dense, ...`. When set, it replaces the generic
    /// text of the AttributeError (`m.x`), ImportError (`from m import x`) and
    /// ModuleNotFoundError (`import m.x`), so a stand-in for a large library can say what it has.
    public var explainMissing: ((String) -> String)?
}

/// A raised or created exception: its type, arguments, and the traceback where it was raised.
public final class PyException: Error, @unchecked Sendable {
    public let type: PyType
    public var args: [Value]
    /// Frames from the outermost call to where it was raised, captured once.
    var traceback: [TraceFrame] = []
    var tracebackCaptured = false
    /// A note printed after the message (e.g. did-you-mean).
    var suggestion: String?
    /// Attributes set on the exception (`self.code = code` in a user exception's `__init__`).
    var attributes: [String: Value] = [:]

    public init(_ type: PyType, args: [Value]) {
        self.type = type
        self.args = args
    }

    deinit {
        var values = args + attributes.values
        args = []
        attributes = [:]
        Value.releaseIteratively(&values)
    }

    public convenience init(_ type: PyType, _ message: String) {
        self.init(type, args: [.str(message)])
    }

    /// `str(exception)` as Python computes it (a user class's `__str__` included).
    public var message: String {
        if type.isUserClass, type.lookupUserAttribute("__str__") != nil {
            return (try? userString("__str__")) ?? "<exception str() failed>"
        }
        return argsMessage
    }

    /// `BaseException.__str__`: the message made from `args` alone.
    var argsMessage: String {
        switch args.count {
        case 0: return ""
        case 1:
            if type.isSubtype(of: BuiltinTypes.keyError) { return (try? args[0].repr()) ?? "" }
            return (try? args[0].str()) ?? ""
        default: return (try? Value.tuple(args).repr()) ?? ""
        }
    }
}

/// One line of a traceback: where a frame was when the exception passed through it.
struct TraceFrame {
    var function: String
    var line: Int
    var source: SourceText
}

/// Positional and keyword arguments of a call, with helpers to bind them to parameter names.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(name: String, value: Value)]

    public init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    public var count: Int { positional.count + keywords.count }

    /// A keyword argument's value.
    public func keyword(_ name: String) -> Value? {
        keywords.first(where: { $0.name == name })?.value
    }

    /// Binds arguments to `names` (positional-or-keyword, in order): one entry per name, nil when
    /// not given. Throws Python's TypeErrors for missing, extra and unexpected arguments.
    /// With `extraPositional`, `names` are keyword-only and positional arguments are left for
    /// the caller to read (as for `print(*values, sep=...)`).
    public func bind(_ function: String, _ names: [String], required: Int = 0,
                     extraPositional: Bool = false, extraKeywords: Bool = false) throws -> [Value?] {
        var out = [Value?](repeating: nil, count: names.count)
        if positional.count > names.count && !extraPositional {
            let noun = names.count == 1 ? "argument" : "arguments"
            if required == names.count {
                throw PyException(BuiltinTypes.typeError, "\(function)() takes \(names.count) positional \(noun) but \(positional.count) were given")
            }
            throw PyException(BuiltinTypes.typeError, "\(function)() takes at most \(names.count) \(noun) (\(positional.count) given)")
        }
        if !extraPositional {
            for (i, v) in positional.prefix(names.count).enumerated() { out[i] = v }
        }
        for (k, v) in keywords {
            guard let i = names.firstIndex(of: k) else {
                if extraKeywords { continue }
                throw PyException(BuiltinTypes.typeError, "\(function)() got an unexpected keyword argument '\(k)'")
            }
            if out[i] != nil {
                throw PyException(BuiltinTypes.typeError, "\(function)() got multiple values for argument '\(k)'")
            }
            out[i] = v
        }
        for i in 0..<min(required, names.count) where out[i] == nil {
            throw PyException(BuiltinTypes.typeError, "\(function)() missing required argument '\(names[i])' (pos \(i + 1))")
        }
        return out
    }

    /// Throws unless there are no keyword arguments and between `min` and `max` positional ones.
    public func expectPositional(_ function: String, min: Int, max: Int) throws {
        if let k = keywords.first {
            throw PyException(BuiltinTypes.typeError, "\(function)() got an unexpected keyword argument '\(k.name)'")
        }
        if positional.count < min || positional.count > max {
            let expected = min == max ? "exactly \(min)" : positional.count < min ? "at least \(min)" : "at most \(max)"
            let noun = (positional.count < min ? min : max) == 1 ? "argument" : "arguments"
            throw PyException(BuiltinTypes.typeError, "\(function)() takes \(expected) \(noun) (\(positional.count) given)")
        }
    }
}
