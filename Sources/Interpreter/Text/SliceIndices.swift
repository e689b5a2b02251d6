/// Python slice arithmetic (`PySlice_AdjustIndices`) and slicing of code-point arrays.
public enum SliceIndices {
    /// Resolves optional start/stop and a step against `length` into concrete bounds
    /// and the number of selected items.
    /// - Throws: `TextError` (ValueError) `slice step cannot be zero`.
    public static func indices(start: Int?, stop: Int?, step: Int?, length: Int) throws -> (start: Int, stop: Int, step: Int, count: Int) {
        let step = step ?? 1
        if step == 0 { throw TextError.value("slice step cannot be zero") }
        // Clamp so that arithmetic below cannot overflow (CPython clamps to ±PY_SSIZE_T_MAX).
        let step2 = max(step, -Int.max)
        func adjust(_ value: Int?, defaultValue: Int, lowest: Int, highest: Int) -> Int {
            guard var value else { return defaultValue }
            if value < 0 {
                value = value &+ length
                if value < 0 { value = lowest }
            } else if value >= length {
                value = highest
            }
            return value
        }
        let lower = step2 < 0 ? -1 : 0
        let upper = step2 < 0 ? length - 1 : length
        let first = adjust(start, defaultValue: step2 < 0 ? upper : lower, lowest: lower, highest: upper)
        let last = adjust(stop, defaultValue: step2 < 0 ? lower : upper, lowest: lower, highest: upper)
        var count = 0
        if step2 < 0 {
            if last < first { count = (first - last - 1) / (-step2) + 1 }
        } else if first < last {
            count = (last - first - 1) / step2 + 1
        }
        return (first, last, step2, count)
    }

    /// `items[start:stop:step]`.
    /// - Throws: `TextError` (ValueError) `slice step cannot be zero`.
    public static func slice<T>(_ items: [T], start: Int?, stop: Int?, step: Int?) throws -> [T] {
        let bounds = try indices(start: start, stop: stop, step: step, length: items.count)
        if bounds.step == 1 { return bounds.count > 0 ? Array(items[bounds.start..<(bounds.start + bounds.count)]) : [] }
        var result: [T] = []
        result.reserveCapacity(bounds.count)
        var index = bounds.start
        for _ in 0..<bounds.count {
            result.append(items[index])
            index &+= bounds.step  // wraps only after the last item is taken
        }
        return result
    }

    /// `text[start:stop:step]`, counting code points.
    /// - Throws: `TextError` (ValueError) `slice step cannot be zero`.
    public static func slice(_ text: String, start: Int?, stop: Int?, step: Int?) throws -> String {
        StrMethods.string(try slice(Array(text.unicodeScalars), start: start, stop: stop, step: step))
    }
}
