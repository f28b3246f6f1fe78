/// The closest of `names` to a mistyped `name`, for a "did you mean" hint on an unknown
/// subcommand; nil when none is near enough to be a likely typo.
public enum NearestName {
  public static func nearest(to name: String, in names: [String]) -> String? {
    let typed = Array(name.lowercased())
    let scored = names.map { (name: $0, distance: EditDistance.between(typed, Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
    return best.distance <= max(2, typed.count / 3) && best.distance < typed.count ? best.name : nil
  }
}
