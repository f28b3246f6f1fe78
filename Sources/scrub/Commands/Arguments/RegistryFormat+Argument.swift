import ArgumentParser
import ListScrub

extension RegistryFormat: ExpressibleByArgument {}
