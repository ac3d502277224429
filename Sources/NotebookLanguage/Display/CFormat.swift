#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C's printf for one double with a `*` precision (`"%.*f"`, `"%.*e"`...): the exact decimal
/// digits Python's formatting needs, without Foundation's `String(format:)`.
enum CFormat {
    static func double(_ format: String, precision: Int32, _ value: Double) -> String {
        withVaList([precision, value]) { arguments -> String in
            // Measure first (a va_list can be consumed once, so format twice with a copy each time).
            let length = withVaList([precision, value]) { vsnprintf(nil, 0, format, $0) }
            guard length >= 0 else { return "" }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            _ = vsnprintf(&buffer, buffer.count, format, arguments)
            return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
