#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// What `open(path)` returns: Python's text file (`_io.TextIOWrapper`), UTF-8 only.
///
/// Reading mode loads and decodes the whole file when it is opened (the course notebooks read a
/// text corpus once), then `read`, `readline`, `readlines` and iteration walk through it.
/// Writing modes (`w`, `a`, `x`) keep the descriptor open and write each `write` through at once,
/// so nothing is lost if the cell never closes the file. Binary modes need `bytes`, which the
/// language lacks: they raise NotImplementedError rather than return something else.
final class TextFileObject: NativeObject {
    static let type = PyType(name: "TextIOWrapper", base: BuiltinTypes.object,
                             doc: "Character and line based layer over a file (what open() returns in text mode).")
    let path: String
    let mode: String
    /// Python's `newline` argument: nil translates \r\n and \r to \n when reading.
    private let newline: String?
    /// The decoded text (reading mode) and where the next read starts.
    private let text: String.UnicodeScalarView
    private var position: String.UnicodeScalarView.Index
    /// The open descriptor of a writing mode; -1 once closed or when reading.
    private var descriptor: Int32
    private(set) var isClosed = false

    private init(path: String, mode: String, newline: String?, text: String, descriptor: Int32) {
        self.path = path
        self.mode = mode
        self.newline = newline
        self.text = text.unicodeScalars
        self.position = self.text.startIndex
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    var typeName: String { "TextIOWrapper" }
    var pythonType: PyType { TextFileObject.type }
    private var isReadable: Bool { mode == "r" }

    func repr() throws -> String {
        "<_io.TextIOWrapper name=\(try Value.str(path).repr()) mode=\(try Value.str(mode).repr()) encoding='UTF-8'>"
    }

    // MARK: open()

    static let signature = "open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)"

    /// The builtin `open`, with Python's argument checks and OSError subclasses.
    static func open(_ args: Arguments) throws -> Value {
        let a = try args.bind("open", ["file", "mode", "buffering", "encoding", "errors", "newline"], required: 1)
        let path = try BinaryFile.path(a[0]!)
        var modeText = "r"
        if let m = a[1] {
            guard case .str(let s) = m else { throw PyException(BuiltinTypes.typeError, "open() argument 'mode' must be str, not \(m.typeName)") }
            modeText = s
        }
        let mode = try parseMode(modeText)
        if let e = a[3], e.typeName != "NoneType" {
            guard case .str(let name) = e else { throw PyException(BuiltinTypes.typeError, "open() argument 'encoding' must be str or None, not \(e.typeName)") }
            let normalized = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
            guard ["utf-8", "utf8", "u8", "utf"].contains(normalized) else {
                throw PyException(BuiltinTypes.notImplementedError, "open(): only the UTF-8 encoding is supported in this kernel, not \(try e.repr())")
            }
        }
        var newline: String? = nil
        if let n = a[5], n.typeName != "NoneType" {
            guard case .str(let s) = n else { throw PyException(BuiltinTypes.typeError, "open() argument 'newline' must be str or None, not \(n.typeName)") }
            guard ["", "\n", "\r", "\r\n"].contains(s) else { throw PyException(BuiltinTypes.valueError, "illegal newline value: \(s)") }
            newline = s
        }
        if mode == "r" {
            let bytes = try readAll(path)
            var decoded = try decodeUTF8(bytes)
            if newline == nil && decoded.unicodeScalars.contains("\r") { decoded = universalNewlines(decoded) }
            return .object(TextFileObject(path: path, mode: modeText, newline: newline, text: decoded, descriptor: -1))
        }
        let flags: Int32
        switch mode {
        case "w": flags = O_WRONLY | O_CREAT | O_TRUNC
        case "a": flags = O_WRONLY | O_CREAT | O_APPEND
        default: flags = O_WRONLY | O_CREAT | O_EXCL
        }
        let fd = Glibc.open(path, flags | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw BinaryFile.osError(errno, path) }
        return .object(TextFileObject(path: path, mode: modeText, newline: newline, text: "", descriptor: fd))
    }

    /// `r`, `w`, `a` or `x` from a mode string such as `'rt'`; Python's ValueErrors for bad ones.
    static func parseMode(_ mode: String) throws -> String {
        var kinds = Set<Character>(), seen = Set<Character>()
        for ch in mode {
            guard "rwaxtb+".contains(ch), !seen.contains(ch) else {
                throw PyException(BuiltinTypes.valueError, "invalid mode: \(try Value.str(mode).repr())")
            }
            seen.insert(ch)
            if "rwax".contains(ch) { kinds.insert(ch) }
        }
        guard kinds.count == 1, let kind = kinds.first else {
            throw PyException(BuiltinTypes.valueError, "must have exactly one of create/read/write/append mode")
        }
        if seen.contains("b") && seen.contains("t") {
            throw PyException(BuiltinTypes.valueError, "can't have text and binary mode at once")
        }
        if seen.contains("b") {
            throw PyException(BuiltinTypes.notImplementedError, "open(): binary mode \(try Value.str(mode).repr()) needs bytes, which this language does not have; open the file in text mode")
        }
        if seen.contains("+") {
            throw PyException(BuiltinTypes.notImplementedError, "open(): update mode \(try Value.str(mode).repr()) is not supported; open the file once to read and once to write")
        }
        return String(kind)
    }

    /// Python's universal newlines on reading: `\r\n` and a lone `\r` become `\n`.
    static func universalNewlines(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for ch in text.unicodeScalars {
            if ch == "\n" && afterCR { afterCR = false; continue }
            afterCR = ch == "\r"
            out.append(afterCR ? "\n" : ch)
        }
        return String(out)
    }

    /// The file's bytes, refusing files larger than a string may be (MemoryError, as for `'a' * n`).
    private static func readAll(_ path: String) throws -> [UInt8] {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > Limits.maximumStringLength {
            throw PyException(BuiltinTypes.memoryError, "cannot read \(path): \(info.st_size) bytes is more than a string may hold (\(Limits.maximumStringLength))")
        }
        return try BinaryFile.read(path)
    }

    /// UTF-8 text, or CPython's UnicodeDecodeError naming the first bad byte.
    static func decodeUTF8(_ bytes: [UInt8]) throws -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let (length, low, high): (Int, UInt8, UInt8)
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            default: throw decodeError(b, i, "invalid start byte")
            }
            for k in 1..<length {
                guard i + k < bytes.count else {
                    let end = bytes.count - 1
                    if end == i { throw decodeError(b, i, "unexpected end of data") }
                    throw PyException(BuiltinTypes.unicodeDecodeError, "'utf-8' codec can't decode bytes in position \(i)-\(end): unexpected end of data")
                }
                let c = bytes[i + k]
                let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard c >= lo && c <= hi else { throw decodeError(b, i, "invalid continuation byte") }
            }
            i += length
        }
        throw PyException(BuiltinTypes.unicodeDecodeError, "'utf-8' codec can't decode the file")
    }

    private static func decodeError(_ byte: UInt8, _ position: Int, _ reason: String) -> PyException {
        let hex = String(byte, radix: 16)
        return PyException(BuiltinTypes.unicodeDecodeError, "'utf-8' codec can't decode byte 0x\(hex.count == 1 ? "0" + hex : hex) in position \(position): \(reason)")
    }

    // MARK: reading

    private func checkOpen() throws {
        if isClosed { throw PyException(BuiltinTypes.valueError, "I/O operation on closed file.") }
    }

    private func checkReadable() throws {
        try checkOpen()
        guard isReadable else { throw PyException(BuiltinTypes.unsupportedOperation, "not readable") }
    }

    private func checkWritable() throws {
        try checkOpen()
        guard !isReadable else { throw PyException(BuiltinTypes.unsupportedOperation, "not writable") }
    }

    /// Up to `size` characters (all that is left when negative).
    private func read(_ size: Int) -> String {
        let end = size < 0 ? text.endIndex : (text.index(position, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex)
        defer { position = end }
        return String(text[position..<end])
    }

    /// The next line with its `\n`, or "" at the end of the file.
    private func readLine(limit: Int = -1) -> String {
        var end = position
        var count = 0
        while end < text.endIndex && (limit < 0 || count < limit) {
            let ch = text[end]
            end = text.index(after: end)
            count += 1
            if ch == "\n" { break }
        }
        defer { position = end }
        return String(text[position..<end])
    }

    func makeIterator(interpreter: Interpreter) throws -> PyIterator? {
        try checkReadable()
        return PyIterator(typeName: "TextIOWrapper") { [self] in
            try checkOpen()
            let line = readLine()
            return line.isEmpty ? nil : .str(line)
        }
    }

    // MARK: writing

    /// Writes `s` (with `\n` turned into the `newline` argument's ending) straight to the file.
    private func write(_ s: String) throws {
        var out = s
        if let newline, newline != "", newline != "\n" {
            var translated = String.UnicodeScalarView()
            for ch in s.unicodeScalars {
                if ch == "\n" { translated.append(contentsOf: newline.unicodeScalars) } else { translated.append(ch) }
            }
            out = String(translated)
        }
        let bytes = Array(out.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw BinaryFile.osError(errno, path)
            }
            written += n
        }
    }

    private func close() throws {
        guard !isClosed else { return }
        isClosed = true
        if descriptor >= 0 {
            let result = Glibc.close(descriptor)
            descriptor = -1
            if result != 0 { throw BinaryFile.osError(errno, path) }
        }
    }

    // MARK: attributes

    static let methodNames = ["read", "readline", "readlines", "write", "writelines", "close", "readable", "writable", "flush"]
    var attributeNames: [String] { ["name", "mode", "closed", "encoding"] + TextFileObject.methodNames }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ signature: String, _ doc: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: name, signature: signature, doc: doc) { args, _ in try body(args) })
        }
        func size(_ v: Value?, _ fn: String) throws -> Int {
            switch v {
            case nil, .none?: return -1
            case .int(let n)?: return Int(n)
            case let x?: throw PyException(BuiltinTypes.typeError, "argument should be integer or None, not '\(x.typeName)'")
            }
        }
        switch name {
        case "name": return .str(path)
        case "mode": return .str(mode)
        case "closed": return .bool(isClosed)
        case "encoding": return .str("UTF-8")
        case "read":
            return method("read(size=-1, /)", "Read at most size characters (all that is left when size is negative or None).") { args in
                try args.expectPositional("read", min: 0, max: 1)
                try self.checkReadable()
                let text = self.read(try size(args.positional.first, "read"))
                return .str(text)
            }
        case "readline":
            return method("readline(size=-1, /)", "Read until a newline (kept) or the end of the file; \"\" at the end.") { args in
                try args.expectPositional("readline", min: 0, max: 1)
                try self.checkReadable()
                return .str(self.readLine(limit: try size(args.positional.first, "readline")))
            }
        case "readlines":
            return method("readlines(hint=-1, /)", "The remaining lines, each with its newline.") { args in
                try args.expectPositional("readlines", min: 0, max: 1)
                try self.checkReadable()
                let hint = try size(args.positional.first, "readlines")
                var lines: [Value] = [], total = 0
                while true {
                    let line = self.readLine()
                    if line.isEmpty { break }
                    lines.append(.str(line))
                    total += line.unicodeScalars.count
                    if hint > 0 && total >= hint { break }
                }
                return .list(PyList(lines))
            }
        case "write":
            return method("write(text, /)", "Write the string to the file; returns the number of characters written.") { args in
                try args.expectPositional("write", min: 1, max: 1)
                guard case .str(let s) = args.positional[0] else {
                    throw PyException(BuiltinTypes.typeError, "write() argument must be str, not \(args.positional[0].typeName)")
                }
                try self.checkWritable()
                try self.write(s)
                return .int(Int64(s.unicodeScalars.count))
            }
        case "writelines":
            return method("writelines(lines, /)", "Write each string of an iterable (no newlines are added).") { args in
                try args.expectPositional("writelines", min: 1, max: 1)
                try self.checkWritable()
                let items = try interpreter.makeIterator(args.positional[0])
                while let item = try items.next() {
                    guard case .str(let s) = item else {
                        throw PyException(BuiltinTypes.typeError, "write() argument must be str, not \(item.typeName)")
                    }
                    try self.write(s)
                }
                return .none
            }
        case "close":
            return method("close()", "Close the file; further reads or writes raise ValueError.") { args in
                try args.expectPositional("close", min: 0, max: 0)
                try self.close()
                return .none
            }
        case "flush":
            return method("flush()", "Nothing to do: writes go to the file at once.") { args in
                try args.expectPositional("flush", min: 0, max: 0)
                try self.checkOpen()
                return .none
            }
        case "readable", "writable":
            return method("\(name)()", "Whether the file was opened for \(name == "readable" ? "reading" : "writing").") { args in
                try args.expectPositional(name, min: 0, max: 0)
                try self.checkOpen()
                return .bool((name == "readable") == self.isReadable)
            }
        default: return nil
        }
    }

    // MARK: with

    func enter(interpreter: Interpreter) throws -> Value? {
        try checkOpen()
        return .object(self)
    }

    func exit(error: PyException?, interpreter: Interpreter) throws -> Bool {
        try close()
        return false
    }
}
