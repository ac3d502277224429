// Writing `Tensor` as NumPy `.npy` (format 1.0: float32 `<f4`, int64 `<i8`, bool `|b1`) and `.npz`
// (a zip of stored members with CRC-32, local headers + central directory), with Glibc only.

#if canImport(Glibc)
import Glibc
#endif

/// Writes `.npy` arrays and `.npz` archives that `numpy.load` reads.
public enum NPYWriter {
    /// The `.npy` image of `t`.
    public static func npyBytes(_ t: Tensor) -> [UInt8] {
        let descr: String
        switch t.dtype { case .float32: descr = "<f4"; case .int64: descr = "<i8"; case .bool: descr = "|b1" }
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(Shape.describe(t.shape)), }"
        // Pad so that magic (6) + version (2) + length (2) + header + "\n" is a multiple of 64.
        let total = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
        let n = header.utf8.count
        out += [UInt8(n & 0xFF), UInt8(n >> 8)]
        out += Array(header.utf8)
        out.reserveCapacity(out.count + t.size * 8)
        switch t.dtype {
        case .float32: for v in t.floats { appendLE(&out, UInt64(v.bitPattern), 4) }
        case .int64: for v in t.ints { appendLE(&out, UInt64(bitPattern: v), 8) }
        case .bool: for v in t.ints { out.append(v != 0 ? 1 : 0) }
        }
        return out
    }

    /// The `.npz` image of `arrays` (members `<name>.npy`, sorted by name, stored).
    public static func npzBytes(_ arrays: [String: Tensor]) -> [UInt8] {
        npzBytes(members: arrays.sorted { $0.key < $1.key }.map { (name: $0.key, tensor: $0.value) })
    }

    /// The `.npz` image of `members` in the given order (NumPy's `savez` keeps its argument order,
    /// which `NpzFile.files` reports back).
    public static func npzBytes(members: [(name: String, tensor: Tensor)]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, tensor) in members {
            let data = npyBytes(tensor)
            let file = Array((name + ".npy").utf8)
            let crc = crc32(data)
            let offset = out.count
            // Local file header.
            appendLE(&out, 0x0403_4b50, 4); appendLE(&out, 20, 2); appendLE(&out, 0, 2); appendLE(&out, 0, 2)
            appendLE(&out, 0, 2); appendLE(&out, 0x21, 2) // time 00:00, date 1980-01-01
            appendLE(&out, UInt64(crc), 4); appendLE(&out, UInt64(data.count), 4); appendLE(&out, UInt64(data.count), 4)
            appendLE(&out, UInt64(file.count), 2); appendLE(&out, 0, 2)
            out += file; out += data
            // Central directory entry.
            appendLE(&central, 0x0201_4b50, 4); appendLE(&central, 20, 2); appendLE(&central, 20, 2)
            appendLE(&central, 0, 2); appendLE(&central, 0, 2); appendLE(&central, 0, 2); appendLE(&central, 0x21, 2)
            appendLE(&central, UInt64(crc), 4); appendLE(&central, UInt64(data.count), 4); appendLE(&central, UInt64(data.count), 4)
            appendLE(&central, UInt64(file.count), 2); appendLE(&central, 0, 2); appendLE(&central, 0, 2)
            appendLE(&central, 0, 2); appendLE(&central, 0, 2); appendLE(&central, 0, 4)
            appendLE(&central, UInt64(offset), 4)
            central += file
        }
        let cdOffset = out.count
        out += central
        appendLE(&out, 0x0605_4b50, 4); appendLE(&out, 0, 2); appendLE(&out, 0, 2)
        appendLE(&out, UInt64(members.count), 2); appendLE(&out, UInt64(members.count), 2)
        appendLE(&out, UInt64(central.count), 4); appendLE(&out, UInt64(cdOffset), 4); appendLE(&out, 0, 2)
        return out
    }

    public static func save(npy path: String, _ t: Tensor) throws { try writeFile(path, npyBytes(t)) }
    public static func save(npz path: String, _ arrays: [String: Tensor]) throws { try writeFile(path, npzBytes(arrays)) }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let f = fopen(path, "wb") else { throw NPYError("cannot open '\(path)' for writing") }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        guard n == bytes.count, closed == 0 else { throw NPYError("write error in '\(path)'") }
    }

    @inline(__always) static func appendLE(_ out: inout [UInt8], _ v: UInt64, _ bytes: Int) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    static let crcTable: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (zip's polynomial).
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
