import ArgumentParser
import Kernel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `tapelab run`: runs a notebook's code cells and prints what a notebook would show.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook's code cells in a fresh session and print their outputs.",
        discussion: "Exits with status 1 when a cell raises, unless --allow-errors is given."
    )

    @Argument(help: "The nbformat 4 notebook to run.")
    var notebook: String

    @Option(name: .shortAndLong, help: "Write the executed notebook here.")
    var output: String?

    @Flag(name: .customLong("allow-errors"), help: "Run every cell even after one raises, and exit 0.")
    var allowErrors = false

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try await options.load()
        let input: Notebook
        do {
            let data = try Data(contentsOf: URL(filePath: notebook))
            input = try JSONDecoder().decode(Notebook.self, from: data)
        } catch {
            throw ValidationError("cannot read \(notebook) as an nbformat 4 notebook: \(error)")
        }
        let session = KernelSession(id: "run", engine: PythonEngine(), limits: configuration.kernel)
        defer { session.close() }
        let result = try await session.run(input, allowErrors: allowErrors)
        for reply in result.replies {
            print(reply.plainText, terminator: "")
        }
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(result.notebook)
            data.append(0x0A)
            try data.write(to: URL(filePath: output))
        }
        if result.hadError && !allowErrors {
            throw ExitCode.failure
        }
    }
}
