/// Where two byte strings first differ, for the failure messages of byte-for-byte output tests.
public enum ByteDifference {
    /// Both sizes, the first differing offset and 80 bytes of each side around it, as text.
    public static func describe(_ a: [UInt8], _ b: [UInt8]) -> String {
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        func around(_ x: [UInt8]) -> String {
            String(decoding: x[max(0, i - 80)..<min(x.count, i + 80)], as: UTF8.self)
        }
        return "sizes \(a.count)/\(b.count), first difference at byte \(i):\n\(around(a))\n---\n\(around(b))"
    }
}
