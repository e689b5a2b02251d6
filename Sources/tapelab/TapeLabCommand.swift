import ArgumentParser
import Server

/// `tapelab`: serve notebooks over HTTP, or run one notebook from the command line.
struct TapeLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tapelab",
        abstract: "A notebook server whose kernel speaks TensorFlow's GradientTape.",
        version: TapeLabVersion.string,
        subcommands: [ServeCommand.self, RunCommand.self, HealthcheckCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
