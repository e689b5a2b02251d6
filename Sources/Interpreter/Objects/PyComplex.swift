/// A Python complex number: two doubles, immutable.
public final class PyComplex: PyObject {
    public let real: Double
    public let imag: Double

    public init(_ real: Double, _ imag: Double) {
        self.real = real
        self.imag = imag
    }

    public override var pyType: PyType { Builtin.complexType }
}

extension Builtin {
    /// `complex`; its methods are installed by `installComplexMethods`.
    nonisolated(unsafe) public static let complexType: PyType = PyType(name: "complex", base: objectType)
}
