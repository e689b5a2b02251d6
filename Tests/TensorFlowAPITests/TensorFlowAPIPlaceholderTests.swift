import Testing
@testable import TensorFlowAPI

@Test func TensorFlowAPIModuleLinks() {
    #expect(Bool(true))
}
