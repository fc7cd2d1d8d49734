import Synchronization

/// Slots that concurrent workers (`DispatchQueue.concurrentPerform`) fill by index and one thread reads
/// afterwards; one lock guards them all.
public final class ResultSlots<T: Sendable>: Sendable {
    private let slots: Mutex<[T?]>

    public init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    public func set(_ i: Int, _ value: T) {
        slots.withLock { $0[i] = value }
    }

    /// The value of slot `i`, which must have been set.
    public func get(_ i: Int) -> T {
        slots.withLock { $0[i]! }
    }
}
