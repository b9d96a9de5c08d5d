// swift-tools-version: 6.0
import PackageDescription

// BLAS comes from the system: OpenBLAS through a system-library target on Linux,
// Accelerate on Apple platforms. No unsafe flags anywhere, so the package can be
// used as a dependency.
let package = Package(
    name: "Torch",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Torch", targets: ["Torch"]),
        .executable(name: "demo", targets: ["TorchDemo"]),
        .executable(name: "benchmark", targets: ["TorchBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Vectorised float32 exp/tanh/sigmoid loops, ISA chosen at run time (no machine flags).
        .target(name: "CFastMath", path: "Sources/CFastMath"),
        .target(
            name: "Torch",
            dependencies: [
                .target(name: "CBLAS", condition: .when(platforms: [.linux])), "CFastMath",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Sources/Torch",
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]
        ),
        .executableTarget(name: "TorchDemo", dependencies: ["Torch"], path: "Sources/TorchDemo"),
        .executableTarget(name: "TorchBenchmark", dependencies: ["Torch"], path: "Sources/TorchBenchmark"),
        .testTarget(
            name: "TorchTests",
            dependencies: ["Torch"],
            path: "Tests/TorchTests",
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
