/// JSON text written directly, with sorted object keys and unescaped slashes: the same document
/// the API's `JSONEncoder` settings produce, without the cost of `Encodable` on every reply.
extension JSONValue {
    /// This value as UTF-8 JSON text; `nil` when it holds a non-finite number, which JSON cannot
    /// express.
    public var jsonBytes: [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        return write(into: &out) ? out : nil
    }

    /// Appends this value's JSON text; false when a number is not finite.
    func write(into out: inout [UInt8]) -> Bool {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .double(let value):
            guard value.isFinite else { return false }
            out.append(contentsOf: Self.numberText(value).utf8)
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard item.write(into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard let member = members[key], member.write(into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    /// Integral doubles without a fraction (`2` rather than `2.0`), as `JSONEncoder` writes them.
    private static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension ExecuteReply {
    /// The reply as the API's JSON text.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + outputs.reduce(0) { $0 + $1.plainText.utf8.count })
        out.append(contentsOf: #"{"execution_count":"#.utf8)
        out.append(contentsOf: String(executionCount).utf8)
        out.append(contentsOf: #","outputs":["#.utf8)
        for (index, output) in outputs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            // Outputs hold text and integers only, so writing cannot fail.
            _ = output.json.write(into: &out)
        }
        out.append(contentsOf: #"],"status":""#.utf8)
        out.append(contentsOf: status.rawValue.utf8)
        out.append(contentsOf: #""}"#.utf8)
        return out
    }
}
