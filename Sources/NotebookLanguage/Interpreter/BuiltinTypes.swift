/// The builtin type objects and the exception hierarchy.
public enum BuiltinTypes {
    public static let object = PyType(name: "object", doc: "The base class of the class hierarchy.")
    public static let noneType = PyType(name: "NoneType", base: object)
    public static let int = withMethods(PyType(name: "int", base: object, doc: "int(x=0) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an integer (64-bit in this language).", signature: "int(x=0, base=10)", constructor: Constructors.int))
    public static let bool = PyType(name: "bool", base: int, doc: "Returns True when the argument is true, False otherwise.", signature: "bool(x=False)", constructor: Constructors.bool)
    public static let float = withMethods(PyType(name: "float", base: object, doc: "Convert a string or number to a floating-point number, if possible.", signature: "float(x=0.0)", constructor: Constructors.float))
    public static let str = withMethods(PyType(name: "str", base: object, doc: "str(object='') -> str\n\nCreate a new string object from the given object.", signature: "str(object='')", constructor: Constructors.str))
    public static let list = withMethods(PyType(name: "list", base: object, doc: "Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.", signature: "list(iterable=(), /)", constructor: Constructors.list))
    public static let tuple = withMethods(PyType(name: "tuple", base: object, doc: "Built-in immutable sequence.", signature: "tuple(iterable=(), /)", constructor: Constructors.tuple))
    public static let dict = withMethods(PyType(name: "dict", base: object, doc: "dict() -> new empty dictionary\ndict(mapping) -> new dictionary from a mapping\ndict(iterable) -> new dictionary from (key, value) pairs\ndict(**kwargs) -> new dictionary with the keyword arguments", signature: "dict(mapping_or_iterable=(), **kwargs)", constructor: Constructors.dict))
    public static let set = withMethods(PyType(name: "set", base: object, doc: "Build an unordered collection of unique elements.", signature: "set(iterable=(), /)", constructor: Constructors.set))
    public static let range = withMethods(PyType(name: "range", base: object, doc: "range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive) to stop (exclusive) by step.", signature: "range(start, stop=None, step=1)", constructor: Constructors.range))
    public static let slice = PyType(name: "slice", base: object, doc: "slice(stop)\nslice(start, stop[, step])", signature: "slice(start, stop=None, step=None)", constructor: Constructors.slice)
    public static let function = PyType(name: "function", base: object)
    public static let builtinFunction = PyType(name: "builtin_function_or_method", base: object)
    public static let builtinMethod = PyType(name: "builtin_function_or_method", base: object)
    public static let type = PyType(name: "type", base: object, doc: "type(object) -> the object's type", signature: "type(object)", constructor: Constructors.type)
    public static let module = PyType(name: "module", base: object)
    public static let ellipsis = PyType(name: "ellipsis", base: object)

    private static func withMethods(_ t: PyType) -> PyType {
        Methods.register(t)
        return t
    }

    static func iteratorType(_ name: String) -> PyType {
        switch name {
        case "map": return mapIterator
        case "filter": return filterIterator
        case "zip": return zipIterator
        case "enumerate": return enumerateIterator
        case "generator": return generatorIterator
        case "reversed": return reversedIterator
        default: return iterator
        }
    }
    static let iterator = PyType(name: "iterator", base: object)
    static let mapIterator = PyType(name: "map", base: object, doc: "map(func, *iterables) --> map object", signature: "map(function, iterable, /, *iterables)", constructor: Constructors.map)
    static let filterIterator = PyType(name: "filter", base: object, doc: "filter(function or None, iterable) --> filter object", signature: "filter(function, iterable, /)", constructor: Constructors.filter)
    static let zipIterator = PyType(name: "zip", base: object, doc: "zip(*iterables) --> zip object yielding tuples", signature: "zip(*iterables, strict=False)", constructor: Constructors.zip)
    static let enumerateIterator = PyType(name: "enumerate", base: object, doc: "Return an enumerate object yielding (index, value) pairs.", signature: "enumerate(iterable, start=0)", constructor: Constructors.enumerate)
    static let reversedIterator = PyType(name: "reversed", base: object, doc: "Return a reverse iterator over the values of the given sequence.", signature: "reversed(sequence, /)", constructor: Constructors.reversed)
    static let generatorIterator = PyType(name: "generator", base: object)

    // MARK: Exceptions

    private static func makeException(_ name: String, _ base: PyType, _ doc: String) -> PyType {
        PyType(name: name, base: base, doc: doc, signature: "\(name)(*args)", isException: true) { args, _ in
            .exception(PyException(exceptionType(named: name) ?? baseException, args: args.positional))
        }
    }

    public static let baseException = makeException("BaseException", object, "Common base class for all exceptions")
    public static let exception = makeException("Exception", baseException, "Common base class for all non-exit exceptions.")
    public static let keyboardInterrupt = makeException("KeyboardInterrupt", baseException, "Program interrupted by user.")
    public static let systemExit = makeException("SystemExit", baseException, "Request to exit from the interpreter.")
    public static let arithmeticError = makeException("ArithmeticError", exception, "Base class for arithmetic errors.")
    public static let zeroDivisionError = makeException("ZeroDivisionError", arithmeticError, "Second argument to a division or modulo operation was zero.")
    public static let overflowError = makeException("OverflowError", arithmeticError, "Result too large to be represented (integers are 64-bit).")
    public static let assertionError = makeException("AssertionError", exception, "Assertion failed.")
    public static let attributeError = makeException("AttributeError", exception, "Attribute not found.")
    public static let importError = makeException("ImportError", exception, "Import can't find module, or can't find name in module.")
    public static let moduleNotFoundError = makeException("ModuleNotFoundError", importError, "Module not found.")
    public static let lookupError = makeException("LookupError", exception, "Base class for lookup errors.")
    public static let indexError = makeException("IndexError", lookupError, "Sequence index out of range.")
    public static let keyError = makeException("KeyError", lookupError, "Mapping key not found.")
    public static let memoryError = makeException("MemoryError", exception, "Out of memory (or over this language's size limit).")
    public static let nameError = makeException("NameError", exception, "Name not found globally.")
    public static let unboundLocalError = makeException("UnboundLocalError", nameError, "Local name referenced but not bound to a value.")
    public static let runtimeError = makeException("RuntimeError", exception, "Unspecified run-time error.")
    public static let notImplementedError = makeException("NotImplementedError", runtimeError, "Method or function hasn't been implemented yet.")
    public static let recursionError = makeException("RecursionError", runtimeError, "Recursion limit exceeded.")
    public static let stopIteration = makeException("StopIteration", exception, "Signal the end from iterator.__next__().")
    public static let syntaxError = makeException("SyntaxError", exception, "Invalid syntax.")
    public static let indentationError = makeException("IndentationError", syntaxError, "Improper indentation.")
    public static let typeError = makeException("TypeError", exception, "Inappropriate argument type.")
    public static let valueError = makeException("ValueError", exception, "Inappropriate argument value (of correct type).")
    public static let osError = makeException("OSError", exception, "Base class for I/O related errors.")
    public static let fileNotFoundError = makeException("FileNotFoundError", osError, "File not found.")
    public static let fileExistsError = makeException("FileExistsError", osError, "File already exists.")
    public static let permissionError = makeException("PermissionError", osError, "Not enough permissions.")
    public static let isADirectoryError = makeException("IsADirectoryError", osError, "Operation doesn't work on directories.")
    public static let notADirectoryError = makeException("NotADirectoryError", osError, "Operation only works on directories.")
    public static let eofError = makeException("EOFError", exception, "Read beyond end of file.")
    /// `io.UnsupportedOperation` (an OSError and, in Python, a ValueError too: single inheritance here).
    public static let unsupportedOperation = makeException("UnsupportedOperation", osError, "The file does not support this operation (reading a file opened for writing, or the reverse).")
    public static let unicodeError = makeException("UnicodeError", valueError, "Unicode related error.")
    public static let unicodeDecodeError = makeException("UnicodeDecodeError", unicodeError, "Unicode decoding error.")
    public static let stdinNotImplementedError = makeException("StdinNotImplementedError", notImplementedError, "raw_input was called, but this frontend does not support stdin.")

    /// Every exception type, by name (the builtins namespace exposes them).
    public static let exceptionTypes: [PyType] = [
        baseException, exception, keyboardInterrupt, systemExit, arithmeticError, zeroDivisionError,
        overflowError, assertionError, attributeError, importError, moduleNotFoundError, lookupError,
        indexError, keyError, memoryError, nameError, unboundLocalError, runtimeError,
        notImplementedError, recursionError, stopIteration, syntaxError, indentationError, typeError,
        valueError, osError, stdinNotImplementedError,
        fileNotFoundError, fileExistsError, permissionError, isADirectoryError, notADirectoryError, eofError,
        unicodeError, unicodeDecodeError,
    ]

    static func exceptionType(named name: String) -> PyType? {
        exceptionTypes.first { $0.name == name }
    }
}
