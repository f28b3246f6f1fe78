import Foundation
import Testing

@testable import ListScrub

/// `SCRUB_DB=postgresql://…` once created a folder named `postgresql:` holding an SQLite file.
/// A `scheme://` database is a usage error (64) before anything is created, and the message
/// never repeats the URI (it may carry a password).
@Suite struct DatabaseURICLITests {
  @Test(arguments: [
    ["clean", "leads.csv", "-o", "out.csv"],
    ["registry", "import", "us-ftc", "registry.txt", "--kind", "national"],
    ["optout", "add", "2012345678", "--dry-run"],
    ["registry", "list"],
  ])
  func aURIIsRefusedAndNothingIsCreated(arguments: [String]) throws {
    let dir = try TestDirectory()
    try dir.write("leads.csv", "phone\n2015550123\n")
    try dir.write("registry.txt", "2012345678\n")
    for uri in ["postgresql://ana:s3cret@db.example/scrub", "postgres://db/scrub", "mysql://db/scrub"] {
      let r = try ScrubBinary.run(arguments, environment: ["SCRUB_DB": uri], in: dir)
      #expect(r.status == 64, "\(arguments) \(uri): \(r.stderr)")
      #expect(r.stderr.contains("is not") || r.stderr.contains("are not supported"))
      #expect(r.stderr.contains("hint: give the database file's path"))
      #expect(!r.stderr.contains("s3cret") && !r.stderr.contains("db.example"))
      let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
      #expect(left == ["leads.csv", "registry.txt"], "\(uri) left \(left)")
    }
  }

  @Test func aPathThatMerelyContainsTheSeparatorIsAPath() throws {
    #expect(throws: Never.self) { try StoreLocation.check("./odd://name") }
    #expect(throws: Never.self) { try StoreLocation.check("/var/lib/scrub.db") }
    #expect(throws: ScrubError.self) { try StoreLocation.check("postgresql://h/db") }
    #expect(throws: ScrubError.self) { try StoreLocation.check("File:///tmp/x.db") }
  }
}
