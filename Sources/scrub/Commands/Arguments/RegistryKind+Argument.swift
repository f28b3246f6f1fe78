import ArgumentParser
import ListScrub

extension RegistryKind: ExpressibleByArgument {}
