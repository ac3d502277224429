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
    /// What NumPy 2.4 writes for `np.savez(f, np.arange(3), w=np.array([[1.5, 2, -3], [4, 5, 6]], np.float32).T)`:
    /// zip64 local headers (sizes 0xFFFFFFFF), members in argument order (keywords first), and a
    /// Fortran-ordered member (a transposed array is saved as is, flagged `fortran_order: True`).
    static let numpySavezHex = [
        "504b03042d000000000000002100f926148bffffffffffffffff05001400772e6e707901001000980000000000000098",
        "00000000000000934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572",
        "273a20547275652c20277368617065273a2028332c2032292c207d202020202020202020202020202020202020202020",
        "20202020202020202020202020202020202020202020202020202020202020202020202020200a0000c03f0000004000",
        "0040c0000080400000a0400000c040504b03042d000000000000002100f74012eaffffffffffffffff09001400617272",
        "5f302e6e70790100100098000000000000009800000000000000934e554d5059010076007b276465736372273a20273c",
        "6938272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d202020",
        "202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020",
        "2020202020202020200a000000000000000001000000000000000200000000000000504b01022d032d00000000000000",
        "2100f926148b9800000098000000050000000000000000000000800100000000772e6e7079504b01022d032d00000000",
        "0000002100f74012ea98000000980000000900000000000000000000008001cf0000006172725f302e6e7079504b0506",
        "00000000020002006a000000a20100000000",
    ].joined()

    @Test func readsNumPySavezWithZip64AndFortranOrder() throws {
        let hex = Array(Self.numpySavezHex.utf8)
        let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        let members = try NPYReader.parseNPZMembers(bytes)
        #expect(members.map(\.name) == ["w", "arr_0"])
        #expect(members[0].tensor == (try Tensor(shape: [3, 2], values: [1.5, 4, 2, 5, -3, 6] as [Float])))
        #expect(members[1].tensor == (try Tensor(shape: [3], values: [0, 1, 2] as [Int64])))
    }

    @Test func writesMembersInTheGivenOrder() throws {
        let a = Tensor(Float(1)), b = try Tensor(shape: [2], values: [3, 4] as [Int64])
        let back = try NPYReader.parseNPZMembers(NPYWriter.npzBytes(members: [("z", a), ("a", b)]))
        #expect(back.map(\.name) == ["z", "a"])
        #expect(back[0].tensor == a && back[1].tensor == b)
        #expect(try NPYReader.parseNPZMembers(NPYWriter.npzBytes(members: [])).isEmpty)
    }

    @Test func corruptArchivesAreErrorsNotTraps() throws {
        let good = NPYWriter.npzBytes(members: [("x", try Tensor(shape: [4], values: [1, 2, 3, 4] as [Float]))])
        // Every truncation and every single-byte corruption must throw or parse, never trap.
        for n in 0..<good.count { _ = try? NPYReader.parseNPZMembers(Array(good[0..<n])) }
        for i in 0..<good.count {
            for v: UInt8 in [0x00, 0xFF, 0x7F] {
                var bad = good; bad[i] = v
                _ = try? NPYReader.parseNPZMembers(bad)
            }
        }
        #expect(throws: NPYError.self) { try NPYReader.parseNPZMembers(Array("not a zip at all, just text".utf8)) }
    }
}
