import Testing
@testable import Tensors

/// One array numpy printed: its elements and the texts numpy gave.
struct OracleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let tensor: Tensor
    let str: String
    let repr: String
    /// The numpy scalar's `str` and `repr`, for 0-d arrays.
    let scalarStr: String?
    let scalarRepr: String?

    var testDescription: String {
        "\(name) \(tensor.dtype) \(tensor.shape)"
    }
}

enum OracleCaseError: Error {
    case malformed(String)
}

/// Parses `formattingOracleCases` (see FormattingOracleCases.py for the format).
func parseOracleCases(_ text: String) throws -> [OracleCase] {
    var cases: [OracleCase] = []
    var header: Substring?
    var sections: [String: [Substring]] = [:]
    var currentKey: String?

    func finish() throws {
        guard let header else { return }
        let fields = header.dropFirst("@case ".count).split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        guard fields.count == 4, let dtype = DType(rawValue: String(fields[1])) else {
            throw OracleCaseError.malformed(String(header))
        }
        let shape = try fields[2].split(separator: ",").map { field -> Int in
            guard let dim = Int(field) else { throw OracleCaseError.malformed(String(header)) }
            return dim
        }
        var tokens: [Substring] = []
        for item in fields[3].split(separator: " ") {
            if let star = item.firstIndex(of: "*"), let repeats = Int(item[item.index(after: star)...]) {
                tokens.append(contentsOf: repeatElement(item[..<star], count: repeats))
            } else {
                tokens.append(item)
            }
        }
        func values<T>(_ parse: (Substring) -> T?) throws -> [T] {
            try tokens.map { token in
                guard let value = parse(token) else { throw OracleCaseError.malformed("\(header): \(token)") }
                return value
            }
        }
        let storage: TensorStorage
        switch dtype {
        case .bool: storage = .bool(try values { $0 == "1" ? true : ($0 == "0" ? false : nil) })
        case .int32: storage = .int32(try values { Int32($0) })
        case .int64: storage = .int64(try values { Int64($0) })
        case .float32: storage = .float32(try values { Float($0) })
        case .float64: storage = .float64(try values { Double($0) })
        }
        func section(_ key: String) -> String? {
            sections[key].map { $0.joined(separator: "\n") }
        }
        guard let str = section("str"), let repr = section("repr") else {
            throw OracleCaseError.malformed(String(header))
        }
        cases.append(OracleCase(
            name: String(fields[0]), tensor: try Tensor(shape: shape, storage: storage),
            str: str, repr: repr, scalarStr: section("sstr"), scalarRepr: section("srepr")))
    }

    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("@case ") {
            try finish()
            header = line
            sections = [:]
            currentKey = nil
        } else if line.hasPrefix("@") {
            currentKey = String(line.dropFirst())
            sections[String(line.dropFirst())] = []
        } else if let key = currentKey {
            sections[key, default: []].append(line)
        }
    }
    try finish()
    return cases
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return result
    }
}

let oracleCases: [OracleCase] = (try? parseOracleCases(formattingOracleCases)) ?? []

@Test func oracleTableParses() throws {
    let cases = try parseOracleCases(formattingOracleCases)
    #expect(cases.count > 900)
}

@Test(arguments: oracleCases)
func strMatchesNumpy(_ testCase: OracleCase) {
    #expect(testCase.tensor.numpyStr() == testCase.str)
}

@Test(arguments: oracleCases)
func reprMatchesNumpy(_ testCase: OracleCase) {
    #expect(testCase.tensor.numpyRepr() == testCase.repr)
}

@Test(arguments: oracleCases.filter { $0.scalarStr != nil })
func scalarTextMatchesNumpy(_ testCase: OracleCase) {
    #expect(testCase.tensor.numpyScalarStr() == testCase.scalarStr)
    #expect(testCase.tensor.numpyScalarRepr() == testCase.scalarRepr)
}
