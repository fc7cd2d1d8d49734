/// Appending fixed-width little-endian values and PLAIN byte arrays to a byte buffer.
extension Array where Element == UInt8 {
    @inline(__always)
    package mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends a whole array of fixed-width values as little-endian bytes.
    package mutating func appendLittleEndian<T: FixedWidthInteger>(contentsOf values: ArraySlice<T>) {
        #if _endian(little)
            values.withUnsafeBytes { append(contentsOf: $0) }
        #else
            for v in values { appendLittleEndian(v) }
        #endif
    }
}

/// Bit-packs booleans LSB first, as PLAIN encodes them.
func appendPlainBooleans(_ values: ArraySlice<Bool>, to out: inout [UInt8]) {
    var byte: UInt8 = 0
    var bit = 0
    for v in values {
        if v { byte |= 1 << UInt8(bit) }
        bit += 1
        if bit == 8 { out.append(byte); byte = 0; bit = 0 }
    }
    if bit > 0 { out.append(byte) }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `ParquetError` (the standard one only rethrows `any Error`).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        var result: Result<R, ParquetError>?
        withUnsafeBytes { raw in result = Result { () throws(ParquetError) -> R in try body(raw) } }
        return try result!.get()
    }
}
