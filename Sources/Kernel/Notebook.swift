/// An nbformat v4 notebook that keeps every field it does not interpret.
///
/// Reading and writing a notebook changes nothing but what running it fills
/// in: the outputs and execution counts of its code cells.
public struct Notebook: Sendable, Equatable, Codable {
    /// The notebook's cells, in order.
    public var cells: [NotebookCell]
    /// Every other top-level member (`metadata`, `nbformat`, `nbformat_minor`, …).
    public var fields: [String: JSONValue]

    /// Why a JSON document is not a notebook TapeLab can run.
    public struct FormatError: Error, Sendable, Equatable {
        public var message: String
    }

    /// Reads a notebook from decoded JSON.
    ///
    /// - Throws: `FormatError` when `json` is not an nbformat 4 notebook.
    public init(json: JSONValue) throws(FormatError) {
        guard var fields = json.objectValue else { throw FormatError(message: "a notebook must be a JSON object") }
        guard let format = fields["nbformat"]?.intValue else {
            throw FormatError(message: "the notebook has no integer 'nbformat' field")
        }
        guard format == 4 else { throw FormatError(message: "nbformat \(format) is not supported; TapeLab runs nbformat 4") }
        guard let items = fields.removeValue(forKey: "cells")?.arrayValue else {
            throw FormatError(message: "the notebook has no 'cells' list")
        }
        var cells: [NotebookCell] = []
        cells.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            cells.append(try NotebookCell(json: item, index: index))
        }
        self.cells = cells
        self.fields = fields
    }

    /// Creates an empty nbformat 4.5 notebook holding `cells`.
    public init(cells: [NotebookCell]) {
        self.cells = cells
        self.fields = ["metadata": .object([:]), "nbformat": .int(4), "nbformat_minor": .int(5)]
    }

    /// The notebook as JSON.
    public var json: JSONValue {
        var object = fields
        object["cells"] = .array(cells.map(\.json))
        return .object(object)
    }

    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        do {
            try self.init(json: json)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// One notebook cell; members other than those below are kept as they were.
public struct NotebookCell: Sendable, Equatable {
    /// `code`, `markdown` or `raw`.
    public var cellType: String
    /// The cell's source text.
    public var source: MultilineText
    /// Every member but `cell_type`, `source`, `outputs` and `execution_count`.
    public var fields: [String: JSONValue]
    /// The outputs of a code cell, as JSON objects.
    public var outputs: [JSONValue]
    /// The execution count of a code cell; `nil` when it has not run.
    public var executionCount: Int?

    /// Creates a cell with empty metadata.
    public init(cellType: String = "code", source: String) {
        self.cellType = cellType
        self.source = MultilineText(source)
        self.fields = ["metadata": .object([:])]
        self.outputs = []
        self.executionCount = nil
    }

    init(json: JSONValue, index: Int) throws(Notebook.FormatError) {
        guard var fields = json.objectValue else { throw .init(message: "cell \(index) is not a JSON object") }
        guard let type = fields.removeValue(forKey: "cell_type")?.stringValue else {
            throw .init(message: "cell \(index) has no 'cell_type' string")
        }
        guard let source = fields.removeValue(forKey: "source").flatMap(MultilineText.init(json:)) else {
            throw .init(message: "cell \(index) has no 'source' string or list of strings")
        }
        let outputs = fields.removeValue(forKey: "outputs")
        let count = fields.removeValue(forKey: "execution_count")
        self.cellType = type
        self.source = source
        self.fields = fields
        self.outputs = outputs?.arrayValue ?? []
        self.executionCount = count?.intValue
    }

    /// Whether the cell holds code to run.
    public var isCode: Bool { cellType == "code" }

    /// The cell as JSON; code cells always carry `outputs` and `execution_count`.
    public var json: JSONValue {
        var object = fields
        object["cell_type"] = .string(cellType)
        object["source"] = source.json
        if isCode {
            object["outputs"] = .array(outputs)
            object["execution_count"] = executionCount.map(JSONValue.int) ?? .null
        }
        return .object(object)
    }
}
