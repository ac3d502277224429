// A small PNG writer for heatmaps (imshow), so an SVG can embed the image as matplotlib's does.
// Heatmaps are blocks of equal pixels: with the Sub filter (pixel minus its left neighbour) and
// the Up filter (a row equal to the one above) most bytes become zero runs, which DEFLATE's
// fixed Huffman code with distance-1 matches compresses well; no zlib is needed.

/// Encodes 8-bit RGBA images as PNG.
enum PNGEncoder {
    /// `pixels` holds width * height * 4 bytes, row-major, top row first.
    static func encode(width: Int, height: Int, rgba pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height * 4, "PNGEncoder: pixel count does not match the size")
        let rowBytes = width * 4
        var filtered: [UInt8] = []
        filtered.reserveCapacity((rowBytes + 1) * height)
        for row in 0..<height {
            let start = row * rowBytes
            if row > 0 && pixels[start..<start + rowBytes].elementsEqual(pixels[start - rowBytes..<start]) {
                filtered.append(2) // Up: all zeros
                filtered.append(contentsOf: repeatElement(0, count: rowBytes))
                continue
            }
            filtered.append(1) // Sub
            for i in 0..<rowBytes {
                let left: UInt8 = i >= 4 ? pixels[start + i - 4] : 0
                filtered.append(pixels[start + i] &- left)
            }
        }
        var header: [UInt8] = []
        appendBigEndian(&header, UInt32(width))
        appendBigEndian(&header, UInt32(height))
        header += [8, 6, 0, 0, 0] // 8-bit depth, RGBA, deflate, adaptive filters, no interlace
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        appendChunk(&png, "IHDR", header)
        appendChunk(&png, "IDAT", zlib(filtered))
        appendChunk(&png, "IEND", [])
        return png
    }

    /// A zlib stream (RFC 1950) holding one fixed-Huffman DEFLATE block (RFC 1951).
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1) // final block
        bits.write(1, count: 2) // fixed Huffman codes
        var i = 0
        while i < data.count {
            var run = 0
            if i > 0 {
                let previous = data[i - 1]
                while run < 258 && i + run < data.count && data[i + run] == previous { run += 1 }
            }
            if run >= 3 {
                writeLength(&bits, run)
                bits.writeHuffman(0, count: 5) // distance code 0: distance 1
                i += run
            } else {
                writeLiteral(&bits, Int(data[i]))
                i += 1
            }
        }
        writeLiteral(&bits, 256) // end of block
        var out: [UInt8] = [0x78, 0x01]
        out += bits.finish()
        appendBigEndian(&out, adler32(data))
        return out
    }

    private static func writeLiteral(_ bits: inout BitWriter, _ v: Int) {
        switch v {
        case 0...143: bits.writeHuffman(0x30 + v, count: 8)
        case 144...255: bits.writeHuffman(0x190 + v - 144, count: 9)
        case 256...279: bits.writeHuffman(v - 256, count: 7)
        default: bits.writeHuffman(0xC0 + v - 280, count: 8)
        }
    }

    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                      35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]

    private static func writeLength(_ bits: inout BitWriter, _ length: Int) {
        var index = lengthBases.count - 1
        while lengthBases[index] > length { index -= 1 }
        writeLiteral(&bits, 257 + index)
        if lengthExtra[index] > 0 { bits.write(UInt32(length - lengthBases[index]), count: lengthExtra[index]) }
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func appendChunk(_ png: inout [UInt8], _ type: String, _ data: [UInt8]) {
        appendBigEndian(&png, UInt32(data.count))
        let typed = Array(type.utf8) + data
        png += typed
        appendBigEndian(&png, crc32(typed))
    }

    private static func appendBigEndian(_ out: inout [UInt8], _ v: UInt32) {
        out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    /// Packs bits least-significant first, as DEFLATE requires (64-bit accumulator).
    private struct BitWriter {
        var bytes: [UInt8] = []
        var accumulator: UInt64 = 0
        var filled = 0

        mutating func write(_ value: UInt32, count: Int) {
            accumulator |= UInt64(value & ((1 << UInt32(count)) &- 1)) << UInt64(filled)
            filled += count
            while filled >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                filled -= 8
            }
        }

        /// Huffman codes go most-significant bit first: reversed, then packed like other bits.
        mutating func writeHuffman(_ code: Int, count: Int) {
            var reversed: UInt32 = 0
            for i in 0..<count { reversed |= UInt32((code >> i) & 1) << UInt32(count - 1 - i) }
            write(reversed, count: count)
        }

        mutating func finish() -> [UInt8] {
            if filled > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
            return bytes
        }
    }
}

extension PNGEncoder {
    /// Standard base64 (RFC 4648) with padding, for `data:image/png;base64,...` URIs.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(n & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
