// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Warraq",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "warraq", targets: ["warraq"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "Warraq", targets: ["Warraq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CWarraqZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libdeflate deflates gzip pages (about 4x zlib's speed at the same level); zstd writes and reads ZSTD pages.
        .systemLibrary(
            name: "CWarraqDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .systemLibrary(
            name: "CWarraqZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(name: "CWarraqSHA"),
        .target(name: "Parquet", dependencies: ["CWarraqZlib", "CWarraqDeflate", "CWarraqZstd"]),
        .target(
            name: "Warraq",
            dependencies: [
                "Parquet", "CWarraqZlib", "CWarraqSHA", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Annotate/Gazetteers/README.md"]
        ),
        .executableTarget(
            name: "warraq",
            dependencies: [
                "Warraq", "Parquet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fuzz harnesses (a library the tests replay the seed corpus through) and their libFuzzer driver.
        .target(name: "FuzzHarnesses", dependencies: ["Warraq", "Parquet"]),
        .executableTarget(name: "warraq-fuzz", dependencies: ["FuzzHarnesses"]),
        // What both test targets share (a seeded generator, temporary folders).
        .target(name: "WarraqTestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ParquetTests", dependencies: ["Parquet", "WarraqTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "WarraqTests", dependencies: ["Warraq", "Parquet", "FuzzHarnesses", "WarraqTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.name != "CWarraqSHA" {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny")
        ]
}
