// Reading NumPy `.npy` (format 1.0/2.0/3.0, little-endian, C or Fortran order) and `.npz` (zip of
// stored `.npy` members, zip64 as NumPy writes them) into `Tensor`, with Glibc only (fopen/fread):
// no Foundation in the runtime.
// dtypes: `<f4`, `<f8` → float32; `<i4`, `<i8` → int64; `|b1` → bool.

#if canImport(Glibc)
import Glibc
#endif

/// An error while reading or writing `.npy` / `.npz` data (a Python `ValueError` or `OSError`).
public struct NPYError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "ValueError: \(message)" }
}

/// Reads `.npy` arrays and `.npz` archives.
public enum NPYReader {
    /// The whole file as bytes (fopen/fread); throws when it cannot be opened or read.
    public static func readFile(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else {
            throw NPYError("No such file or directory: '\(path)'")
        }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(f) != 0 { throw NPYError("read error in '\(path)'") }
                break
            }
        }
        return bytes
    }

    /// One `.npy` file.
    public static func load(npy path: String) throws -> Tensor {
        try parseNPY(readFile(path)[...])
    }

    /// All members of an `.npz` file, keyed by name without the `.npy` suffix.
    public static func load(npz path: String) throws -> [String: Tensor] {
        try parseNPZ(readFile(path))
    }

    @inline(__always) static func u16(_ b: ArraySlice<UInt8>, _ i: Int) throws -> Int {
        guard i >= b.startIndex, i + 2 <= b.endIndex else { throw NPYError("truncated data") }
        return Int(b[i]) | Int(b[i + 1]) << 8
    }

    @inline(__always) static func u32(_ b: ArraySlice<UInt8>, _ i: Int) throws -> Int {
        guard i >= b.startIndex, i + 4 <= b.endIndex else { throw NPYError("truncated data") }
        return Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24
    }

    /// All members of an `.npz` image, keyed by name without the `.npy` suffix.
    public static func parseNPZ(_ bytes: [UInt8]) throws -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for member in try parseNPZMembers(bytes) { out[member.name] = member.tensor }
        return out
    }

    /// The members of an `.npz` image in archive order (what `NpzFile.files` lists).
    public static func parseNPZMembers(_ bytes: [UInt8]) throws -> [(name: String, tensor: Tensor)] {
        try ZipDirectory.members(bytes).map { member in
            var name = member.name
            if name.hasSuffix(".npy") { name.removeLast(4) }
            guard member.method == 0 else {
                throw NPYError("npz member '\(member.name)' is compressed (method \(member.method), as np.savez_compressed writes); only stored members (np.savez) can be read")
            }
            return (name, try parseNPY(bytes[member.data]))
        }
    }

    /// Parses one `.npy` image.
    public static func parseNPY(_ b: ArraySlice<UInt8>) throws -> Tensor {
        let s = b.startIndex
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard b.count >= 10, Array(b[s..<s + 6]) == magic else { throw NPYError("the magic string is not correct; expected b'\\x93NUMPY'") }
        let major = b[s + 6]
        let headerLen: Int
        let headerStart: Int
        if major == 1 {
            headerLen = try u16(b, s + 8); headerStart = s + 10
        } else if major == 2 || major == 3 {
            headerLen = try u32(b, s + 8); headerStart = s + 12
        } else {
            throw NPYError("unsupported .npy format version \(major)")
        }
        guard headerStart + headerLen <= b.endIndex else { throw NPYError("truncated .npy header") }
        let header = String(decoding: b[headerStart..<headerStart + headerLen], as: UTF8.self)
        let descr = try headerValue(header, key: "descr")
        let fortran = try headerValue(header, key: "fortran_order")
        let shapeText = try headerValue(header, key: "shape")
        // NumPy saves a Fortran-contiguous array (e.g. `a.T`) as is, flagged: its data is the
        // C-order data of the reversed shape, so read that and transpose back.
        let isFortranOrder = fortran.hasPrefix("True")
        guard isFortranOrder || fortran.hasPrefix("False") else { throw NPYError("fortran_order is not a bool: \(fortran)") }
        let shape = isFortranOrder ? Array(try parseShape(shapeText).reversed()) : try parseShape(shapeText)
        let n = try Shape.count(shape)
        let dataStart = headerStart + headerLen
        let d = descr.trimmingQuotes()
        let itemSize: Int
        switch d {
        case "<f4", "<i4": itemSize = 4
        case "<f8", "<i8": itemSize = 8
        case "|b1", "|u1", "|i1": itemSize = 1
        default: throw NPYError("unsupported dtype '\(d)' (supported: <f4, <f8, <i4, <i8, |b1)")
        }
        guard b.endIndex - dataStart >= n * itemSize else {
            throw NPYError("cannot reshape array of size \((b.endIndex - dataStart) / itemSize) into shape \(Shape.describe(shape))")
        }
        let data = b.withUnsafeBytes { raw -> Tensor in
            let base = dataStart - s
            switch d {
            case "<f4":
                var v = [Float](repeating: 0, count: n)
                for i in 0..<n { v[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: base + 4 * i, as: UInt32.self).littleEndian) }
                return Tensor(shape: shape, floats: v)
            case "<f8":
                var v = [Float](repeating: 0, count: n)
                for i in 0..<n { v[i] = Float(Double(bitPattern: raw.loadUnaligned(fromByteOffset: base + 8 * i, as: UInt64.self).littleEndian)) }
                return Tensor(shape: shape, floats: v)
            case "<i4":
                var v = [Int64](repeating: 0, count: n)
                for i in 0..<n { v[i] = Int64(Int32(bitPattern: raw.loadUnaligned(fromByteOffset: base + 4 * i, as: UInt32.self).littleEndian)) }
                return Tensor(shape: shape, ints: v)
            case "<i8":
                var v = [Int64](repeating: 0, count: n)
                for i in 0..<n { v[i] = Int64(bitPattern: raw.loadUnaligned(fromByteOffset: base + 8 * i, as: UInt64.self).littleEndian) }
                return Tensor(shape: shape, ints: v)
            case "|i1":
                let v = (0..<n).map { Int64(Int8(bitPattern: raw[base + $0])) }
                return Tensor(shape: shape, ints: v)
            case "|u1":
                let v = (0..<n).map { Int64(raw[base + $0]) }
                return Tensor(shape: shape, ints: v)
            default: // |b1
                let v = (0..<n).map { Int64(raw[base + $0] != 0 ? 1 : 0) }
                return Tensor(shape: shape, ints: v, dtype: .bool)
            }
        }
        return isFortranOrder ? try data.transpose() : data
    }

    /// The text after `'key':` up to the next top-level comma (a tuple stays whole).
    static func headerValue(_ header: String, key: String) throws -> String {
        let chars = Array(header)
        let pattern = Array("'\(key)':")
        var i = 0
        while i + pattern.count <= chars.count {
            if Array(chars[i..<i + pattern.count]) == pattern {
                var j = i + pattern.count
                while j < chars.count, chars[j] == " " { j += 1 }
                var depth = 0
                var k = j
                while k < chars.count {
                    let c = chars[k]
                    if c == "(" { depth += 1 }
                    if c == ")" { depth -= 1; if depth == 0 { k += 1; break } }
                    if depth == 0 && (c == "," || c == "}") { break }
                    k += 1
                }
                return String(chars[j..<k])
            }
            i += 1
        }
        throw NPYError("header does not contain the key '\(key)': \(header)")
    }

    static func parseShape(_ text: String) throws -> [Int] {
        guard text.hasPrefix("("), text.hasSuffix(")") else { throw NPYError("shape is not a valid tuple: \(text)") }
        let inner = text.dropFirst().dropLast()
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let t = part.filter { $0 != " " }
            if t.isEmpty { continue }
            guard let v = Int(t), v >= 0 else { throw NPYError("shape is not a valid tuple: \(text)") }
            shape.append(v)
        }
        return shape
    }
}

extension String {
    func trimmingQuotes() -> String {
        var s = Substring(self)
        while let f = s.first, f == "'" || f == "\"" || f == " " { s.removeFirst() }
        while let l = s.last, l == "'" || l == "\"" || l == " " { s.removeLast() }
        return String(s)
    }
}
