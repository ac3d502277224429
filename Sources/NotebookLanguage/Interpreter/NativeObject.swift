#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An object implemented in Swift (a tensor, a layer, a model...).
///
/// Every requirement has a default, so a type implements only what it supports. Return nil
/// (or false) for "not supported": the interpreter then raises the Python error
/// (`AttributeError`, `TypeError: 'X' object is not subscriptable`, unsupported operand...).
public protocol NativeObject: AnyObject {
    /// The Python-visible type name, e.g. `"Tensor"` (used by the default `pythonType`).
    var typeName: String { get }
    /// The type object returned by `type(x)` and matched by `isinstance`. Give a shared instance
    /// if user code should compare types; the default returns one cached type per `typeName`.
    var pythonType: PyType { get }
    func repr() throws -> String
    func str() throws -> String
    /// The MIME bundle shown when the object is a cell's value (default: `text/plain` repr).
    func displayBundle() throws -> [String: String]
    /// Names offered by completion after `obj.`.
    var attributeNames: [String] { get }
    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value?
    func setAttribute(_ name: String, value: Value) throws -> Bool
    /// `obj[key]`: key is an int, a `.slice`, a `.tuple` of those, or anything else.
    func getItem(_ key: Value) throws -> Value?
    func setItem(_ key: Value, value: Value) throws -> Bool
    /// `self op other` (or `other op self` when `reflected`); nil means NotImplemented.
    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value?
    func unaryOperation(_ op: UnaryOperator) throws -> Value?
    /// Rich comparison; nil means NotImplemented (`==` then falls back to identity).
    func compare(_ op: ComparisonOperator, other: Value) throws -> Value?
    /// `obj(...)`; nil means not callable.
    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value?
    var isCallable: Bool { get }
    /// `len(obj)`; nil means no length.
    func length() throws -> Int?
    /// `for x in obj`; nil means not iterable.
    func makeIterator(interpreter: Interpreter) throws -> PyIterator?
    var isTruthy: Bool { get }
    var isHashable: Bool { get }
    /// Help text for inspection and `help(obj)`.
    var doc: String? { get }
    /// A call signature for inspection, e.g. `LSTM(units, return_sequences=False)`.
    var signature: String? { get }
    /// Starts `with obj as x:` and returns the value bound to `x` (often the object itself);
    /// nil means the object is not a context manager (`TypeError: 'X' object does not support
    /// the context manager protocol`).
    func enter(interpreter: Interpreter) throws -> Value?
    /// Ends a `with` block entered by `enter`. Always called, also when the block raised (then
    /// `error` is that exception, KeyboardInterrupt included) or left by `return`/`break`.
    /// Return true to suppress `error` (execution goes on after the block), false to let it
    /// propagate; an error thrown here replaces it.
    func exit(error: PyException?, interpreter: Interpreter) throws -> Bool
}

extension NativeObject {
    public var pythonType: PyType { BuiltinTypes.nativeType(named: typeName) }
    public func repr() throws -> String { "<\(typeName) object>" }
    public func str() throws -> String { try repr() }
    public func displayBundle() throws -> [String: String] { ["text/plain": try repr()] }
    public var attributeNames: [String] { [] }
    public func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? { nil }
    public func setAttribute(_ name: String, value: Value) throws -> Bool { false }
    public func getItem(_ key: Value) throws -> Value? { nil }
    public func setItem(_ key: Value, value: Value) throws -> Bool { false }
    public func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? { nil }
    public func unaryOperation(_ op: UnaryOperator) throws -> Value? { nil }
    public func compare(_ op: ComparisonOperator, other: Value) throws -> Value? { nil }
    public func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? { nil }
    public var isCallable: Bool { false }
    public func length() throws -> Int? { nil }
    public func makeIterator(interpreter: Interpreter) throws -> PyIterator? { nil }
    public var isTruthy: Bool { (try? length()).flatMap { $0 }.map { $0 != 0 } ?? true }
    public var isHashable: Bool { true }
    public var doc: String? { nil }
    public var signature: String? { nil }
    public func enter(interpreter: Interpreter) throws -> Value? { nil }
    public func exit(error: PyException?, interpreter: Interpreter) throws -> Bool { false }
}

extension BuiltinTypes {
    private static let nativeTypes = Mutex<[String: PyType]>([:])

    /// One shared type object per native type name.
    public static func nativeType(named name: String) -> PyType {
        nativeTypes.withLock { table in
            if let t = table[name] { return t }
            let t = PyType(name: name, base: object)
            table[name] = t
            return t
        }
    }
}
