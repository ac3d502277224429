// The member list of a zip archive, read from its central directory (the authoritative record:
// NumPy's `savez` writes zip64 local headers whose size fields are 0xFFFFFFFF, so walking the
// local headers alone cannot find the data). Handles zip64 sizes, offsets and end records.
// Every offset read from the file is bounds-checked: a corrupt archive is an NPYError, not a trap.

/// One member of a zip archive: its name, compression method and where its bytes are.
struct ZipMember {
    let name: String
    /// 0 = stored, 8 = deflate.
    let method: Int
    /// The member's (compressed) bytes within the archive.
    let data: Range<Int>
}

/// Reads the central directory of a zip image.
enum ZipDirectory {
    static let localHeaderSignature = 0x0403_4b50
    static let centralHeaderSignature = 0x0201_4b50
    static let endSignature = 0x0605_4b50
    static let zip64EndSignature = 0x0606_4b50
    static let zip64LocatorSignature = 0x0706_4b50

    /// The members in directory order (the order they were written).
    static func members(_ bytes: [UInt8]) throws -> [ZipMember] {
        let b = bytes[...]
        let end = try endRecord(b)
        var count = try NPYReader.u16(b, end + 10)
        var directoryOffset = try NPYReader.u32(b, end + 16)
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the end record and points at the zip64 end record.
            let locator = end - 20
            guard locator >= 0, try NPYReader.u32(b, locator) == zip64LocatorSignature else {
                throw NPYError("zip archive: zip64 end record locator not found")
            }
            let record = try u64(b, locator + 8)
            guard try NPYReader.u32(b, record) == zip64EndSignature else {
                throw NPYError("zip archive: bad zip64 end record")
            }
            count = try u64(b, record + 32)
            directoryOffset = try u64(b, record + 48)
        }
        var members: [ZipMember] = []
        var p = directoryOffset
        for _ in 0..<count {
            guard try NPYReader.u32(b, p) == centralHeaderSignature else {
                throw NPYError("zip archive: bad central directory entry at offset \(p)")
            }
            let method = try NPYReader.u16(b, p + 10)
            var compressedSize = try NPYReader.u32(b, p + 20)
            let uncompressedSize = try NPYReader.u32(b, p + 24)
            let nameLength = try NPYReader.u16(b, p + 28)
            let extraLength = try NPYReader.u16(b, p + 30)
            let commentLength = try NPYReader.u16(b, p + 32)
            var localOffset = try NPYReader.u32(b, p + 42)
            let nameStart = p + 46
            guard nameStart + nameLength + extraLength <= b.endIndex else { throw NPYError("truncated npz archive") }
            let name = String(decoding: b[nameStart..<nameStart + nameLength], as: UTF8.self)
            // The zip64 extra field holds, in this order, only the fields whose 32-bit slot is 0xFFFFFFFF.
            if compressedSize == 0xFFFF_FFFF || uncompressedSize == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                guard var q = try zip64Field(b, from: nameStart + nameLength, length: extraLength) else {
                    throw NPYError("zip archive: member '\(name)' lacks its zip64 sizes")
                }
                if uncompressedSize == 0xFFFF_FFFF { q += 8 }
                if compressedSize == 0xFFFF_FFFF { compressedSize = try u64(b, q); q += 8 }
                if localOffset == 0xFFFF_FFFF { localOffset = try u64(b, q) }
            }
            guard try NPYReader.u32(b, localOffset) == localHeaderSignature else {
                throw NPYError("zip archive: member '\(name)' has no local header")
            }
            let dataStart = localOffset + 30 + (try NPYReader.u16(b, localOffset + 26)) + (try NPYReader.u16(b, localOffset + 28))
            guard dataStart <= b.endIndex, compressedSize <= b.endIndex - dataStart else {
                throw NPYError("truncated npz archive")
            }
            members.append(ZipMember(name: name, method: method, data: dataStart..<dataStart + compressedSize))
            p = nameStart + nameLength + extraLength + commentLength
        }
        return members
    }

    /// The offset of the end-of-central-directory record (searched from the end, past a comment).
    static func endRecord(_ b: ArraySlice<UInt8>) throws -> Int {
        guard b.count >= 22 else { throw NPYError("not a zip archive (too short)") }
        let lowest = Swift.max(0, b.count - 22 - 0xFFFF)
        var p = b.count - 22
        while p >= lowest {
            if b[p] == 0x50, b[p + 1] == 0x4B, try NPYReader.u32(b, p) == endSignature { return p }
            p -= 1
        }
        throw NPYError("not a zip archive (no end of central directory record)")
    }

    /// Where the zip64 extended-information field's data starts within an extra block, if present.
    static func zip64Field(_ b: ArraySlice<UInt8>, from start: Int, length: Int) throws -> Int? {
        var p = start
        while p + 4 <= start + length {
            let id = try NPYReader.u16(b, p), size = try NPYReader.u16(b, p + 2)
            if id == 0x0001 { return p + 4 }
            p += 4 + size
        }
        return nil
    }

    /// A little-endian UInt64 as an Int that indexes the archive (larger values are corrupt data).
    static func u64(_ b: ArraySlice<UInt8>, _ i: Int) throws -> Int {
        let low = try NPYReader.u32(b, i), high = try NPYReader.u32(b, i + 4)
        guard high < 0x4000_0000 else { throw NPYError("zip archive: offset out of range") }
        return high << 32 | low
    }
}
