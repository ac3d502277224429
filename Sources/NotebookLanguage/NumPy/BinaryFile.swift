#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads and writes for `np.save` / `np.load`, with the errors Python's `open()` raises
/// (`FileNotFoundError: [Errno 2] No such file or directory: 'x.npy'`), told apart by errno.
/// The runtime's I/O only encodes and decodes bytes; which exception a cell sees is decided here.
enum BinaryFile {
    /// The file's bytes.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw osError(errno, path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw osError(errno, path) // EISDIR: open() succeeds on a directory, read() fails
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Creates or truncates the file and writes `bytes` (mode 0666 before the umask, as `open(path, "wb")`).
    static func write(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw osError(errno, path) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { Glibc.write(fd, $0 + written, raw.count - written) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw osError(code, path)
            }
            written += n
        }
        if close(fd) != 0 { throw osError(errno, path) }
    }

    /// The OSError subclass Python raises for `code`, worded as CPython words it.
    static func osError(_ code: Int32, _ path: String) -> PyException {
        let type: PyType
        switch code {
        case ENOENT: type = BuiltinTypes.fileNotFoundError
        case EEXIST: type = BuiltinTypes.fileExistsError
        case EACCES, EPERM: type = BuiltinTypes.permissionError
        case EISDIR: type = BuiltinTypes.isADirectoryError
        case ENOTDIR: type = BuiltinTypes.notADirectoryError
        default: type = BuiltinTypes.osError
        }
        let reason = strerror(code).map { String(cString: $0) } ?? "Unknown error \(code)"
        let name = (try? Value.str(path).repr()) ?? "'\(path)'"
        return PyException(type, "[Errno \(code)] \(reason): \(name)")
    }

    /// A path argument: a str (Python also takes bytes and path-like objects, which this language lacks).
    static func path(_ value: Value) throws -> String {
        guard case .str(let path) = value else {
            throw PyException(BuiltinTypes.typeError, "expected str, bytes or os.PathLike object, not \(value.typeName)")
        }
        guard !path.utf8.contains(0) else { throw PyException(BuiltinTypes.valueError, "embedded null byte") }
        return path
    }
}
