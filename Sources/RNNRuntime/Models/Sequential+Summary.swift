// Keras 3's `model.summary()` text for a Sequential model (keras/src/utils/summary_utils.py).

extension Sequential {
    /// Keras' table width when stdout is not a terminal (a Jupyter kernel): min(88, 80 - 4).
    public static let defaultSummaryLineLength = 76

    /// `model.summary()` as Keras 3 prints it, without the final newline. `lineLength` is
    /// Keras' `line_length` (default: 76, what a notebook shows; 88 on a wide terminal).
    public func summary(lineLength: Int? = nil) throws -> String {
        let width = lineLength ?? Sequential.defaultSummaryLineLength
        let rows: [[String]] = layers.enumerated().map { i, layer in
            let params = layer.isBuilt ? Sequential.grouped(layer.countParams()) : "0 (unbuilt)"
            return ["\(layer.name) (\(layer.className))", shapeText(layerIndex: i), params]
        }
        var lines = ["Model: \"\(name)\""]
        lines += try SummaryTable.render(header: ["Layer (type)", "Output Shape", "Param #"], rows: rows,
                                         alignments: [.left, .left, .right], positions: [0.45, 0.80, 1.0],
                                         lineLength: width)
        // Only built layers own weights in Keras (our Embedding creates its table early).
        let built = layers.filter(\.isBuilt)
        let trainableCount = built.reduce(0) { $0 + $1.trainableParamCount }
        let frozenCount = built.reduce(0) { $0 + $1.nonTrainableParamCount }
        lines.append(" Total params: \(Sequential.sized(trainableCount + frozenCount))")
        lines.append(" Trainable params: \(Sequential.sized(trainableCount))")
        lines.append(" Non-trainable params: \(Sequential.sized(frozenCount))")
        return lines.joined(separator: "\n")
    }

    /// `(None, 20)`, or Python's list spelling for several outputs; `?` while unbuilt.
    func shapeText(layerIndex i: Int) -> String {
        guard let shapes = layerOutputShapes, i < shapes.count else { return "?" }
        let parts = shapes[i].map(SymbolicShape.describe)
        return parts.count == 1 ? parts[0] : "[" + parts.joined(separator: ", ") + "]"
    }

    /// Python's `f"{n:,}"`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `3,145 (12.29 KB)`: the count and its float32 size in 1024-based units.
    static func sized(_ count: Int) -> String {
        "\(grouped(count)) (\(readableMemorySize(Double(count) * 4)))"
    }

    /// Keras' `readable_memory_size`: `641.04 KB`, `0.00 B`.
    static func readableMemorySize(_ bytes: Double) -> String {
        var size = bytes
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if size / 1024 < 1 { return "\(fixed2(size)) \(unit)" }
            size /= 1024
        }
        return "\(fixed2(size)) PB"
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// `"{:.2f}".format(x)`: glibc rounds the exact binary value as Python does.
func fixed2(_ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([x]) { vsnprintf(&buffer, 64, "%.2f", $0) }
    return String(cString: buffer)
}
