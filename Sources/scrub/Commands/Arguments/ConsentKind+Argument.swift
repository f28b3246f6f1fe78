import ArgumentParser
import ListScrub

extension Consent.Kind: ExpressibleByArgument {}
