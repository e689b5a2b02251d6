/// TapeLab's version, as `/healthz` and `--version` show it.
public enum TapeLabVersion {
    public static let string = "0.1.0"
}
