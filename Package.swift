// swift-tools-version:6.1
// Swift RNN: a Jupyter kernel for recurrent-neural-network experiments.
// Layers (see DESIGN.md): the executable wires the protocol library to the language library;
// neither library imports the other.
import PackageDescription

let package = Package(
    name: "swift-rnn-kernel",
    products: [
        .executable(name: "swift-rnn-kernel", targets: ["swift-rnn-kernel"]),
        .library(name: "JupyterKernel", targets: ["JupyterKernel"]),
        .library(name: "NotebookLanguage", targets: ["NotebookLanguage"]),
        .library(name: "RNNRuntime", targets: ["RNNRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        // MARK: System libraries (Debian packages)
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        // MARK: The RNN runtime: tensors, ops (no Jupyter, no language; a Swift program can import it)
        // CRecurrentKernels: the recurrent step's h·U with U packed once, fused with the gate pass
        // (AVX-512 / AVX2 chosen at run time; no -march flags, so the binary runs on any x86-64).
        .target(name: "CRecurrentKernels"),
        .target(name: "RNNRuntime", dependencies: ["CBLAS", "CRecurrentKernels"]),

        // MARK: Jupyter protocol: connection file, wire format, signing, sockets, dispatch
        .target(
            name: "JupyterKernel",
            dependencies: [
                "CZeroMQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // MARK: The cell language: lexer, parser, evaluator, builtins, completion, inspection
        .target(name: "NotebookLanguage", dependencies: ["RNNRuntime"]),

        // MARK: The executable: CLI, kernelspec install, wiring
        .executableTarget(
            name: "swift-rnn-kernel",
            dependencies: [
                "JupyterKernel",
                "NotebookLanguage",
                "RNNRuntime",  // only for BLAS.restartWithFastestKernelsIfNeeded() at start-up
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Benchmarks
        .executableTarget(name: "sgemm-bench", dependencies: ["RNNRuntime"], path: "bench/SgemmBench"),
        .executableTarget(name: "rnn-bench", dependencies: ["RNNRuntime"], path: "bench/RNNBench"),
        .executableTarget(name: "training-bench", dependencies: ["RNNRuntime"], path: "bench/TrainingBench"),

        // MARK: Tests
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel"]),
        .testTarget(name: "RNNRuntimeTests", dependencies: ["RNNRuntime"], resources: [.copy("Fixtures"), .copy("TrainingFixtures"), .copy("FitFixtures")]),
        .testTarget(name: "NotebookLanguageTests", dependencies: ["NotebookLanguage"], resources: [.copy("Golden")]),
    ],
    // Tools 6.1 (needed by swift-crypto 4) would default every target to Swift 6 mode; the
    // code was written for Swift 5 mode, so keep it until strict concurrency is taken on deliberately.
    swiftLanguageModes: [.v5]
)
