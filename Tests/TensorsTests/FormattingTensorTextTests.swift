import Testing
@testable import Tensors

// The forms the printing contract names, as numpy 2.4 prints them; the oracle table in
// FormattingOracleDataTests.swift checks hundreds more.

@Test func matrixStrAndRepr() throws {
    let tensor = try Tensor(shape: [2, 2], storage: .float32([8, 8, 8, 8]))
    #expect(tensor.numpyStr() == "[[8. 8.]\n [8. 8.]]")
    #expect(tensor.numpyRepr() == "array([[8., 8.],\n       [8., 8.]], dtype=float32)")
}

@Test func dtypeSuffixOnlyWhereNumpyNeedsIt() throws {
    #expect(try Tensor(shape: [3], storage: .int32([1, 2, 3])).numpyRepr() == "array([1, 2, 3], dtype=int32)")
    #expect(try Tensor(shape: [3], storage: .int64([1, 2, 3])).numpyRepr() == "array([1, 2, 3])")
    #expect(try Tensor(shape: [2], storage: .float64([1, 2.5])).numpyRepr() == "array([1. , 2.5])")
    #expect(try Tensor(shape: [2], storage: .bool([true, false])).numpyRepr() == "array([ True, False])")
}

@Test func emptyArrays() throws {
    let matrix = try Tensor(shape: [2, 0], storage: .float32([]))
    #expect(matrix.numpyStr() == "[]")
    #expect(matrix.numpyRepr() == "array([], shape=(2, 0), dtype=float32)")
    let vector = try Tensor(shape: [0], storage: .float64([]))
    #expect(vector.numpyRepr() == "array([], dtype=float64)")
}

@Test func zeroDimensionalArrays() throws {
    let float = try Tensor(shape: [], storage: .float32([3]))
    #expect(float.numpyStr() == "3.0")
    #expect(float.numpyRepr() == "array(3., dtype=float32)")
    #expect(float.numpyScalarRepr() == "np.float32(3.0)")
    #expect(try Tensor(shape: [], storage: .float64([0.1])).numpyScalarRepr() == "np.float64(0.1)")
    #expect(try Tensor(shape: [], storage: .int32([5])).numpyScalarRepr() == "np.int32(5)")
    #expect(try Tensor(shape: [], storage: .int64([5])).numpyScalarRepr() == "np.int64(5)")
    let truth = try Tensor(shape: [], storage: .bool([true]))
    #expect(truth.numpyScalarRepr() == "np.True_")
    #expect(truth.numpyScalarStr() == "True")
    #expect(truth.numpyRepr() == "array(True)")
}

@Test func scalarFormsOfHigherRanksAreTheArrayForms() throws {
    let tensor = try Tensor(shape: [2], storage: .int32([1, 2]))
    #expect(tensor.numpyScalarStr() == tensor.numpyStr())
    #expect(tensor.numpyScalarRepr() == tensor.numpyRepr())
}

@Test func signColumnAndNegativeZero() throws {
    #expect(try Tensor(shape: [3], storage: .float32([-0.0, 0, 1.5])).numpyStr() == "[-0.   0.   1.5]")
    #expect(try Tensor(shape: [3], storage: .int32([-1, 2, 30])).numpyStr() == "[-1  2 30]")
}

@Test func nonFiniteValuesArePaddedToTheColumn() throws {
    let values: [Double] = [.nan, 1.5, -.infinity, 1e-7]
    let tensor = try Tensor(shape: [4], storage: .float64(values))
    #expect(tensor.numpyRepr() == "array([    nan, 1.5e+00,    -inf, 1.0e-07])")
    #expect(try Tensor(shape: [2], storage: .float32([.nan, .infinity])).numpyStr() == "[nan inf]")
}

@Test func exponentDigitsWidenTogether() throws {
    #expect(try Tensor(shape: [2], storage: .float64([1e-100, 1e5])).numpyStr() == "[1.e-100 1.e+005]")
}

@Test func float32SwitchesToScientificFromAMillion() throws {
    #expect(try Tensor(shape: [1], storage: .float32([999_999])).numpyStr() == "[999999.]")
    #expect(try Tensor(shape: [1], storage: .float32([1_000_000])).numpyStr() == "[1.e+06]")
    #expect(try Tensor(shape: [1], storage: .float64([1_000_000])).numpyStr() == "[1000000.]")
}

@Test func summarisedArraysShowEdgesAndShape() throws {
    let tensor = try Tensor(shape: [2000], storage: .int32(Array(0..<2000)))
    #expect(tensor.numpyStr() == "[   0    1    2 ... 1997 1998 1999]")
    #expect(tensor.numpyRepr() == "array([   0,    1,    2, ..., 1997, 1998, 1999],\n      shape=(2000,), dtype=int32)")
    let full = try Tensor(shape: [1000], storage: .int32(Array(0..<1000)))
    #expect(!full.numpyStr().contains("..."))
}

@Test func extrasMoveToTheirOwnLine() throws {
    let tensor = try Tensor(shape: [5], storage: .int32([-1, 0, 7, 123_456_789, -2_147_483_648]))
    #expect(tensor.numpyRepr() == "array([         -1,           0,           7,   123456789, -2147483648],\n      dtype=int32)")
}

@Test func rank3BlocksAreSeparatedByABlankLine() throws {
    let tensor = try Tensor(shape: [2, 2, 2], storage: .int32(Array(0..<8)))
    #expect(tensor.numpyStr() == "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]")
}
