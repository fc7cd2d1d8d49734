import Dispatch
import Foundation
import Parquet

/// Runs a pipeline: ingest on its own thread, clean and annotate in parallel over batches, then in
/// input order dedup, filter, partition and write shards into a staging folder, and publish atomically.
/// The shards' bytes depend only on the input and the pipeline, never on `workers`.
public final class PipelineRunner {
    public struct Options: Sendable {
        public var config: PipelineConfig
        public var pipelinePath: String
        public var pipelineText: String
        public var inputs: [String]
        public var output: String
        public var workers: Int
        public var quiet = false

        public init(config: PipelineConfig, pipelinePath: String, pipelineText: String, inputs: [String], output: String, workers: Int) {
            self.config = config; self.pipelinePath = pipelinePath; self.pipelineText = pipelineText
            self.inputs = inputs; self.output = output; self.workers = workers
        }
    }

    /// What a run did.
    public struct Summary: Sendable {
        public var counts: RunCounts
        public var shards: Int
        public var shardBytes: Int64
        public var inputBytes: Int64
        public var seconds: Double
        public var manifestPath: String
    }

    private enum Processed: Sendable {
        case document(Document)
        case rejected(Rejection)
    }

    /// A processed batch, or a finished input, in input order.
    private enum Step: Sendable {
        case processed([Processed], [String: Int])
        case inputRead(Manifest.Input)
    }

    private enum Message: Sendable {
        case batch([IngestItem])
        case inputRead(path: String, bytes: Int64, sha256: String)
    }

    let options: Options

    public init(options: Options) { self.options = options }

    public func run() throws -> Summary {
        let started = Date()
        let config = options.config
        let dataset = options.output
        let runID = Self.makeRunID(started)
        let staging = dataset + "/_staging/" + runID
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw PublishError("cannot create the staging folder \(staging): \(error.localizedDescription); check that \(dataset) is writable")
        }
        var published = false
        defer { if !published { try? FileManager.default.removeItem(atPath: staging) } }

        let (files, skipped, problems) = InputReader(paths: options.inputs).scan()
        let progress = Progress(totalFiles: files.count, totalBytes: files.reduce(0) { $0 + $1.bytes }, quiet: options.quiet)
        let queue = BoundedQueue<Message>(capacity: max(2, options.workers * 2))
        let batchSize = config.batchSize
        let producer = Thread {
            var batch: [IngestItem] = []
            batch.reserveCapacity(batchSize)
            do {
                for file in files {
                    let hash = try InputReader.read(file) { item in
                        batch.append(item)
                        if batch.count >= batchSize {
                            guard queue.put(.batch(batch)) else { throw CancellationError() }
                            batch.removeAll(keepingCapacity: true)
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

        let builder = DocumentBuilder(config: config)
        let writer = PartitionedWriter(datasetDir: dataset, stagingDir: staging, partitionBy: config.partitionBy,
                                       shardOptions: config.writer, workers: options.workers)
        let rejectsName = "_rejects/\(runID).jsonl"
        try FileManager.default.createDirectory(atPath: staging + "/_rejects", withIntermediateDirectories: true)
        let rejects = try RejectsFile(path: staging + "/" + rejectsName)
        var counts = RunCounts()
        var inputs: [Manifest.Input] = []
        var firstByHash: [String: String] = [:]

        func consume(_ item: Processed) throws {
            counts.recordsIn += 1
            switch item {
            case .rejected(let r):
                counts.rejected[r.reason, default: 0] += 1
                try rejects.add(kind: "rejected", inputPath: r.inputPath, inputRecord: r.inputRecord, reason: r.reason, detail: r.detail, excerpt: r.excerpt)
            case .document(var doc):
                if let reason = doc.dropReason {
                    counts.dropped[reason, default: 0] += 1
                    try rejects.add(kind: "dropped", inputPath: doc.inputPath, inputRecord: doc.inputRecord, reason: reason,
                                    detail: "dropped by the filter stage", excerpt: String(doc.text.prefix(200)), id: doc.id)
                    return
                }
                if let first = firstByHash[doc.contentHash] { doc.duplicateOf = first } else { firstByHash[doc.contentHash] = doc.id }
                try writer.append(doc)
                counts.rowsWritten += 1
            }
        }

        for problem in problems { try consume(.rejected(problem)) }
        // Batches are processed on worker threads while earlier ones are consumed here, in input order.
        let workers = max(1, options.workers)
        let limit = workers * 2
        let results = ReorderBuffer<Step>()
        var issued = 0, next = 0
        func consumeNext(wait: Bool) throws -> Bool {
            guard next < issued, let step = results.take(next, wait: wait) else { return false }
            next += 1
            switch step {
            case .processed(let items, let decoded):
                for item in items { try consume(item) }
                for (encoding, n) in decoded { counts.decoded[encoding, default: 0] += n }
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
                    var decoded: [String: Int] = [:]
                    let items = batch.map { item -> Processed in
                        switch item {
                        case .record(let r):
                            if r.encoding != .utf8 { decoded[r.encoding.rawValue, default: 0] += 1 }
                            return .document(builder.build(r))
                        case .rejected(let r): return .rejected(r)
                        }
                    }
                    results.put(sequence, .processed(items, decoded))
                }
            case .inputRead(let path, let bytes, let sha):
                results.put(sequence, .inputRead(Manifest.Input(path: path, bytes: bytes, sha256: sha)))
            }
            while try consumeNext(wait: false) {}
        }
        while try consumeNext(wait: true) {}
        progress.finish()
        guard counts.balanced else {
            throw PublishError("internal error: \(counts.recordsIn) records in, but \(counts.rowsWritten) written + \(counts.droppedTotal) dropped + \(counts.rejectedTotal) rejected")
        }

        let shards = try writer.finish()
        try rejects.close()
        let hashes = ResultSlots<Result<(hex: String, bytes: Int64), any Error>>(count: shards.count)
        let paths = shards.map(\.stagingPath)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in hashes.set(i, Result { try FileOps.sha256(path: paths[i]) }) }
        var entries: [Manifest.ShardEntry] = []
        for (i, shard) in shards.enumerated() {
            let (sha, bytes) = try hashes.get(i).get()
            entries.append(Manifest.ShardEntry(shard: shard, bytes: bytes, sha256: sha))
        }
        let manifest = Manifest(
            runID: runID, startedAt: started, finishedAt: Date(), pipelinePath: options.pipelinePath,
            pipelineSHA256: SHA256.hex(of: options.pipelineText), pipelineName: config.name, workers: workers,
            inputs: inputs, skippedFiles: skipped, schema: writer.schema, partitionBy: config.partitionBy, shards: entries,
            rejectsPath: rejects.lines > 0 ? rejectsName : nil, runCounts: counts, datasetCounts: counts)
        try Publisher(dataset: dataset, staging: staging, keepVersions: config.history.keepVersions).publish(manifest: manifest, shards: shards, rejects: rejects.lines > 0 ? rejectsName : nil)
        published = true
        try? FileManager.default.removeItem(atPath: staging)
        // The staging parent goes too, but only when empty (rmdir never removes another run's staging).
        rmdir(dataset + "/_staging")
        return Summary(counts: counts, shards: shards.count, shardBytes: entries.reduce(0) { $0 + $1.bytes },
                       inputBytes: files.reduce(0) { $0 + $1.bytes }, seconds: Date().timeIntervalSince(started),
                       manifestPath: dataset + "/manifest.json")
    }

    static func makeRunID(_ date: Date) -> String {
        let stamp = CivilTime.formatTimestamp(Int64(date.timeIntervalSince1970 * 1_000_000))
        let compact = stamp.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").prefix(15)
        return "\(compact)Z-\(String(getpid(), radix: 16))"
    }

    /// Runs ingest, clean and annotate only (no dedup across files, no writing): for `warraq annotate`.
    public static func annotate(paths: [String], config: PipelineConfig, emit: @escaping (Result<Document, Rejection>) throws -> Void) throws {
        let builder = DocumentBuilder(config: config)
        let (files, problems) = InputReader(paths: paths).files()
        for p in problems { try emit(.failure(p)) }
        var firstByHash: [String: String] = [:]
        for file in files {
            try InputReader.read(file) { item in
                switch item {
                case .record(let r):
                    var doc = builder.build(r)
                    if doc.dropReason == nil {
                        if let first = firstByHash[doc.contentHash] { doc.duplicateOf = first } else { firstByHash[doc.contentHash] = doc.id }
                    }
                    try emit(.success(doc))
                case .rejected(let r): try emit(.failure(r))
                }
            }
        }
    }
}

extension Rejection: Error {}
