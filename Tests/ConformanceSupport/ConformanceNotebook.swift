import Foundation

/// One output of a cell, reduced to the fields the matching rules compare
/// (`Tests/Conformance/README.md`): stream name and text, result text, error class and message.
public enum ComparedOutput: Equatable, Sendable, CustomStringConvertible {
    case stream(name: String, text: String)
    case result(text: String)
    case error(ename: String, evalue: String)

    public var description: String {
        switch self {
        case .stream(let name, let text): return "stream \(name) \(text.debugDescription)"
        case .result(let text): return "result \(text.debugDescription)"
        case .error(let ename, let evalue): return "error \(ename): \(evalue.debugDescription)"
        }
    }
}

/// An executed conformance notebook: its code cells and the outputs the reference printed.
public struct ConformanceNotebook: Sendable {
    public struct Cell: Sendable {
        public let source: String
        public let expected: [ComparedOutput]
    }

    public let name: String
    public let match: String
    public let cells: [Cell]

    /// The folder holding the conformance notebooks (`Tests/Conformance`), found from this file's path
    /// so the tests need no bundle resources.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Conformance")

    /// Every notebook of one suite (`python` or `tf`), sorted by name.
    public static func suite(_ name: String) throws -> [ConformanceNotebook] {
        let folder = root.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".ipynb") }.sorted()
        return try files.map { try load(folder.appendingPathComponent($0)) }
    }

    public static func load(_ url: URL) throws -> ConformanceNotebook {
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cells = root["cells"] as? [[String: Any]] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        let meta = (root["metadata"] as? [String: Any])?["conformance"] as? [String: Any]
        let code = cells.filter { $0["cell_type"] as? String == "code" }.map { cell in
            Cell(source: joined(cell["source"]), expected: normalise(cell["outputs"] as? [[String: Any]] ?? []))
        }
        return ConformanceNotebook(name: url.deletingPathExtension().lastPathComponent,
                                   match: meta?["match"] as? String ?? "exact", cells: code)
    }

    /// Reduces nbformat output dictionaries to compared outputs, merging consecutive streams of one name.
    public static func normalise(_ outputs: [[String: Any]]) -> [ComparedOutput] {
        var result: [ComparedOutput] = []
        for output in outputs {
            switch output["output_type"] as? String {
            case "stream":
                result.appendMerging(.stream(name: output["name"] as? String ?? "", text: joined(output["text"])))
            case "execute_result", "display_data":
                result.append(.result(text: joined((output["data"] as? [String: Any])?["text/plain"])))
            case "error":
                result.append(.error(ename: output["ename"] as? String ?? "", evalue: output["evalue"] as? String ?? ""))
            default:
                break
            }
        }
        return result
    }

    static func joined(_ value: Any?) -> String {
        if let parts = value as? [String] { return parts.joined() }
        return value as? String ?? ""
    }
}

extension Array where Element == ComparedOutput {
    /// Appends `output`, merging it into the last element when both are streams of one name.
    public mutating func appendMerging(_ output: ComparedOutput) {
        if case .stream(let name, let text) = output, case .stream(let lastName, let lastText)? = last, lastName == name {
            self[count - 1] = .stream(name: name, text: lastText + text)
        } else {
            append(output)
        }
    }
}
