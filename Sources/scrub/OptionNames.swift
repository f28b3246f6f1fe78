import ListScrub

/// The one place that spells the command line's options for the library's messages: a library
/// error names an option by its role (``OptionRole``), and the command line writes the flag.
extension OptionRole {
  var flag: String {
    switch self {
    case .db: "--db"
    case .signingKey: "--sign"
    case .signatureFile: "--sig"
    case .publicKey: "--key"
    case .unsigned: "--unsigned"
    case .rules: "--rules"
    case .format: "--format"
    case .column: "--column"
    case .kind: "--kind"
    case .country: "--country"
    case .areaCodes: "--area-codes"
    case .downloadedAt: "--downloaded-at"
    case .force: "--force"
    case .why: "--why"
    case .maxEntryBytes: "--max-entry-bytes"
    case .maxAgeDays: "--max-age-days"
    case .query: "--query"
    case .answeredAt: "--answered-at"
    case .holds: "--holds"
    case .allowStale: "--allow-stale"
    case .region: "--region"
    case .phoneColumn: "--phone-column"
    case .countryColumn: "--country-column"
    case .ebrPurchaseMonths: "--ebr-purchase-months"
    case .ebrInquiryMonths: "--ebr-inquiry-months"
    case .output: "-o"
    case .suppressed: "--suppressed"
    case .report: "--report"
    case .campaign: "--campaign"
    case .skipDelivered: "--skip-delivered"
    case .filter: "--where"
    case .strict: "--strict"
    case .scope: "--scope"
    case .channel: "--channel"
    case .timezone: "--timezone"
    case .receivedAt: "--received-at"
    case .evidence: "--evidence"
    case .skipInvalid: "--skip-invalid"
    case .dateFormat: "--date-format"
    case .receivedAtColumn: "--received-at-column"
    case .channelColumn: "--channel-column"
    case .noteColumn: "--note-column"
    case .kindColumn: "--kind-column"
    case .dateColumn: "--date-column"
    case .evidenceColumn: "--evidence-column"
    case .expiresColumn: "--expires-column"
    case .scopeColumn: "--scope-column"
    }
  }
}

extension UserText {
  /// The text as the command line prints it, each option spelled as its flag.
  var forCommandLine: String { rendered(\.flag) }
}

extension ScrubError {
  /// The message and hint as the command line prints them, each option spelled as its flag.
  var forCommandLine: String { text(spelling: \.flag) }
}
