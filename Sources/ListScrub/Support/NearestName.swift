/// The closest of `names` to a mistyped `name`, for a "did you mean" hint (an unknown
/// subcommand, a rules file's unknown key or value); nil when none is near enough to be a
/// likely typo. Case is ignored. A name that `name` begins (a word cut short, at least three
/// letters typed) wins, the shortest such; else the closest by edit distance, if close at all.
public enum NearestName {
  public static func nearest(to name: String, in names: [String]) -> String? {
    let typed = name.lowercased()
    if typed.count >= 3,
      let longer = names.filter({ $0.lowercased().hasPrefix(typed) }).min(by: { $0.count < $1.count })
    {
      return longer
    }
    let letters = Array(typed)
    let scored = names.map { (name: $0, distance: EditDistance.between(letters, Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
    return best.distance <= max(2, letters.count / 3) && best.distance < letters.count ? best.name : nil
  }
}
