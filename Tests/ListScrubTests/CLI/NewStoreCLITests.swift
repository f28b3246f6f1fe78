import Foundation
import Testing

/// A command that creates the database and then fails (a refused option, a number that does not
/// read) leaves no empty database behind; a database that was there before is never removed.
@Suite struct NewStoreCLITests {
  @Test func aFailedFirstCommandLeavesNoDatabase() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("registry.txt", "201,2345678\n")
    let refused = try ScrubBinary.run(
      ["registry", "import", "foo", "registry.txt", "--kind", "national", "--country", "ZZ"], in: dir)
    #expect(refused.status == 64, "\(refused.stderr)")
    let bad = try ScrubBinary.run(["optout", "add", "12"], in: dir)
    #expect(bad.status == 65, "\(bad.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(files == ["registry.txt"], "\(files)")
    // Once the database holds something, a failing command leaves it as it is.
    let add = try ScrubBinary.run(["optout", "add", "201-748-0123"], in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    _ = try ScrubBinary.run(["optout", "add", "12"], in: dir)
    #expect(FileManager.default.fileExists(atPath: dir.database))
  }
}
