import Foundation
import Testing

/// Runs the built `scrub` executable, as a user or a cron job would.
struct ScrubBinary {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var url: URL {
    // The test bundle sits beside the package's executables in the build folder.
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if folder.lastPathComponent == "MacOS" {
      folder = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    let candidate = folder.appendingPathComponent("scrub")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("scrub")
  }

  /// Runs `scrub arguments` in `dir`; `stdin` names a file of `dir` to feed as standard input.
  /// A process for `tool` (a product built beside the tests) in `dir`, with the test
  /// environment: `dir`'s database and the fixed clock, plus `environment`.
  static func process(
    _ arguments: [String], tool: String = "scrub", environment: [String: String] = [:], in dir: TestDirectory
  ) -> Process {
    let process = Process()
    process.executableURL = url.deletingLastPathComponent().appendingPathComponent(tool)
    process.arguments = arguments
    process.currentDirectoryURL = dir.url
    var env = ProcessInfo.processInfo.environment
    env["SCRUB_DB"] = dir.database
    env["SCRUB_NOW"] = "2026-11-22T12:00:00Z"
    // The user's own rules file must not change what a test sees.
    env["SCRUB_RULES"] = nil
    env["XDG_CONFIG_HOME"] = dir.path + "/config"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    return process
  }

  static func run(
    _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
    in dir: TestDirectory
  ) throws -> Result {
    let process = process(arguments, environment: environment, in: dir)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    if let stdin {
      process.standardInput = try FileHandle(forReadingFrom: dir.url.appendingPathComponent(stdin))
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Imports a one-number national registry (`201,2345678` as us-ftc, downloaded `downloadedAt`)
  /// into `dir`'s database, so that `clean` can run there.
  @discardableResult
  static func importRegistry(
    downloadedAt: String = "2026-11-20", environment: [String: String] = [:], in dir: TestDirectory
  ) throws -> Result {
    try dir.write("registry.txt", "201,2345678\n")
    let result = try run(
      [
        "registry", "import", "us-ftc", "registry.txt", "--kind", "national", "--downloaded-at", downloadedAt,
      ],
      environment: environment, in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    return result
  }
}
