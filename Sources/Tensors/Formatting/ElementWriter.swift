/// Writes the elements an array shows, each padded to the width its format chose from all of
/// them. `position` counts shown elements in display order.
protocol ElementWriter {
    func write(_ position: Int, to out: inout [UInt8])
}

/// The flat indices of the shown elements, or nil when every element shows, in order.
typealias ShownIndices = [Int]?

/// numpy's `FloatingFormat` applied to the shown elements.
struct FloatWriter<T: NumpyFloatingPoint>: ElementWriter {
    let values: [T]
    let format: FloatingFormat<T>

    init(_ all: [T], shown: ShownIndices) {
        values = shown.map { $0.map { all[$0] } } ?? all
        format = FloatingFormat(values)
    }

    func write(_ position: Int, to out: inout [UInt8]) {
        format.append(values[position], at: position, to: &out)
    }
}

/// numpy's `IntegerFormat`: right-aligned to the wider of the largest and smallest shown.
struct IntegerWriter<T: FixedWidthInteger & SignedInteger>: ElementWriter {
    let values: [T]
    let shown: ShownIndices
    let width: Int

    init(_ values: [T], shown: ShownIndices) {
        self.values = values
        self.shown = shown
        var largest = T.min
        var smallest = T.max
        if let shown {
            for index in shown {
                largest = max(largest, values[index])
                smallest = min(smallest, values[index])
            }
        } else {
            for value in values {
                largest = max(largest, value)
                smallest = min(smallest, value)
            }
        }
        width = values.isEmpty ? 0 : max(Self.textWidth(largest), Self.textWidth(smallest))
    }

    private static func textWidth(_ value: T) -> Int {
        FloatText.decimalDigitCount(UInt(value.magnitude)) + (value < 0 ? 1 : 0)
    }

    func write(_ position: Int, to out: inout [UInt8]) {
        let value = values[shown?[position] ?? position]
        for _ in 0..<max(width - Self.textWidth(value), 0) { out.append(UInt8(ascii: " ")) }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        FloatText.appendDecimal(UInt(value.magnitude), minimumDigits: 1, to: &out)
    }
}

/// numpy's `BoolFormat`: `True` gets a leading space to line up with `False`, except in a
/// 0-d array.
struct BoolWriter: ElementWriter {
    let values: [Bool]
    let shown: ShownIndices
    let scalar: Bool

    func write(_ position: Int, to out: inout [UInt8]) {
        if values[shown?[position] ?? position] {
            out.append(contentsOf: (scalar ? "True" : " True").utf8)
        } else {
            out.append(contentsOf: "False".utf8)
        }
    }
}
