// The .npy/.npz reader on the committed fixtures and a write → read round trip.

#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import RNNRuntime

@Suite struct NPYTests {
    @Test func readsFixtureDtypesAndShapes() throws {
        let a = try NPYReader.load(npz: fixtureDirectory + "/embedding_mask_lstm_seq.npz")
        #expect(a["input"]!.dtype == .int64)
        #expect(a["input"]!.shape == [3, 5])
        #expect(a["weight_0"]!.dtype == .float32)
        #expect(a["weight_2"]!.shape == [3, 12])
        #expect(a["weight_3"]!.shape == [12])
    }

    @Test func roundTrip() throws {
        let f = try Tensor(shape: [2, 3], values: [1, -2.5, 3, 0, .infinity, 1e-8] as [Float])
        let i = try Tensor(shape: [4], values: [0, -1, Int64.max, 7] as [Int64])
        let b = try Tensor(shape: [2], values: [1, 0] as [Int64], dtype: .bool)
        let s = try Tensor(shape: [0, 3], values: [Float]())
        #expect(try NPYReader.parseNPY(NPYWriter.npyBytes(f)[...]) == f)
        let back = try NPYReader.parseNPZ(NPYWriter.npzBytes(["f": f, "i": i, "b": b, "s": s]))
        #expect(back == ["f": f, "i": i, "b": b, "s": s])
        let path = "/tmp/rnn-runtime-npytest-\(UInt32.random(in: 0 ... .max)).npz"
        defer { unlink(path) }
        try NPYWriter.save(npz: path, ["x": f])
        #expect(try NPYReader.load(npz: path) == ["x": f])
        #expect(NPYWriter.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
