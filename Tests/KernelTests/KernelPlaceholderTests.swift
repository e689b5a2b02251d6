import Testing
@testable import Kernel

@Test func KernelModuleLinks() {
    #expect(Bool(true))
}
