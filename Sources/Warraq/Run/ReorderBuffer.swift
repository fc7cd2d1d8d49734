import Foundation

/// Results that workers finish in any order, taken by one consumer in sequence order.
///
/// `@unchecked Sendable`: all mutable state (`ready`) is read and written only while holding `condition`.
final class ReorderBuffer<Value: Sendable>: @unchecked Sendable {
    private var ready: [Int: Value] = [:]
    // One condition guards `ready`.
    private let condition = NSCondition()

    func put(_ sequence: Int, _ value: Value) {
        condition.lock()
        ready[sequence] = value
        condition.broadcast()
        condition.unlock()
    }

    /// The value of `sequence`, waiting for it when `wait` is true; nil when not ready and not waiting.
    func take(_ sequence: Int, wait: Bool) -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while wait && ready[sequence] == nil { condition.wait() }
        return ready.removeValue(forKey: sequence)
    }
}
