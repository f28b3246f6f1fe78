import Testing

@testable import ListScrub

@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    // The Lista Robinson test vector from DOMAIN.md.
    ("040034345678890", "9a0d14c71b6bb4b50fd4a9efc0536de8c7198f4bebdadcc4e7ee32731fb75c15"),
  ])
  func knownVectors(input: String, expected: String) {
    #expect(SHA256.hex(of: Array(input.utf8)) == expected)
  }

  @Test func millionAs() {
    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(
      SHA256.hex(of: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test(arguments: [1, 3, 63, 64, 65, 1000])
  func chunkingDoesNotChangeTheDigest(chunk: Int) {
    let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    var hasher = SHA256()
    var i = 0
    while i < bytes.count {
      let part = Array(bytes[i..<min(i + chunk, bytes.count)])
      part.withUnsafeBytes { hasher.update($0) }
      i += chunk
    }
    #expect(hasher.finalizeHex() == SHA256.hex(of: bytes))
  }
}
