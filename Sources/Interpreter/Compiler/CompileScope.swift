/// Compile-time view of one scope: where each name lives.
final class CompileScope {
    enum Kind { case module, function, classBody }

    enum Location {
        case slot(Int, String)
        case cell(Int, String, isFree: Bool)
        case global(GlobalSlot)
        /// A class body: its namespace first, then `fallback`.
        case namespace(String, fallback: GlobalSlot?, cell: Int?)
    }

    let kind: Kind
    let parent: CompileScope?
    let info: ScopeInfo
    let name: String
    var slots: [String: Int] = [:]
    var cells: [String: Int] = [:]
    var slotCount = 0
    var cellVarCount = 0
    var freeSources: [Int] = []
    /// Comprehension variables, innermost last.
    var overlays: [[String: Int]] = []
    /// Number of generator-state entries used by the body.
    var generatorStates = 0

    init(kind: Kind, parent: CompileScope?, info: ScopeInfo, name: String) {
        self.kind = kind
        self.parent = parent
        self.info = info
        self.name = name
        if kind == .function {
            let cellVars = info.assigned.intersection(info.childFree).sorted()
            for n in cellVars {
                cells[n] = cellVarCount
                cellVarCount += 1
            }
            for n in info.assigned.sorted() where cells[n] == nil {
                slots[n] = slotCount
                slotCount += 1
            }
        }
    }

    func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    /// The qualified-name prefix for functions defined here.
    var qualnamePrefix: String {
        switch kind {
        case .module: return ""
        case .function: return (parent?.qualnamePrefix ?? "") + name + ".<locals>."
        case .classBody: return (parent?.qualnamePrefix ?? "") + name + "."
        }
    }

    /// The index of a cell holding `name` from an enclosing function, capturing it through every
    /// scope in between; nil when no enclosing function binds it.
    func capture(_ name: String) -> Int? {
        if let i = cells[name] { return i }
        guard let parent, parent.kind != .module else { return nil }
        let source: Int?
        if parent.kind == .function, let i = parent.cells[name] {
            source = i
        } else if parent.kind == .function, parent.info.globals.contains(name) {
            return nil
        } else {
            source = parent.capture(name)
        }
        guard let source else { return nil }
        let index = cellVarCount + freeSources.count
        freeSources.append(source)
        cells[name] = index
        return index
    }

    func resolve(_ name: String, interp: Interpreter) -> Location {
        for overlay in overlays.reversed() {
            if let i = overlay[name] { return .slot(i, name) }
        }
        switch kind {
        case .module:
            return .global(interp.globalSlot(name))
        case .function:
            if info.globals.contains(name) { return .global(interp.globalSlot(name)) }
            if let i = cells[name] { return .cell(i, name, isFree: i >= cellVarCount) }
            if let i = slots[name] { return .slot(i, name) }
            if let i = capture(name) { return .cell(i, name, isFree: true) }
            return .global(interp.globalSlot(name))
        case .classBody:
            if info.globals.contains(name) { return .global(interp.globalSlot(name)) }
            if info.nonlocals.contains(name), let i = capture(name) { return .cell(i, name, isFree: true) }
            if !info.assigned.contains(name), let i = capture(name) {
                return .namespace(name, fallback: nil, cell: i)
            }
            return .namespace(name, fallback: interp.globalSlot(name), cell: nil)
        }
    }
}
