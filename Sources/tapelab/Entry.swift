import Kernel

/// The process's entry: glibc's allocator is tuned first (the process may execute itself again
/// for it), then the command line runs.
@main
enum Entry {
    static func main() async {
        AllocatorTuning.reexecuteIfNeeded()
        await TapeLabCommand.main()
    }
}
