import Foundation
import Testing

@testable import ListScrub

#if canImport(Glibc)
  import Glibc
#endif

/// How an output is opened: temporary files nobody can plant a link at, links and special files.
@Suite struct AtomicOutputTests {
  static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

  static func isLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }

  /// A link (and a file) planted at the temporary names the output tries first are neither
  /// followed nor truncated: the output takes the next name (O_EXCL|O_NOFOLLOW).
  @Test func aLinkPlantedAtTheTemporaryNameIsNotFollowed() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let victim = try dir.write("victim.txt", "precious\n")
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/.out.csv.planted.tmp", withDestinationPath: victim)
    try dir.write(".out.csv.taken.tmp", "someone else's\n")
    var names = [".out.csv.planted.tmp", ".out.csv.taken.tmp", ".out.csv.fresh.tmp"]
    let out = try AtomicOutput(path: dir.path + "/out.csv", temporaryName: { _ in names.removeFirst() })
    #expect(names.isEmpty)
    #expect(Self.text(dir.path + "/.out.csv.fresh.tmp") == "")
    try out.write("lead rows\n")
    try out.commit()
    #expect(Self.text(dir.path + "/out.csv") == "lead rows\n")
    #expect(Self.text(victim) == "precious\n")
    #expect(Self.isLink(dir.path + "/.out.csv.planted.tmp"))
    #expect(Self.text(dir.path + "/.out.csv.taken.tmp") == "someone else's\n")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/.out.csv.fresh.tmp"))
  }

  /// `.NAME.<16 hex digits>.tmp` from the system's secure generator: no process id to guess.
  @Test func temporaryNamesAreRandomAndOwnerOnly() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let names = (0..<100).map { _ in AtomicOutput.randomTemporaryName("out.csv") }
    #expect(Set(names).count == 100)
    for name in names {
      #expect(name.wholeMatch(of: /\.out\.csv\.[0-9a-f]{16}\.tmp/) != nil, "\(name)")
    }
    #expect(AtomicOutput.randomTemporaryName(String(repeating: "é", count: 200)).utf8.count <= 255)
    let out = try AtomicOutput(path: dir.path + "/out.csv")
    let temporary = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(temporary.count == 1)
    #expect(!temporary[0].contains("\(getpid())"))
    let mode = try FileManager.default.attributesOfItem(atPath: dir.path + "/" + temporary[0])[
      .posixPermissions]
    #expect(mode as? Int == 0o600)
    out.discard()
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
  }

  /// `finishWriting` puts everything on disk under the temporary name; only `commit` renames.
  @Test func finishingWritesButDoesNotPutInPlace() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("out.csv", "yesterday's\n")
    let out = try AtomicOutput(path: dir.path + "/out.csv")
    try out.write("today's\n")
    let hash = try out.finishWriting()
    #expect(Self.text(dir.path + "/out.csv") == "yesterday's\n")
    #expect(try out.finishWriting() == hash)
    #expect(try out.commit() == hash)
    #expect(hash == SHA256.hex(of: Array("today's\n".utf8)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
  }

  /// A link of one's own to a regular file is written through: the file the link names is
  /// replaced, and the link stays a link (`current.csv -> 2026-11/clean.csv`).
  @Test func aLinkToAFileIsWrittenThroughAndStaysALink() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try FileManager.default.createDirectory(atPath: dir.path + "/2026-11", withIntermediateDirectories: false)
    try dir.write("2026-11/clean.csv", "old\n")
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/current.csv", withDestinationPath: "2026-11/clean.csv")
    let out = try AtomicOutput(path: dir.path + "/current.csv")
    try out.write("new\n")
    try out.commit()
    #expect(Self.isLink(dir.path + "/current.csv"))
    #expect(Self.text(dir.path + "/2026-11/clean.csv") == "new\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/2026-11") == ["clean.csv"])
  }

  /// Someone else's link (planted in a shared folder) is not followed: the run stops.
  @Test func someoneElsesLinkIsRefused() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let victim = try dir.write("victim.txt", "precious\n")
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/out.csv", withDestinationPath: victim)
    // Only root may give a link away; elsewhere there is nothing to test.
    guard geteuid() == 0, lchown(dir.path + "/out.csv", 4242, 4242) == 0 else { return }
    #expect(
      throws: ScrubError.cannotCreate(
        path: dir.path + "/out.csv", reason: "it is a symbolic link owned by another user (uid 4242)")
    ) { try AtomicOutput(path: dir.path + "/out.csv") }
    #expect(Self.text(victim) == "precious\n")
  }

  @Test func aFolderOrABlockDeviceIsRefused() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    #expect(throws: ScrubError.cannotCreate(path: dir.path, reason: "it is a folder")) {
      try AtomicOutput(path: dir.path)
    }
    // A block device (a disk): making one takes root.
    let disk = dir.path + "/disk"
    guard mknod(disk, S_IFBLK | 0o600, dev_t((7 << 8) | 200)) == 0 else { return }
    #expect(throws: ScrubError.cannotCreate(path: disk, reason: "it is a block device")) {
      try AtomicOutput(path: disk)
    }
  }

  @Test func specialFilesAreWrittenInPlaceAndLinksToNothingAreReplaced() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    #expect(try AtomicOutput.target(of: "/dev/null") == .inPlace)
    #expect(try AtomicOutput.target(of: "-") == .standardOutput)
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/dangling", withDestinationPath: "nowhere")
    #expect(try AtomicOutput.target(of: dir.path + "/dangling") == .replace(dir.path + "/dangling"))
    let out = try AtomicOutput(path: "/dev/null")
    try out.write("gone\n")
    try out.commit()
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
  }

  // MARK: - DistinctFiles

  @Test func outputsThatDoNotExistYetAreComparedByTheirResolvedFolder() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/alias", withDestinationPath: "sub")
    #expect(throws: ScrubError.self) {
      try DistinctFiles.check(
        outputs: [.init("-o", dir.path + "/sub/c.csv"), .init("--report", dir.path + "/alias/c.csv")],
        database: nil)
    }
    try DistinctFiles.check(
      outputs: [.init("-o", dir.path + "/sub/c.csv"), .init("--report", dir.path + "/sub/d.csv")],
      database: dir.path + "/scrub.db")
    #expect(throws: ScrubError.self) {
      try DistinctFiles.check(
        outputs: [.init("-o", dir.path + "/scrub.db-wal")], database: dir.path + "/scrub.db")
    }
  }
}
