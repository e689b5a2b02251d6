// swift-tools-version:6.1
import PackageDescription

// Layers (DESIGN.md §1): each target depends only on the layers listed before it.
let package = Package(
    name: "TapeLab",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Interpreter", targets: ["Interpreter"]),
        .library(name: "TensorFlowAPI", targets: ["TensorFlowAPI"]),
        .library(name: "Kernel", targets: ["Kernel"]),
        .executable(name: "tapelab", targets: ["tapelab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        // `traits: []` keeps full Foundation (and ICU) out of the server binary.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `traits: []` drops its JSON file provider, which links full Foundation; the server reads its JSON file itself.
        .package(url: "https://github.com/apple/swift-configuration", exact: "1.4.0", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        .target(name: "Tensors"),
        .target(name: "Autodiff", dependencies: ["Tensors"]),
        .target(name: "Interpreter", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        .target(name: "TensorFlowAPI", dependencies: ["Tensors", "Autodiff", "Interpreter"]),
        .target(name: "Kernel", dependencies: ["TensorFlowAPI", "Interpreter"]),
        .target(
            name: "Server",
            dependencies: [
                "Kernel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "tapelab",
            dependencies: [
                "Server",
                "Kernel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Reads the executed notebooks in Tests/Conformance and applies their matching rules.
        .target(name: "ConformanceSupport", dependencies: ["Interpreter"], path: "Tests/ConformanceSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff"]),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "ConformanceSupport"]),
        .testTarget(name: "TensorFlowAPITests", dependencies: ["TensorFlowAPI", "Kernel", "ConformanceSupport"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "ConformanceSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server",
                "Kernel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
