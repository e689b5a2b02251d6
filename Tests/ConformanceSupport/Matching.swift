import Foundation

/// The matching rules of `Tests/Conformance/README.md`.
public enum Matching {
    static let syntaxErrors: Set<String> = ["SyntaxError", "IndentationError", "TabError"]

    /// Nil when `got` matches `want` under `mode` (`exact` or `numeric`), else the first difference.
    public static func difference(want: [ComparedOutput], got: [ComparedOutput], mode: String) -> String? {
        for index in 0..<Swift.max(want.count, got.count) {
            guard index < want.count else { return "unexpected extra output \(got[index])" }
            guard index < got.count else { return "missing output \(want[index])" }
            switch (want[index], got[index]) {
            case let (.stream(wn, wt), .stream(gn, gt)) where wn == gn:
                if !textsMatch(wt, gt, mode) { return "output \(index): expected \(want[index]), got \(got[index])" }
            case let (.result(wt), .result(gt)):
                if !textsMatch(wt, gt, mode) { return "output \(index): expected \(want[index]), got \(got[index])" }
            case let (.error(wn, wv), .error(gn, gv)) where wn == gn:
                if !syntaxErrors.contains(wn) && !textsMatch(wv, gv, mode) {
                    return "output \(index): expected \(want[index]), got \(got[index])"
                }
            default:
                return "output \(index): expected \(want[index]), got \(got[index])"
            }
        }
        return nil
    }

    static func textsMatch(_ want: String, _ got: String, _ mode: String) -> Bool {
        if mode != "numeric" { return want == got }
        let (wantNumbers, wantRest) = splitNumbers(want)
        let (gotNumbers, gotRest) = splitNumbers(got)
        return wantRest == gotRest && wantNumbers.count == gotNumbers.count
            && zip(wantNumbers, gotNumbers).allSatisfy(close)
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= Swift.max(1e-6, 1e-5 * Swift.max(abs(a), abs(b)))
    }

    static let number = try! NSRegularExpression(
        pattern: #"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)\b"#)

    /// The numbers of `text`, and the text with each number replaced by `#` and white space runs folded.
    static func splitNumbers(_ text: String) -> ([Double], String) {
        let ns = text as NSString
        let matches = number.matches(in: text, range: NSRange(location: 0, length: ns.length))
        let numbers = matches.map { Double(ns.substring(with: $0.range)) ?? .nan }
        let replaced = number.stringByReplacingMatches(
            in: text, range: NSRange(location: 0, length: ns.length), withTemplate: "#")
        let folded = replaced.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return (numbers, folded)
    }
}
