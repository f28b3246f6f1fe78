/// libFuzzer target: the phone normalizer (fast NANP path and libphonenumber) on arbitrary cell
/// bytes. The first byte picks the default region.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPhone(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let regions: [PhoneRegion] = [.us, .ca, .gb, PhoneRegion("DE")!, PhoneRegion("FR")!, PhoneRegion("AU")!]
  let region = regions[Int(data[0]) % regions.count]
  let cell = UnsafeBufferPointer(start: data + 1, count: size - 1)
  let fast = PhoneNormalizer().normalize(cell, region: region)
  let slow = PhoneNormalizer(fastPath: false).normalize(cell, region: region)
  for result in [fast, slow] {
    if let number = result.number {
      // The store keys numbers as positive 64-bit integers. (Not at most 15 digits: libphonenumber
      // calls national numbers of up to 17 digits possible, e.g. `5 555-0123exGBJP` in DE.)
      precondition(number.e164 > 0, "a number with no E.164 key")
    }
    _ = result.text(at: .valid)
    _ = result.text(at: .possible)
  }
  return 0
}
