import GRDB

extension Store {
  /// Checks the whole store in one read transaction (so an import committing meanwhile is seen
  /// entirely or not at all): the schema (`verifySchema`), the registries
  /// (``RegistryVerification``), then the ledger (`verifyLedger`). Throws only when the file
  /// cannot be read; everything found wrong is a problem in the result.
  public func verify() throws -> StoreVerification {
    try guarded {
      try queue.read { db in
        var problems: [String] = []
        try verifySchema(db, problems: &problems)
        let digests = try RegistryVerification.verify(db, problems: &problems)
        try ConsultationVerification.verify(db, problems: &problems)
        let ledger = try Self.verifyLedger(db, problems: &problems)
        return StoreVerification(problems: problems, sources: digests, ledger: ledger)
      }
    }
  }
}
