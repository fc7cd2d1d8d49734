import Foundation

/// A blocking FIFO of bounded size between one producer thread and one consumer: the producer waits
/// when it is full, so memory is bounded by what is in flight.
///
/// `@unchecked Sendable`: all mutable state is read and written only while holding `condition`.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private var items: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private let capacity: Int
    // One condition guards all the state above.
    private let condition = NSCondition()

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds an element, waiting while the queue is full. Returns false if the consumer has stopped.
    @discardableResult
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !finished { condition.wait() }
        guard !finished else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Takes the next element, waiting for one; nil once the producer has finished and all are taken.
    /// - Throws: the producer's error, once everything before it was taken.
    func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if !items.isEmpty {
            condition.broadcast()
            return items.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Takes an element only if one is ready now.
    func takeIfReady() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// Ends the stream (with an error, if the producer failed); wakes every waiter.
    func finish(error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = failure ?? error
        condition.broadcast()
        condition.unlock()
    }
}
