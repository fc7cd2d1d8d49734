/// The number of bits needed to store values up to `maxValue` (0 for 0).
@inline(__always)
func bitWidth(forMax maxValue: UInt64) -> Int {
    maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
}
