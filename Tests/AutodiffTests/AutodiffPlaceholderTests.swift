import Testing
@testable import Autodiff

@Test func AutodiffModuleLinks() {
    #expect(Bool(true))
}
