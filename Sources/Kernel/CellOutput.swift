/// The two text streams a cell writes to.
public enum StreamName: String, Sendable, Codable, Equatable {
    case stdout
    case stderr
}

/// One nbformat v4 output object, as a cell produces it.
public enum CellOutput: Sendable, Equatable {
    /// `{"output_type": "stream", "name": …, "text": …}`.
    case stream(name: StreamName, text: String)
    /// `{"output_type": "execute_result", "execution_count": n, "data": {"text/plain": …}, "metadata": {}}`.
    case executeResult(executionCount: Int, text: String)
    /// `{"output_type": "error", "ename": …, "evalue": …, "traceback": […]}`.
    case error(CellError)

    /// The text a notebook shows for this output.
    public var plainText: String {
        switch self {
        case .stream(_, let text): return text
        case .executeResult(_, let text): return text + "\n"
        case .error(let error): return error.traceback.joined(separator: "\n") + "\n"
        }
    }

    /// The nbformat v4 JSON object.
    public var json: JSONValue {
        switch self {
        case .stream(let name, let text):
            return .object(["output_type": "stream", "name": .string(name.rawValue), "text": .string(text)])
        case .executeResult(let count, let text):
            return .object([
                "output_type": "execute_result",
                "execution_count": .int(count),
                "data": .object(["text/plain": .string(text)]),
                "metadata": .object([:]),
            ])
        case .error(let error):
            return .object([
                "output_type": "error",
                "ename": .string(error.ename),
                "evalue": .string(error.evalue),
                "traceback": .array(error.traceback.map(JSONValue.string)),
            ])
        }
    }

    /// Reads an nbformat v4 output object this enum can hold; `nil` for other kinds.
    public init?(json: JSONValue) {
        switch json["output_type"]?.stringValue {
        case "stream":
            guard let name = json["name"]?.stringValue.flatMap(StreamName.init(rawValue:)),
                let text = json["text"].flatMap(MultilineText.init(json:))
            else { return nil }
            self = .stream(name: name, text: text.text)
        case "execute_result":
            guard let count = json["execution_count"]?.intValue,
                let text = json["data"]?["text/plain"].flatMap(MultilineText.init(json:))
            else { return nil }
            self = .executeResult(executionCount: count, text: text.text)
        case "error":
            guard let ename = json["ename"]?.stringValue, let evalue = json["evalue"]?.stringValue,
                let lines = json["traceback"]?.arrayValue
            else { return nil }
            self = .error(CellError(ename: ename, evalue: evalue, traceback: lines.compactMap(\.stringValue)))
        default:
            return nil
        }
    }
}

extension CellOutput: Codable {
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let output = CellOutput(json: json) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a stream, execute_result or error output")
            )
        }
        self = output
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

/// nbformat's multiline string: one string, or a list of lines to concatenate.
public struct MultilineText: Sendable, Equatable {
    /// The whole text.
    public var text: String
    /// Whether the file held a list of lines, so writing it back keeps that form.
    public var wasList: Bool

    public init(_ text: String, wasList: Bool = false) {
        self.text = text
        self.wasList = wasList
    }

    /// Reads a string or a list of strings; `nil` for anything else.
    public init?(json: JSONValue) {
        switch json {
        case .string(let text):
            self.init(text)
        case .array(let items):
            var text = ""
            for item in items {
                guard let line = item.stringValue else { return nil }
                text += line
            }
            self.init(text, wasList: true)
        default:
            return nil
        }
    }

    /// The JSON form: a list of lines each keeping its `\n` when read as a list, else one string.
    public var json: JSONValue {
        guard wasList else { return .string(text) }
        var lines: [JSONValue] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                lines.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(.string(current)) }
        return .array(lines)
    }
}
