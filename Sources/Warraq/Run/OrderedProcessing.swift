import Dispatch
import Foundation

/// The runner's threads and order: ingest reads the files on its own thread into batches, worker threads build the
/// batches' documents (clean, annotate, filter) in parallel, and the results come back here in input order, at most
/// `2 × workers` batches ahead, so that memory stays bounded and the output never depends on the threads.
enum OrderedProcessing {
    /// A batch closes at `batch_size` records or at this many bytes of record fields, whichever comes first, so that
    /// the batches in flight (about `4 × workers + 1` of them) hold a few MB whatever the articles' length.
    static let batchBytes = 1 << 19

    /// What the in-order steps receive for each record.
    enum Item: Sendable {
        case document(Document)
        case rejected(Rejection)
    }

    /// A processed batch, or a finished input, in input order.
    private enum Step: Sendable {
        case processed([Item])
        case inputRead(Manifest.Input)
    }

    private enum Message: Sendable {
        case batch([IngestItem])
        case inputRead(path: String, bytes: Int64, sha256: String)
    }

    /// Reads `files`, hands every record's outcome to `consume` in input order; returns the inputs read, in order.
    static func run(
        files: [InputReader.InputFile], builder: DocumentBuilder, ingest: IngestStep, batchSize: Int, workers: Int,
        progress: Progress, consume: (Item) throws -> Void
    ) throws -> [Manifest.Input] {
        let workers = max(1, workers)
        let queue = BoundedQueue<Message>(capacity: max(2, workers * 2))
        let producer = Thread {
            var batch: [IngestItem] = []
            var bytes = 0
            do {
                for file in files {
                    let hash = try ingest.read(file) { item in
                        batch.append(item)
                        if case .record(let r) = item { bytes += r.fields.approximateBytes }
                        if batch.count >= batchSize || bytes >= Self.batchBytes {
                            guard queue.put(.batch(batch)) else { throw CancellationError() }
                            batch.removeAll(keepingCapacity: true)
                            bytes = 0
                        }
                    }
                    queue.put(.inputRead(path: file.path, bytes: file.bytes, sha256: hash ?? ""))
                }
                if !batch.isEmpty { queue.put(.batch(batch)) }
                queue.finish()
            } catch {
                queue.finish(error: error)
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        defer { queue.finish() }

        var inputs: [Manifest.Input] = []
        let limit = workers * 2
        let results = ReorderBuffer<Step>()
        var issued = 0, next = 0
        func consumeNext(wait: Bool) throws -> Bool {
            guard next < issued, let step = results.take(next, wait: wait) else { return false }
            next += 1
            switch step {
            case .processed(let items):
                for item in items { try consume(item) }
                progress.records += items.count
                progress.tick()
            case .inputRead(let input):
                inputs.append(input)
                progress.fileDone(bytes: input.bytes)
            }
            return true
        }
        while let message = try queue.take() {
            if issued - next >= limit { _ = try consumeNext(wait: true) }
            let sequence = issued
            issued += 1
            switch message {
            case .batch(let batch):
                DispatchQueue.global().async {
                    let items = batch.map { item -> Item in
                        switch item {
                        case .record(let r): return .document(builder.build(r))
                        case .rejected(let r): return .rejected(r)
                        }
                    }
                    results.put(sequence, .processed(items))
                }
            case .inputRead(let path, let bytes, let sha):
                results.put(sequence, .inputRead(Manifest.Input(path: path, bytes: bytes, sha256: sha)))
            }
            while try consumeNext(wait: false) {}
        }
        while try consumeNext(wait: true) {}
        return inputs
    }
}
