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
        .library(name: "TorchDatasets", targets: ["TorchDatasets"]),
        .executable(name: "demo", targets: ["TorchDemo"]),
        .executable(name: "tour", targets: ["TorchTour"]),
        .executable(name: "benchmark", targets: ["TorchBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
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
                "ZIPFoundation",
            ],
            path: "Sources/Torch",
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]
        ),
        // Small real data sets shipped with the package, like torchvision's datasets.
        .target(
            name: "TorchDatasets",
            dependencies: ["Torch", "ZIPFoundation"],
            path: "Sources/TorchDatasets",
            resources: [.copy("Resources/digits.csv.gz"), .copy("Resources/DIGITS.md")]
        ),
        .executableTarget(name: "TorchDemo", dependencies: ["Torch", "TorchDatasets"], path: "Sources/TorchDemo"),
        .executableTarget(name: "TorchTour", dependencies: ["Torch"], path: "Sources/TorchTour"),
        .executableTarget(name: "TorchBenchmark", dependencies: ["Torch", "TorchDatasets"], path: "Sources/TorchBenchmark"),
        .testTarget(
            name: "TorchTests",
            dependencies: ["Torch", "TorchDatasets"],
            path: "Tests/TorchTests",
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
