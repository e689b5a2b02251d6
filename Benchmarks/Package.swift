// swift-tools-version:6.1
import PackageDescription

// Benchmarks print their own figures beside a reference measured in the same run
// (numpy, CPython, TensorFlow) when that reference is installed. Run one with
//   swift run -c release --package-path Benchmarks <Name>
let package = Package(
    name: "TapeLabBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "TapeLab", path: "..")],
    targets: [
        .executableTarget(name: "TensorsBenchmark", dependencies: [.product(name: "Tensors", package: "TapeLab")]),
        // The in-process benchmarks of what sessions run use the server's allocator setting
        // (`AllocatorTuning` in Kernel), so they measure what a session gets.
        .executableTarget(
            name: "InterpreterBenchmark",
            dependencies: [.product(name: "Interpreter", package: "TapeLab"), .product(name: "Kernel", package: "TapeLab")]
        ),
        .executableTarget(
            name: "LabBenchmark",
            dependencies: [
                .product(name: "Interpreter", package: "TapeLab"), .product(name: "TensorFlowAPI", package: "TapeLab"),
                .product(name: "Kernel", package: "TapeLab"),
            ]
        ),
        .executableTarget(
            name: "GradientBenchmark",
            dependencies: [
                .product(name: "Interpreter", package: "TapeLab"), .product(name: "TensorFlowAPI", package: "TapeLab"),
                .product(name: "Kernel", package: "TapeLab"),
            ]
        ),
        // The server benchmarks time the release `tapelab` binary from outside, over loopback sockets.
        .target(name: "HTTPBenchmarkSupport"),
        .executableTarget(name: "HTTPLabBenchmark", dependencies: ["HTTPBenchmarkSupport"]),
        .executableTarget(name: "SessionMemoryBenchmark", dependencies: ["HTTPBenchmarkSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
