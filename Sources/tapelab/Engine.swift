import Kernel

/// The engine every session of this binary runs: the one place to change when another engine plugs in.
func makeEngine() -> any CellEngine {
    PythonEngine()
}
