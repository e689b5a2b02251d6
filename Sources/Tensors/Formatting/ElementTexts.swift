/// The formatted elements an array shows, in display order, in one byte buffer.
struct ElementTexts {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []

    init(capacity: Int) {
        ends.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity &* 8)
    }

    var count: Int { ends.count }

    /// Appends one element's text, written by `write`.
    mutating func add(_ write: (inout [UInt8]) -> Void) {
        write(&bytes)
        ends.append(bytes.count)
    }

    func range(of index: Int) -> Range<Int> {
        let start = index > 0 ? ends[index - 1] : 0
        return start..<ends[index]
    }
}

extension ElementTexts {
    /// numpy's `FloatingFormat`: one layout chosen from all shown elements.
    static func floats<T: NumpyFloatingPoint>(_ values: [T], at indices: [Int]) -> ElementTexts {
        let shown = indices.map { values[$0] }
        let format = FloatingFormat(shown)
        var texts = ElementTexts(capacity: shown.count)
        for (position, value) in shown.enumerated() {
            texts.add { format.append(value, at: position, to: &$0) }
        }
        return texts
    }

    /// numpy's `IntegerFormat`: right-aligned to the wider of the largest and smallest shown.
    static func integers<T: FixedWidthInteger & SignedInteger>(_ values: [T], at indices: [Int]) -> ElementTexts {
        var texts = ElementTexts(capacity: indices.count)
        guard let first = indices.first else { return texts }
        var largest = values[first]
        var smallest = values[first]
        for index in indices {
            let value = values[index]
            if value > largest { largest = value }
            if value < smallest { smallest = value }
        }
        let width = max(textWidth(largest), textWidth(smallest))
        for index in indices {
            let value = values[index]
            texts.add { out in
                for _ in 0..<max(width - textWidth(value), 0) { out.append(UInt8(ascii: " ")) }
                if value < 0 { out.append(UInt8(ascii: "-")) }
                FloatText.appendDecimal(UInt(value.magnitude), minimumDigits: 1, to: &out)
            }
        }
        return texts
    }

    private static func textWidth<T: FixedWidthInteger & SignedInteger>(_ value: T) -> Int {
        FloatText.decimalDigitCount(UInt(value.magnitude)) + (value < 0 ? 1 : 0)
    }

    /// numpy's `BoolFormat`: `True` gets a leading space to line up with `False`, except in a
    /// 0-d array.
    static func bools(_ values: [Bool], at indices: [Int], scalar: Bool) -> ElementTexts {
        var texts = ElementTexts(capacity: indices.count)
        for index in indices {
            texts.add { $0.append(contentsOf: (values[index] ? (scalar ? "True" : " True") : "False").utf8) }
        }
        return texts
    }
}
