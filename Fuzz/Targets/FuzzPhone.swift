/// libFuzzer target: the phone normalizer (the NANP fast path and the phone engine) on arbitrary
/// cell bytes. Two capital letters first name the default region (`ES912345678`, as the seeds
/// are written); else the first byte picks one among every region the engine has a plan for, plus
/// `ZZ` (none). The rest is the cell. Besides the normalizer's answer, it asks the
/// engine directly (`analyze`, the number type, the region) and checks what must hold for any
/// input: a number has a positive E.164 key of at most 17 national digits, and a possible number
/// is judged.
let fuzzRegions: [PhoneRegion] = PhoneEngineTables.shared.regions + [PhoneRegion("ZZ")!]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPhone(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let capital = { (b: UInt8) in b >= 0x41 && b <= 0x5A }
  let named = size >= 2 && capital(data[0]) && capital(data[1])
  let region = named ? PhoneRegion(data[0], data[1])! : fuzzRegions[Int(data[0]) % fuzzRegions.count]
  let skip = named ? 2 : 1
  let cell = UnsafeBufferPointer(start: data + skip, count: size - skip)
  let fast = PhoneNormalizer().normalize(cell, region: region)
  let slow = PhoneNormalizer(fastPath: false).normalize(cell, region: region)
  var cache = SlowPathCache(limit: 4)
  let cached = PhoneNormalizer().normalize(cell, region: region, cache: &cache)
  precondition(cached == fast, "the slow-path cache changed an answer")
  for result in [fast, slow] {
    if let number = result.number {
      // The store keys numbers as positive 64-bit integers. (Not at most 15 digits: phonenumbers
      // calls national numbers of up to 17 digits possible, e.g. `5 555-0123exGBJP` in DE.)
      precondition(number.e164 > 0, "a number with no E.164 key")
      _ = PhoneLineType(number)
      _ = number.region
    }
    _ = result.text(at: .valid)
    _ = result.text(at: .possible)
  }
  if case .text(let start, let end) = PhoneCellCleanup.clean(cell), end - start <= 250,
    let (parsed, judgement, _) = PhoneEngine.shared.analyze(
      UnsafeBufferPointer(rebasing: cell[start..<end]), region: region)
  {
    if case .number(let number) = parsed {
      precondition(judgement != nil, "a parsed number not judged")
      precondition(number.nationalDigits >= 2 && number.nationalDigits <= 17, "national length")
    }
  }
  return 0
}
