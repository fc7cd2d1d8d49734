import Dispatch
import Foundation
import Logging
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
        /// Wait for another run's lock instead of failing with `DatasetLock.Busy`.
        public var waitForLock = false
        /// Rebuild the dataset from all inputs instead of reading only new and changed ones.
        public var fullRefresh = false
        /// Where progress and notes go; the CLI installs a handler for text or JSON lines.
        public var logger = Logger(label: "warraq")
        /// Redraw one progress line on standard error instead of logging it (a terminal reading text logs).
        public var liveProgress = false

        public init(
            config: PipelineConfig, pipelinePath: String, pipelineText: String, inputs: [String], output: String,
            workers: Int
        ) {
            self.config = config; self.pipelinePath = pipelinePath; self.pipelineText = pipelineText
            self.inputs = inputs; self.output = output; self.workers = workers
        }
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// The summary as one JSON object (for `--log-format json`).
        public var json: JSONValue {
            .object(
                JSONObject(
                    members: [
                        ("time", .string(Manifest.iso(Date()))), ("level", .string("info")),
                        ("event", .string(published ? "published" : "nothing_new")),
                        ("version", .number(String(version))), ("counts", counts.json),
                        ("inputs_unchanged", .number(String(unchangedInputs))),
                        ("shards", .number(String(shards))), ("shard_bytes", .number(String(shardBytes))),
                        ("input_bytes", .number(String(inputBytes))),
                        ("seconds", .number(String(format: "%.3f", seconds))),
                        ("manifest", .string(manifestPath)),
                    ] + (refreshReason.map { [("refreshed_because", JSONValue.string($0))] } ?? [])))
        }

        /// False when nothing was new: no version was published.
        public var published = true
        /// Inputs skipped because the dataset already holds them unchanged.
        public var unchangedInputs = 0
        public var version = 0
        public var counts: RunCounts
        public var shards: Int
        public var shardBytes: Int64
        public var inputBytes: Int64
        public var seconds: Double
        public var manifestPath: String
        /// Why every input was read again although the run was incremental (the pipeline file or warraq changed).
        public var refreshReason: String?
    }

    let options: Options

    public init(options: Options) { self.options = options }

    public func run() throws -> Summary {
        let started = Date()
        let config = options.config
        let dataset = options.output
        let runID = Self.makeRunID(started)
        let transaction = try DatasetTransaction(dataset: dataset, wait: options.waitForLock)
        for note in transaction.notes { options.logger.warning("\(note)", metadata: ["event": "note"]) }
        let staging = try transaction.stagingFolder(run: runID)
        var published = false
        defer { if !published { transaction.discardStaging(staging) } }

        let ingest = IngestStep(options: config.ingest)
        let (allFiles, skipped, problems) = ingest.scan(options.inputs)
        CrashPoint.pause("listed")
        // Rows made by another pipeline file or another warraq are not this run's: all inputs are read again.
        let pipelineSHA256 = SHA256.hex(of: options.pipelineText)
        let (previous, refreshReason) = IncrementalCarryOver.base(
            transaction.current, fullRefresh: options.fullRefresh, pipelineSHA256: pipelineSHA256)
        let plan = IncrementalPlan(files: allFiles, previous: previous)
        if plan.nothingToDo && problems.isEmpty, let previous {
            return Summary(
                published: false, unchangedInputs: plan.unchanged.count, version: previous.version, counts: RunCounts(),
                shards: 0, shardBytes: 0, inputBytes: 0, seconds: Date().timeIntervalSince(started),
                manifestPath: transaction.folder.manifestPath)
        }
        let files = plan.toProcess
        let inputBytes = files.reduce(0) { $0 + $1.bytes }
        let progress = Progress(
            totalFiles: files.count, totalBytes: inputBytes, quiet: options.quiet,
            live: options.liveProgress, logger: options.logger)
        let builder = DocumentBuilder(config: config)
        let writer = try PartitionedWriter(
            datasetDir: dataset, stagingDir: staging, partitionBy: config.partitionBy, columns: builder.columns,
            shardOptions: config.writer, workers: options.workers)
        let rejectsName = "_rejects/\(runID).jsonl"
        for folder in [DatasetFolder.rejectsFolder, DatasetFolder.nearIndexFolder] {
            try FileManager.default.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
        }
        let ledger = RunLedger(rejects: try RejectsFile(path: staging + "/" + rejectsName))
        // Rows kept from earlier runs come first in input order: duplicates point at them.
        // Index segments are named by the version they are made for (unique, as run ids within a second are not).
        let start = try IncrementalCarryOver.start(
            previous, config: config, dataset: dataset, staging: staging, plan: plan, writer: writer,
            version: transaction.nextVersion)
        var dedup = start.dedup
        let (nearIndex, kept, segmentName) = (start.nearIndex, start.kept, start.segmentName)

        var inputs = try Self.process(
            files: files, problems: problems, builder: builder, ingest: ingest, config: config,
            workers: options.workers, progress: progress, ledger: ledger, dedup: &dedup, writer: writer)
        progress.finish()
        let counts = ledger.counts
        guard counts.balanced else {
            throw DatasetError.unbalancedCounts(counts)
        }

        let shards = try writer.finish()
        try ledger.rejects.close()
        let near = try nearIndex.map { try Self.finishNear($0, name: segmentName, kept: start.keptNear) }
        CrashPoint.here("staged")
        let entries = try Manifest.Shard.hashed(shards)
        // Per-input counts are complete only now (a batch can hold the end of one file and the start of the next).
        for i in inputs.indices { inputs[i].counts = ledger.perInput[inputs[i].path] ?? RunCounts() }
        let (allInputs, datasetCounts) = IncrementalCarryOver.datasetInputs(
            files: allFiles, readNow: inputs, plan: plan, problems: problems)
        let rejectsNow = ledger.rejects.lines > 0 ? rejectsName : nil
        let run = Manifest.Run(
            id: runID, startedAt: Manifest.iso(started), finishedAt: Manifest.iso(Date()),
            warraqVersion: WarraqInfo.version,
            pipeline: options.pipelinePath, pipelineName: config.name, pipelineSHA256: pipelineSHA256,
            workers: max(1, options.workers), counts: counts)
        let manifest = Manifest(
            version: 0, run: run, inputs: allInputs, skippedFiles: skipped,
            schema: Manifest.columns(writer.schema, partitionBy: config.partitionBy),
            partitionBy: config.partitionBy.map(\.rawValue),
            shards: kept.unchanged + kept.rewritten + entries,
            rejects: (previous?.rejects ?? []) + (rejectsNow.map { [$0] } ?? []), counts: datasetCounts,
            nearIndex: near?.index)
        var moves = (kept.rewritten + entries).map {
            (from: DatasetFolder.stagedPath($0.path, in: staging), to: $0.path)
        }
        if let rejectsNow { moves.append((from: staging + "/" + rejectsNow, to: rejectsNow)) }
        moves += near?.moves ?? []
        let version = try IncrementalCarryOver.publish(
            manifest, moves: moves, config: config, transaction: transaction, staging: staging, writer: writer)
        published = true
        transaction.discardStaging(staging)
        return Summary(
            published: true, unchangedInputs: plan.unchanged.count, version: version, counts: counts,
            shards: shards.count + kept.rewritten.count, shardBytes: entries.reduce(0) { $0 + $1.bytes },
            inputBytes: inputBytes, seconds: Date().timeIntervalSince(started),
            manifestPath: transaction.folder.manifestPath, refreshReason: refreshReason)
    }

    /// The in-order steps over the path problems, then `files`: count, drop, dedup, partition, write. `marked` sees
    /// each row the dedup step decided, before it is written. Returns the inputs read, in order.
    static func process(
        files: [InputReader.InputFile], problems: [Rejection], builder: DocumentBuilder, ingest: IngestStep,
        config: PipelineConfig, workers: Int, progress: Progress, ledger: RunLedger, dedup: inout DedupStep,
        writer: PartitionedWriter, marked: ((Document, PartitionStep.Key) throws -> Void)? = nil
    ) throws -> [Manifest.Input] {
        let partition = PartitionStep(partitionBy: config.partitionBy)
        func consume(_ item: OrderedProcessing.Item) throws {
            switch item {
            case .rejected(let r): try ledger.rejected(r)
            case .document(var doc):
                ledger.read(doc)
                if let reason = try doc.dropReason ?? dedup.mark(&doc) { return try ledger.dropped(doc, reason) }
                let key = partition.key(doc)
                try marked?(doc, key)
                try writer.append(doc, in: key)
                ledger.written(doc)
            }
        }
        for problem in problems { try consume(.rejected(problem)) }
        return try OrderedProcessing.run(
            files: files, builder: builder, ingest: ingest, batchSize: config.batchSize, workers: workers,
            progress: progress, consume: consume)
    }

    /// Where an index segment named `name` goes, relative to the dataset (and to a run's staging folder).
    static func nearSegmentPath(_ name: String) -> String { "\(DatasetFolder.nearIndexFolder)/\(name).idx" }

    /// Closes the run's index segment; returns the new version's index (the kept segments, then the run's, if it
    /// indexed any row) and the staged segments to move into place.
    static func finishNear(
        _ index: NearDuplicateIndex, name: String,
        kept: (segments: [Manifest.NearIndex.Segment], moves: [(from: String, to: String)])
    ) throws -> (index: Manifest.NearIndex, moves: [(from: String, to: String)]) {
        try index.writer.finish()
        var segments = kept.segments, moves = kept.moves
        let relative = nearSegmentPath(name)
        if index.writer.rows > 0 {
            segments.append(try Manifest.NearIndex.Segment(staged: index.writer, relative: relative))
            moves.append((from: index.writer.path, to: relative))
        }
        let p = index.options.minHash
        return (Manifest.NearIndex(shingle: p.shingle, bands: p.bands, rows: p.rows, segments: segments), moves)
    }

    public static func makeRunID(_ date: Date) -> String {
        let stamp = CivilTime.formatTimestamp(Int64(date.timeIntervalSince1970 * 1_000_000))
        let compact = stamp.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").prefix(15)
        return "\(compact)Z-\(String(getpid(), radix: 16))"
    }

    /// Times the clean and annotate stages alone on one core: every record is ingested first, then built
    /// five times over; the fastest pass counts.
    public static func measureStages(paths: [String], config: PipelineConfig) throws -> (
        records: Int, textBytes: Int, seconds: Double
    ) {
        let builder = DocumentBuilder(config: config)
        var records: [RawRecord] = []
        let ingest = IngestStep(options: config.ingest)
        let (files, _, _) = ingest.scan(paths)
        for file in files {
            try ingest.read(file) {
                if case .record(let r) = $0 { records.append(r) }
            }
        }
        var bytes = 0
        for r in records {
            for key in config.fields.text + config.fields.title + ["text"] {
                if case .string(let s)? = r.fields[key] { bytes += s.utf8.count; break }
            }
        }
        // The fastest of five passes: the others measure what else the machine was doing.
        var seconds = Double.infinity
        var sink = 0
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for r in records { sink &+= builder.build(r).wordCount }
            seconds = min(seconds, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        _ = sink
        return (records.count, bytes, seconds)
    }

    /// Runs ingest, clean and annotate only (no dedup across files, no writing): for `warraq annotate`.
    public static func annotate(
        paths: [String], config: PipelineConfig, emit: @escaping (Result<Document, Rejection>) throws -> Void
    ) throws {
        let builder = DocumentBuilder(config: config)
        let ingest = IngestStep(options: config.ingest)
        let (files, _, problems) = ingest.scan(paths)
        for p in problems { try emit(.failure(p)) }
        // Near-duplicates are looked up in an index of the documents so far, whose segment is a temporary file.
        let segment = NSTemporaryDirectory() + "/warraq-annotate-\(getpid()).idx"
        defer { unlink(segment) }
        let near =
            try config.dedup.near.enabled
            ? NearDuplicateIndex(options: config.dedup.near, writingTo: segment) : nil
        var dedup = DedupStep(options: config.dedup, near: near)
        for file in files {
            try ingest.read(file) { item in
                switch item {
                case .record(let r):
                    var doc = builder.build(r)
                    if doc.dropReason == nil { doc.dropReason = try dedup.mark(&doc) }
                    try emit(.success(doc))
                case .rejected(let r): try emit(.failure(r))
                }
            }
        }
    }
}

extension Rejection: Error {}
