import Foundation

/// CPython NFKC-normalises non-ASCII identifiers, so `ﬁ` and `fi` name the same variable.
func normaliseIdentifier(_ name: String) -> String {
    name.precomposedStringWithCompatibilityMapping
}
