// Shape key: K = depth (rows of the matrix), G = gates, H = units (columns per gate).
//
// A weight matrix in CRecurrentKernels' panel layout, packed once per forward or backward pass (or
// kept by the layer while its weights do not change) instead of by OpenBLAS on every step's call.
// The layout depends on the instruction set (16 or 8 units per panel), so the set is stored
// with the values and every kernel call passes it back.

import CRecurrentKernels

/// A (K, G*H) matrix packed for the C kernels, in 64-byte aligned memory it owns.
final class PackedMatrix {
    /// The instruction set the kernels run with on this CPU, or nil when there is none (the layers
    /// then take their portable path: OpenBLAS and the Swift gate pass).
    static let instructionSet: Int32? = {
        let isa = rk_instruction_set()
        return isa > 0 ? isa : nil
    }()

    let isa: Int32
    let depth: Int, gates: Int, units: Int
    private let storage: UnsafeMutablePointer<Float>

    /// Packs the matrix whose element (k, g*H + j) is `source[k*rowStride + (g*H + j)*colStride]`:
    /// colStride 1 for a row-major (K, G*H) matrix, rowStride 1 and colStride K for the transpose of
    /// a row-major (G*H, K) one. Needs depth, gates, units >= 1.
    init(isa: Int32, _ source: UnsafePointer<Float>, depth: Int, gates: Int, units: Int, rowStride: Int, colStride: Int) {
        self.isa = isa
        self.depth = depth; self.gates = gates; self.units = units
        let count = Swift.max(1, rk_packed_count(isa, depth, gates, units))
        storage = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: count)
        rk_pack(isa, source, depth, gates, units, rowStride, colStride, storage)
    }

    /// Packs a row-major (depth, gates*units) array.
    convenience init(isa: Int32, _ matrix: [Float], depth: Int, gates: Int, units: Int) {
        self.init(isa: isa, matrix, depth: depth, gates: gates, units: units, rowStride: gates * units, colStride: 1)
    }

    /// Packs W (features, gates*units) over U (units, gates*units), both row-major, into one matrix
    /// of depth features + units (the fused steps' operand).
    init(isa: Int32, stacking top: [Float], over bottom: [Float], features: Int, gates: Int, units: Int) {
        self.isa = isa
        depth = features + units; self.gates = gates; self.units = units
        let count = Swift.max(1, rk_packed_count(isa, features + units, gates, units))
        storage = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: count)
        top.withUnsafeBufferPointer { t in
            bottom.withUnsafeBufferPointer { b in
                rk_pack_stacked(isa, t.baseAddress, features, b.baseAddress, units, gates, units, storage)
            }
        }
    }

    deinit { storage.deallocate() }

    var values: UnsafePointer<Float> { UnsafePointer(storage) }

    /// Panels of units (each `rk_panel_units` wide; the last may be partly padding).
    var panelCount: Int { rk_panel_count(isa, gates, units) }
}
