import Foundation
import Testing

/// The short mode of `scripts/crash-test.sh`: three SIGKILLs of a full registry import, three of
/// an opt-out import, and six interrupted scrubs (three SIGHUPs, a SIGINT, a SIGTERM, a SIGKILL),
/// against the binaries this test run built. The 20-trial run on millions of numbers is the
/// script's default.
@Suite struct CrashTestScriptTests {
  /// The package folder, from this file's place in it.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func threeKilledImportsLeaveOneWholeVersionEach() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.packageRoot.appendingPathComponent("scripts/crash-test.sh").path, "3", "4242"]
    var env = ProcessInfo.processInfo.environment
    env["SCRUB_BIN_DIR"] = ScrubBinary.url.deletingLastPathComponent().path
    env["CRASH_NUMBERS"] = "200000"
    env["CRASH_OPTOUTS"] = "10000"
    env["CRASH_WORK"] = dir.path
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("crash-test: 3 kills ("), "\(text)")
    #expect(text.contains("crash-test: 3 opt-out import kills ("), "\(text)")
    #expect(text.contains("crash-test: 6 interrupted scrubs ("), "\(text)")
    #expect(text.contains(": SIGHUP after "), "\(text)")
  }
}
