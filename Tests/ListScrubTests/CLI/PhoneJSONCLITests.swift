import Foundation
import Testing

/// `scrub phone --json`: one object per input with every field (null where it does not apply),
/// an array for NUMBER arguments, JSON Lines for standard input.
@Suite struct PhoneJSONCLITests {
  static func objects(_ json: String) throws -> [[String: Any]] {
    try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
  }

  static let fields: Set<String> = [
    "input", "accepted", "e164", "extension", "possible", "valid", "reason", "region", "type",
  ]

  @Test func argumentsGiveAnArrayOfObjects() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(
      [
        "phone", "--json", "1 (201) 555-0123 x12", "2012345678", "+44 20 7946 0958", "hello",
        "+1 800 555 1212",
      ],
      in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let objects = try Self.objects(r.stdout)
    try #require(objects.count == 5)
    for object in objects { #expect(Set(object.keys) == Self.fields, "\(object)") }
    // A possible number that is not valid (555-01XX): its E.164 form, why, and not accepted.
    #expect(objects[0]["input"] as? String == "1 (201) 555-0123 x12")
    #expect(objects[0]["e164"] as? String == "+12015550123")
    #expect(objects[0]["extension"] as? String == "12")
    #expect(objects[0]["possible"] as? Bool == true)
    #expect(objects[0]["valid"] as? Bool == false)
    #expect(objects[0]["accepted"] as? Bool == false)
    #expect(objects[0]["reason"] as? String == "fictional")
    #expect(objects[1]["accepted"] as? Bool == true)
    #expect(objects[1]["reason"] is NSNull)
    #expect(objects[1]["region"] as? String == "US")
    #expect(objects[2]["e164"] as? String == "+442079460958")
    #expect(objects[2]["region"] as? String == "GB")
    #expect(objects[2]["type"] as? String == "fixed_line")
    #expect(objects[3]["e164"] is NSNull)
    #expect(objects[3]["type"] is NSNull)
    #expect(objects[3]["reason"] as? String == "not_a_number")
    #expect(objects[4]["type"] as? String == "toll_free")
  }

  @Test func theLevelDecidesAccepted() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["phone", "--json", "--level", "possible", "201-555-0123"], in: dir)
    let object = try #require(try Self.objects(r.stdout).first)
    #expect(object["accepted"] as? Bool == true)
    #expect(object["valid"] as? Bool == false)
  }

  @Test func standardInputGivesJSONLines() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("numbers.txt", "2012345678\n020 7946 0958\tGB\nxyz\n")
    let r = try ScrubBinary.run(["phone", "--json"], stdin: "numbers.txt", in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    try #require(lines.count == 3, "\(r.stdout)")
    let objects = try lines.map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.map { $0["input"] as? String } == ["2012345678", "020 7946 0958", "xyz"])
    #expect(objects.map { $0["e164"] as? String } == ["+12012345678", "+442079460958", nil])
    #expect(objects[1]["region"] as? String == "GB")
  }

  @Test func withoutJSONTheLinesAreUnchanged() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["phone", "1 (201) 555-0123 x12", "2012345678", "hello"], in: dir)
    #expect(r.stdout == "invalid:fictional\n+12012345678\ninvalid:not_a_number\n")
  }
}
