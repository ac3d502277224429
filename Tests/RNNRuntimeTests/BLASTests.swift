import Testing
@testable import RNNRuntime

@Suite struct BLASTests {
    @Test func reportsWhatItLoaded() {
        #expect(!BLAS.coreName.isEmpty)
        #expect(BLAS.configuration.contains("OpenBLAS"))
        #expect(BLAS.threads >= 1)
    }

    @Test func recommendationNeverNamesKernelsTheCPULacks() {
        if BLAS.recommendedCoreType() == "SkylakeX" { #expect(BLAS.cpuFlags().contains("avx512f")) }
        if BLAS.recommendedCoreType() == "Haswell" { #expect(BLAS.cpuFlags().contains("avx2")) }
    }

    @Test func sgemmMeasurementIsPositive() {
        #expect(BLAS.measureSgemm(m: 8, k: 8, n: 8, repeats: 2) > 0)
    }
}
