import Testing
@testable import Interpreter

@Test func locationsDescribeThemselves() {
    #expect(SourceLocation(line: 3, column: 4).description == "line 3, column 4")
}
