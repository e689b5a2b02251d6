/// The float types numpy formats, with the per-type facts its printing rules depend on.
protocol NumpyFloatingPoint: BinaryFloatingPoint, CustomStringConvertible, Sendable {
    /// numpy's `10.**min(8, finfo(dtype).precision)`: an array whose largest magnitude
    /// reaches it prints in scientific notation.
    static var scientificCutoff: Self { get }
    /// numpy's scalar `str` is positional below this magnitude (`10**finfo.precision` for
    /// float32, Python's `1e16` for float64) and scientific from it.
    static var scalarScientificCutoff: Double { get }
    /// The scalar type's name in numpy's scalar repr (`np.float32(…)`).
    static var numpyName: String { get }
    /// The value widened to `Double` without rounding.
    var widened: Double { get }
}

extension Float: NumpyFloatingPoint {
    static var scientificCutoff: Float { 1e6 }
    static var scalarScientificCutoff: Double { 1e6 }
    static var numpyName: String { "float32" }
    var widened: Double { Double(self) }
}

extension Double: NumpyFloatingPoint {
    static var scientificCutoff: Double { 1e8 }
    static var scalarScientificCutoff: Double { 1e16 }
    static var numpyName: String { "float64" }
    var widened: Double { self }
}
