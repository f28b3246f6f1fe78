// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "ListScrub",
  products: [
    .executable(name: "scrub", targets: ["scrub"]),
    .library(name: "ListScrub", targets: ["ListScrub"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    // Registry downloads arrive zipped (FTC, CRTC); ZIPFoundation streams entries through zlib.
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
  ],
  targets: [
    // libcsv (Debian libcsv-dev) ships no pkg-config file: the module map links `csv`.
    .systemLibrary(name: "CCSV", path: "Sources/CCSV"),
    // OpenSSL's libcrypto (Debian libssl-dev) for SHA-256: with the CPU's SHA extensions it hashes
    // a 3 GB national file in about 2.5 s, where portable Swift took over 20.
    .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
    // zlib (Debian zlib1g-dev, which ZIPFoundation needs too) for CRC-32: zip entries are checked
    // as they stream, about ten times faster than the portable table ZIPFoundation uses on Linux.
    .systemLibrary(name: "CZlibCRC", path: "Sources/CZlibCRC"),
    // libpq (Debian libpq-dev), for stores on a PostgreSQL server (issue 21): synchronous, COPY
    // both ways, and libpq's own conventions for finding the server and the password. Its
    // headers live in /usr/include/postgresql, which pkg-config names.
    .systemLibrary(
      name: "CPostgres", path: "Sources/CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .target(
      name: "ListScrub",
      dependencies: [
        "CCSV",
        "CCrypto",
        "CZlibCRC",
        "CPostgres",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
      // Release builds use -O, with bounds and overflow checks: -Ounchecked won under 10% on the
      // 1M x 250M scrub and lost on the 250M import (BENCHMARKS.md), too little for a tool that
      // reads untrusted vendor files.
    ),
    .executableTarget(
      name: "scrub",
      dependencies: [
        "ListScrub",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Generators and timers for BENCHMARKS.md; never part of the test run.
    .executableTarget(
      name: "scrub-bench",
      dependencies: ["ListScrub"]
    ),
    .testTarget(
      name: "ListScrubTests",
      dependencies: ["ListScrub"]
    ),
  ]
)
