// swift-tools-version:6.1
import PackageDescription

// Layers (DESIGN.md §1): each target depends only on the layers listed before it.
let package = Package(
    name: "TapeLab",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Interpreter", targets: ["Interpreter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        .target(name: "Tensors"),
        .target(name: "Autodiff", dependencies: ["Tensors"]),
        .target(name: "Interpreter", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        .target(name: "TensorFlowAPI", dependencies: ["Tensors", "Autodiff", "Interpreter"]),
        .target(name: "Kernel", dependencies: ["TensorFlowAPI", "Interpreter"]),
        // Reads the executed notebooks in Tests/Conformance and applies their matching rules.
        .target(name: "ConformanceSupport", path: "Tests/ConformanceSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff"]),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "ConformanceSupport"]),
        .testTarget(name: "TensorFlowAPITests", dependencies: ["TensorFlowAPI", "Kernel", "ConformanceSupport"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "ConformanceSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
